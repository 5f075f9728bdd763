/**
 * The event handlers: what each webhook means to Docket. They load the configuration, ask the
 * pure router (./router.ts) which jobs the event concerns and queue those; only `/agenda`
 * commands and the configuration check write, and they decide first (./workflows).
 *
 * Events: issues and pull_request (topics and ideas), issue_comment (/agenda, /poll, /cancel,
 * /now and /next: these run with their series' job, so they never race its rebuilds), push
 * (the configuration), projects_v2_item (organisation boards; user boards send none: the
 * Action's `agenda` command rebuilds those).
 */
import type { Context } from "probot";
import { mayWrite, parseCommands, planConfigProblem } from "../domain/commands.js";
import { repoKey, type BoardRef, type GitHubGateway, type Logger, type RepoRef } from "../github/gateway.js";
import type { JobQueue, OwnerType } from "../queue/types.js";
import { configHasProblems } from "../render/commands.js";
import { applyCommandPlan } from "../workflows/command-plan.js";
import { handleCancelCommands } from "../workflows/cancel.js";
import { handleAgendaCommands } from "../workflows/agenda-command.js";
import { handleNowCommands, nowSeriesOf, type NowCommandItem } from "../workflows/now.js";
import { checkConfig } from "../workflows/config-check.js";
import type { JobContext, LoadedConfig } from "../workflows/context.js";
import type { PollCommandComment } from "../workflows/poll.js";
import type { Configs } from "./configs.js";
import {
  boardItemEvent,
  configPushed,
  everything,
  meetingIssueSeries,
  pushedPaths,
  routeBoardItem,
  routeMeetingIssue,
  routeTopic,
  sameBoard,
  topicEvent,
  TOPIC_EVENTS,
  type Reach,
  type Route,
} from "./router.js";

/** Where a routed job comes from: the installation, the configuration, and the server links point at. */
export interface Origin {
  installationId: number;
  loaded: LoadedConfig;
  serverUrl?: string | undefined;
}

/** An event's name as Probot spells it (`issues.opened`, `push`, …). */
export type EventName = Context["name"];

/** A handler of the events `E`: their payloads are typed as GitHub sends them. */
export type Handler<E extends EventName = EventName> = (context: Context<E>) => Promise<void>;

