/**
 * Docket's app, wired: the queue, the jobs it runs, and the handlers that fill it.
 *
 * A delivery reaches the intake (./app/intake.ts), which verifies it, queues it and answers.
 * A worker takes it from the queue and hands it to the handlers (./app/handlers.ts), which load
 * the configuration (./app/configs.ts), ask the pure router (./app/router.ts) which jobs the event
 * concerns and queue those: one per meeting series, backlog or poll, serialised and coalesced per
 * key by the queue (./queue: in-process, or BullMQ on Redis with REDIS_URL). Every job is plain
 * data, so any instance can run it, and a job that fails is retried; reconciliation
 * (`reconcile`, driven by ./app/recovery.ts) rebuilds everything on start and every hour.
 */
import { Context, type Probot } from "probot";
import { GitHubGateway, ownRequestOptions, repoKey, withSignal, type Logger, type OctokitLike } from "./github/gateway.js";
import { configs, memoryHomes, redisHomes, type ConfigState, type KnownHomes } from "./app/configs.js";
import { registerHandlers, type EventName, type Handler, type Origin } from "./app/handlers.js";
import type { Delivery } from "./app/intake.js";
import { everything, type Reach, type Route } from "./app/router.js";
import { MemoryQueue } from "./queue/memory.js";
import { pace } from "./queue/pace.js";
import { RedisQueue } from "./queue/redis.js";
import type { JobQueue, JobSpec, OwnerType, QueueCounts } from "./queue/types.js";
import { syncAgenda } from "./workflows/agenda.js";
import type { AgendaMemo } from "./workflows/agenda-memo.js";
import { syncBacklog } from "./workflows/backlog.js";
import { handlePollCommands, POLL_WRITE_BUDGET, type PollCommandComment } from "./workflows/poll.js";
import { handleNowCommands, isNowCommandItem } from "./workflows/now.js";
import type { JobContext, LoadedConfig } from "./workflows/context.js";

export { webOrigin } from "./app/handlers.js";
export type { KnownHomes } from "./app/configs.js";

export interface DocketOptions {
  /** Milliseconds between the starts of one meeting's rebuilds in a burst; the first after a quiet spell starts at once (default 1000; DOCKET_DEBOUNCE_MS; src/queue/pace.ts). */
  debounceMs?: number;
  /** At most this many writes per job (default 60; DOCKET_WRITE_BUDGET). */
  writeBudget?: number;
  /** Fixed "now" (ISO instant) instead of the clock: for the demo and end-to-end tests (DOCKET_NOW). */
  now?: string;
  /**
   * How long a configuration file is trusted before it is revalidated (a conditional request:
   * free when unchanged), in milliseconds (default 300000: 5 minutes). A push changes it at once
   * (src/app/configs.ts).
   */
  configTtlMs?: number;
  /** Redis for durable jobs shared by several instances and workers (REDIS_URL). */
  redisUrl?: string;
  /** Key prefix in Redis (default "docket"). */
  redisPrefix?: string;
  /** Whether this process runs jobs (default true; DOCKET_WORKER=false makes a receiver only). */
  worker?: boolean;
  /** Retries of a failed job (default 8 attempts from 5 s, doubling: about 10 minutes). */
  retry?: { attempts: number; firstDelayMs: number };
  /** How long a Redis worker's lock on a running job lasts, in milliseconds (default 15000; a test-only knob, DOCKET_QUEUE_LOCK_MS: the end-to-end tests kill workers and would wait that long). */
  queueLockMs?: number;
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
  const lock = num(env.DOCKET_QUEUE_LOCK_MS);
  if (lock !== undefined && lock > 0) out.queueLockMs = lock;
  return out;
}

