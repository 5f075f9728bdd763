/**
 * A nock-based GitHub stand-in for app unit tests, with the contract checks built in.
 *
 *   const gh = mockGitHub();                       // https://api.github.com (+ /graphql)
 *   gh.graphql("DocketSearchTopics", (vars) => ({ search: { ... } }));
 *   gh.rest("PATCH /repos/{owner}/{repo}/issues/{issue_number}", (params, body) => [200, issue]);
 *   await probot.receive(webhookEvent("issues.labeled", issuesPayload("labeled", {...})));
 *   expect(gh.requests).toMatchInlineSnapshot();
 *   gh.assertDone();
 *
 * Every request is checked with checkRestRequest / checkGraphQLRequest, every mocked answer
 * with checkRestResponse / checkGraphQLResponse (unless `checkResponses: false`). A request
 * nothing was registered for is answered 501 and recorded. `assertDone()` throws on unused
 * expectations, unexpected requests and contract violations.
 */
import nock from "nock";
import { checkGraphQLRequest, checkGraphQLResponse, graphqlOperationName } from "../contracts/graphql.js";
import { checkRestRequest, checkRestResponse, restOperation, restOperations } from "../contracts/rest.js";

export interface MockGitHubOptions {
  /** REST base URL; default https://api.github.com. GHES: https://HOST/api/v3. */
  baseUrl?: string;
  /** GraphQL endpoint; default derived from baseUrl (…/graphql, or /api/graphql for GHES). */
  graphqlUrl?: string;
  /** Validate mocked answers against GitHub's schemas; default true. */
  checkResponses?: boolean;
  /** Answer installation-token requests automatically; default true. */
  installationTokens?: boolean;
  /** Record installation-token requests in `requests`; default false (keeps snapshots about the job). */
  recordTokenRequests?: boolean;
  /**
   * The GraphQL documents the code may send (e.g. `Object.values(await import("src/github/queries.js"))`);
   * when given, any other query text is a violation.
   */
  documents?: readonly unknown[];
}

export interface RecordedRequest {
  method: string;
  /** Path and query, without a GHES `/api/v3` prefix. */
  path: string;
  /** `METHOD /template` of the documented REST operation. */
  route?: string;
  operationName?: string;
  variables?: Record<string, unknown>;
  body?: unknown;
  /** The status the mock answered. */
  status: number;
}

export type RestAnswer = readonly [status: number, body?: unknown, headers?: Record<string, string>];
export type RestHandler = (params: Record<string, unknown>, body: any, request: RecordedRequest) => RestAnswer | Promise<RestAnswer>;
/** Returns `data`, or a whole response `{ data?, errors }`. */
export type GraphQLHandler = (variables: Record<string, any>, query: string) => unknown;

export interface ExpectOptions {
  /** How many requests this answers; default 1. */
  times?: number;
  /** Answer any number of requests, and do not count as unused. */
  persist?: boolean;
  /** Only answer requests this accepts (REST: params and body; GraphQL: variables). */
  match?: (paramsOrVariables: Record<string, any>, body?: any) => boolean;
}

interface Expectation {
  kind: "rest" | "graphql";
  key: string;
  handler: RestHandler | GraphQLHandler;
  remaining: number;
  persist: boolean;
  used: number;
  match?: ExpectOptions["match"];
  auto?: boolean;
}

const INSTALLATION_TOKEN_ROUTE = "POST /app/installations/{installation_id}/access_tokens";

export class GitHubMock {
  readonly requests: RecordedRequest[] = [];
  readonly violations: string[] = [];
  readonly unexpected: RecordedRequest[] = [];
  private readonly expectations: Expectation[] = [];
  private readonly restPrefix: string;
  private readonly graphqlPath: string;
  private readonly documents?: Set<string>;

  constructor(private readonly options: MockGitHubOptions = {}) {
    const base = new URL(options.baseUrl ?? "https://api.github.com");
    const gql = new URL(options.graphqlUrl ?? defaultGraphqlUrl(base));
    this.restPrefix = base.pathname.replace(/\/$/, "");
    this.graphqlPath = gql.pathname;
    if (options.documents) this.documents = new Set(options.documents.filter((d): d is string => typeof d === "string"));
    for (const origin of new Set([base.origin, gql.origin])) this.intercept(origin);
    if (options.installationTokens !== false) {
      this.expectations.push({
        kind: "rest",
        key: INSTALLATION_TOKEN_ROUTE,
        handler: ((params: Record<string, unknown>): RestAnswer => [201, installationToken(Number(params.installation_id))]) as RestHandler,
        remaining: Infinity,
        persist: true,
        used: 0,
        auto: true,
      });
    }
  }

