/**
 * The Probot app: the jobs behind the webhook intake.
 *
 * A delivery reaches the intake (./app/intake.ts), which verifies it, queues it and answers.
 * A worker takes it from the queue and hands it to Probot's handlers below, which load the
 * configuration, ask the pure router (./app/router.ts) which jobs the event concerns, and queue
 * those: one per meeting series, backlog or poll, serialised and coalesced per key by the queue
 * (./queue: in-process, or BullMQ on Redis with REDIS_URL). Every job is plain data, so any
 * instance can run it, and a job that fails is retried; reconciliation (./app/recovery.ts)
 * rebuilds everything on start and every hour, and asks GitHub to redeliver what failed.
 *
 * Events: issues and pull_request (topics and ideas), issue_comment (/agenda, /poll), push
 * (the configuration), projects_v2_item (organisation boards; user boards send none: the
 * Action's `agenda` command rebuilds those).
 */
import { Context, type Probot } from "probot";
import { validateConfig } from "./config/load.js";
import { parseCommands } from "./domain/commands.js";
import { GitHubGateway, CONFIG_PATH, repoKey, type BoardRef, type Logger, type OctokitLike, type RepoRef } from "./github/gateway.js";
import { boardItemEvent, configPushed, everything, routeBoardItem, routeTopic, sameBoard, topicEvent, TOPIC_EVENTS, type Reach, type Route } from "./app/router.js";
import type { Delivery } from "./app/intake.js";
import { MemoryQueue } from "./queue/memory.js";
import { RedisQueue } from "./queue/redis.js";
import type { JobQueue, JobSpec, OwnerType, QueueCounts } from "./queue/types.js";
import { syncAgenda } from "./workflows/agenda.js";
import { syncBacklog } from "./workflows/backlog.js";
import { handleAgendaCommands } from "./workflows/commands.js";
import { checkConfig } from "./workflows/config-check.js";
import { handlePollCommands, POLL_WRITE_BUDGET, type PollCommandComment } from "./workflows/poll.js";
import { scopeFor, type JobContext, type LoadedConfig } from "./workflows/context.js";

export interface DocketOptions {
  /** Milliseconds to gather a burst of events before the first rebuild (default 1000; DOCKET_DEBOUNCE_MS). */
  debounceMs?: number;
  /** At most this many writes per job (default 60; DOCKET_WRITE_BUDGET). */
  writeBudget?: number;
  /** Fixed "now" (ISO instant) instead of the clock: for the demo and end-to-end tests (DOCKET_NOW). */
  now?: string;
  /** How long a loaded configuration is reused, in milliseconds (default 30000). */
  configTtlMs?: number;
  /** Redis for durable jobs shared by several instances and workers (REDIS_URL). */
  redisUrl?: string;
  /** Key prefix in Redis (default "docket"). */
  redisPrefix?: string;
  /** Whether this process runs jobs (default true; DOCKET_WORKER=false makes a receiver only). */
  worker?: boolean;
  /** Retries of a failed job (default 8 attempts from 5 s, doubling: about 10 minutes). */
  retry?: { attempts: number; firstDelayMs: number };
  /** The queue itself (tests); default from `redisUrl`. */
  queue?: JobQueue;
}

export interface DocketStatus extends QueueCounts {
  /** Jobs not yet done: queued, running and retrying (what the end-to-end tests wait for). */
  busy: number;
}

export interface Docket {
  readonly queue: JobQueue;
  /** The intake's door: queue a verified delivery. */
  accept(delivery: Delivery): Promise<void>;
  /** Resolves when no job waits, runs or retries. */
  idle(): Promise<void>;
  status(): Promise<DocketStatus>;
  /** Queue a rebuild of every series and backlog of every installation whose configuration is known. */
  reconcile(): Promise<number>;
  /** Remember a configuration's home (reconciliation rebuilds it). */
  readonly homes: KnownHomes;
}

/** Configurations seen in repositories other than an account's `.github` (which reconciliation always looks at). */
export interface KnownHomes {
  add(installationId: number, home: RepoRef, ownerType: OwnerType): Promise<void>;
  list(installationId: number): Promise<Array<{ home: RepoRef; ownerType: OwnerType }>>;
}

