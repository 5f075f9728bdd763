/**
 * How Docket spaces its requests to GitHub — the one place, shared by the app (Probot's Octokit,
 * ../app/octokit.ts) and the Action (../action/octokit.ts).
 *
 * GitHub asks for content-creating requests (REST POST/PATCH/PUT/DELETE, GraphQL mutations) one
 * at a time and a second apart (at most 80 a minute); reads have no such rule. @octokit/plugin-
 * throttling spaces every non-GET request and every `POST /graphql` through its `write` limiter,
 * read-only queries included: a rebuild that reads a few pages waited a second per page. So:
 *
 *   - the plugin's `write` limiter (a documented option) is replaced by one that spaces nothing;
 *   - `spacedWrites` (an Octokit plugin, applied after the throttling plugin so that its hook wraps
 *     the plugin's) spaces what is a write — REST methods other than GET/HEAD, and GraphQL documents
 *     with a `mutation` operation — one at a time, a second apart, as the plugin did;
 *   - everything else the plugin does stays: its global concurrency, search and notification
 *     limiters, and waiting out `retry-after` on primary and secondary rate limits (`limitHandlers`).
 */
import type { Octokit, OctokitOptions } from "@octokit/core";
import type { ThrottlingOptions } from "@octokit/plugin-throttling";

/** How often a request that hit a rate limit is sent again before it fails. */
export const RATE_LIMIT_RETRIES = 3;
/** Default longest wait (seconds) worth taking for a rate limit; a longer one fails the request. */
export const MAX_RATE_LIMIT_WAIT_S = 15 * 60;
/** GitHub: "wait at least one second between each request" that creates content. */
export const WRITE_SPACING_MS = 1000;

/**
 * A test-only knob in milliseconds (`DOCKET_WRITE_SPACING_MS`, the end-to-end tests' pace for the
 * app and the Action alike; `DOCKET_RETRY_BASE_MS`): a number >= 0, else undefined (the default,
 * GitHub's pace). Unset in production.
 */
export function millisFromEnv(value: string | undefined): number | undefined {
  return value !== undefined && value.trim() !== "" && Number.isFinite(Number(value)) && Number(value) >= 0 ? Number(value) : undefined;
}

type RequestOptions = { method?: string; url?: string; query?: unknown; baseUrl?: string };

/** The auth routes the throttling plugin exempts from its write limiter (token creation). */
function isAuthRequest(method: string, pathname: string): boolean {
  return (
    (method === "PATCH" && /^\/applications\/[^/]+\/token\/scoped$/.test(pathname)) ||
    (method === "POST" &&
      (/^\/applications\/[^/]+\/token$/.test(pathname) ||
        /^\/app\/installations\/[^/]+\/access_tokens$/.test(pathname) ||
        pathname === "/login/oauth/access_token"))
  );
}

/**
 * Whether a GraphQL document declares a `mutation` operation: the words at the top level (outside
 * any selection set), with comments and strings skipped. A document that cannot be read as a
 * query counts as a mutation (spaced, the safe side).
 */
export function isMutation(document: unknown): boolean {
  if (typeof document !== "string") return true;
  let depth = 0;
  let sawOperation = false;
  const words = /[_A-Za-z][_0-9A-Za-z]*/y;
  for (let i = 0; i < document.length; ) {
    const c = document[i]!;
    if (c === "#") {
      const end = document.indexOf("\n", i);
      i = end < 0 ? document.length : end + 1;
    } else if (c === '"') {
      if (document.startsWith('"""', i)) {
        const end = document.indexOf('"""', i + 3);
        i = end < 0 ? document.length : end + 3;
      } else {
        let j = i + 1;
        while (j < document.length && document[j] !== '"') j += document[j] === "\\" ? 2 : 1;
        i = j + 1;
      }
    } else if (c === "$") {
      words.lastIndex = i + 1;
      i += 1 + (words.exec(document)?.[0].length ?? 0); // a variable's name is no keyword
    } else if (c === "{") {
      if (depth === 0) sawOperation = true; // `{ … }`: a query in shorthand
      depth++;
      i++;
    } else if (c === "}") {
      depth--;
      i++;
    } else if (/[_A-Za-z]/.test(c)) {
      words.lastIndex = i;
      const word = words.exec(document)![0];
      if (depth === 0) {
        if (word === "mutation") return true;
        if (word === "query" || word === "subscription") sawOperation = true;
      }
      i += word.length;
    } else i++;
  }
  return !sawOperation;
}

/** Whether GitHub counts the request as a write: a REST method other than GET/HEAD, or a GraphQL mutation. */
export function isWrite(options: RequestOptions): boolean {
  const method = (options.method ?? "GET").toUpperCase();
  if (method === "GET" || method === "HEAD") return false;
  const { pathname } = new URL(options.url ?? "/", "http://github.test");
  if (isAuthRequest(method, pathname)) return false;
  if (method === "POST" && /(^|\/)graphql\/?$/.test(pathname)) return isMutation(options.query);
  return true;
}

/**
 * The next instant a write may start, per throttle `id` (the throttling plugin's key: one per
 * process unless an Octokit names its own), so that writes start one at a time, a second apart,
 * in the order they were asked for.
 */