  /** Expect a REST call, e.g. `gh.rest("GET /repos/{owner}/{repo}", () => [200, repo])`. */
  rest(route: string, handler: RestHandler | RestAnswer, opts: ExpectOptions = {}): this {
    const [method, template] = route.trim().split(/\s+/);
    const known = restOperations().find((o) => o.method === method?.toUpperCase() && o.template === template);
    if (!known) {
      throw new Error(
        `gh.rest(${JSON.stringify(route)}): not a vendored operation; add it to test/contracts/rest-operations.txt and run npx tsx scripts/vendor-openapi.ts`,
      );
    }
    const fn: RestHandler = typeof handler === "function" ? handler : () => handler;
    return this.add({ kind: "rest", key: known.route, handler: fn, opts });
  }

  /** Expect a GraphQL operation by its name (`query DocketSearchTopics(...)`). */
  graphql(operationName: string, handler: GraphQLHandler, opts: ExpectOptions = {}): this {
    return this.add({ kind: "graphql", key: operationName, handler, opts });
  }

  private add(e: { kind: Expectation["kind"]; key: string; handler: Expectation["handler"]; opts: ExpectOptions }): this {
    const persist = e.opts.persist === true;
    // A test's own handler for a route wins over the automatic one.
    const auto = this.expectations.findIndex((x) => x.auto && x.key === e.key);
    if (auto >= 0) this.expectations.splice(auto, 1);
    this.expectations.push({
      kind: e.kind,
      key: e.key,
      handler: e.handler,
      remaining: persist ? Infinity : (e.opts.times ?? 1),
      persist,
      used: 0,
      ...(e.opts.match ? { match: e.opts.match } : {}),
    });
    return this;
  }

  /** Expectations not (fully) used yet, as text. */
  pending(): string[] {
    return this.expectations
      .filter((e) => !e.persist && e.remaining > 0)
      .map((e) => `${e.kind === "graphql" ? "GraphQL " : ""}${e.key} (used ${e.used} of ${e.used + e.remaining})`);
  }

  /** Throws unless every expectation was used, nothing unexpected came and no contract was broken. */
  assertDone(): void {
    const problems: string[] = [];
    for (const p of this.pending()) problems.push(`expected but not requested: ${p}`);
    for (const u of this.unexpected) problems.push(`unexpected request: ${describe(u)}`);
    for (const v of this.violations) problems.push(`contract: ${v}`);
    if (problems.length) throw new Error(`GitHub mock:\n  ${problems.join("\n  ")}`);
  }

  private intercept(origin: string): void {
    const scope = nock(origin).persist();
    for (const method of ["GET", "POST", "PATCH", "PUT", "DELETE", "HEAD"]) {
      scope.intercept(() => true, method).reply(async (uri, body) => this.handle(method, uri, body));
    }
  }

  private async handle(method: string, uri: string, rawBody: unknown): Promise<[number, unknown, Record<string, string>]> {
    const body = parseJson(rawBody);
    const pathOnly = uri.split("?")[0]!;
    if (method === "POST" && pathOnly === this.graphqlPath) return this.handleGraphQL(uri, body);
    const path = this.restPrefix && uri.startsWith(`${this.restPrefix}/`) ? uri.slice(this.restPrefix.length) : uri;
    const match = restOperation(method, path);
    const rec: RecordedRequest = { method, path, status: 0, ...(match ? { route: match.route } : {}), ...(body !== undefined ? { body } : {}) };
    const label = `${method} ${path}`;
    for (const v of checkRestRequest({ method, url: path, body })) this.violations.push(v);

    const exp = match && this.take("rest", match.route, (e) => !e.match || e.match(match.params, body));
    if (!exp) return this.unexpectedAnswer(rec, `no expectation for ${label}`);
    if (!(exp.auto && !this.options.recordTokenRequests)) this.requests.push(rec);
    let answer: RestAnswer;
    try {
      answer = await (exp.handler as RestHandler)(match!.params, body, rec);
    } catch (e) {
      this.violations.push(`${label}: mock handler threw: ${e instanceof Error ? e.message : String(e)}`);
      answer = [500, { message: "mock handler threw" }];
    }
    const [status, json, headers = {}] = answer;
    rec.status = status;
    if (this.options.checkResponses !== false) {
      for (const v of checkRestResponse(method, match!.template, status, json)) this.violations.push(`mock answer: ${v}`);
    }
    const isText = typeof json === "string";
    return [status, json ?? "", { "content-type": isText ? "text/plain; charset=utf-8" : "application/json; charset=utf-8", ...headers }];
  }

