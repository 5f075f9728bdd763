/**
 * The local GitHub stand-in: one node:http server with
 *
 *   - REST on `/…` and `/api/v3/…` (GitHub Enterprise Server layout), every request checked
 *     against GitHub's OpenAPI description (test/contracts/rest.ts) first;
 *   - GraphQL on `/graphql` and `/api/graphql`, executed against GitHub's schema;
 *   - app authentication (RS256 JWT -> installation tokens) and plain tokens;
 *   - a control API under `/_sim/` (user actions that deliver signed webhooks, reads of
 *     issues, files, the request log, contract violations, deliveries; reset; the clock;
 *     realism switches).
 *
 *   const sim = await startSimulator({ world: "examples/worlds/community.yml", app: { id: 1, publicKeyPem } });
 *   // GHE_HOST=127.0.0.1:<sim.port> GHE_PROTOCOL=http for Probot; GITHUB_API_URL=sim.url for an Action
 *   await sim.close();
 *
 * See docs/simulator.md.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { checkRestRequest, checkRestResponse, restOperation } from "../contracts/rest.js";
import { checkWebhookPayload } from "../contracts/webhooks.js";
import { type ActOutcome, performAction, type ActRequest } from "./actions.js";
import { authenticate, describePrincipal, type Principal, publicKeyFromPrivateKey, TokenStore } from "./auth.js";
import { type Delivery, type DeliveryAttempt, newGuid, WebhookDeliveries } from "./deliveries.js";
import { operationType, runGraphQL } from "./graphql.js";
import { subscribed, webhookPayload } from "./payloads.js";
import { restLimitRefusal } from "./limits.js";
import { ContentCreationTracker, type Realism, SECONDARY_RATE_LIMIT_DOCS, SECONDARY_RATE_LIMIT_MESSAGE, secondaryLimit, seededRandom } from "./realism.js";
import { DEFAULT_URLS, Render, type Urls } from "./render.js";
import { APP_ROUTES, DOCS, HANDLERS, isContentCreating, type RestResult } from "./rest.js";
import { applyWorldClock, Clock, type ClockSettings, type Issue, SimError, type SimEvent, State } from "./state.js";
import { resolveWorld, type World, type WorldSpec } from "./world.js";

export type { Realism } from "./realism.js";
export type { World, WorldSpec } from "./world.js";
export type { ActRequest } from "./actions.js";
export type { Delivery, DeliveryAttempt } from "./deliveries.js";

export interface SimulatorOptions {
  /** The world: an object, or the path of a `.yml`/`.yaml`/`.json` world file. */
  world: World | WorldSpec | string;
  /** 0 (default) = any free port. */
  port?: number;
  host?: string;
  /** Where webhooks go (e.g. Probot's `http://127.0.0.1:3000/api/github/webhooks`) and the secret that signs them. */
  webhook?: { url: string; secret: string };
  /** The app's id (overrides the world's) and public key (or the private key, whose public half is used). */
  app?: { id?: number; publicKeyPem?: string; privateKeyPem?: string };
  realism?: Realism;
  /** The simulated clock's source; default the real clock (shifted to the world's `now`, if it names one). */
  now?: () => Date;
  /**
   * Base URLs that appear in answers and payloads (`html_url`, `url`, …). Default github.com's
   * (stable output for snapshots and the demo); "local" = this server, as a GHES would answer.
   */
  urls?: Partial<Urls> | "local";
  /** Check every answer against GitHub's description (checkRestResponse); default true. */
  checkResponses?: boolean;
  /** Check webhook payloads even while no webhook URL is set (they are always checked before they are sent); default false. */
  checkWebhooks?: boolean;
  /** How long a webhook receiver may take to answer before the attempt is recorded as `timed out`; default 10 000 (GitHub.com's 10 s). */
  webhookTimeoutMs?: number;
}