export function createDocket(app: Probot, options: DocketOptions = {}): Docket {
  const onError = (key: string, error: unknown, final: boolean) =>
    app.log[final ? "error" : "warn"](
      { err: error, job: key },
      final ? "Docket job failed after every retry; reconciliation will rebuild it" : "Docket job failed; it will be retried",
    );
  const prefix = options.redisPrefix ?? "docket";
  const redisQueue = options.queue
    ? null
    : options.redisUrl
      ? new RedisQueue(options.redisUrl, {
          prefix,
          onError,
          ...(options.retry ? { retry: options.retry } : {}),
          ...(options.queueLockMs ? { lockMs: options.queueLockMs } : {}),
        })
      : null;
  const queue: JobQueue = options.queue ?? redisQueue ?? new MemoryQueue({ onError, ...(options.retry ? { retry: options.retry } : {}) });
  const homes = redisQueue ? redisHomes(redisQueue.redis, prefix) : memoryHomes();
  const known = configs(homes, options.configTtlMs ?? 300_000);
  /** Boards already warned about as out of the app's reach (once per process). */
  const boardWarnings = new Set<string>();
  let ownLogin: Promise<string | null> | null = null;
  const now = () => (options.now ? new Date(options.now) : new Date());
  /** How long each rebuild waits: the first after a quiet spell none, later ones of a burst until a second after the previous one (src/queue/pace.ts). */
  const paced = pace(options.debounceMs ?? 1000);

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

  /** Queue a routed job: one key per meeting or backlog, so bursts coalesce and runs never overlap. */
  function queueRoute(origin: Origin, route: Route, item?: unknown): Promise<void> {
    const { installationId, loaded, serverUrl } = origin;
    const base = {
      installationId,
      home: loaded.home,
      ownerType: loaded.scope.kind === "owner" ? loaded.scope.ownerType : ("Organization" as OwnerType),
      ...(serverUrl ? { serverUrl } : {}),
    };
    const spec: JobSpec = route.kind === "series" ? { type: "series", ...base, seriesId: route.seriesId } : { type: "backlog", ...base };
    const key = `${installationId}:${repoKey(loaded.home)}#${route.kind === "series" ? `meeting:${route.seriesId}` : "backlog"}`;
    return queue.request({ key, spec, item: item ?? route.fresh, delayMs: paced(key) });
  }

  // ------------------------------------------------------------------ running jobs

  /** Per meeting job: what its last rebuild in this process read, so one with nothing new does not search again (src/workflows/agenda-memo.ts). */
  const agendaMemos = new Map<string, AgendaMemo>();

  async function runJob(spec: JobSpec, items: unknown[], signal?: AbortSignal): Promise<void> {
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
    const state = await known.load(octokit, spec.installationId, spec.home, spec.ownerType, log);
    if (state.kind !== "ok") return; // gone or broken since: nothing to rebuild until it is fixed
    // A rebuild that outlives its queue's Redis stops sending: the reconciliation queues it again (no
    // second meeting issue, no second "moved up" comment from two runs of one meeting at once).
    const github = signal ? withSignal(octokit as unknown as OctokitLike, signal) : octokit;
    const ctx: JobContext = { gateway: gatewayFor(github, log), log, now: now(), ...(spec.serverUrl ? { serverUrl: spec.serverUrl } : {}) };
    const fresh = items.filter((x): x is string => typeof x === "string");
    if (spec.type === "series") {
      if (!state.loaded.config.meetings[spec.seriesId]) return; // the series left the configuration
      const memoKey = `${spec.installationId}:${repoKey(spec.home)}#${spec.seriesId}`;
      const memo = agendaMemos.get(memoKey) ?? agendaMemos.set(memoKey, {}).get(memoKey)!;
      // `/now` and `/next` first, in order: the rebuild then reads the body they wrote. Each on its
      // own: one that fails (GitHub down for a moment) is logged, and neither the other comments nor
      // the rebuild with its topics are lost to a retry that would fail the same way.
      for (const item of items) {
        if (!isNowCommandItem(item)) continue;
        try {
          await handleNowCommands(ctx, state.loaded, item.target, item.comment);
        } catch (error) {
          if (signal?.aborted) throw error;
          log.error(
            { err: error, comment: item.comment.id, issue: item.target.issueNumber },
            "a /now or /next comment failed; it was not applied (its author may repeat it)",
          );
        }
      }
      report(log, await syncAgenda(ctx, state.loaded, spec.seriesId, { fresh, openEmpty: false, memo }));
    } else if (state.loaded.config.backlog) report(log, await syncBacklog(ctx, state.loaded, { fresh }));
  }

  /**
   * `/poll` comments of one issue run one at a time, in order (a second `/poll slots` sees the
   * comments the first posted). A poll posts up to MAX_SLOTS comments and `write-config` opens a pull request,
   * so its job may write POLL_WRITE_BUDGET times. The configuration (null when invalid) is what `write-config` edits.
   */
  async function runPolls(octokit: unknown, spec: Extract<JobSpec, { type: "poll" }>, comments: PollCommandComment[]): Promise<void> {
    const log = app.log.child({ job: `${repoKey(spec.at)}#poll:${spec.issueNumber}` });
    const state = await known.load(octokit, spec.installationId, spec.at, spec.ownerType, log);
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
      made = app.auth(installationId).then(ownRequestOptions);
      made.catch(() => octokits.delete(installationId));
      octokits.set(installationId, made);
    }
    return made;
  }

  const handlers: Array<{ names: readonly string[]; handler: Handler }> = [];
  /** A handler for Probot's `receive` (index.ts, tests) and for the queue's deliveries alike. */
  function on<E extends EventName>(names: readonly E[], handler: Handler<E>): void {
    // Probot types a handler's argument as the event with Context's members mixed in; it passes a Context.
    app.on([...names], handler as never);
    // dispatch() hands it only deliveries of these names, so its context's payload is one of E's.
    handlers.push({ names, handler: handler as Handler });
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

  registerHandlers({ on, configs: known, queue, queueRoute, gatewayFor, causedByDocket, reachFor, now });
  if (options.worker !== false) queue.work(runJob);

  // ------------------------------------------------------------ reconciliation

  /**
   * Every series and backlog of every installation whose configuration Docket knows (each
   * account's `.github`, and the repositories whose configurations events have shown): a
   * rebuild that changes nothing writes nothing, so this heals what was lost at little cost.
   */
  async function reconcile(): Promise<number> {
    const appOctokit = await app.auth();
    const installations = (await appOctokit.paginate("GET /app/installations", { per_page: 100 })) as Array<{
      id: number;
      html_url?: string;
      account: { login?: string; type?: string } | null;
      suspended_at?: string | null;
    }>;
    let queued = 0;
    for (const inst of installations) {
      const login = inst.account?.login;
      if (!login || inst.suspended_at) continue;
      const account = { login, type: (inst.account?.type === "User" ? "User" : "Organization") as OwnerType };
      const octokit = await octokitFor(inst.id);
      const places = [{ home: { owner: login, repo: ".github" }, ownerType: account.type }, ...(await homes.list(inst.id))];
      for (const place of places) {
        const log = app.log.child({ reconcile: repoKey(place.home) });
        known.forget(inst.id, place.home);
        const state = await known.load(octokit, inst.id, place.home, place.ownerType, log).catch((error: unknown) => {
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
