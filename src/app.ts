/**
 * The Probot app: parse each webhook, decide which jobs it concerns, and hand
 * them to the per-meeting coalescer. No agenda logic lives here.
 *
 * Events: issues and pull_request (topics and ideas), issue_comment (/agenda,
 * /poll), push (the configuration), projects_v2_item (organisation boards;
 * user boards send none: the Action's `agenda` command rebuilds those).
 *
 * Handlers return as soon as the job is queued (GitHub wants an answer within
 * 10 seconds); jobs report their own failures to the log. `docket.idle()`
 * resolves when every queued job has finished (tests, graceful shutdown).
 */
import { Redis } from "ioredis";
import type { Context, Probot } from "probot";
import { redisLock } from "./infra/redis-lock.js";
import { validateConfig } from "./config/load.js";
import { parseCommands } from "./domain/commands.js";
import { estimateFromLabels } from "./domain/estimate.js";
import { GitHubGateway, CONFIG_PATH, repoKey, type BoardRef, type Logger, type OctokitLike, type RepoRef } from "./github/gateway.js";
import { syncAgenda } from "./workflows/agenda.js";
import { syncBacklog } from "./workflows/backlog.js";
import { Coalescer } from "./workflows/coalesce.js";
import { handleAgendaCommands } from "./workflows/commands.js";
import { checkConfig } from "./workflows/config-check.js";
import { handlePollCommands, POLL_WRITE_BUDGET, type PollCommandComment } from "./workflows/poll.js";
import { scopeFor, type JobContext, type LoadedConfig } from "./workflows/context.js";
import { seriesLabel } from "./config/load.js";

export interface DocketOptions {
  /** Milliseconds to gather a burst of events before the first rebuild (default 1000; DOCKET_DEBOUNCE_MS). */
  debounceMs?: number;
  /** At most this many writes per job (default 60; DOCKET_WRITE_BUDGET). */
  writeBudget?: number;
  /** Fixed "now" (ISO instant) instead of the clock: for the demo and end-to-end tests (DOCKET_NOW). */
  now?: string;
  /** How long a loaded configuration is reused, in milliseconds (default 30000). */
  configTtlMs?: number;
  /** Redis for a per-meeting lock shared by several app instances (REDIS_URL). */
  redis?: Redis;
}

export interface Docket {
  /** Resolves when no job runs or waits. */
  idle(): Promise<void>;
  /** Meetings and backlogs with a job running or waiting. */
  busy(): number;
}

const TOPIC_EVENTS = [
  "issues.opened",
  "issues.edited",
  "issues.labeled",
  "issues.unlabeled",
  "issues.closed",
  "issues.reopened",
  "issues.deleted",
  "issues.transferred",
  "pull_request.opened",
  "pull_request.edited",
  "pull_request.labeled",
  "pull_request.unlabeled",
  "pull_request.closed",
  "pull_request.reopened",
] as const;

/** Topic events that change whether a board-only topic (no label) belongs on an agenda or backlog (title and estimate changes count too). */
const BOARD_TOPIC_ACTIONS: ReadonlySet<string> = new Set(["closed", "reopened", "deleted", "transferred"]);

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

/** A series' or the backlog's `board:` (the backlog's has no estimate field). */
type TopicBoardConfig = BoardRef & { field: string; "estimate-field"?: string | undefined };

function sameBoard(a: BoardRef, b: BoardRef): boolean {
  return a.number === b.number && a.owner.toLowerCase() === b.owner.toLowerCase();
}

/** The account the app is installed on, as the event shows it: the repository's owner, or the organisation. */
function installationAccount(payload: unknown): { login: string; type: "Organization" | "User" } | null {
  const p = payload as { repository?: { owner?: { login?: unknown; type?: unknown } }; organization?: { login?: unknown } };
  const owner = p.repository?.owner;
  // `owner.type` is optional in some payloads (push): an organisation event says so with `organization`.
  if (typeof owner?.login === "string") return { login: owner.login, type: owner.type === "User" && p.organization === undefined ? "User" : "Organization" };
  if (typeof p.organization?.login === "string") return { login: p.organization.login, type: "Organization" };
  return null;
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
  if (env.REDIS_URL) out.redis = new Redis(env.REDIS_URL, { maxRetriesPerRequest: 3 });
  return out;
}

