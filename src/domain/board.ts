/**
 * Projects (v2) board items as topics, ideas and sprints. The input is a
 * plain `BoardItem`: src/github/boards.ts reads a ProjectV2's `items` with
 * GraphQL and maps each node into this shape, so nothing here knows GitHub's
 * wire shapes (`fieldValues.nodes`, `__typename`, `author { login }` …).
 *
 * Decisions:
 * - Field names and option names are matched case-insensitively, trimmed
 *   (GitHub shows them as typed, people configure them from memory).
 * - Redacted items (content the token may not see: `content` null) are
 *   skipped and counted, so a job can say "3 items you may not see were skipped". Archived items
 *   are skipped for topics and ideas (they are off the board) and counted,
 *   but kept for sprints: archiving done work does not undo it.
 * - Only open issues and pull requests become topics (as with labels); a
 *   merged pull request is closed. A draft is always open.
 * - A draft becomes a topic of kind "draft": its id is the DraftIssue's node
 *   id, no repository, no number, its creator as author, and as URL the board
 *   item (`<board url>?pane=issue&itemId=<databaseId>`) when the board's
 *   URL and the item's database id are known, else the board's URL.
 * - Queue time (when the item got the value): GitHub does not keep a history
 *   of field changes, but the single-select field value has its own
 *   `updatedAt`, which is when it was last set, and while it holds the wanted
 *   option that is when it got it. So: that `updatedAt`, else the value's
 *   `createdAt`, else when the item was added to the board (`addedAt`), else the
 *   content's `createdAt`. Not the item's `updatedAt` (not even read): that
 *   moves with every edit of any field and would shuffle the queue.
 * - Board estimate: a number field (`estimate-field`) read as minutes
 *   (`boardMinutes`, third in `estimateOf`'s precedence: an estimate label
 *   and the issue form beat it).
 * - Label and board (`mergeLabelAndBoard`): one topic (same content node id)
 *   counts once. It is queued at the EARLIER of the label's and the board's
 *   time: it joined the queue when it was first marked, and marking it the
 *   second way must not send it to the back. The label search's topic (with
 *   its timeline) is kept, and the board's number field still counts as its
 *   board estimate.
 * - Sprints (`sprintsFromIterations`): an iteration is [startDate, startDate
 *   + duration days), midnight in `timezone` (default UTC). An item entered
 *   the sprint when its iteration value was set (its `updatedAt`, else
 *   `createdAt`, else unknown). Iterations are ordered by start date; ones
 *   given in `iterations` (the field's configuration) appear even when empty.
 *   Drafts link to their board item when `boardUrl` is given, as topics do.
 * - Who may read an item (`Topic.audience`, see ./visibility.ts): an issue or
 *   pull request carries its repository's visibility (unknown: private; the
 *   gateway maps it with `topicAudience`). A
 *   draft lives only on the board, so whoever may read the board may read it:
 *   it carries the board's audience (`draft`: public when GitHub says the board
 *   is, `ProjectV2.public`, else private to the board's owner). Without one
 *   it is private to nobody, so no output shows it.
 */
import { DateTime } from "luxon";
import { backlogIdeas } from "./backlog.js";
import { estimateOf, type EstimateOptions } from "./estimate.js";
import type { Sprint, SprintItem } from "./sprint.js";
import type { Candidate, Topic } from "./types.js";
import { draftAudience, type Audience } from "./visibility.js";

// ---------------------------------------------------------------------------
// Input: a board item as src/github/boards.ts maps it.

/** An issue or a pull request on a board. */
export interface BoardIssueContent {
  kind: "issue" | "pull_request";
  /** The content's node id (I_…, PR_…). */
  id: string;
  /** "owner/name". */
  repo: string;
  /** Null only when GitHub's answer left it out (as `Topic.number`). */
  number: number | null;
  title: string;
  url: string;
  /** Login; null for a deleted account. */
  author: string | null;
  /** A merged pull request is closed. */
  state: "open" | "closed";
  closedAt: string | null;
  labels: string[];
  body: string;
  createdAt: string;
  /** Votes under `order: votes` (./topics.ts countVotes). */
  thumbsUp: number;
  /** Who may read it: its repository's visibility and owner (./visibility.ts topicAudience). */
  audience: Audience;
}

