/**
 * The Action's Octokit: @octokit/core with the plugins Probot gives the app —
 * retries of server errors, throttling that honours `retry-after` and GitHub's
 * primary and secondary rate limits, and writes (only writes) spaced a second
 * apart, as the app's (../github/throttle.ts). (`.github/docket.yml` is read by the one
 * loader, src/config/resolve.ts, through the gateway: no config plugin.)
 *
 * REST goes to `GITHUB_API_URL`, GraphQL to `GITHUB_GRAPHQL_URL`: on
 * github.com https://api.github.com and …/graphql, on GitHub Enterprise Server
 * (and the local simulator) https://HOST/api/v3 and https://HOST/api/graphql.
 */
import { Octokit } from "@octokit/core";
import { retry } from "@octokit/plugin-retry";
import { throttling } from "@octokit/plugin-throttling";
import type { OctokitLike } from "../github/gateway.js";
import { spacedWrites, throttleOptions } from "../github/throttle.js";

export { MAX_RATE_LIMIT_WAIT_S, RATE_LIMIT_RETRIES } from "../github/throttle.js";

/** `spacedWrites` last: its hook wraps the throttling plugin's. */
export const ActionOctokit = Octokit.plugin(retry, throttling, spacedWrites);
export type ActionOctokitInstance = InstanceType<typeof ActionOctokit>;

export const DEFAULT_API_URL = "https://api.github.com";

export interface OctokitLog {
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

export interface OctokitSettings {
  token: string;
  /** `GITHUB_API_URL`; default https://api.github.com. */
  apiUrl?: string | undefined;
  /** `GITHUB_GRAPHQL_URL`; default derived from the API URL. */
  graphqlUrl?: string | undefined;
  log: OctokitLog;
  userAgent?: string;
  /** Tests: a fetch to send requests through. */
  fetch?: typeof fetch;
  /** Tests: the unit of `retry-after` and back-off waits in milliseconds (default 1000). */
  retryAfterBaseValue?: number;
  /** Tests: milliseconds between writes (default GitHub's second; DOCKET_WRITE_SPACING_MS, ../github/throttle.ts). */
  writeSpacingMs?: number | undefined;
}

const trimSlash = (url: string) => url.replace(/\/+$/, "");

/** REST and GraphQL endpoints from the environment's values (empty means unset). */
export function endpoints(apiUrl?: string, graphqlUrl?: string): { api: string; graphql: string } {
  const api = trimSlash(apiUrl?.trim() || DEFAULT_API_URL);
  const explicit = graphqlUrl?.trim();
  if (explicit) return { api, graphql: trimSlash(explicit) };
  // GitHub Enterprise Server: /api/v3 for REST, /api/graphql for GraphQL; github.com: /graphql beside REST.
  return { api, graphql: /\/api\/v3$/.test(api) ? api.replace(/\/api\/v3$/, "/api/graphql") : `${api}/graphql` };
}

export function createOctokit(settings: OctokitSettings): ActionOctokitInstance {
  const { api, graphql } = endpoints(settings.apiUrl, settings.graphqlUrl);
  const { log } = settings;
  // Longer rate-limit waits than MAX_RATE_LIMIT_WAIT_S are not worth a runner's time: the step fails instead.
  const base = settings.retryAfterBaseValue;
  const octokit = new ActionOctokit({
    auth: settings.token,
    baseUrl: api,
    userAgent: settings.userAgent ?? "docket-action",
    log: {
      debug: (message: string) => log.debug(message),
      info: (message: string) => log.info(message),
      warn: (message: string) => log.warn(message),
      error: (message: string) => log.error(message),
    },
    ...(settings.fetch ? { request: { fetch: settings.fetch } } : {}),
    retry: { retries: 3, ...(base !== undefined ? { retryAfterBaseValue: base } : {}) },
    throttle: throttleOptions({ retryAfterBaseValue: base, writeSpacingMs: settings.writeSpacingMs }),
  });
  // An absolute URL (and a base that is not …/api/v3) keeps Octokit from guessing the GraphQL endpoint.
  octokit.graphql = octokit.graphql.defaults({ baseUrl: graphql, url: graphql });
  return octokit;
}

/** The same instance, as the gateway sees it. */
export function asOctokitLike(octokit: ActionOctokitInstance): OctokitLike {
  return octokit as unknown as OctokitLike;
}