export function createDocket(app: Probot, options: DocketOptions = {}): Docket {
  const queueOptions = {
    onError: (key: string, error: unknown) => app.log.error({ err: error, job: key }, "Docket job failed"),
    ...(options.redis ? { lock: redisLock(options.redis) } : {}),
  };
  // Agenda and backlog jobs carry the ids of topics to read fresh; poll jobs the commands, in order, undebounced.
  const coalescer = new Coalescer<string | null>({ debounceMs: options.debounceMs ?? 1000, ...queueOptions });
  const polls = new Coalescer<PollCommandComment>(queueOptions);
  const configCache = new Map<string, { at: number; state: Promise<ConfigState> }>();
  const seenDeliveries = new Set<string>();
  /** A board's node id never changes hands: its owner and number, once looked up (a burst of item events costs one lookup). */
  const boards = new Map<string, Promise<BoardRef | null>>();
  /** Boards already warned about as out of the app's reach (once per process). */
  const boardWarnings = new Set<string>();
  let ownLogin: Promise<string | null> | null = null;
  const now = () => (options.now ? new Date(options.now) : new Date());
  const ttl = options.configTtlMs ?? 30_000;

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

  async function shouldIgnore(context: Context): Promise<boolean> {
    if (seenDeliveries.has(context.id)) return true; // a redelivery: the first delivery did the work
    seenDeliveries.add(context.id);
    if (seenDeliveries.size > 1000) seenDeliveries.delete(seenDeliveries.values().next().value!);
    const sender = (context.payload as { sender?: { login?: string; type?: string } }).sender;
    if (sender?.type !== "Bot") return false;
    return sender.login === (await botLogin());
  }

  function jobContext(context: Context, log: Logger): JobContext {
    const serverUrl = webOrigin(context.payload);
    return {
      gateway: new GitHubGateway(context.octokit as unknown as OctokitLike, { log, writeBudget: options.writeBudget ?? 60 }),
      log,
      now: now(),
      ...(serverUrl ? { serverUrl } : {}),
    };
  }

  function loadConfig(context: Context, at: RepoRef, ownerType: "Organization" | "User"): Promise<ConfigState> {
    const key = `${(context.payload as { installation?: { id?: number } }).installation?.id ?? 0}:${repoKey(at)}`;
    const cached = configCache.get(key);
    if (cached && Date.now() - cached.at < ttl) return cached.state;
    const state = (async (): Promise<ConfigState> => {
      const gateway = new GitHubGateway(context.octokit as unknown as OctokitLike);
      const { raw, home } = await gateway.loadConfig(at);
      if (!raw || !home) return { kind: "none" };
      const result = validateConfig(raw);
      if (!result.ok) {
        const problems = result.problems.map((p) => `${p.path || "(root)"}: ${p.message}`).join("; ");
        context.log.warn({ repo: repoKey(home), problems }, `${CONFIG_PATH} is invalid; nothing is changed until it is fixed`);
        return { kind: "invalid", problems };
      }
      return { kind: "ok", loaded: { config: result.config, home, scope: scopeFor(home, ownerType) } };
    })().catch((error: unknown): ConfigState => {
      configCache.delete(key);
      context.log.error({ err: error, repo: repoKey(at) }, `could not load ${CONFIG_PATH}`);
      return { kind: "invalid", problems: error instanceof Error ? error.message : String(error) };
    });
    configCache.set(key, { at: Date.now(), state });
    return state;
  }

  /** The event's repository; null (and a log line) for a payload GitHub would not send. */
  function repoOf(context: Context): { at: RepoRef; ownerType: "Organization" | "User" } | null {
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
  function boardOutOfReach(context: Context, loaded: LoadedConfig, board: { owner: string; number: number } | undefined, what: string): boolean {
    if (board === undefined) return false;
    const account = installationAccount(context.payload);
    if (account !== null && account.type === "Organization" && account.login.toLowerCase() === board.owner.toLowerCase()) return false;
    const key = `${repoKey(loaded.home)}:${what}:${board.owner}#${board.number}`;
    if (!boardWarnings.has(key)) {
      boardWarnings.add(key);
      context.log.warn(
        { config: repoKey(loaded.home), board: `${board.owner}#${board.number}` },
        `${what} names the board ${board.owner}#${board.number}, which the app cannot read (it reads only the boards of the organisation it is installed on); the app leaves ${what} to the Action's agenda command`,
      );
    }
    return true;
  }

  function queueSeries(context: Context, loaded: LoadedConfig, seriesId: string, fresh: string | null): void {
    if (boardOutOfReach(context, loaded, loaded.config.meetings[seriesId]?.board, `meetings.${seriesId}`)) return;
    const key = `${repoKey(loaded.home)}#meeting:${seriesId}`;
    void coalescer.request(key, fresh, async (batch) => {
      const log = context.log.child({ job: key });
      const ids = batch.filter((x): x is string => x !== null);
      report(log, await syncAgenda(jobContext(context, log), loaded, seriesId, { fresh: ids }));
    });
  }

  function queueBacklog(context: Context, loaded: LoadedConfig, fresh: string | null): void {
    if (boardOutOfReach(context, loaded, loaded.config.backlog?.board, "backlog")) return;
    const key = `${repoKey(loaded.home)}#backlog`;
    void coalescer.request(key, fresh, async (batch) => {
      const log = context.log.child({ job: key });
      report(log, await syncBacklog(jobContext(context, log), loaded, { fresh: batch.filter((x): x is string => x !== null) }));
    });
  }

  // ------------------------------------------------------------------ topics

  app.on([...TOPIC_EVENTS], async (context) => {
    if (await shouldIgnore(context)) return;
    const payload = context.payload as any;
    const item = payload.issue ?? payload.pull_request;
    if (!item || typeof item.number !== "number") return;
    const labels: string[] = (item.labels ?? []).map((l: { name: string }) => l.name);
    if (labels.some((l) => l.toLowerCase().startsWith("docket/"))) return; // one of Docket's own issues
    const action: string = payload.action;
    if (action === "edited" && !payload.changes?.title && !payload.changes?.body) return;
    const changed: string | undefined = payload.label?.name;
    const involved = changed ? [...labels, changed] : labels;

    const where = repoOf(context);
    if (!where) return;
    const state = await loadConfig(context, where.at, where.ownerType);
    if (state.kind !== "ok") return;
    const { config } = state.loaded;
    const prefix = config["estimate-label-prefix"];
    const isEstimateLabel = changed !== undefined && estimateFromLabels([changed], prefix) !== null;

    // A topic that is only on a board carries no label: whether it opens, closes or leaves matters all the same.
    const unlabelled: Array<{ board: BoardRef; queue: () => void }> = [];
    // (edited: the early return above keeps only title and body edits; a body may carry the issue form's estimate)
    const boardTopicChange = BOARD_TOPIC_ACTIONS.has(action) || action === "edited" || isEstimateLabel;
    for (const [id, series] of Object.entries(config.meetings)) {
      const label = seriesLabel(id, series);
      const carries = involved.some((l) => l.toLowerCase() === label.toLowerCase());
      if (!carries && series.board && boardTopicChange && !boardOutOfReach(context, state.loaded, series.board, `meetings.${id}`)) unlabelled.push({ board: series.board, queue: () => queueSeries(context, state.loaded, id, null) });
      if (!carries) continue;
      // A label unrelated to Docket was added or removed: the agenda cannot change.
      if (changed && changed.toLowerCase() !== label.toLowerCase() && !isEstimateLabel) continue;
      queueSeries(context, state.loaded, id, item.node_id ?? null);
    }
    const backlog = config.backlog;
    if (backlog && involved.some((l) => l.toLowerCase() === backlog.label.toLowerCase())) {
      if (!changed || changed.toLowerCase() === backlog.label.toLowerCase()) queueBacklog(context, state.loaded, item.node_id ?? null);
    } else if (backlog?.board && boardTopicChange && !boardOutOfReach(context, state.loaded, backlog.board, "backlog")) unlabelled.push({ board: backlog.board, queue: () => queueBacklog(context, state.loaded, null) });
    if (unlabelled.length === 0) return;

    // Which boards is it on? One request, instead of reading every board for every closed issue.
    // A topic that no longer resolves (deleted, transferred away) may have been on any of them.
    const gateway = new GitHubGateway(context.octokit as unknown as OctokitLike, { log: context.log });
    const on =
      typeof item.node_id === "string"
        ? await gateway.topicBoards(item.node_id).catch((error: unknown) => {
            context.log.warn({ err: error }, "could not tell which boards a topic is on; rebuilding every series with a board");
            return null;
          })
        : null;
    for (const { board, queue } of unlabelled) if (on === null || on.some((b) => sameBoard(b, board))) queue();
  });

  // ------------------------------------------------------------------ boards

  /**
   * An item of an organisation's Projects (v2) board was added, edited, archived, restored,
   * converted or removed. The payload names the board only by node id and carries thin
   * `changes`, so the board is looked up (one request, then remembered), and only when the
   * organisation's configuration names a board of that organisation at all. The
   * configuration is the organisation-wide one (its `.github` repository): the event has no
   * repository to look in. The rebuild reads the whole board, so no item id is carried.
   */
  app.on("projects_v2_item", async (context) => {
    if (await shouldIgnore(context)) return;
    const payload = context.payload as {
      action?: string;
      projects_v2_item?: { node_id?: unknown; project_node_id?: unknown };
      organization?: { login?: unknown };
      changes?: { field_value?: { field_name?: unknown; project_number?: unknown } };
    };
    if (payload.action === "reordered") return; // the board's order claims nothing: topics queue by time
    const item = payload.projects_v2_item;
    const org = payload.organization?.login;
    if (typeof item?.node_id !== "string" || typeof item.project_node_id !== "string" || typeof org !== "string") {
      context.log.warn({ event: context.name, delivery: context.id }, "ignoring a projects_v2_item event without an item or organisation");
      return;
    }
    const state = await loadConfig(context, { owner: org, repo: ".github" }, "Organization");
    if (state.kind !== "ok") return;
    const { config } = state.loaded;
    const ofOrg = (board: BoardRef | undefined): board is BoardRef => board !== undefined && board.owner.toLowerCase() === org.toLowerCase();
    const sources: Array<{ board: TopicBoardConfig; queue: () => void }> = [
      ...Object.entries(config.meetings).flatMap(([id, s]) => (ofOrg(s.board) ? [{ board: s.board, queue: () => queueSeries(context, state.loaded, id, null) }] : [])),
      ...(ofOrg(config.backlog?.board) ? [{ board: config.backlog!.board!, queue: () => queueBacklog(context, state.loaded, null) }] : []),
    ];
    // Newer payloads name the edited field: an edit of a field no source reads (a due date, a text field) changes nothing.
    const fieldName = payload.changes?.field_value?.field_name;
    if (payload.action === "edited" && typeof fieldName === "string") {
      // A draft's title is its board field "Title"; every source shows titles.
      const read = (b: TopicBoardConfig) => ["Title", b.field, b["estimate-field"]].some((f) => f !== undefined && f.trim().toLowerCase() === fieldName.trim().toLowerCase());
      for (let i = sources.length - 1; i >= 0; i--) if (!read(sources[i]!.board)) sources.splice(i, 1);
    }
    if (sources.length === 0) return;
    const named = payload.changes?.field_value?.project_number;
    const board = typeof named === "number" ? { owner: org, number: named } : await boardOf(context, item.project_node_id);
    if (board === null) {
      context.log.info({ project: item.project_node_id }, "a board Docket cannot see changed; nothing to do");
      return;
    }
    for (const source of sources) if (sameBoard(source.board, board)) source.queue();
  });

  /** The board a node id names: looked up once, and the lookup shared by the events that arrive meanwhile. */
  function boardOf(context: Context, projectNodeId: string): Promise<BoardRef | null> {
    let found = boards.get(projectNodeId);
    if (found === undefined) {
      const gateway = new GitHubGateway(context.octokit as unknown as OctokitLike, { log: context.log });
      found = gateway.boardById(projectNodeId);
      boards.set(projectNodeId, found);
      found.then(
        (b) => b === null && boards.delete(projectNodeId),
        () => boards.delete(projectNodeId),
      );
    }
    return found;
  }

  // ---------------------------------------------------------------- commands

  app.on("issue_comment.created", async (context) => {
    if (await shouldIgnore(context)) return;
    const { comment, issue } = context.payload;
    if (typeof comment?.body !== "string" || typeof issue?.number !== "number" || typeof comment.user?.login !== "string") return;
    const names = new Set(parseCommands(comment.body).map((c) => c.name));
    if (!names.has("agenda") && !names.has("poll")) return;
    const where = repoOf(context);
    if (!where) return;
    const { at, ownerType } = where;
    const state = await loadConfig(context, at, ownerType);
    if (state.kind === "none") return; // Docket is not configured for this repository
    if (names.has("poll")) queuePoll(context, at, issue.number, { id: comment.id, body: comment.body, author: comment.user.login }, state.kind === "ok" ? state.loaded : null);
    if (!names.has("agenda")) return;
    const log = context.log.child({ command: "agenda", issue: issue.html_url });
    const ctx = jobContext(context, log);
    if (state.kind === "invalid") {
      await ctx.gateway.comment(at, issue.number, `Docket cannot run \`/agenda\` right now: its configuration (\`${CONFIG_PATH}\`) has problems. A maintainer can see them in the "Docket configuration" check of the last change to that file.`);
      return;
    }
    const labels = (issue.labels ?? []).map((l: { name: string } | string) => (typeof l === "string" ? l : l.name));
    try {
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
      for (const id of outcome.touched) queueSeries(context, state.loaded, id, issue.node_id ?? null);
    } catch (error) {
      log.error({ err: error }, "the /agenda command failed");
      throw error;
    }
  });

  /**
   * `/poll` comments of one issue run one at a time, in order (a second `/poll slots` sees the
   * comments the first posted). A poll posts up to MAX_SLOTS comments and `write-config` opens a pull request,
   * so its job may write POLL_WRITE_BUDGET times. `config` (null when invalid) is what `write-config` edits.
   */
  function queuePoll(context: Context, at: RepoRef, issueNumber: number, comment: PollCommandComment, config: LoadedConfig | null): void {
    const key = `${repoKey(at)}#poll:${issueNumber}`;
    void polls.request(key, comment, async (batch) => {
      const log = context.log.child({ job: key });
      const bot = await botLogin();
      for (const c of batch) {
        const writeBudget = Math.max(options.writeBudget ?? 60, POLL_WRITE_BUDGET);
        const ctx: JobContext = { ...jobContext(context, log), gateway: new GitHubGateway(context.octokit as unknown as OctokitLike, { log, writeBudget }) };
        await handlePollCommands(ctx, { repo: at, issueNumber }, c, bot, config);
      }
    });
  }

  // ------------------------------------------------------------ configuration

  app.on("push", async (context) => {
    const payload = context.payload;
    if (payload.deleted || !Array.isArray(payload.commits) || typeof payload.after !== "string") return;
    const touched = payload.commits.some((c) => [...(c.added ?? []), ...(c.modified ?? [])].includes(CONFIG_PATH));
    if (!touched) return;
    const where = repoOf(context);
    if (!where) return;
    const { at, ownerType } = where;
    // An org-wide config (in .github) is every repository's fallback: forget all of this owner's.
    for (const key of [...configCache.keys()]) if (key.includes(`:${at.owner}/`)) configCache.delete(key);
    const ctx = jobContext(context, context.log.child({ job: "config-check" }));
    const result = await checkConfig(ctx, at, payload.after);
    const defaultBranch = (payload.repository as { default_branch?: string }).default_branch;
    if (!result.ok || payload.ref !== `refs/heads/${defaultBranch}`) return;
    // A valid new configuration on the default branch: rebuild everything it describes.
    const state = await loadConfig(context, at, ownerType);
    if (state.kind !== "ok") return;
    for (const id of Object.keys(state.loaded.config.meetings)) queueSeries(context, state.loaded, id, null);
    if (state.loaded.config.backlog) queueBacklog(context, state.loaded, null);
  });

  return { idle: async () => void (await Promise.all([coalescer.idle(), polls.idle()])), busy: () => coalescer.busy + polls.busy };
}