/** A draft: it lives only on the board (no repository, no number, no URL of its own). */
export interface BoardDraftContent {
  kind: "draft";
  /** The DraftIssue's node id (DI_…). */
  id: string;
  title: string;
  body: string;
  /** The creator's login; null for a deleted account. */
  author: string | null;
  createdAt: string;
}

/** A single-select field's value. */
export interface SingleSelectValue {
  type: "single_select";
  /** The field's name as GitHub shows it. */
  field: string;
  /** The option's name; null when the option was deleted. */
  name: string | null;
  /** When the value was first set, and last set (see the queue time in the file comment). */
  createdAt?: string | undefined;
  updatedAt?: string | undefined;
}

/** A number field's value. */
export interface NumberValue {
  type: "number";
  field: string;
  number: number | null;
}

/** An iteration field's value. */
export interface IterationValue {
  type: "iteration";
  field: string;
  title: string;
  /** YYYY-MM-DD. */
  startDate: string;
  /** Days. */
  duration: number;
  createdAt?: string | undefined;
  updatedAt?: string | undefined;
}

/** The field values Docket reads; other kinds (text, date …) are left out by the gateway. */
export type BoardFieldValue = SingleSelectValue | NumberValue | IterationValue;

export interface BoardItem {
  /** The item's node id (PVTI_…), not the content's. */
  id: string;
  /** The item's database id (decimal digits): the id in the board's web URL; null when unknown. */
  databaseId: string | null;
  archived: boolean;
  /** When the item was added to the board. */
  addedAt: string | null;
  /** Null when GitHub redacted it: the token may not see the content. */
  content: BoardIssueContent | BoardDraftContent | null;
  values: BoardFieldValue[];
}

// ---------------------------------------------------------------------------
// Reading field values.

const norm = (s: string | null | undefined) => (s ?? "").trim().toLowerCase();

function fieldValue<T extends BoardFieldValue["type"]>(item: BoardItem, type: T, field: string): Extract<BoardFieldValue, { type: T }> | null {
  const wanted = norm(field);
  return item.values.find((v): v is Extract<BoardFieldValue, { type: T }> => v.type === type && norm(v.field) === wanted) ?? null;
}

/** The item's single-select value for `field`, or null. */
export function singleSelectValue(item: BoardItem, field: string): SingleSelectValue | null {
  return fieldValue(item, "single_select", field);
}

/** The item's number value for `field` (e.g. an estimate in minutes), or null. */
export function numberValue(item: BoardItem, field: string): number | null {
  const found = fieldValue(item, "number", field);
  return found?.number != null && Number.isFinite(found.number) ? found.number : null;
}

/** The item's iteration value for `field`, or null. */
export function iterationValue(item: BoardItem, field: string): IterationValue | null {
  return fieldValue(item, "iteration", field);
}

// ---------------------------------------------------------------------------
// Topics and ideas.

export interface BoardOptions {
  /** The single-select field (`board.field`, default "Status"). */
  field: string;
  /** The option that makes an item a topic or idea (`board.value`). */
  value: string;
  /** A number field with the estimate in minutes (`board.estimate-field`). */
  estimateField?: string | undefined;
  /** The board's web URL (`ProjectV2.url`), for links to drafts. */
  boardUrl?: string | undefined;
  /** Who may read the board's drafts (`draftAudience`); default: nobody (see the file comment). */
  draft?: Audience | undefined;
}

export interface BoardTopic {
  topic: Topic;
  /** ISO-8601 instant the item got the value (see the file comment). */
  queuedAt: string;
  /** The number field's value, minutes; null when the field is empty or not configured. */
  boardMinutes: number | null;
  /** The board item's node id. */
  itemId: string;
}

export interface BoardSkipped {
  /** Items GitHub redacted: the token may not see their content. */
  redacted: number;
  /** Archived items carrying the value. */
  archived: number;
  /** Closed issues and pull requests (merged included) carrying the value. */
  closed: number;
}

export interface BoardTopics {
  topics: BoardTopic[];
  skipped: BoardSkipped;
}

function draftUrl(item: BoardItem, boardUrl: string | undefined): string {
  if (boardUrl === undefined || boardUrl === "") return "";
  const id = item.databaseId;
  if (id === null || !/^\d+$/.test(id)) return boardUrl;
  const url = new URL(boardUrl);
  url.searchParams.set("pane", "issue");
  url.searchParams.set("itemId", id);
  return url.toString();
}