export interface HandlerDeps {
  on<E extends EventName>(names: readonly E[], handler: Handler<E>): void;
  configs: Configs;
  queue: JobQueue;
  /** Queues a routed job; `item` (plain data) joins its batch instead of the route's topic id (a `/now` comment). */
  queueRoute(origin: Origin, route: Route, item?: unknown): Promise<void>;
  gatewayFor(octokit: unknown, log: Logger): GitHubGateway;
  causedByDocket(context: Context): Promise<boolean>;
  reachFor(account: { login: string; type: OwnerType } | null, loaded: LoadedConfig): Reach;
  now(): Date;
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

function originOf(context: Context, loaded: LoadedConfig): Origin {
  return { installationId: installationOf(context), loaded, serverUrl: webOrigin(context.payload) };
}

export function registerHandlers(deps: HandlerDeps): void {
  const { on, configs, queue, queueRoute, gatewayFor, causedByDocket, reachFor, now } = deps;
  /** A board's node id never changes hands: its owner and number, once looked up (a burst of item events costs one lookup). */
  const boards = new Map<string, Promise<BoardRef | null>>();

  // ------------------------------------------------------------------ topics

  on([...TOPIC_EVENTS], async (context) => {
    if (await causedByDocket(context)) return;
    const event = topicEvent(context.payload);
    const meeting = event ? [] : meetingIssueSeries(context.payload);
    if (!event && meeting.length === 0) return;
    const where = repoOf(context);
    if (!where) return;
    const state = await configs.load(context.octokit, installationOf(context), where.at, where.ownerType, context.log);
    if (state.kind !== "ok") return;
    const origin = originOf(context, state.loaded);
    if (!event) {
      // A meeting issue closed or reopened (cancelled, ended, restored): its series' next meeting changes now, not at the hourly reconciliation.
      for (const route of routeMeetingIssue(meeting, state.loaded.config, reachFor(installationAccount(context.payload), state.loaded)))
        await queueRoute(origin, route);
      return;
    }
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
    const state = await configs.load(context.octokit, installationOf(context), { owner: event.org, repo: ".github" }, "Organization", context.log);
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
    const nowNext = names.has("now") || names.has("next");
    if (!names.has("agenda") && !names.has("poll") && !names.has("cancel") && !nowNext) return;
    const where = repoOf(context);
    if (!where) return;
    const { at, ownerType } = where;
    const installationId = installationOf(context);
    const state = await configs.load(context.octokit, installationId, at, ownerType, context.log);
    if (state.kind === "none") return; // Docket is not configured for this repository
    if (names.has("poll")) {
      const serverUrl = webOrigin(context.payload);
      await queue.request({
        key: `${installationId}:${repoKey(at)}#poll:${issue.number}`,
        spec: { type: "poll", installationId, at, ownerType, issueNumber: issue.number, ...(serverUrl ? { serverUrl } : {}) },
        item: { id: comment.id, body: comment.body, author: comment.user.login } satisfies PollCommandComment,
      });
    }
    if (!names.has("agenda") && !names.has("cancel") && !nowNext) return;
    const log = context.log.child({ command: names.has("agenda") ? "agenda" : names.has("cancel") ? "cancel" : "now", issue: issue.html_url });
    const serverUrl = webOrigin(context.payload);
    const ctx: JobContext = { gateway: gatewayFor(context.octokit, log), log, now: now(), ...(serverUrl ? { serverUrl } : {}) };
    if (state.kind === "invalid") {
      // Who can fix the configuration hears about it (write or more on its repository); anybody else gets a 😕.
      const mayFix = mayWrite(await ctx.gateway.permission(state.home, comment.user.login));
      await applyCommandPlan(
        ctx,
        { repo: at, issueNumber: issue.number },
        { id: comment.id, author: comment.user.login },
        planConfigProblem(mayFix, configHasProblems()),
      );
      return;
    }
    const labels = (issue.labels ?? []).map((l: { name: string } | string) => (typeof l === "string" ? l : l.name));
    const origin = originOf(context, state.loaded);
    if (names.has("cancel")) {
      const cancelled = await handleCancelCommands(
        ctx,
        state.loaded,
        { repo: at, issueNumber: issue.number, labels, title: issue.title ?? "", body: issue.body ?? "" },
        { id: comment.id, body: comment.body, author: comment.user.login },
      );
      for (const id of cancelled.touched) await queueRoute(origin, { kind: "series", seriesId: id, fresh: null });
    }
    if (nowNext) {
      // In an event issue with tracks they run with the series' job (its rebuilds write the same body); anywhere else they are answered here.
      const item: NowCommandItem = {
        kind: "now",
        target: { repo: at, issueNumber: issue.number, labels },
        comment: { id: comment.id, body: comment.body, author: comment.user.login },
      };
      const seriesId = nowSeriesOf(state.loaded, labels);
      if (seriesId !== undefined && state.loaded.config.meetings[seriesId]?.event?.tracks)
        await queueRoute(origin, { kind: "series", seriesId, fresh: null }, item);
      else await handleNowCommands(ctx, state.loaded, item.target, item.comment);
    }
    if (!names.has("agenda")) return;
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
    for (const id of outcome.touched) await queueRoute(origin, { kind: "series", seriesId: id, fresh: issue.node_id ?? null });
  });

  // ------------------------------------------------------------ configuration

  on(["push"], async (context) => {
    const payload = context.payload;
    const defaultBranch = (payload.repository as { default_branch?: string } | undefined)?.default_branch;
    const onDefault = payload.ref === `refs/heads/${defaultBranch}`;
    // The app reads configurations on the default branch: forget what this push changed there (a
    // repository's own config, the owner's `.github` one every other repository falls back to, a
    // file some `_extends` names), so the next event reads it again.
    if (onDefault && typeof payload.repository?.name === "string" && typeof payload.repository.owner?.login === "string") {
      configs.forget(null, { owner: payload.repository.owner.login, repo: payload.repository.name }, pushedPaths(payload) ?? undefined);
    }
    if (!configPushed(payload)) return;
    const where = repoOf(context);
    if (!where) return;
    const { at, ownerType } = where;
    const ctx: JobContext = { gateway: gatewayFor(context.octokit, context.log.child({ job: "config-check" })), log: context.log, now: now() };
    const result = await checkConfig(ctx, at, payload.after);
    if (!result.ok || !onDefault) return;
    // A valid new configuration on the default branch: rebuild everything it describes.
    const state = await configs.load(context.octokit, installationOf(context), at, ownerType, context.log);
    if (state.kind !== "ok") return;
    const origin = originOf(context, state.loaded);
    for (const route of everything(state.loaded.config, reachFor(installationAccount(payload), state.loaded))) await queueRoute(origin, route);
  });
}