  private async handleGraphQL(uri: string, body: unknown): Promise<[number, unknown, Record<string, string>]> {
    const b = (typeof body === "object" && body !== null ? body : {}) as { query?: unknown; variables?: unknown; operationName?: unknown };
    const query = typeof b.query === "string" ? b.query : "";
    const variables = (typeof b.variables === "object" && b.variables !== null ? b.variables : {}) as Record<string, unknown>;
    const explicitName = typeof b.operationName === "string" ? b.operationName : undefined;
    const operationName = explicitName ?? graphqlOperationName(query);
    const rec: RecordedRequest = {
      method: "POST",
      path: uri,
      ...(operationName ? { operationName } : {}),
      ...(Object.keys(variables).length ? { variables } : {}),
      status: 0,
    };
    const label = `GraphQL ${operationName ?? "(anonymous operation)"}`;
    for (const v of checkGraphQLRequest(query, variables, explicitName)) this.violations.push(`${label}: ${v}`);
    if (!operationName) this.violations.push(`${label}: name every operation so tests and logs can tell them apart`);
    if (this.documents && !this.documents.has(query)) {
      this.violations.push(`${label}: the query is not one of the documents exported by src/github/queries.ts`);
    }
    const exp = operationName ? this.take("graphql", operationName, (e) => !e.match || e.match(variables)) : undefined;
    if (!exp) return this.unexpectedAnswer(rec, `no expectation for ${label}`);
    this.requests.push(rec);
    let result: unknown;
    try {
      result = await (exp.handler as GraphQLHandler)(variables, query);
    } catch (e) {
      this.violations.push(`${label}: mock handler threw: ${e instanceof Error ? e.message : String(e)}`);
      result = { errors: [{ message: "mock handler threw" }] };
    }
    const full = isFullResponse(result) ? result : { data: result };
    rec.status = 200;
    if (this.options.checkResponses !== false && full.data !== undefined && full.data !== null && !full.errors) {
      for (const v of checkGraphQLResponse(query, variables, full.data, explicitName)) this.violations.push(`mock answer ${label}: ${v}`);
    }
    return [200, full, { "content-type": "application/json; charset=utf-8" }];
  }

  private take(kind: Expectation["kind"], key: string, accept: (e: Expectation) => boolean): Expectation | undefined {
    // The test's own expectations first, in registration order; the automatic ones last.
    const candidates = this.expectations.filter((e) => e.kind === kind && e.key === key && e.remaining > 0 && accept(e));
    const exp = candidates.find((e) => !e.auto) ?? candidates[0];
    if (exp) {
      exp.remaining--;
      exp.used++;
    }
    return exp;
  }

  private unexpectedAnswer(rec: RecordedRequest, message: string): [number, unknown, Record<string, string>] {
    rec.status = 501;
    this.requests.push(rec);
    this.unexpected.push(rec);
    return [
      501,
      { message: `github-mock: ${message}`, documentation_url: "test/helpers/github-mock.ts" },
      { "content-type": "application/json; charset=utf-8" },
    ];
  }
}

function defaultGraphqlUrl(base: URL): string {
  const p = base.pathname.replace(/\/$/, "");
  if (p.endsWith("/api/v3")) return `${base.origin}${p.slice(0, -"/v3".length)}/graphql`;
  return `${base.origin}${p}/graphql`;
}

function parseJson(raw: unknown): unknown {
  if (raw === undefined || raw === null || raw === "") return undefined;
  if (typeof raw !== "string") return raw;
  try {
    return JSON.parse(raw);
  } catch {
    return raw;
  }
}

function isFullResponse(v: unknown): v is { data?: unknown; errors?: unknown[] } {
  return typeof v === "object" && v !== null && Array.isArray((v as { errors?: unknown }).errors);
}

function describe(r: RecordedRequest): string {
  if (r.operationName !== undefined || r.path.endsWith("graphql")) return `GraphQL ${r.operationName ?? "(anonymous)"} ${JSON.stringify(r.variables ?? {})}`;
  return `${r.method} ${r.path}${r.body !== undefined ? ` ${JSON.stringify(r.body).slice(0, 200)}` : ""}`;
}

/** A token answer that matches GitHub's `installation-token` schema. */
export function installationToken(installationId = 1): Record<string, unknown> {
  return {
    token: `ghs_test_installation_${installationId}`,
    expires_at: new Date(Date.now() + 3600_000).toISOString(),
    permissions: { issues: "write", contents: "write", pull_requests: "write", checks: "write", metadata: "read" },
    repository_selection: "all",
  };
}

/** Creates a GitHub stand-in; removes the interceptors of any earlier one first. */
export function mockGitHub(options: MockGitHubOptions = {}): GitHubMock {
  resetGitHubMock();
  return new GitHubMock(options);
}

/** Removes every nock interceptor (call it in afterEach). Network stays disabled (test/setup.ts). */
export function resetGitHubMock(): void {
  nock.cleanAll();
}