/** A draft whose board's audience was not given: private to no owner, shown nowhere. */
const NO_AUDIENCE: Audience = draftAudience("", false);

/** The topic a board item's content stands for; null for a redacted item. */
export function itemTopic(item: BoardItem, boardUrl?: string, draft: Audience = NO_AUDIENCE): Topic | null {
  const content = item.content;
  if (content === null) return null;
  if (content.kind === "draft") {
    return {
      id: content.id,
      kind: "draft",
      repo: "",
      number: null,
      title: content.title,
      url: draftUrl(item, boardUrl),
      author: content.author,
      state: "open",
      labels: [],
      body: content.body,
      createdAt: content.createdAt,
      labeledAt: {},
      thumbsUp: 0,
      audience: draft,
    };
  }
  return {
    id: content.id,
    kind: content.kind,
    repo: content.repo,
    number: content.number,
    title: content.title,
    url: content.url,
    author: content.author,
    state: content.state,
    labels: [...content.labels],
    body: content.body,
    createdAt: content.createdAt,
    labeledAt: {},
    thumbsUp: content.thumbsUp,
    audience: content.audience,
  };
}

/**
 * The open items whose single-select `field` holds `value`, as topics with
 * their queue time and board estimate, in board order; what was skipped is
 * counted. An item listed twice (same content) is kept once.
 */
export function boardTopics(items: readonly BoardItem[], options: BoardOptions): BoardTopics {
  const skipped: BoardSkipped = { redacted: 0, archived: 0, closed: 0 };
  const topics: BoardTopic[] = [];
  const seen = new Set<string>();
  const wanted = norm(options.value);
  for (const item of items) {
    if (item.content === null) {
      skipped.redacted++;
      continue;
    }
    const selected = singleSelectValue(item, options.field);
    if (selected === null || norm(selected.name) !== wanted) continue;
    if (item.archived) {
      skipped.archived++;
      continue;
    }
    const topic = itemTopic(item, options.boardUrl, options.draft);
    if (topic === null) continue;
    if (topic.state !== "open") {
      skipped.closed++;
      continue;
    }
    if (seen.has(topic.id)) continue;
    seen.add(topic.id);
    topics.push({
      topic,
      queuedAt: selected.updatedAt ?? selected.createdAt ?? item.addedAt ?? topic.createdAt,
      boardMinutes: options.estimateField ? numberValue(item, options.estimateField) : null,
      itemId: item.id,
    });
  }
  return { topics, skipped };
}

function earlier(a: string, b: string): string {
  const x = Date.parse(a);
  const y = Date.parse(b);
  if (Number.isNaN(y)) return a;
  if (Number.isNaN(x)) return b;
  return y < x ? b : a;
}

/**
 * Label topics (from `candidatesFor`) and board topics as one list of
 * candidates for `packAgenda`: a topic on both counts once (see the file
 * comment); label candidates keep their order, board-only ones follow in
 * board order. Board topics are estimated with `estimate` and their minutes.
 */
export function mergeLabelAndBoard(
  labelCandidates: readonly Candidate[],
  board: readonly BoardTopic[],
  estimate: Omit<EstimateOptions, "boardMinutes">,
): Candidate[] {
  const onBoard = new Map(board.map((b) => [b.topic.id, b]));
  const out: Candidate[] = [];
  const seen = new Set<string>();
  for (const c of labelCandidates) {
    if (seen.has(c.topic.id)) continue;
    seen.add(c.topic.id);
    const b = onBoard.get(c.topic.id);
    if (b === undefined) {
      out.push(c);
      continue;
    }
    const { minutes, source } = estimateOf(c.topic, { ...estimate, boardMinutes: b.boardMinutes });
    out.push({ topic: c.topic, minutes, estimateSource: source, queuedAt: earlier(c.queuedAt, b.queuedAt) });
  }
  for (const b of board) {
    if (seen.has(b.topic.id)) continue;
    seen.add(b.topic.id);
    const { minutes, source } = estimateOf(b.topic, { ...estimate, boardMinutes: b.boardMinutes });
    out.push({ topic: b.topic, minutes, estimateSource: source, queuedAt: b.queuedAt });
  }
  return out;
}

/**
 * The idea backlog from labelled issues and board items together: each idea
 * once (same id), open ones only, in the backlog's alphabetical order.
 */
