/**
 * The router: which jobs an event concerns, from the payload and the
 * configuration alone (pure: no GitHub, no clock). The app loads the
 * configuration, asks here, and queues what comes back.
 *
 *   topicEvent(name, payload)          -> the facts of an issues / pull_request event, or null
 *   routeTopic(event, config, reach)   -> jobs now, and jobs that depend on which boards the topic is on
 *   meetingIssueSeries(payload)        -> the docket/<series> labels of a meeting issue closed or reopened
 *   routeMeetingIssue(labels, config, reach) -> the series whose next meeting that changes
 *   routeBoardItem(payload, config)    -> the sources a projects_v2_item event may touch
 *   configPushed(payload)              -> whether a push changed .github/docket.yml
 *   everything(config, reach)          -> every series and the backlog (a new config; reconciliation)
 */
import { seriesLabel } from "../config/load.js";
import type { DocketConfig } from "../config/schema.js";
import { estimateFromLabels } from "../domain/estimate.js";
import { trackLabel } from "../domain/tracks.js";
import { CONFIG_PATH, type BoardRef } from "../github/gateway.js";
import { meetingIssueLabel } from "../workflows/agenda.js";

export const TOPIC_EVENTS = [
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

/** A job the router asks for; `fresh` is a topic's node id to read fresh (search lags writes). */
export type Route = { kind: "series"; seriesId: string; fresh: string | null } | { kind: "backlog"; fresh: string | null };

/** Whether the app may read a board (its own organisation's); a series or backlog naming another is left to the Action. */
export type Reach = (board: BoardRef, what: string) => boolean;

export interface TopicEvent {
  action: string;
  nodeId: string | null;
  /** The topic's labels, and the label the event added or removed. */
  labels: string[];
  changed: string | undefined;
}

/** Topic events that change whether a board-only topic (no label) belongs on an agenda or backlog. */
const BOARD_TOPIC_ACTIONS: ReadonlySet<string> = new Set(["closed", "reopened", "deleted", "transferred"]);

const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

export function sameBoard(a: BoardRef, b: BoardRef): boolean {
  return a.number === b.number && same(a.owner, b.owner);
}

/** The facts of a topic event; null when it cannot change any agenda (Docket's own issues, edits of other fields). */
export function topicEvent(payload: unknown): TopicEvent | null {
  type Item = { number?: unknown; node_id?: unknown; labels?: unknown };
  const p = payload as { action?: unknown; issue?: Item; pull_request?: Item; label?: { name?: unknown }; changes?: { title?: unknown; body?: unknown } };
  const item = p.issue ?? p.pull_request;
  if (!item || typeof item.number !== "number" || typeof p.action !== "string") return null;
  const labels: string[] = Array.isArray(item.labels) ? item.labels.map((l: { name?: unknown } | string) => String(typeof l === "string" ? l : l.name)) : [];
  if (labels.some((l) => l.toLowerCase().startsWith("docket/"))) return null; // one of Docket's own issues
  if (p.action === "edited" && !p.changes?.title && !p.changes?.body) return null;
  return {
    action: p.action,
    nodeId: typeof item.node_id === "string" ? item.node_id : null,
    labels,
    changed: typeof p.label?.name === "string" ? p.label.name : undefined,
  };
}

/**
 * The `docket/<series>` labels of a meeting issue that was closed or reopened (a cancellation, the
 * chair ending a meeting, or a restored one: the series' next meeting changes), lower-cased; empty
 * for any other event.
 */
export function meetingIssueSeries(payload: unknown): string[] {
  const p = payload as { action?: unknown; issue?: { labels?: unknown; pull_request?: unknown } };
  if ((p.action !== "closed" && p.action !== "reopened") || !p.issue || p.issue.pull_request) return [];
  const labels: unknown[] = Array.isArray(p.issue.labels) ? p.issue.labels : [];
  return labels.map((l) => String(typeof l === "string" ? l : (l as { name?: unknown })?.name).toLowerCase()).filter((l) => l.startsWith("docket/"));
}

/** The configured series whose meeting issue labels these are (those the app may read: see `routeTopic`). */
export function routeMeetingIssue(labels: readonly string[], config: DocketConfig, reach: Reach): Route[] {
  return Object.entries(config.meetings)
    .filter(([id, series]) => labels.includes(meetingIssueLabel(id).toLowerCase()) && !(series.board && !reach(series.board, `meetings.${id}`)))
    .map(([id]) => id)
    .map((id) => ({ kind: "series", seriesId: id, fresh: null }));
}

export interface TopicRouting {
  /** Jobs the event concerns for certain. */
  now: Route[];
  /** Jobs it concerns only if the topic is on that board (one request tells; unknown = all of them). */
  ifOnBoard: Array<{ board: BoardRef; route: Route }>;
}

export function routeTopic(event: TopicEvent, config: DocketConfig, reach: Reach): TopicRouting {
  const out: TopicRouting = { now: [], ifOnBoard: [] };
  const { changed, nodeId } = event;
  const involved = changed ? [...event.labels, changed] : event.labels;
  const isEstimateLabel = changed !== undefined && estimateFromLabels([changed], config["estimate-label-prefix"]) !== null;
  // A topic only on a board carries no label: whether it opens, closes, is renamed or re-estimated matters all the same.
  const boardTopicChange = BOARD_TOPIC_ACTIONS.has(event.action) || event.action === "edited" || isEstimateLabel;
  for (const [id, series] of Object.entries(config.meetings)) {
    // An event with tracks takes its topics by the tracks' labels only (src/workflows/gathering.ts).
    const labels = series.event?.tracks ? series.event.tracks.map((t) => trackLabel(id, t)) : [seriesLabel(id, series)];
    const carries = involved.some((l) => labels.some((label) => same(l, label)));
    if (series.board && !reach(series.board, `meetings.${id}`)) continue;
    if (!carries) {
      if (series.board && boardTopicChange) out.ifOnBoard.push({ board: series.board, route: { kind: "series", seriesId: id, fresh: null } });
      continue;
    }
    // A label unrelated to Docket was added or removed: the agenda cannot change.
    if (changed && !labels.some((label) => same(changed, label)) && !isEstimateLabel) continue;
    out.now.push({ kind: "series", seriesId: id, fresh: nodeId });
  }
  const backlog = config.backlog;
  if (backlog && !(backlog.board && !reach(backlog.board, "backlog"))) {
    if (involved.some((l) => same(l, backlog.label))) {
      if (!changed || same(changed, backlog.label)) out.now.push({ kind: "backlog", fresh: nodeId });
    } else if (backlog.board && boardTopicChange) out.ifOnBoard.push({ board: backlog.board, route: { kind: "backlog", fresh: null } });
  }
  return out;
}

/** A series' or the backlog's `board:` (the backlog's has no estimate field). */
type TopicBoardConfig = BoardRef & { field: string; "estimate-field"?: string | undefined };

export interface BoardItemEvent {
  action: string;
  projectNodeId: string;
  org: string;
  /** Newer payloads name the edited field and the board's number. */
  fieldName?: string;
  projectNumber?: number;
}

export function boardItemEvent(payload: unknown): BoardItemEvent | null {
  const p = payload as {
    action?: unknown;
    projects_v2_item?: { node_id?: unknown; project_node_id?: unknown };
    organization?: { login?: unknown };
    changes?: { field_value?: { field_name?: unknown; project_number?: unknown } };
  };
  const item = p.projects_v2_item;
  if (
    typeof p.action !== "string" ||
    typeof item?.node_id !== "string" ||
    typeof item.project_node_id !== "string" ||
    typeof p.organization?.login !== "string"
  )
    return null;
  const field = p.changes?.field_value;
  return {
    action: p.action,
    projectNodeId: item.project_node_id,
    org: p.organization.login,
    ...(typeof field?.field_name === "string" ? { fieldName: field.field_name } : {}),
    ...(typeof field?.project_number === "number" ? { projectNumber: field.project_number } : {}),
  };
}

/**
 * The sources (series, backlog) a board item event may touch: those naming a board of the event's
 * organisation and reading the edited field. The caller still checks the board is the one that changed.
 */
export function routeBoardItem(event: BoardItemEvent, config: DocketConfig): Array<{ board: BoardRef; route: Route }> {
  if (event.action === "reordered") return []; // the board's order claims nothing: topics queue by time
  const ofOrg = (board: BoardRef | undefined): board is TopicBoardConfig => board !== undefined && same(board.owner, event.org);
  const sources: Array<{ board: TopicBoardConfig; route: Route }> = [
    ...Object.entries(config.meetings).flatMap(([id, s]) =>
      ofOrg(s.board) ? [{ board: s.board, route: { kind: "series", seriesId: id, fresh: null } as Route }] : [],
    ),
    ...(config.backlog && ofOrg(config.backlog.board) ? [{ board: config.backlog.board, route: { kind: "backlog", fresh: null } as Route }] : []),
  ];
  const fieldName = event.fieldName;
  if (event.action !== "edited" || fieldName === undefined) return sources;
  // An edit of a field no source reads (a due date, a text field) changes nothing; a draft's title is its field "Title".
  const reads = (b: TopicBoardConfig) => ["Title", b.field, b["estimate-field"]].some((f) => f !== undefined && same(f.trim(), fieldName.trim()));
  return sources.filter((s) => reads(s.board));
}

/** Whether a push added or changed the configuration file. */
export function configPushed(payload: unknown): boolean {
  const p = payload as { deleted?: unknown; commits?: unknown; after?: unknown };
  if (p.deleted || !Array.isArray(p.commits) || typeof p.after !== "string") return false;
  return p.commits.some((c: { added?: string[]; modified?: string[] }) => [...(c.added ?? []), ...(c.modified ?? [])].includes(CONFIG_PATH));
}

/**
 * The files a push changed (added, modified or removed), to forget what was read of them; null
 * when the payload cannot tell: a forced push (files its commits no longer contain changed too)
 * or a list of commits GitHub cut short (at most 2,048).
 */
export function pushedPaths(payload: unknown): string[] | null {
  const p = payload as { forced?: unknown; commits?: unknown };
  if (p.forced === true || !Array.isArray(p.commits) || p.commits.length >= 2048) return null;
  return p.commits.flatMap((c: { added?: string[]; modified?: string[]; removed?: string[] }) => [
    ...(c.added ?? []),
    ...(c.modified ?? []),
    ...(c.removed ?? []),
  ]);
}

/** Every series and the backlog a configuration describes (those the app may read). */
export function everything(config: DocketConfig, reach: Reach): Route[] {
  const routes: Route[] = [];
  for (const [id, series] of Object.entries(config.meetings))
    if (!series.board || reach(series.board, `meetings.${id}`)) routes.push({ kind: "series", seriesId: id, fresh: null });
  if (config.backlog && (!config.backlog.board || reach(config.backlog.board, "backlog"))) routes.push({ kind: "backlog", fresh: null });
  return routes;
}
