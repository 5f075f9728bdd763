/**
 * The configurations the app works from: loaded through the one loader (the repository's
 * `.github/docket.yml`, else the owner's `.github`, with `_extends`), validated, cached by where
 * they live, and remembered by where they live so that reconciliation can find them again.
 *
 * The cache holds files, not answers per repository: each file read (the repository's own
 * `.github/docket.yml`, found or not, the owner's `.github` one, each file of an `_extends`
 * chain) once per installation, with its ETag. Which repositories have no file of their own is
 * learnt for the whole owner at once (one GraphQL request per 100 repositories, OWNER_FILES), not by
 * a 404 each. So a burst over 40 repositories that fall back to the owner's `.github` costs that
 * question and that file once, and a rebuild of a warm configuration reads nothing. The validated configuration is kept
 * per home and reused, the same object, while none of its files changed.
 *
 * Freshness: a `push` to a default branch marks exactly the files it touched as stale (all of the
 * repository's when the payload cannot tell: a forced push, or too many commits), so the next event
 * reads them again; reconciliation marks what it loads. Otherwise a file is trusted for `ttlMs`
 * (the app's default: 5 minutes) and then revalidated with a conditional request (If-None-Match:
 * its ETag), which GitHub answers 304 for free when nothing changed; a missing file has no ETag,
 * so learning again that a repository has no config of its own is the owner's question again, once
 * per TTL. A push touching a repository's own file (or reconciliation) forgets what the question
 * said of that repository.
 *
 * The cache lives in this process: several instances each keep their own (each learns of a
 * change by the push webhook only if it receives it, else within the TTL). What every instance
 * shares, in Redis, is the list of known homes for reconciliation.
 */
import type { Redis } from "ioredis";
import { formatProblem } from "../config/load.js";
import { loadConfig, type ConfigReader } from "../config/resolve.js";
import { CONFIG_PATH, repoKey, type Logger, type OctokitLike, type RepoRef } from "../github/gateway.js";
import { ownerFiles, readFileIfChanged } from "../github/files.js";
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
   * The configuration that applies at `at` (see the top of this file for how long it is trusted).
   * One that cannot be read (GitHub failed) rejects, so the job is retried; an invalid one is
   * reported and changes nothing.
   */
  load(octokit: unknown, installationId: number, at: RepoRef, ownerType: OwnerType, log: Logger): Promise<ConfigState>;
  /**
   * Marks files as changed, so the next load reads them again: those of one repository (`paths`
   * only, when given: what a push touched) and what the last load of that repository read, or
   * (`owner` only) every file of an owner. `installationId` null: whichever installation read them.
   */
  forget(installationId: number | null, at: RepoRef | { owner: string }, paths?: readonly string[]): void;
}

/** A file as last read: its text (null: it does not exist), ETag, and a number that changes only when the text does. */
interface Known {
  text: string | null;
  etag: string | null;
  version: number;
}

interface FileEntry {
  installationId: number;
  at: RepoRef;
  path: string;
  read: Promise<Known>;
  /** When `read` was asked for (-Infinity: stale). */
  checkedAt: number;
  last: Known | null;
}

/** One file a load read, and which version of it. */
interface Read {
  at: RepoRef;
  path: string;
  version: number;
  found: boolean;
}

const lower = (at: RepoRef) => repoKey(at).toLowerCase();