export interface LogEntry {
  seq: number;
  /** Real time of the request (ISO). */
  at: string;
  /** Simulated time when it was answered. */
  simTime: string;
  kind: "rest" | "graphql";
  method: string;
  /** Path with query, without a `/api/v3` prefix. */
  path: string;
  /** `METHOD /template` of the REST operation, or "graphql". */
  route: string;
  operationName?: string;
  /** GraphQL: the operation's variables (what a test asks of a search: its query). */
  variables?: Record<string, unknown>;
  status: number;
  /** `installation:1`, `token:alice`, `app:42`, `anonymous`. */
  principal: string;
  installationId?: number;
  login?: string;
  durationMs: number;
  contentCreating: boolean;
  /** Why a request failed on purpose (realism) or was refused. */
  note?: string;
}

export interface Violation {
  seq: number;
  at: string;
  /** rest: a request GitHub would refuse; graphql: likewise; response: an answer of the simulator that does not match GitHub's description (a simulator bug); webhook: a payload that does not (a simulator bug); unimplemented: a valid request the simulator cannot answer yet; internal: a simulator crash. */
  kind: "rest" | "graphql" | "response" | "webhook" | "unimplemented" | "internal";
  request: string;
  messages: string[];
}

export interface Simulator {
  url: string;
  port: number;
  /** The live state (replaced by `reset()`). */
  readonly state: State;
  readonly clock: Clock;
  /** Every API request, in order. */
  readonly log: LogEntry[];
  /** Contract violations (empty in a healthy run). */
  readonly violations: Violation[];
  setWebhook(url: string, secret: string): void;
  setRealism(r: Realism): void;
  realism(): Realism;
  /** Webhook deliveries, one per event and installation (guid), oldest first; each with its `attempts`. */
  deliveries(): Delivery[];
  /** Every POST to the webhook URL (first deliveries and redeliveries), oldest first, as GitHub's `GET /app/hook/deliveries` shows them. */
  deliveryAttempts(): DeliveryAttempt[];
  /** Posts an attempt's payload again (as `POST /app/hook/deliveries/{id}/attempts`); resolves with the new attempt once it was made. SimError 404 for an unknown attempt or without a webhook URL. */
  redeliver(attemptId: number): Promise<DeliveryAttempt>;
  /** Resolves when every webhook queued so far (redeliveries too) has been attempted. */
  settled(): Promise<void>;
  /** A user action, as `POST /_sim/act` (in-process). */
  act(a: ActRequest): Promise<ActResult>;
  /** Back to the loaded world (log, violations, deliveries and counters cleared; tokens kept). */
  reset(): void;
  setClock(s: ClockSettings): void;
  stats(): SimStats;
  close(): Promise<void>;
}

export interface ActResult {
  ok: true;
  changed: boolean;
  /** The first delivery the action caused (null when none: reactions send no webhook). */
  delivery: { id: string; name: string; event: string; status: number | null } | null;
  deliveries: Array<{ id: string; name: string; event: string; status: number | null }>;
  issue?: { number: number; nodeId: string; repo: string; url: string };
  comment?: { id: number };
  commit?: string;
  /** board-*: the item's node id. */
  projectItem?: string;
}

export interface SimStats {
  requests: number;
  byRoute: Record<string, number>;
  contentCreating: ReturnType<ContentCreationTracker["stats"]>;
  deliveries: number;
  violations: number;
}

// ------------------------------------------------------------------------------------ helpers

const JSON_TYPE = "application/json; charset=utf-8";

/** A request's body as text (the pad stand-ins read theirs the same way). */
export function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

const isoNow = () => new Date().toISOString();