/**
 * The web origin links point at (GitHub Enterprise Server), from the event's repository;
 * a `projects_v2_item` event has none, so its organisation's API URL says where the server is.
 */
export function webOrigin(payload: unknown): string | undefined {
  const p = payload as { repository?: { html_url?: unknown }; organization?: { url?: unknown } };
  try {
    if (typeof p.repository?.html_url === "string") return new URL(p.repository.html_url).origin;
    if (typeof p.organization?.url === "string") {
      const api = new URL(p.organization.url);
      return api.hostname === "api.github.com" ? "https://github.com" : api.origin;
    }
  } catch {
    // A URL GitHub would not send: links go to github.com.
  }
  return undefined;
}

/** The account the app is installed on, as the event shows it: the repository's owner, or the organisation. */
function installationAccount(payload: unknown): { login: string; type: OwnerType } | null {
  const p = payload as { repository?: { owner?: { login?: unknown; type?: unknown } }; organization?: { login?: unknown } };
  const owner = p.repository?.owner;
  // `owner.type` is optional in some payloads (push): an organisation event says so with `organization`.
  if (typeof owner?.login === "string") return { login: owner.login, type: owner.type === "User" && p.organization === undefined ? "User" : "Organization" };
  if (typeof p.organization?.login === "string") return { login: p.organization.login, type: "Organization" };
  return null;
}

/** The web origin of a GitHub URL (an installation's `html_url`: github.com, or the GitHub Enterprise Server). */
function originOfUrl(url: string | undefined): string | undefined {
  try {
    return url ? new URL(url).origin : undefined;
  } catch {
    return undefined;
  }
}

/** A job's problems and warnings, in the log (the Action prints them; the app has only its log). */
function report(log: Logger, result: { problems: string[]; warnings: string[] }): void {
  for (const problem of result.problems) log.warn({ problem }, problem);
  for (const warning of result.warnings) log.info({ warning }, warning);
}

type ConfigState = { kind: "none" } | { kind: "invalid"; problems: string } | { kind: "ok"; loaded: LoadedConfig };

export function optionsFromEnv(env: NodeJS.ProcessEnv = process.env): DocketOptions {
  const num = (v: string | undefined) => (v !== undefined && v !== "" && Number.isFinite(Number(v)) ? Number(v) : undefined);
  const out: DocketOptions = {};
  const debounce = num(env.DOCKET_DEBOUNCE_MS);
  if (debounce !== undefined) out.debounceMs = debounce;
  const budget = num(env.DOCKET_WRITE_BUDGET);
  if (budget !== undefined) out.writeBudget = budget;
  if (env.DOCKET_NOW) out.now = env.DOCKET_NOW;
  if (env.REDIS_URL) out.redisUrl = env.REDIS_URL;
  if (env.DOCKET_REDIS_PREFIX) out.redisPrefix = env.DOCKET_REDIS_PREFIX;
  if (env.DOCKET_WORKER === "false" || env.DOCKET_WORKER === "0") out.worker = false;
  const first = num(env.DOCKET_RETRY_FIRST_MS);
  const attempts = num(env.DOCKET_RETRY_ATTEMPTS);
  if (first !== undefined || attempts !== undefined) out.retry = { attempts: attempts ?? 8, firstDelayMs: first ?? 5_000 };
  return out;
}