export function mergeIdeas(labelTopics: readonly Topic[], label: string, board: readonly BoardTopic[], locale: string): Topic[] {
  // Board ideas join the list wearing the label, so backlogIdeas filters, de-duplicates
  // (the labelled copy, listed first, wins) and sorts them all alike; then they take it off again.
  const original = new Map<Topic, Topic>();
  const fromBoard = board.map((b) => {
    const dressed = { ...b.topic, labels: [...b.topic.labels, label] };
    original.set(dressed, b.topic);
    return dressed;
  });
  return backlogIdeas([...labelTopics, ...fromBoard], label, locale).map((t) => original.get(t) ?? t);
}

// ---------------------------------------------------------------------------
// Sprints.

export interface IterationConfig {
  title: string;
  /** YYYY-MM-DD. */
  startDate: string;
  /** Days. */
  duration: number;
}

export interface BoardSprint {
  sprint: Sprint;
  items: SprintItem[];
}

export interface SprintOptions {
  /** The zone whose midnight starts an iteration; default UTC. */
  timezone?: string;
  /** The iteration field's configured iterations (active and completed), so empty ones are listed too. */
  iterations?: readonly IterationConfig[];
  /** The board's web URL (`ProjectV2.url`): drafts link to their item on it (see `itemTopic`). */
  boardUrl?: string | undefined;
  /** Who may read the board's drafts (see `itemTopic`). */
  draft?: Audience | undefined;
}

function sprintOf(iteration: IterationConfig, zone: string): Sprint {
  const start = DateTime.fromISO(iteration.startDate, { zone });
  if (!start.isValid || !Number.isInteger(iteration.duration) || iteration.duration < 1) {
    throw new Error(
      `iteration ${JSON.stringify(iteration.title)}: expected a start date (YYYY-MM-DD) and a duration of whole days, got ${JSON.stringify(iteration.startDate)} and ${iteration.duration}`,
    );
  }
  return { name: iteration.title, start: start.toUTC().toISO()!, end: start.plus({ days: iteration.duration }).toUTC().toISO()!, kind: "iteration" };
}

function sprintItem(item: BoardItem, topic: Topic, addedAt: string | null): SprintItem {
  const closedAt = item.content?.kind === "draft" ? null : (item.content?.closedAt ?? null);
  return {
    id: topic.id,
    repo: topic.repo,
    number: topic.number,
    title: topic.title,
    url: topic.url,
    author: topic.author,
    labels: topic.labels,
    state: topic.state,
    closedAt: topic.state === "closed" ? closedAt : null,
    createdAt: topic.createdAt,
    addedAt,
    kind: topic.kind,
    audience: topic.audience,
  };
}

/**
 * The sprints an iteration field defines, each with its items, in the shape
 * `buildSprintReview` takes (`{ sprint, items }`; a review's `next` is the
 * following entry). Ordered by start date; redacted items are skipped.
 */
export function sprintsFromIterations(items: readonly BoardItem[], iterationField: string, options: SprintOptions = {}): BoardSprint[] {
  const zone = options.timezone ?? "UTC";
  const byKey = new Map<string, { iteration: IterationConfig; items: SprintItem[]; ids: Set<string> }>();
  const key = (i: IterationConfig) => `${i.startDate}\u0000${norm(i.title)}`;
  const entry = (i: IterationConfig) => {
    let e = byKey.get(key(i));
    if (e === undefined) {
      e = { iteration: { title: i.title, startDate: i.startDate, duration: i.duration }, items: [], ids: new Set() };
      byKey.set(key(i), e);
    }
    return e;
  };
  for (const i of options.iterations ?? []) entry(i);
  for (const item of items) {
    const value = iterationValue(item, iterationField);
    if (value === null) continue;
    const topic = itemTopic(item, options.boardUrl, options.draft);
    if (topic === null) continue;
    const e = entry(value);
    if (e.ids.has(topic.id)) continue;
    e.ids.add(topic.id);
    e.items.push(sprintItem(item, topic, value.updatedAt ?? value.createdAt ?? null));
  }
  return [...byKey.values()]
    .map((e) => ({ sprint: sprintOf(e.iteration, zone), items: e.items }))
    .sort((a, b) => Date.parse(a.sprint.start) - Date.parse(b.sprint.start) || (a.sprint.name < b.sprint.name ? -1 : a.sprint.name > b.sprint.name ? 1 : 0));
}