/** GitHub's 422 wording for the kit's request violations. */
function invalidRequestMessage(violations: string[]): string {
  const lines = violations.map((v) => {
    let m: RegExpExecArray | null;
    if ((m = /body\/([^:]+): property is not declared/.exec(v))) return `"${m[1]!.split("/").pop()}" is not a permitted key.`;
    if ((m = /must have required property '([^']+)'/.exec(v))) return `"${m[1]}" wasn't supplied.`;
    if ((m = /query parameter "([^"]+)" is not defined/.exec(v))) return `"${m[1]}" is not a permitted key.`;
    if (/a request body is required/.test(v)) return "A request body is required.";
    return v.replace(/^[A-Z]+ \S+ \([^)]*\)\s*/, "");
  });
  return `Invalid request.\n\n${lines.join("\n")}`;
}

function issueSummary(sim: SimulatorImpl, i: Issue): Record<string, unknown> {
  const byContent = (list: Array<{ user: string; content: string }>) => {
    const out: Record<string, string[]> = {};
    for (const r of list) (out[r.content] ??= []).push(r.user);
    return out;
  };
  return {
    repo: i.repo.fullName,
    number: i.number,
    kind: i.kind,
    nodeId: i.nodeId,
    url: sim.render.issueHtml(i),
    title: i.title,
    body: i.body,
    state: i.state,
    stateReason: i.stateReason,
    author: i.author,
    createdAt: i.createdAt,
    updatedAt: i.updatedAt,
    closedAt: i.closedAt,
    labels: i.labels.map((l) => ({ ...l })),
    milestone: i.milestone === null ? null : (i.repo.milestones.get(i.milestone)?.title ?? null),
    assignees: [...i.assignees],
    pinned: i.pinned,
    locked: i.locked,
    reactions: byContent(i.reactions),
    comments: i.comments.map((c) => ({
      id: c.id,
      author: c.author,
      body: c.body,
      createdAt: c.createdAt,
      updatedAt: c.updatedAt,
      viaApp: c.viaApp,
      reactions: byContent(c.reactions),
    })),
    timeline: i.timeline.map((e) => ({ ...e })),
  };
}

// ------------------------------------------------------------------------------------ the server

class SimulatorImpl implements Simulator {
  url = "";
  port = 0;
  state!: State;
  render!: Render;
  readonly clock: Clock;
  readonly log: LogEntry[] = [];
  readonly violations: Violation[] = [];
  private readonly hook: WebhookDeliveries;
  private readonly tokens = new TokenStore();
  private readonly content = new ContentCreationTracker();
  private readonly points = new Map<string, { used: number; resetAt: number }>();
  private readonly restUsed = new Map<string, number>();
  private realismSettings: Realism = {};
  private random: () => number = Math.random;
  private collecting: Delivery[] | null = null;
  private seq = 0;
  private server: Server | null = null;
  private unsubscribe: (() => void) | null = null;
  private readonly world: WorldSpec;
  private urls: Urls = DEFAULT_URLS;

  constructor(private readonly options: SimulatorOptions) {
    this.world = resolveWorld(options.world);
    this.clock = new Clock(options.now);
    this.hook = new WebhookDeliveries(this.clock, () => this.state?.app?.id ?? 0, options.webhookTimeoutMs);
    if (options.webhook) this.hook.setHook(options.webhook);
    this.setRealism(options.realism ?? {});
  }

  async listen(): Promise<void> {
    const server = createServer((req, res) => {
      this.handle(req, res).catch((error: unknown) => {
        this.violation("internal", `${req.method} ${req.url}`, [error instanceof Error ? (error.stack ?? error.message) : String(error)]);
        if (!res.headersSent) this.reply(res, 500, { message: "Simulator error", documentation_url: DOCS });
      });
    });
    this.server = server;
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(this.options.port ?? 0, this.options.host ?? "127.0.0.1", () => resolve());
    });
    const addr = server.address() as AddressInfo;
    this.port = addr.port;
    this.url = `http://${this.options.host ?? "127.0.0.1"}:${this.port}`;
    const u = this.options.urls;
    this.urls = u === "local" ? { api: `${this.url}/api/v3`, web: this.url } : { ...DEFAULT_URLS, ...(u ?? {}) };
    this.load();
  }

  /** (Re)builds the state from the world. */
  private load(): void {
    this.unsubscribe?.();
    applyWorldClock(this.clock, this.world);
    this.state = new State(this.world, this.clock);
    const app = this.state.app;
    const o = this.options.app;
    if (o && !app) throw new Error("startSimulator: options.app is given, but the world has no `app:` to apply it to");
    if (app && o) {
      if (o.id !== undefined) app.id = o.id;
      if (o.publicKeyPem) app.publicKeyPem = o.publicKeyPem;
      else if (o.privateKeyPem) app.publicKeyPem = publicKeyFromPrivateKey(o.privateKeyPem);
    }
    if (app?.publicKeyPem && !app.publicKeyPem.includes("BEGIN")) {
      throw new Error("world app.public_key must be a PEM text");
    }
    this.state.indexHorizonMs = Math.max(60_000, 2 * (this.realismSettings.searchLagMs ?? 0));
    this.render = new Render(this.state, this.urls);
    this.unsubscribe = this.state.onEvent((e) => this.onEvent(e));
  }

  // -------------------------------------------------------------------------------- public API

  setWebhook(url: string, secret: string): void {
    this.hook.setHook({ url, secret });
  }

  setRealism(r: Realism): void {
    this.realismSettings = { ...r };
    this.random = r.fail5xx ? seededRandom(r.fail5xx.seed ?? 1) : Math.random;
    if (this.state) this.state.indexHorizonMs = Math.max(60_000, 2 * (r.searchLagMs ?? 0));
  }

  realism(): Realism {
    return { ...this.realismSettings };
  }

  deliveries(): Delivery[] {
    return this.hook.deliveries();
  }

  deliveryAttempts(): DeliveryAttempt[] {
    return this.hook.attempts();
  }

  async redeliver(attemptId: number): Promise<DeliveryAttempt> {
    return this.hook.redeliver(attemptId);
  }

  settled(): Promise<void> {
    return this.hook.settled();
  }

  reset(): void {
    this.load();
    this.log.length = 0;
    this.violations.length = 0;
    this.hook.clear();
    this.content.reset();
    this.points.clear();
    this.restUsed.clear();
  }

  setClock(s: ClockSettings): void {
    this.clock.set(s);
  }

  stats(): SimStats {
    const byRoute: Record<string, number> = {};
    for (const e of this.log)
      byRoute[e.operationName ? `graphql ${e.operationName}` : e.route] = (byRoute[e.operationName ? `graphql ${e.operationName}` : e.route] ?? 0) + 1;
    return {
      requests: this.log.length,
      byRoute,
      contentCreating: this.content.stats(),
      deliveries: this.hook.deliveries().length,
      violations: this.violations.length,
    };
  }

  async act(a: ActRequest): Promise<ActResult> {
    const caused: Delivery[] = [];
    const before = this.violations.length;
    this.collecting = caused;
    let outcome: ActOutcome;
    try {
      outcome = performAction(this.state, a);
    } finally {
      this.collecting = null;
    }
    const broken = this.violations.slice(before).filter((v) => v.kind === "webhook");
    if (broken.length)
      throw new Error(`simulator bug: ${a.action} built webhook payloads that GitHub's schema rejects:\n  ${broken.flatMap((v) => v.messages).join("\n  ")}`);
    await this.hook.settled();
    const summary = (d: Delivery) => ({ id: d.id, name: d.name, event: d.event, status: d.status });
    return {
      ok: true,
      changed: outcome.changed,
      delivery: caused[0] ? summary(caused[0]) : null,
      deliveries: caused.map(summary),
      ...(outcome.issue
        ? {
            issue: { number: outcome.issue.number, nodeId: outcome.issue.nodeId, repo: outcome.issue.repo.fullName, url: this.render.issueHtml(outcome.issue) },
          }
        : {}),
      ...(outcome.comment ? { comment: outcome.comment } : {}),
      ...(outcome.commit ? { commit: outcome.commit } : {}),
      ...(outcome.projectItem ? { projectItem: outcome.projectItem } : {}),
    };
  }

  async close(): Promise<void> {
    await this.hook.settled().catch(() => undefined);
    const server = this.server;
    if (!server) return;
    this.server = null;
    server.closeAllConnections?.();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  // -------------------------------------------------------------------------------- webhooks

  private violation(kind: Violation["kind"], request: string, messages: string[]): void {
    this.violations.push({ seq: ++this.seq, at: isoNow(), kind, request, messages });
  }

  private onEvent(e: SimEvent): void {
    const installations = e.repo ? this.state.installationsFor(e.repo) : e.project ? this.state.installationsForAccount(e.project.owner) : [];
    for (const inst of installations) {
      if (!subscribed(inst, e.event)) continue;
      const { name, payload } = webhookPayload(this.state, this.render, e, inst);
      // Checked before it is sent (schemas compile slowly: not when nothing is sent, unless asked to).
      const check = this.hook.configured() || this.options.checkWebhooks === true;
      const problems = check ? checkWebhookPayload(name, payload) : [];
      if (problems.length) {
        // A simulator bug: record it (tests fail on violations) and do not deliver a payload GitHub would never send.
        this.violation("webhook", name, problems);
        continue;
      }
      const d: Delivery = {
        id: newGuid(),
        name,
        event: e.event,
        ...(e.action ? { action: e.action } : {}),
        installationId: inst.id,
        repo: e.repo?.fullName ?? "",
        repositoryId: e.repo?.id ?? null,
        sender: e.sender,
        at: this.clock.iso(),
        status: null,
        payload,
        attempts: [],
      };
      this.collecting?.push(d);
      this.hook.enqueue(d);
    }
  }

  // -------------------------------------------------------------------------------- HTTP

  private reply(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
    const isText = typeof body === "string";
    const text = body === undefined || body === null ? "" : isText ? body : JSON.stringify(body);
    res.writeHead(status, {
      "content-type": isText ? "text/plain; charset=utf-8" : JSON_TYPE,
      ...headers,
      "content-length": String(Buffer.byteLength(text)),
    });
    res.end(text);
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const t0 = performance.now();
    const method = (req.method ?? "GET").toUpperCase();
    const requestUrl = new URL(req.url ?? "/", `http://${req.headers.host ?? `127.0.0.1:${this.port}`}`);
    const raw = await readBody(req);
    if (requestUrl.pathname === "/_sim" || requestUrl.pathname.startsWith("/_sim/")) return this.control(method, requestUrl, raw, res);

    const path = requestUrl.pathname;
    const isGraphQL = method === "POST" && (path === "/graphql" || path === "/api/graphql");
    const entry: LogEntry = {
      seq: 0,
      at: isoNow(),
      simTime: "",
      kind: isGraphQL ? "graphql" : "rest",
      method,
      path: `${path.replace(/^\/api\/v3(?=\/|$)/, "") || "/"}${requestUrl.search}`,
      route: isGraphQL ? "graphql" : `${method} ${path}`,
      status: 0,
      principal: "anonymous",
      durationMs: 0,
      contentCreating: false,
    };
    const answer = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      entry.status = status;
      entry.simTime = this.clock.iso();
      entry.durationMs = Math.round((performance.now() - t0) * 10) / 10;
      entry.seq = ++this.seq;
      this.log.push(entry);
      this.reply(res, status, body, { "x-github-request-id": `SIM:${entry.seq}`, "x-github-media-type": "github.v3; format=json", ...headers });
    };

    // Realism: latency, then injected server errors.
    const r = this.realismSettings;
    if (r.latencyMs && r.latencyMs > 0) await sleep(r.latencyMs);
    const injected = (r.failNext ?? 0) > 0 || (r.fail5xx ? this.random() < r.fail5xx.rate : false);
    if (injected) {
      if ((r.failNext ?? 0) > 0) r.failNext = (r.failNext ?? 0) - 1;
      entry.note = "injected 5xx (realism)";
      return answer(r.failStatus ?? r.fail5xx?.status ?? 502, { message: "Server Error" });
    }

    // Who is asking.
    const auth = authenticate(this.state, this.tokens, req.headers.authorization);
    const principal: Principal = auth.ok ? auth.principal : { kind: "anonymous" };
    entry.principal = describePrincipal(principal);
    if (principal.kind === "installation") entry.installationId = principal.installationId;
    if (principal.kind === "installation" || principal.kind === "token") entry.login = principal.login;

    if (isGraphQL) return this.graphql(raw, principal, auth, entry, answer);
    return this.rest(method, requestUrl, raw, principal, auth, entry, answer, req.headers.accept ?? "", String(req.headers["if-none-match"] ?? ""));
  }

  private rest(
    method: string,
    requestUrl: URL,
    raw: string,
    principal: Principal,
    auth: ReturnType<typeof authenticate>,
    entry: LogEntry,
    answer: (status: number, body: unknown, headers?: Record<string, string>) => void,
    accept: string,
    ifNoneMatch: string,
  ): void {
    const label = `${method} ${entry.path}`;
    const match = restOperation(method, `${requestUrl.pathname}${requestUrl.search}`);
    if (!match) {
      this.violation("rest", label, checkRestRequest({ method, url: `${requestUrl.pathname}${requestUrl.search}` }));
      return answer(404, { message: "Not Found", documentation_url: DOCS, status: "404" });
    }
    entry.route = match.route;
    if (!auth.ok) return answer(401, { message: auth.message, documentation_url: DOCS, status: "401" });
    const appRoute = APP_ROUTES.has(match.route);
    if (appRoute && principal.kind !== "app") {
      return answer(401, {
        message: principal.kind === "anonymous" ? "Requires authentication" : "A JSON web token could not be decoded",
        documentation_url: DOCS,
        status: "401",
      });
    }
    if (!appRoute && principal.kind !== "installation" && principal.kind !== "token") {
      return answer(401, { message: principal.kind === "anonymous" ? "Requires authentication" : "Bad credentials", documentation_url: DOCS, status: "401" });
    }

    let body: unknown;
    try {
      body = raw === "" ? undefined : JSON.parse(raw);
    } catch {
      body = raw;
    }
    // GitHub's size limits first, so a body or summary too long gets GitHub's wording (./limits.ts).
    const refused = restLimitRefusal(match.route, body);
    if (refused) {
      this.violation("rest", label, [refused.violation]);
      entry.note = refused.violation;
      return answer(422, refused.body);
    }
    const problems = checkRestRequest({ method, url: `${requestUrl.pathname}${requestUrl.search}`, body });
    if (problems.length) {
      this.violation("rest", label, problems);
      return answer(422, {
        message: invalidRequestMessage(problems),
        errors: problems.map((p) => ({ code: "invalid", message: p })),
        documentation_url: DOCS,
        status: "422",
      });
    }

    entry.contentCreating = isContentCreating(match.route);
    if (entry.contentCreating) {
      const limited = this.countContentCreation(entry.principal);
      if (limited) {
        entry.note = "secondary rate limit (realism)";
        return answer(403, limited.body, limited.headers);
      }
    }

    const handler = HANDLERS[match.route];
    if (!handler) {
      this.violation("unimplemented", label, [`the simulator does not implement ${match.route} yet (test/sim/rest.ts)`]);
      return answer(501, { message: `The Docket simulator does not implement ${match.route} yet`, documentation_url: DOCS });
    }
    let result: RestResult;
    try {
      result = handler({
        state: this.state,
        render: this.render,
        tokens: this.tokens,
        hook: this.hook,
        principal,
        match,
        params: match.params,
        body,
        accept,
        ifNoneMatch,
        requestUrl,
      });
    } catch (error) {
      if (error instanceof SimError) {
        entry.note = error.message;
        return answer(error.status, { message: error.message, documentation_url: DOCS, ...error.extra, status: String(error.status) });
      }
      throw error;
    }
    if (this.options.checkResponses !== false) {
      const v = checkRestResponse(method, match.template, result.status, result.body);
      if (v.length) this.violation("response", label, v);
    }
    // "Making a conditional request and receiving a 304 response does not count against your primary rate limit."
    answer(result.status, result.body, { ...this.rateHeaders(entry.principal, result.status !== 304), ...(result.headers ?? {}) });
  }

  private graphql(
    raw: string,
    principal: Principal,
    auth: ReturnType<typeof authenticate>,
    entry: LogEntry,
    answer: (status: number, body: unknown, headers?: Record<string, string>) => void,
  ): void {
    if (!auth.ok || (principal.kind !== "installation" && principal.kind !== "token")) {
      const message = !auth.ok ? auth.message : principal.kind === "anonymous" ? "This endpoint requires you to be authenticated." : "Bad credentials";
      return answer(401, { message, documentation_url: "https://docs.github.com/graphql/guides/forming-calls-with-graphql#authenticating-with-graphql" });
    }
    let body: Record<string, unknown> = {};
    try {
      const parsed: unknown = JSON.parse(raw);
      if (parsed && typeof parsed === "object" && !Array.isArray(parsed)) body = parsed as Record<string, unknown>;
    } catch {
      this.violation("graphql", "POST /graphql", ["the request body is not JSON"]);
      return answer(400, { message: "Problems parsing JSON", documentation_url: "https://docs.github.com/graphql" });
    }
    const key = entry.principal;
    const nowMs = Date.now();
    let pts = this.points.get(key);
    if (!pts || pts.resetAt <= nowMs) {
      pts = { used: 0, resetAt: nowMs + 3600_000 };
      this.points.set(key, pts);
    }
    pts.used += 1;
    // A mutation is content-creating: count it (and refuse it past the secondary limit) before it runs.
    const query = typeof body.query === "string" ? body.query : "";
    if (operationType(query, typeof body.operationName === "string" && body.operationName ? body.operationName : undefined) === "mutation") {
      entry.contentCreating = true;
      const limited = this.countContentCreation(key);
      if (limited) {
        entry.note = "secondary rate limit (realism)";
        return answer(403, limited.body, limited.headers);
      }
    }
    const outcome = runGraphQL(
      {
        state: this.state,
        urls: this.urls,
        principal,
        searchLagMs: this.realismSettings.searchLagMs ?? 0,
        points: { used: pts.used, limit: 5000, resetAt: new Date(pts.resetAt).toISOString().replace(/\.\d{3}Z$/, "Z") },
      },
      body,
    );
    if (outcome.operationName) entry.operationName = outcome.operationName;
    if (body.variables && typeof body.variables === "object") entry.variables = body.variables as Record<string, unknown>;
    const label = `GraphQL ${outcome.operationName ?? "(anonymous operation)"}`;
    if (outcome.violations.length) this.violation("graphql", label, outcome.violations);
    if (outcome.unimplemented.length)
      this.violation(
        "unimplemented",
        label,
        outcome.unimplemented.map((f) => `the simulator does not implement ${f} yet (test/sim/graphql.ts)`),
      );
    answer(outcome.status, outcome.body, {
      "x-ratelimit-limit": "5000",
      "x-ratelimit-remaining": String(Math.max(0, 5000 - pts.used)),
      "x-ratelimit-used": String(pts.used),
      "x-ratelimit-reset": String(Math.floor(pts.resetAt / 1000)),
      "x-ratelimit-resource": "graphql",
    });
  }

  /** Counts a content-creating request; returns GitHub's 403 when the secondary rate limit is exceeded. */
  private countContentCreation(who: string): { body: unknown; headers: Record<string, string> } | null {
    const result = this.content.attempt(who, secondaryLimit(this.realismSettings));
    if (result.allowed) return null;
    return {
      body: { message: `${SECONDARY_RATE_LIMIT_MESSAGE} SIM:${this.seq + 1}.`, documentation_url: SECONDARY_RATE_LIMIT_DOCS, status: "403" },
      headers: { "retry-after": String(result.retryAfter), "x-ratelimit-remaining": "4999" },
    };
  }

  private rateHeaders(principal: string, counts = true): Record<string, string> {
    const used = (this.restUsed.get(principal) ?? 0) + (counts ? 1 : 0);
    this.restUsed.set(principal, used);
    return {
      "x-ratelimit-limit": "5000",
      "x-ratelimit-remaining": String(Math.max(0, 5000 - used)),
      "x-ratelimit-used": String(used),
      "x-ratelimit-reset": String(Math.floor(Date.now() / 1000) + 3600),
      "x-ratelimit-resource": "core",
    };
  }

  // -------------------------------------------------------------------------------- control API

  private async control(method: string, url: URL, raw: string, res: ServerResponse): Promise<void> {
    const parts = url.pathname
      .split("/")
      .slice(2)
      .map((p) => decodeURIComponent(p));
    const route = `${method} /${parts[0] ?? ""}`;
    let body: Record<string, unknown> = {};
    if (raw) {
      try {
        body = JSON.parse(raw) as Record<string, unknown>;
      } catch {
        return this.reply(res, 400, { ok: false, error: "the body must be JSON" });
      }
    }
    const ok = (data: unknown) => this.reply(res, 200, data);
    const fail = (status: number, error: string) => this.reply(res, status, { ok: false, error });
    try {
      switch (route) {
        case "GET /health":
          return ok({ ok: true, url: this.url });
        case "POST /act":
          return ok(await this.act(body as unknown as ActRequest));
        case "GET /issues": {
          const [, owner, repoName, number] = parts;
          const repo = owner && repoName ? this.state.repo(owner, repoName) : undefined;
          if (!repo) return fail(404, `repository ${owner}/${repoName} not found`);
          if (number !== undefined) {
            const issue = this.state.issue(repo, Number(number));
            return issue ? ok(issueSummary(this, issue)) : fail(404, `${repo.fullName}#${number} not found`);
          }
          const label = url.searchParams.get("label")?.toLowerCase();
          const state = url.searchParams.get("state");
          const list = [...repo.issues.values()].filter(
            (i) => (!label || i.labels.some((l) => l.name.toLowerCase() === label)) && (!state || state === "all" || i.state === state),
          );
          return ok(list.sort((a, b) => a.number - b.number).map((i) => issueSummary(this, i)));
        }
        case "GET /files": {
          const [, owner, repoName, ...rest] = parts;
          const repo = owner && repoName ? this.state.repo(owner, repoName) : undefined;
          if (!repo) return fail(404, `repository ${owner}/${repoName} not found`);
          const commit = this.state.resolveRef(repo, url.searchParams.get("ref") ?? undefined);
          const path = rest.join("/");
          if (!path) return ok({ ref: commit?.sha, files: [...(commit?.files.keys() ?? [])].sort() });
          const blob = commit?.files.get(path);
          return blob
            ? this.reply(res, 200, blob.text, { "x-sim-sha": blob.sha, "x-sim-commit": commit!.sha })
            : fail(404, `${repo.fullName}:${path} not found`);
        }
        case "GET /check-runs": {
          const [, owner, repoName] = parts;
          const repo = owner && repoName ? this.state.repo(owner, repoName) : undefined;
          if (!repo) return fail(404, `repository ${owner}/${repoName} not found`);
          return ok(repo.checkRuns);
        }
        case "GET /log": {
          const since = Number(url.searchParams.get("since") ?? 0);
          return ok({ entries: this.log.filter((e) => e.seq > since), stats: this.stats() });
        }
        case "GET /stats":
          return ok(this.stats());
        case "GET /violations":
          return ok(this.violations);
        case "GET /deliveries": {
          const list = this.deliveries();
          return ok(url.searchParams.get("payloads") === "0" ? list.map(({ payload: _p, ...d }) => d) : list);
        }
        case "GET /attempts": {
          const since = Number(url.searchParams.get("since") ?? 0);
          return ok(this.deliveryAttempts().filter((a) => a.id > since));
        }
        case "POST /redeliver":
          if (typeof body.id !== "number") return fail(422, 'expected { "id": <attempt id> }');
          return ok({ ok: true, attempt: await this.redeliver(body.id) });
        case "GET /settled":
          await this.settled();
          return ok({ ok: true, deliveries: this.deliveries().length });
        case "POST /reset":
          this.reset();
          return ok({ ok: true });
        case "GET /realism":
          return ok(this.realism());
        case "POST /realism":
          this.setRealism(body as Realism);
          return ok(this.realism());
        case "GET /clock":
          return ok(this.clock.settings());
        case "POST /clock":
          this.setClock(body as ClockSettings);
          return ok(this.clock.settings());
        case "GET /webhook":
          return ok({ url: this.hook.hookUrl() });
        case "POST /webhook":
          if (typeof body.url !== "string" || typeof body.secret !== "string") return fail(422, 'expected { "url": "...", "secret": "..." }');
          this.setWebhook(body.url, body.secret);
          return ok({ ok: true });
        default:
          return fail(404, `no control route ${method} ${url.pathname} (see docs/simulator.md)`);
      }
    } catch (error) {
      if (error instanceof SimError) return fail(error.status, error.message);
      throw error;
    }
  }
}

/** Starts the simulator; resolves once it listens. */
export async function startSimulator(options: SimulatorOptions): Promise<Simulator> {
  const sim = new SimulatorImpl(options);
  await sim.listen();
  return sim;
}

export { Clock, SimError, State };
export { generateAppKeyPair, publicKeyFromPrivateKey, signAppJwt } from "./auth.js";