function memoryHomes(): KnownHomes {
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

function redisHomes(queue: RedisQueue, prefix: string): KnownHomes {
  const key = (id: number) => `${prefix}:homes:${id}`;
  return {
    async add(id, home, ownerType) {
      await queue.redis.sadd(key(id), JSON.stringify({ home, ownerType }));
    },
    async list(id) {
      return (await queue.redis.smembers(key(id))).map((m) => JSON.parse(m) as { home: RepoRef; ownerType: OwnerType });
    },
  };
}

export function createDocket(app: Probot, options: DocketOptions = {}): Docket {
  const onError = (key: string, error: unknown, final: boolean) =>
    app.log[final ? "error" : "warn"]({ err: error, job: key }, final ? "Docket job failed after every retry; reconciliation will rebuild it" : "Docket job failed; it will be retried");
  const prefix = options.redisPrefix ?? "docket";
  const redisQueue = options.queue ? null : options.redisUrl ? new RedisQueue(options.redisUrl, { prefix, onError, ...(options.retry ? { retry: options.retry } : {}) }) : null;
  const queue: JobQueue = options.queue ?? redisQueue ?? new MemoryQueue({ onError, ...(options.retry ? { retry: options.retry } : {}) });
  const homes = redisQueue ? redisHomes(redisQueue, prefix) : memoryHomes();
  const configCache = new Map<string, { at: number; state: Promise<ConfigState> }>();
  /** A board's node id never changes hands: its owner and number, once looked up (a burst of item events costs one lookup). */
  const boards = new Map<string, Promise<BoardRef | null>>();
  /** Boards already warned about as out of the app's reach (once per process). */
  const boardWarnings = new Set<string>();
  let ownLogin: Promise<string | null> | null = null;
  const now = () => (options.now ? new Date(options.now) : new Date());
  const ttl = options.configTtlMs ?? 30_000;
  const debounceMs = options.debounceMs ?? 1000;

  /** The bot account this app acts as (`slug[bot]`), to ignore the events it causes itself. */
  function botLogin(): Promise<string | null> {
    ownLogin ??= app
      .auth()
      .then((octokit) => octokit.request("GET /app"))
      .then((res) => (res.data?.slug ? `${res.data.slug}[bot]` : null))
      .catch((error: unknown) => {
        app.log.warn({ err: error }, "could not read the app's own slug; events it causes are handled like others");
        ownLogin = null;
        return null;
      });
    return ownLogin;
  }

  async function causedByDocket(context: Context): Promise<boolean> {
    const sender = (context.payload as { sender?: { login?: string; type?: string } }).sender;
    if (sender?.type !== "Bot") return false;
    return sender.login === (await botLogin());
  }

  function gatewayFor(octokit: unknown, log: Logger, writeBudget = options.writeBudget ?? 60): GitHubGateway {
    return new GitHubGateway(octokit as OctokitLike, { log, writeBudget });
  }

  /**
   * The configuration that applies at `at` (its own, else the owner's `.github`), cached briefly.
   * A configuration that cannot be read (GitHub failed) throws, so the job is retried; an
   * invalid one is reported and changes nothing.
   */
  function loadConfig(octokit: unknown, installationId: number, at: RepoRef, ownerType: OwnerType, log: Logger): Promise<ConfigState> {
    const key = `${installationId}:${repoKey(at)}`;
    const cached = configCache.get(key);
    if (cached && Date.now() - cached.at < ttl) return cached.state;
    const state = (async (): Promise<ConfigState> => {
      const { raw, home } = await gatewayFor(octokit, log).loadConfig(at);
      if (!raw || !home) return { kind: "none" };
      const result = validateConfig(raw);
      if (!result.ok) {
        const problems = result.problems.map((p) => `${p.path || "(root)"}: ${p.message}`).join("; ");
        log.warn({ repo: repoKey(home), problems }, `${CONFIG_PATH} is invalid; nothing is changed until it is fixed`);
        return { kind: "invalid", problems };
      }
      if (home.repo !== ".github") await homes.add(installationId, home, ownerType);
      return { kind: "ok", loaded: { config: result.config, home, scope: scopeFor(home, ownerType) } };
    })();
    state.catch(() => configCache.delete(key));
    configCache.set(key, { at: Date.now(), state });
    return state;
  }

  function installationOf(context: Context): number {
    return (context.payload as { installation?: { id?: number } }).installation?.id ?? 0;
  }

  /** The event's repository; null (and a log line) for a payload GitHub would not send. */
  function repoOf(context: Context): { at: RepoRef; ownerType: OwnerType } | null {
    const repo = (context.payload as { repository?: { name?: unknown; owner?: { login?: unknown; type?: unknown } } }).repository;
    if (typeof repo?.name !== "string" || typeof repo.owner?.login !== "string") {
      context.log.warn({ event: context.name, delivery: context.id }, "ignoring an event without a repository");
      return null;
    }
    return { at: { owner: repo.owner.login, repo: repo.name }, ownerType: repo.owner.type === "User" ? "User" : "Organization" };
  }

  /**
   * An app installation reads only its own organisation's boards (GitHub gives apps no access to
   * a user's boards, and another account's boards belong to another installation). A series or
   * backlog naming any other board is left to the Action: rebuilt here without its board, its
   * board-only topics would drop off, and come back with the next Action run.
   */
  function reachFor(account: { login: string; type: OwnerType } | null, loaded: LoadedConfig): Reach {
    return (board, what) => {
      if (account !== null && account.type === "Organization" && account.login.toLowerCase() === board.owner.toLowerCase()) return true;
      const key = `${repoKey(loaded.home)}:${what}:${board.owner}#${board.number}`;
      if (!boardWarnings.has(key)) {
        boardWarnings.add(key);
        app.log.warn(
          { config: repoKey(loaded.home), board: `${board.owner}#${board.number}` },
          `${what} names the board ${board.owner}#${board.number}, which the app cannot read (it reads only the boards of the organisation it is installed on); the app leaves ${what} to the Action's agenda command`,
        );
      }
      return false;
    };
  }

  interface Origin {
    installationId: number;
    loaded: LoadedConfig;
    serverUrl?: string | undefined;
  }

  function originOf(context: Context, loaded: LoadedConfig): Origin {
    return { installationId: installationOf(context), loaded, serverUrl: webOrigin(context.payload) };
  }

  /** Queue a routed job: one key per meeting or backlog, so bursts coalesce and runs never overlap. */
  function queueRoute(origin: Origin, route: Route): Promise<void> {
    const { installationId, loaded, serverUrl } = origin;
    const base = { installationId, home: loaded.home, ownerType: loaded.scope.kind === "owner" ? loaded.scope.ownerType : ("Organization" as OwnerType), ...(serverUrl ? { serverUrl } : {}) };
    const spec: JobSpec = route.kind === "series" ? { type: "series", ...base, seriesId: route.seriesId } : { type: "backlog", ...base };
    const key = `${installationId}:${repoKey(loaded.home)}#${route.kind === "series" ? `meeting:${route.seriesId}` : "backlog"}`;
    return queue.request({ key, spec, item: route.fresh, delayMs: debounceMs });
  }

  // ------------------------------------------------------------------ running jobs

  async function runJob(spec: JobSpec, items: unknown[]): Promise<void> {
    if (spec.type === "delivery") {
      let payload: unknown;
      try {
        payload = JSON.parse(spec.body);
      } catch {
        app.log.warn({ delivery: spec.id, event: spec.name }, "dropped a signed delivery whose body is not JSON");
        return;
      }
      await dispatch(spec.id, spec.name, payload);
      return;
    }
    const octokit = await octokitFor(spec.installationId);
    if (spec.type === "poll") return runPolls(octokit, spec, items as PollCommandComment[]);
    const log = app.log.child({ job: `${repoKey(spec.home)}#${spec.type === "series" ? spec.seriesId : "backlog"}` });
    const state = await loadConfig(octokit, spec.installationId, spec.home, spec.ownerType, log);
    if (state.kind !== "ok") return; // gone or broken since: nothing to rebuild until it is fixed
    const ctx: JobContext = { gateway: gatewayFor(octokit, log), log, now: now(), ...(spec.serverUrl ? { serverUrl: spec.serverUrl } : {}) };
    const fresh = items.filter((x): x is string => typeof x === "string");
    if (spec.type === "series") {
      if (!state.loaded.config.meetings[spec.seriesId]) return; // the series left the configuration
      report(log, await syncAgenda(ctx, state.loaded, spec.seriesId, { fresh }));
    } else if (state.loaded.config.backlog) report(log, await syncBacklog(ctx, state.loaded, { fresh }));
  }

  /**
   * `/poll` comments of one issue run one at a time, in order (a second `/poll slots` sees the
   * comments the first posted). A poll posts up to MAX_SLOTS comments and `write-config` opens a pull request,
   * so its job may write POLL_WRITE_BUDGET times. The configuration (null when invalid) is what `write-config` edits.
   */
  async function runPolls(octokit: unknown, spec: Extract<JobSpec, { type: "poll" }>, comments: PollCommandComment[]): Promise<void> {
    const log = app.log.child({ job: `${repoKey(spec.at)}#poll:${spec.issueNumber}` });
    const state = await loadConfig(octokit, spec.installationId, spec.at, spec.ownerType, log);
    const bot = await botLogin();
    const writeBudget = Math.max(options.writeBudget ?? 60, POLL_WRITE_BUDGET);
    for (const comment of comments) {
      const ctx: JobContext = { gateway: gatewayFor(octokit, log, writeBudget), log, now: now(), ...(spec.serverUrl ? { serverUrl: spec.serverUrl } : {}) };
      await handlePollCommands(ctx, { repo: spec.at, issueNumber: spec.issueNumber }, comment, bot, state.kind === "ok" ? state.loaded : null);
    }
  }

  /**
   * An installation's Octokit, made once: it fetches and renews its installation token by itself.
   * (Probot's `receive` makes a new one for every event, the most expensive part of routing one.)
   */
  const octokits = new Map<number, Promise<Awaited<ReturnType<Probot["auth"]>>>>();
  function octokitFor(installationId: number): Promise<Awaited<ReturnType<Probot["auth"]>>> {
    let made = octokits.get(installationId);
    if (!made) {
      made = app.auth(installationId);
      made.catch(() => octokits.delete(installationId));
      octokits.set(installationId, made);
    }
    return made;
  }

  type Handler = (context: Context<any>) => Promise<void>;
  const handlers: Array<{ names: readonly string[]; handler: Handler }> = [];
  /** A handler for Probot's `receive` (index.ts, tests) and for the queue's deliveries alike. */
  function on(names: readonly string[], handler: Handler): void {
    app.on(names as never, handler as never);
    handlers.push({ names, handler });
  }

  /** A queued delivery to the handlers it concerns, as Probot's `receive` would, with the installation's Octokit reused. */
  async function dispatch(id: string, name: string, payload: unknown): Promise<void> {
    const action = (payload as { action?: unknown }).action;
    const full = typeof action === "string" ? `${name}.${action}` : name;
    const concerned = handlers.filter((h) => h.names.includes(name) || h.names.includes(full));
    if (concerned.length === 0) return;
    const installationId = (payload as { installation?: { id?: unknown } }).installation?.id;
    // Without an installation (GitHub's app webhooks always name one) Probot knows which Octokit fits.
    if (typeof installationId !== "number") return app.receive({ id, name, payload } as never);
    const octokit = await octokitFor(installationId);
    const context = new Context({ id, name, payload } as never, octokit as never, app.log.child({ delivery: id, event: full }) as never);
    for (const { handler } of concerned) await handler(context);
  }

  if (options.worker !== false) queue.work(runJob);

  // ------------------------------------------------------------------ topics

  on([...TOPIC_EVENTS], async (context) => {
    if (await causedByDocket(context)) return;
    const event = topicEvent(context.payload);
    if (!event) return;
    const where = repoOf(context);
    if (!where) return;
    const state = await loadConfig(context.octokit, installationOf(context), where.at, where.ownerType, context.log);
    if (state.kind !== "ok") return;
    const origin = originOf(context, state.loaded);
    const routing = routeTopic(event, state.loaded.config, reachFor(installationAccount(context.payload), state.loaded));
    for (const route of routing.now) await queueRoute(origin, route);
    if (routing.ifOnBoard.length === 0) return;
    // Which boards is it on? One request, instead of reading every board for every closed issue.
    // A topic that no longer resolves (deleted, transferred away) may have been on any of them.
    const on =
      event.nodeId !== null
        ? await gatewayFor(context.octokit, context.log)
            .topicBoards(event.nodeId)
            .catch((error: unknown) => {
              context.log.warn({ err: error }, "could not tell which boards a topic is on; rebuilding every series with a board");
              return null;
            })
        : null;
    for (const { board, route } of routing.ifOnBoard) if (on === null || on.some((b) => sameBoard(b, board))) await queueRoute(origin, route);
  });

  // ------------------------------------------------------------------ boards

  /**
   * An item of an organisation's Projects (v2) board changed. The payload names the board only by
   * node id and carries thin `changes`, so the board is looked up (one request, then remembered),
   * and only when the organisation-wide configuration (its `.github` repository: the event has no
   * repository) names a board of that organisation at all. The rebuild reads the whole board.
   */
  on(["projects_v2_item"], async (context) => {
    if (await causedByDocket(context)) return;
    const event = boardItemEvent(context.payload);
    if (!event) {
      context.log.warn({ event: context.name, delivery: context.id }, "ignoring a projects_v2_item event without an item or organisation");
      return;
    }
    if (event.action === "reordered") return;
    const state = await loadConfig(context.octokit, installationOf(context), { owner: event.org, repo: ".github" }, "Organization", context.log);
    if (state.kind !== "ok") return;
    const sources = routeBoardItem(event, state.loaded.config);
    if (sources.length === 0) return;
    const board = event.projectNumber !== undefined ? { owner: event.org, number: event.projectNumber } : await boardOf(context, event.projectNodeId);
    if (board === null) {
      context.log.info({ project: event.projectNodeId }, "a board Docket cannot see changed; nothing to do");
      return;
    }
    const origin = originOf(context, state.loaded);
    for (const source of sources) if (sameBoard(source.board, board)) await queueRoute(origin, source.route);
  });

  /** The board a node id names: looked up once, and the lookup shared by the events that arrive meanwhile. */
  function boardOf(context: Context, projectNodeId: string): Promise<BoardRef | null> {
    let found = boards.get(projectNodeId);
    if (found === undefined) {
      found = gatewayFor(context.octokit, context.log).boardById(projectNodeId);
      boards.set(projectNodeId, found);
      found.then(
        (b) => b === null && boards.delete(projectNodeId),
        () => boards.delete(projectNodeId),
      );
    }
    return found;
  }

  // ---------------------------------------------------------------- commands

  on(["issue_comment.created"], async (context) => {
    if (await causedByDocket(context)) return;
    const { comment, issue } = context.payload;
    if (typeof comment?.body !== "string" || typeof issue?.number !== "number" || typeof comment.user?.login !== "string") return;
    const names = new Set(parseCommands(comment.body).map((c) => c.name));
    if (!names.has("agenda") && !names.has("poll")) return;
    const where = repoOf(context);
    if (!where) return;
    const { at, ownerType } = where;
    const installationId = installationOf(context);
    const state = await loadConfig(context.octokit, installationId, at, ownerType, context.log);
    if (state.kind === "none") return; // Docket is not configured for this repository
    if (names.has("poll")) {
      const serverUrl = webOrigin(context.payload);
      await queue.request({
        key: `${installationId}:${repoKey(at)}#poll:${issue.number}`,
        spec: { type: "poll", installationId, at, ownerType, issueNumber: issue.number, ...(serverUrl ? { serverUrl } : {}) },
        item: { id: comment.id, body: comment.body, author: comment.user.login } satisfies PollCommandComment,
      });
    }
    if (!names.has("agenda")) return;
    const log = context.log.child({ command: "agenda", issue: issue.html_url });
    const serverUrl = webOrigin(context.payload);
    const ctx: JobContext = { gateway: gatewayFor(context.octokit, log), log, now: now(), ...(serverUrl ? { serverUrl } : {}) };
    if (state.kind === "invalid") {
      await ctx.gateway.comment(at, issue.number, `Docket cannot run \`/agenda\` right now: its configuration (\`${CONFIG_PATH}\`) has problems. A maintainer can see them in the "Docket configuration" check of the last change to that file.`);
      return;
    }
    const labels = (issue.labels ?? []).map((l: { name: string } | string) => (typeof l === "string" ? l : l.name));
    const outcome = await handleAgendaCommands(
      ctx,
      state.loaded,
      {
        repo: at,
        issueNumber: issue.number,
        issueAuthor: issue.user?.login ?? null,
        labels,
        isDocketIssue: labels.some((l: string) => l.toLowerCase().startsWith("docket/")),
      },
      { id: comment.id, body: comment.body, author: comment.user.login },
    );
    const origin = originOf(context, state.loaded);
    for (const id of outcome.touched) await queueRoute(origin, { kind: "series", seriesId: id, fresh: issue.node_id ?? null });
  });

  // ------------------------------------------------------------ configuration

  on(["push"], async (context) => {
    if (!configPushed(context.payload)) return;
    const where = repoOf(context);
    if (!where) return;
    const { at, ownerType } = where;
    const payload = context.payload;
    // An org-wide config (in .github) is every repository's fallback: forget all of this owner's.
    for (const key of [...configCache.keys()]) if (key.includes(`:${at.owner}/`)) configCache.delete(key);
    const ctx: JobContext = { gateway: gatewayFor(context.octokit, context.log.child({ job: "config-check" })), log: context.log, now: now() };
    const result = await checkConfig(ctx, at, payload.after);
    const defaultBranch = (payload.repository as { default_branch?: string }).default_branch;
    if (!result.ok || payload.ref !== `refs/heads/${defaultBranch}`) return;
    // A valid new configuration on the default branch: rebuild everything it describes.
    const state = await loadConfig(context.octokit, installationOf(context), at, ownerType, context.log);
    if (state.kind !== "ok") return;
    const origin = originOf(context, state.loaded);
    for (const route of everything(state.loaded.config, reachFor(installationAccount(payload), state.loaded))) await queueRoute(origin, route);
  });

  // ------------------------------------------------------------ reconciliation

  /**
   * Every series and backlog of every installation whose configuration Docket knows (each
   * account's `.github`, and the repositories whose configurations events have shown): a
   * rebuild that changes nothing writes nothing, so this heals what was lost at little cost.
   */
  async function reconcile(): Promise<number> {
    const appOctokit = await app.auth();
    const installations = (await appOctokit.paginate("GET /app/installations", { per_page: 100 })) as Array<{ id: number; html_url?: string; account: { login?: string; type?: string } | null; suspended_at?: string | null }>;
    let queued = 0;
    for (const inst of installations) {
      const login = inst.account?.login;
      if (!login || inst.suspended_at) continue;
      const account = { login, type: (inst.account?.type === "User" ? "User" : "Organization") as OwnerType };
      const octokit = await octokitFor(inst.id);
      const places = [{ home: { owner: login, repo: ".github" }, ownerType: account.type }, ...(await homes.list(inst.id))];
      for (const place of places) {
        const log = app.log.child({ reconcile: repoKey(place.home) });
        configCache.delete(`${inst.id}:${repoKey(place.home)}`);
        const state = await loadConfig(octokit, inst.id, place.home, place.ownerType, log).catch((error: unknown) => {
          log.warn({ err: error }, "reconciliation could not read a configuration; the next pass tries again");
          return { kind: "none" } as ConfigState;
        });
        // A repository without its own config falls back to `.github`, which has its own place here.
        if (state.kind !== "ok" || repoKey(state.loaded.home).toLowerCase() !== repoKey(place.home).toLowerCase()) continue;
        const origin: Origin = { installationId: inst.id, loaded: state.loaded, serverUrl: originOfUrl(inst.html_url) };
        for (const route of everything(state.loaded.config, reachFor(account, state.loaded))) {
          await queueRoute(origin, route);
          queued++;
        }
      }
    }
    return queued;
  }

  return {
    queue,
    homes,
    accept: (delivery) => queue.request({ key: `delivery:${delivery.id}`, spec: { type: "delivery", ...delivery }, item: null }),
    idle: () => queue.idle(),
    async status() {
      const c = await queue.counts();
      return { ...c, busy: c.queued + c.running + c.retrying };
    },
    reconcile,
  };
}
