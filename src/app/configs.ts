/**
 * The configurations the app works from: loaded through the one loader (the repository's
 * `.github/docket.yml`, else the owner's `.github`, with `_extends`), validated, cached briefly,
 * and remembered by where they live so that reconciliation can find them again.
 */
import type { Redis } from "ioredis";
import { formatProblem } from "../config/load.js";
import { loadConfig } from "../config/resolve.js";
import { CONFIG_PATH, GitHubGateway, repoKey, type Logger, type OctokitLike, type RepoRef } from "../github/gateway.js";
import type { OwnerType } from "../queue/types.js";
import { scopeFor, type LoadedConfig } from "../workflows/context.js";

export type ConfigState = { kind: "none" } | { kind: "invalid"; problems: string; home: RepoRef } | { kind: "ok"; loaded: LoadedConfig };

/** Configurations seen in repositories other than an account's `.github` (which reconciliation always looks at). */
export interface KnownHomes {
  add(installationId: number, home: RepoRef, ownerType: OwnerType): Promise<void>;
  list(installationId: number): Promise<Array<{ home: RepoRef; ownerType: OwnerType }>>;
}

export function memoryHomes(): KnownHomes {
  const homes = new Map<number, Map<string, { home: RepoRef; ownerType: OwnerType }>>();
  return {
    async add(id, home, ownerType) {
      const of = homes.get(id) ?? new Map();
      of.set(repoKey(home).toLowerCase(), { home, ownerType });
      homes.set(id, of);
    },
    async list(id) {
      return [...(homes.get(id)?.values() ?? [])];
    },
  };
}

/** In Redis, so every instance (and the next start) reconciles what any instance has seen. */
export function redisHomes(redis: Redis, prefix: string): KnownHomes {
  const key = (id: number) => `${prefix}:homes:${id}`;
  return {
    async add(id, home, ownerType) {
      await redis.sadd(key(id), JSON.stringify({ home, ownerType }));
    },
    async list(id) {
      return (await redis.smembers(key(id))).map((m) => JSON.parse(m) as { home: RepoRef; ownerType: OwnerType });
    },
  };
}

export interface Configs {
  /**
   * The configuration that applies at `at`, cached for `ttlMs`. One that cannot be read (GitHub
   * failed) rejects, so the job is retried; an invalid one is reported and changes nothing.
   */
  load(octokit: unknown, installationId: number, at: RepoRef, ownerType: OwnerType, log: Logger): Promise<ConfigState>;
  /** Forgets what is cached for one place, or (`owner` only) for every repository of an owner: its `.github` is their fallback. */
  forget(installationId: number | null, at: RepoRef | { owner: string }): void;
}

export function configs(homes: KnownHomes, ttlMs: number): Configs {
  const cache = new Map<string, { at: number; state: Promise<ConfigState> }>();
  return {
    load(octokit, installationId, at, ownerType, log) {
      const key = `${installationId}:${repoKey(at)}`;
      const cached = cache.get(key);
      if (cached && Date.now() - cached.at < ttlMs) return cached.state;
      const state = (async (): Promise<ConfigState> => {
        const found = await loadConfig(new GitHubGateway(octokit as OctokitLike, { log }), at);
        if (found.kind === "missing") return { kind: "none" };
        const { home } = found;
        if (found.kind === "invalid") {
          // The same words the push check shows (path, line, and for `_extends` the chain), one line each.
          const problems = found.problems.map((p) => formatProblem(p, CONFIG_PATH)).join("; ");
          log.warn({ repo: repoKey(home), problems }, `${CONFIG_PATH} is invalid; nothing is changed until it is fixed`);
          return { kind: "invalid", problems, home };
        }
        if (home.repo !== ".github") await homes.add(installationId, home, ownerType);
        return { kind: "ok", loaded: { config: found.config, home, scope: scopeFor(home, ownerType) } };
      })();
      state.catch(() => cache.delete(key));
      cache.set(key, { at: Date.now(), state });
      return state;
    },
    forget(installationId, at) {
      if ("repo" in at && installationId !== null) cache.delete(`${installationId}:${repoKey(at)}`);
      else for (const key of [...cache.keys()]) if (key.includes(`:${at.owner}/`)) cache.delete(key);
    },
  };
}