const nextWrite = new Map<string, number>();

function writeSlot(id: string, spacingMs: number): Promise<void> {
  const now = Date.now();
  const at = Math.max(now, nextWrite.get(id) ?? 0);
  nextWrite.set(id, at + spacingMs);
  return at > now ? new Promise((resolve) => setTimeout(resolve, at - now)) : Promise.resolve();
}

/**
 * An Octokit plugin: a write waits for its slot before it is sent; reads go straight on. Apply it
 * after @octokit/plugin-throttling (`Octokit.plugin(throttling, …, spacedWrites)`: its hook then
 * wraps the plugin's), with `throttleOptions()` as the `throttle` option.
 */
export function spacedWrites(octokit: Octokit, octokitOptions: OctokitOptions): Record<string, never> {
  const throttle = octokitOptions.throttle as { enabled?: boolean; id?: string; writeSpacingMs?: number } | undefined;
  if (throttle?.enabled === false) return {};
  const id = throttle?.id ?? "no-id";
  const spacing = throttle?.writeSpacingMs ?? WRITE_SPACING_MS;
  octokit.hook.wrap("request", async (request, options) => {
    if (isWrite(options)) await writeSlot(id, spacing);
    return request(options);
  });
  return {};
}

/** A `write` limiter for the throttling plugin that spaces nothing (`spacedWrites` spaces writes). */
const unspaced = { key: () => ({ schedule: <T>(_options: unknown, job: () => Promise<T>) => job() }) } as unknown as NonNullable<ThrottlingOptions["write"]>;

/**
 * The plugin's own spacing of the requests that notify people (a comment, an issue: 3 s apart) is
 * GitHub's pace, kept in production. When a test shortens the spacing of writes (`writeSpacingMs`),
 * that one keeps GitHub's proportion to it (3 times): a notifying write waited its 3 s whatever the
 * knob said, and a rebuild that posted three comments spent 9 s of an end-to-end test about
 * something else. (The plugin's search limiter spaces REST searches only; Docket searches through
 * GraphQL.)
 */
export const NOTIFICATION_SPACING = 3;

/** A limiter for the throttling plugin that starts its jobs `spacingMs` apart (per throttle id). */
function spacedLimiter(name: string, spacingMs: number): NonNullable<ThrottlingOptions["notifications"]> {
  return {
    key: (id: string) => ({
      schedule: async <T>(_options: unknown, job: () => T | Promise<T>) => {
        await writeSlot(`${name}:${id}`, spacingMs);
        return job();
      },
    }),
  } as unknown as NonNullable<ThrottlingOptions["notifications"]>;
}

type Log = { info(message: string): void; warn(message: string): void };
type LimitOptions = { method?: string; url?: string };

export interface ThrottleSettings {
  /** The unit of `retry-after` waits in milliseconds (default 1000; tests shorten it). */
  retryAfterBaseValue?: number | undefined;
  /** Waits longer than this (seconds) fail the request instead (default 15 minutes). */
  maxWaitS?: number;
  /**
   * Milliseconds between writes (default WRITE_SPACING_MS; end-to-end tests shorten it:
   * DOCKET_WRITE_SPACING_MS). When set, writes that notify people are spaced NOTIFICATION_SPACING
   * times as much instead of the plugin's 3 seconds.
   */
  writeSpacingMs?: number | undefined;
}

/**
 * The `throttle` options of Docket's Octokits: writes are spaced by `spacedWrites`, not the
 * plugin; a primary or secondary rate limit is waited out as GitHub's answer says (`retry-after`,
 * or the reset time), up to RATE_LIMIT_RETRIES times, and said in the Octokit's log.
 */
export function throttleOptions(settings: ThrottleSettings = {}) {
  const max = settings.maxWaitS ?? MAX_RATE_LIMIT_WAIT_S;
  const describe = (o: LimitOptions) => `${o.method ?? "GET"} ${o.url ?? ""}`.trim();
  const again = (kind: string) => (retryAfter: number, options: LimitOptions, octokit: { log: Log }, retryCount: number) => {
    if (retryCount >= RATE_LIMIT_RETRIES || retryAfter > max) {
      octokit.log.warn(`GitHub's ${kind} for ${describe(options)}: not retrying (tried ${retryCount + 1} times; retry-after ${retryAfter} s)`);
      return false;
    }
    octokit.log.info(`GitHub's ${kind} for ${describe(options)}: retrying in ${retryAfter} s (retry ${retryCount + 1} of ${RATE_LIMIT_RETRIES})`);
    return true;
  };
  return {
    write: unspaced,
    ...(settings.writeSpacingMs !== undefined
      ? {
          writeSpacingMs: settings.writeSpacingMs,
          notifications: spacedLimiter("notifications", NOTIFICATION_SPACING * settings.writeSpacingMs),
        }
      : {}),
    ...(settings.retryAfterBaseValue !== undefined ? { retryAfterBaseValue: settings.retryAfterBaseValue } : {}),
    onRateLimit: again("rate limit"),
    onSecondaryRateLimit: again("secondary rate limit"),
  };
}