export function configs(homes: KnownHomes, ttlMs: number): Configs {
  const files = new Map<string, FileEntry>();
  /** Per repository asked about: the files its last load read, and what it gave. */
  const byRepo = new Map<string, { reads: Read[]; state: ConfigState }>();
  /** Per home: the configuration its files gave, shared by every repository that falls back to it. */
  const byHome = new Map<string, { files: string; state: ConfigState }>();
  const loading = new Map<string, Promise<ConfigState>>();
  /** Per installation and owner: which repositories have their own CONFIG_PATH (lower-case name -> has it), as of `checkedAt`. */
  const listings = new Map<string, { checkedAt: number; has: Promise<Map<string, boolean>> }>();
  let versions = 0;

  /**
   * Whether the owner's listing (one GraphQL request for up to 100 repositories, OWNER_FILES) says
   * `at` has no config file of its own. Asked once per owner and TTL; false when it does not know
   * (the repository is not listed, is forgotten since, or the listing failed): then it is read.
   */
  async function knownWithoutConfig(octokit: OctokitLike, installationId: number, at: RepoRef): Promise<boolean> {
    const key = `${installationId}|${at.owner.toLowerCase()}`;
    let listing = listings.get(key);
    if (!listing || Date.now() - listing.checkedAt >= ttlMs) {
      listing = { checkedAt: Date.now(), has: ownerFiles(octokit, at.owner, CONFIG_PATH).catch(() => new Map<string, boolean>()) };
      listings.set(key, listing);
    }
    return (await listing.has).get(at.repo.toLowerCase()) === false;
  }

  function readFile(octokit: OctokitLike, installationId: number, at: RepoRef, path: string): Promise<Known> {
    const key = `${installationId}|${lower(at)}|${path}`;
    const entry = files.get(key);
    if (entry && Date.now() - entry.checkedAt < ttlMs) return entry.read;
    const last = entry?.last ?? null;
    // A config file not known to exist: the owner's listing may already say it does not (no ETag to revalidate a 404 with anyway).
    // Without a TTL nothing is kept, so a listing would only add a request.
    const listed = path === CONFIG_PATH && ttlMs > 0 && last?.text == null ? knownWithoutConfig(octokit, installationId, at) : Promise.resolve(false);
    const read = listed
      .then((missing) => (missing ? { kind: "missing" as const } : readFileIfChanged(octokit, at, path, last?.etag ?? null)))
      .then((r): Known => {
        if (r.kind === "unchanged") return last!;
        const text = r.kind === "file" ? r.text : null;
        const etag = r.kind === "file" ? r.etag : null;
        return last !== null && last.text === text ? { ...last, etag } : { text, etag, version: ++versions };
      });
    const next: FileEntry = { installationId, at, path, read, checkedAt: Date.now(), last };
    files.set(key, next);
    read.then(
      (known) => (next.last = known),
      () => (next.checkedAt = Number.NEGATIVE_INFINITY), // read again next time (with the last good ETag)
    );
    return read;
  }

  async function resolve(octokit: OctokitLike, installationId: number, at: RepoRef, ownerType: OwnerType, log: Logger): Promise<ConfigState> {
    const repoKeyed = `${installationId}|${ownerType}|${lower(at)}`;
    const before = byRepo.get(repoKeyed);
    if (before) {
      const now = await Promise.all(before.reads.map((r) => readFile(octokit, installationId, r.at, r.path)));
      if (now.every((known, i) => known.version === before.reads[i]!.version)) return before.state;
    }
    const reads: Read[] = [];
    const reader: ConfigReader = {
      // The loader passes a ref only for the push check, which does not come here.
      async fileText(where, path) {
        const known = await readFile(octokit, installationId, where, path);
        reads.push({ at: where, path, version: known.version, found: known.text !== null });
        return known.text;
      },
    };
    const found = await loadConfig(reader, at);
    let state: ConfigState;
    if (found.kind === "missing") state = { kind: "none" };
    else {
      const { home } = found;
      // What the home's files (from the first found on) were: the same files, the same configuration.
      const signature = reads
        .slice(reads.findIndex((r) => r.found))
        .map((r) => `${lower(r.at)}:${r.path}@${r.version}`)
        .join(" ");
      const homeKeyed = `${installationId}|${ownerType}|${lower(home)}`;
      const shared = byHome.get(homeKeyed);
      if (shared && shared.files === signature) state = shared.state;
      else {
        if (found.kind === "invalid") {
          // The same words the push check shows (path, line, and for `_extends` the chain), one line each.
          const problems = found.problems.map((p) => formatProblem(p, CONFIG_PATH)).join("; ");
          log.warn({ repo: repoKey(home), problems }, `${CONFIG_PATH} is invalid; nothing is changed until it is fixed`);
          state = { kind: "invalid", problems, home };
        } else {
          if (home.repo !== ".github") await homes.add(installationId, home, ownerType);
          state = { kind: "ok", loaded: { config: found.config, home, scope: scopeFor(home, ownerType) } };
        }
        byHome.set(homeKeyed, { files: signature, state });
      }
    }
    byRepo.set(repoKeyed, { reads, state });
    return state;
  }

  return {
    load(octokit, installationId, at, ownerType, log) {
      // Events of one repository that arrive together share one load.
      const key = `${installationId}|${ownerType}|${lower(at)}`;
      let state = loading.get(key);
      if (!state) {
        state = resolve(octokit as OctokitLike, installationId, at, ownerType, log).finally(() => loading.delete(key));
        loading.set(key, state);
      }
      return state;
    },
    forget(installationId, at, paths) {
      const mine = (e: { installationId: number }) => installationId === null || e.installationId === installationId;
      const stale = (e: FileEntry) => (e.checkedAt = Number.NEGATIVE_INFINITY);
      const owner = at.owner.toLowerCase();
      for (const [key, listing] of listings) {
        const [id, of] = key.split("|");
        if ((installationId !== null && Number(id) !== installationId) || of !== owner) continue;
        // What the owner's listing said of this repository (or of all) is no longer known: it is read again.
        if (!("repo" in at)) listings.delete(key);
        else if (paths === undefined || paths.includes(CONFIG_PATH)) {
          const repo = at.repo.toLowerCase();
          listing.has = listing.has.then((has) => {
            has.delete(repo);
            return has;
          });
        }
      }
      if (!("repo" in at)) {
        for (const e of files.values()) if (mine(e) && e.at.owner.toLowerCase() === owner) stale(e);
      } else {
        const repo = lower(at);
        for (const e of files.values()) if (mine(e) && lower(e.at) === repo && (paths === undefined || paths.includes(e.path))) stale(e);
        // Reconciliation: also the rest of what this repository's configuration was read from (its `.github`, its `_extends`).
        if (paths === undefined) {
          for (const [key, { reads }] of byRepo) {
            const [id, , of] = key.split("|");
            if ((installationId !== null && Number(id) !== installationId) || of !== repo) continue;
            for (const r of reads) for (const e of files.values()) if (mine(e) && lower(e.at) === lower(r.at) && e.path === r.path) stale(e);
          }
        }
      }
      // A load under way may have read before the change: the next one starts afresh.
      loading.clear();
    },
  };
}
