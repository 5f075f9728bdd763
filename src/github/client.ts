/**
 * The small client every resource module of the gateway (./gateway.ts) talks to GitHub through:
 * an Octokit-like interface, counted reads (REST and GraphQL), GraphQL connections read page by
 * page, and the one `write()` chokepoint, where dry-run, the per-run write budget and GitHub's
 * size limits are enforced and every write is logged.
 */
import { oversize, type WriteSizes } from "../domain/limits.js";
import type { Connection } from "./wire.js";

/** What Docket needs of an Octokit instance (ProbotOctokit and the Action's Octokit both fit). */
export interface OctokitLike {
  request: (route: string, params?: Record<string, unknown>) => Promise<{ status: number; data: unknown; headers?: Record<string, unknown> }>;
  graphql: (query: string, variables?: Record<string, unknown>) => Promise<unknown>;
}

/**
 * The same Octokit with `signal` on every request: once it is aborted nothing more is sent, not
 * even a request already waiting in Octokit's throttling (fetch refuses an aborted signal).
 */
export function withSignal(octokit: OctokitLike, signal: AbortSignal): OctokitLike {
  const add = (params: Record<string, unknown> = {}) => ({ ...params, request: { ...(params.request as Record<string, unknown> | undefined), signal } });
  return {
    request: (route, params) => octokit.request(route, add(params)),
    graphql: (query, variables) => octokit.graphql(query, add(variables)),
  };
}

/**
 * Gives each request of a long-lived Octokit its own copy of the request options.
 * @octokit/plugin-retry counts a request's retries on `options.request`, which requests of one
 * Octokit share: after one request used up its retries, the next one's first retry waited 25 s
 * instead of 1 s. The app keeps one Octokit per installation.
 */
export function ownRequestOptions<T extends { hook: { before(name: "request", hook: (options: { request?: object }) => void): void } }>(octokit: T): T {
  octokit.hook.before("request", (options) => {
    options.request = { ...options.request };
  });
  return octokit;
}

export interface Logger {
  debug(obj: unknown, msg?: string): void;
  info(obj: unknown, msg?: string): void;
  warn(obj: unknown, msg?: string): void;
  error(obj: unknown, msg?: string): void;
}

export const silentLogger: Logger = { debug() {}, info() {}, warn() {}, error() {} };

export interface RepoRef {
  owner: string;
  repo: string;
}

export const repoKey = (r: RepoRef): string => `${r.owner}/${r.repo}`;

/** The same repository (GitHub's names are case-insensitive). */
export function sameRepo(a: RepoRef, b: RepoRef): boolean {
  return a.owner.toLowerCase() === b.owner.toLowerCase() && a.repo.toLowerCase() === b.repo.toLowerCase();
}

export function parseRepo(nameWithOwner: string): RepoRef {
  const [owner = "", repo = ""] = nameWithOwner.split("/");
  return { owner, repo };
}

export function statusOf(error: unknown): number | undefined {
  const status = (error as { status?: unknown } | null)?.status;
  return typeof status === "number" ? status : undefined;
}

export interface GatewayOptions {
  /** Log what would be written and write nothing. */
  dryRun?: boolean;
  /** Refuse writes past this many in one run (a runaway guard, as actions/stale's operations-per-run). */
  writeBudget?: number;
  log?: Logger;
}

export class WriteBudgetExceeded extends Error {
  constructor(budget: number) {
    super(`Docket stopped after ${budget} writes in one run (the write budget); the rest follows on the next run.`);
    this.name = "WriteBudgetExceeded";
  }
}

/** A write GitHub would refuse for its size (../domain/limits.ts): a bug in the renderer that made it, never sent. */
export class WriteTooLarge extends Error {
  constructor(kind: string, target: string, why: string) {
    super(`Docket did not ${kind} (${target}): ${why}. This is a bug in Docket: what it writes must fit GitHub's limits.`);
    this.name = "WriteTooLarge";
  }
}

export interface WriteRecord {
  kind: string;
  target: string;
  dryRun: boolean;
}

/** A REST answer; `data` is narrowed by the module that asked (each route's shape is its own). */
export interface RestResponse {
  status: number;
  data: unknown;
  headers?: Record<string, unknown>;
}

/** A GraphQL error as Octokit's GraphqlResponseError carries it (with the partial `data`). */
interface GraphqlFailure {
  errors?: Array<{ type?: string; message?: string; path?: unknown }>;
  data?: unknown;
}

/** The errors of a failed GraphQL request, when GitHub answered with some (none: it failed otherwise). */
export function graphqlErrors(error: unknown): { errors: Array<{ type?: string; message?: string; path: readonly unknown[] }>; data: unknown } | null {
  const e = error as GraphqlFailure | null;
  if (!e || !Array.isArray(e.errors) || e.errors.length === 0) return null;
  return { errors: e.errors.map((x) => ({ ...x, path: Array.isArray(x.path) ? x.path : [] })), data: e.data };
}

/**
 * `nodes(ids:)` answers null plus a NOT_FOUND error for an id that no longer
 * resolves (deleted, transferred away, or not visible to this installation).
 * Octokit throws on any error; for NOT_FOUND alone the partial data is the answer.
 */
export async function allowingNotFound<T>(
  answer: Promise<T>,
  /** Which answers may be missing, by the path of the error (default: any). */
  where: (path: readonly unknown[]) => boolean = () => true,
): Promise<T> {
  try {
    return await answer;
  } catch (error) {
    const failed = graphqlErrors(error);
    if (failed?.errors.every((x) => x.type === "NOT_FOUND" && where(x.path)) && failed.data) return failed.data as T;
    throw error;
  }
}

export class GitHubClient {
  /** Every write of this run, dry or sent, in order. */
  readonly writes: WriteRecord[] = [];
  /** Requests sent (reads and writes). */
  requests = 0;
  readonly log: Logger;

  constructor(
    private readonly octokit: OctokitLike,
    private readonly options: GatewayOptions = {},
  ) {
    this.log = options.log ?? silentLogger;
  }

  get dryRun(): boolean {
    return this.options.dryRun === true;
  }

  /** A REST read, counted. */
  async rest(route: string, params: Record<string, unknown>): Promise<RestResponse> {
    this.requests++;
    return this.octokit.request(route, params);
  }

  /**
   * A GraphQL read, counted. `T` is what the document selects (./wire.ts, from GitHub's
   * published schema): GitHub answers the document it was sent, so its answer is taken as that.
   */
  async graphql<T>(query: string, variables: Record<string, unknown>): Promise<T> {
    this.requests++;
    return (await this.octokit.graphql(query, variables)) as T;
  }

  /**
   * Every page of a GraphQL connection (100 a page, `$after` as cursor): `connection` picks it
   * out of the answer, `map` turns a node into a value (null: skip it; null nodes are skipped).
   * Stops after `limit` values (a function: of the total the first page reports).
   */
  async pages<D, N, T>(
    query: string,
    variables: Record<string, unknown>,
    connection: (data: D) => Connection<N> | null | undefined,
    map: (node: N) => T | null,
    limit: number | ((total: number) => number) = Number.POSITIVE_INFINITY,
    /** How a page is asked for (default: `graphql`, any error thrown). */
    fetch: (query: string, variables: Record<string, unknown>) => Promise<D> = (q, v) => this.graphql<D>(q, v),
    /** The first page, when another request brought it along (`agendaInputs`). */
    firstPage?: Connection<N> | null,
  ): Promise<{ items: T[]; total: number }> {
    const items: T[] = [];
    let after: string | null = null;
    let given = firstPage;
    for (;;) {
      const conn: Connection<N> | null | undefined = given !== undefined ? given : connection(await fetch(query, { ...variables, after }));
      given = undefined;
      for (const node of conn?.nodes ?? []) {
        if (node === null || node === undefined) continue;
        const item = map(node);
        if (item !== null) items.push(item);
      }
      if (typeof limit === "function") limit = limit(conn?.issueCount ?? items.length);
      if (!conn?.pageInfo?.hasNextPage || items.length >= limit) return { items, total: conn?.issueCount ?? items.length };
      after = conn.pageInfo.endCursor ?? null;
    }
  }

  /**
   * The single place where Docket changes anything on GitHub. `sizes`: what it carries that
   * GitHub limits (checked, never sent when over). Null in a dry run (nothing was sent).
   */
  async write<T>(kind: string, target: string, send: (octokit: OctokitLike) => Promise<T>, sizes?: WriteSizes): Promise<T | null> {
    const tooLarge = sizes ? oversize(sizes) : null;
    if (tooLarge !== null) throw new WriteTooLarge(kind, target, tooLarge);
    const budget = this.options.writeBudget;
    const done = this.writes.filter((w) => !w.dryRun).length;
    if (budget !== undefined && done >= budget) throw new WriteBudgetExceeded(budget);
    this.writes.push({ kind, target, dryRun: this.dryRun });
    if (this.dryRun) {
      this.log.info({ kind, target }, "dry run: would write");
      return null;
    }
    this.requests++;
    return send(this.octokit);
  }
}
