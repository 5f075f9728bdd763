/**
 * The sprint review ("Sprint Gothenburg review") and the plan of the next
 * sprint ("Sprint Hobart planning"), from plain data: the sprint's window and
 * its items, as the gateway reads them from a Projects (v2) iteration, a
 * milestone or a label. Pure: no clock (the review describes the data it is
 * given), deterministic order.
 *
 * The rules:
 * - The sprint window is half-open, [start, end): `end` is the instant the
 *   next sprint starts (an iteration's start date plus its duration; for a
 *   milestone, the day after its due date). An item closed exactly at `start`
 *   was closed in the sprint; one closed exactly at `end` was not.
 * - done: closed within the window. A closed item without `closedAt` (a source
 *   that does not say when) counts as done: the review runs after the sprint,
 *   and it is closed.
 * - carriedOver: still open, or closed at or after `end`.
 * - closedBefore: closed before `start` (put into the sprint after it was done);
 *   neither done nor carried over, so the counts still add up to `total`.
 * - addedMidSprint: entered the sprint (`addedAt`) more than `graceHours`
 *   (default 24) after `start`: planning on the first day is not "mid-sprint".
 *   An item without `addedAt` was planned. This is a flag on top of the above:
 *   an item added mid-sprint is also done or carried over.
 * - groups: by repository (default; a board draft without one goes to a last
 *   group), or `{ labelPrefix: "area/" }`: by the item's label with that prefix
 *   (case-insensitive; with several, the first in alphabetical order; the group
 *   is named by the rest of the label, as spelled on its first item in order),
 *   items without one in a last "Other".
 * - Order: by repository, then number, then title, then id (case-insensitive
 *   where it is text); an item listed twice (same id) is kept once.
 * - A review is a record: `carried` are the items an earlier review of this
 *   sprint (published after it ended) recorded as carried over. One that is no
 *   longer in the sprint's items (moved on to the next iteration on a board,
 *   its milestone changed) stays carried over, with the mid-sprint flag as
 *   recorded; the next sprint's plan marks it like any other carried item.
 */

import type { Topic } from "./types.js";
import { uniqueBy } from "./unique.js";

export type SprintKind = "iteration" | "milestone" | "label";

export interface Sprint {
  /** e.g. "Gothenburg". */
  name: string;
  /** ISO-8601 instant, inclusive. */
  start: string;
  /** ISO-8601 instant, exclusive (when the next sprint starts). */
  end: string;
  kind: SprintKind;
}

export interface SprintItem extends Pick<Topic, "id" | "repo" | "number" | "title" | "url" | "author" | "audience"> {
  labels: readonly string[];
  state: "open" | "closed";
  /** ISO-8601 instant; null when unknown (or open). */
  closedAt: string | null;
  createdAt: string;
  /** ISO-8601 instant the item entered the sprint (iteration set, milestone set, label added); null when unknown. */
  addedAt: string | null;
  kind: "issue" | "pull_request" | "draft";
}

export type GroupBy = "repository" | { labelPrefix: string };

export interface SprintReviewInput {
  sprint: Sprint;
  items: readonly SprintItem[];
  next?: { sprint: Sprint; items: readonly SprintItem[] } | null;
  /** Default "repository". */
  groupBy?: GroupBy;
  /** How long after the start adding an item still counts as planning; default 24. */
  graceHours?: number;
  /** Items an earlier review recorded as carried over (see the rules above). */
  carried?: readonly RecordedCarry[];
}

/** An item a published review recorded as carried over, as it reads now (or as recorded, when it cannot be read). */
export interface RecordedCarry {
  item: SprintItem;
  addedMidSprint: boolean;
}

export type ItemStatus = "done" | "carried-over" | "closed-before";

export interface ReviewItem {
  item: SprintItem;
  status: ItemStatus;
  addedMidSprint: boolean;
  /** Closed, but only at or after the end of the sprint. */
  closedAfterEnd: boolean;
}

export interface SprintGroup {
  /** Stable key: the repository or the label (lower case); null for the last group (no repository / no such label). */
  key: string | null;
  /** What the group is called in the review: "acme/infra", "compute", "Other", "Drafts". */
  title: string;
  done: ReviewItem[];
  carriedOver: ReviewItem[];
  closedBefore: ReviewItem[];
  addedMidSprint: ReviewItem[];
}

export interface SprintCounts {
  done: number;
  carriedOver: number;
  closedBefore: number;
  added: number;
  total: number;
}

export interface PlanGroup {
  key: string | null;
  title: string;
  items: SprintItem[];
}

export interface SprintReview {
  sprint: Sprint;
  done: ReviewItem[];
  carriedOver: ReviewItem[];
  closedBefore: ReviewItem[];
  addedMidSprint: ReviewItem[];
  groups: SprintGroup[];
  counts: SprintCounts;
  next: { sprint: Sprint; items: SprintItem[]; groups: PlanGroup[] } | null;
}

const HOUR = 3_600_000;

function instant(iso: string | null | undefined): number | null {
  if (iso === null || iso === undefined) return null;
  const t = Date.parse(iso);
  return Number.isNaN(t) ? null : t;
}

function compareText(a: string, b: string): number {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  return x < y ? -1 : x > y ? 1 : a < b ? -1 : a > b ? 1 : 0;
}

/** By repository (drafts, without one, last), then number (none last), then title, then id. */
export function compareItems(a: SprintItem, b: SprintItem): number {
  if ((a.repo === "") !== (b.repo === "")) return a.repo === "" ? 1 : -1;
  const byRepo = compareText(a.repo, b.repo);
  if (byRepo !== 0) return byRepo;
  if (a.number !== b.number) {
    if (a.number === null) return 1;
    if (b.number === null) return -1;
    return a.number - b.number;
  }
  return compareText(a.title, b.title) || compareText(a.id, b.id);
}

function sortedUnique(items: readonly SprintItem[]): SprintItem[] {
  return uniqueBy(items, (i) => i.id).sort(compareItems);
}

function sprintWindow(sprint: Sprint): { start: number; end: number } {
  const start = instant(sprint.start);
  const end = instant(sprint.end);
  if (start === null || end === null)
    throw new Error(
      `sprint ${JSON.stringify(sprint.name)}: expected ISO-8601 instants for start and end, got ${JSON.stringify(sprint.start)} and ${JSON.stringify(sprint.end)}`,
    );
  if (end <= start) throw new Error(`sprint ${JSON.stringify(sprint.name)}: expected its end (${sprint.end}) after its start (${sprint.start})`);
  return { start, end };
}

/** Where an item belongs: done, carried over or closed before the sprint, and whether it was added mid-sprint. */
export function classifyItem(item: SprintItem, sprint: Sprint, graceHours = 24): ReviewItem {
  const { start, end } = sprintWindow(sprint);
  const closedAt = item.state === "closed" ? instant(item.closedAt) : null;
  let status: ItemStatus;
  let closedAfterEnd = false;
  if (item.state !== "closed") status = "carried-over";
  else if (closedAt === null) status = "done";
  else if (closedAt < start) status = "closed-before";
  else if (closedAt < end) status = "done";
  else {
    status = "carried-over";
    closedAfterEnd = true;
  }
  const added = instant(item.addedAt);
  const addedMidSprint = added !== null && added > start + graceHours * HOUR;
  return { item, status, addedMidSprint, closedAfterEnd };
}

interface GroupKey {
  key: string | null;
  title: string;
}

function groupOf(item: SprintItem, groupBy: GroupBy): GroupKey {
  if (groupBy === "repository") return item.repo === "" ? { key: null, title: "Drafts" } : { key: item.repo.toLowerCase(), title: item.repo };
  const prefix = groupBy.labelPrefix.toLowerCase();
  const matching = item.labels.filter((l) => l.toLowerCase().startsWith(prefix)).sort(compareText);
  const label = matching[0];
  if (label === undefined) return { key: null, title: "Other" };
  const rest = label.slice(prefix.length).trim();
  return { key: label.toLowerCase(), title: rest === "" ? label : rest };
}

/** Groups in key order (case-insensitive), the keyless group last; items keep their order. */
function groupItems<T>(entries: readonly T[], itemOf: (e: T) => SprintItem, groupBy: GroupBy): Array<GroupKey & { entries: T[] }> {
  const groups = new Map<string, GroupKey & { entries: T[] }>();
  for (const e of entries) {
    const g = groupOf(itemOf(e), groupBy);
    const id = g.key === null ? "\u0000none" : `k:${g.key}`;
    let group = groups.get(id);
    if (!group) {
      group = { ...g, entries: [] };
      groups.set(id, group);
    }
    group.entries.push(e);
  }
  return [...groups.values()].sort((a, b) => (a.key === null ? 1 : b.key === null ? -1 : compareText(a.key, b.key)));
}

/** The review of `sprint` and, when given, the plan of the next one. Throws only on a sprint whose window is not two ordered ISO instants. */
export function buildSprintReview(input: SprintReviewInput): SprintReview {
  const groupBy = input.groupBy ?? "repository";
  const grace = input.graceHours ?? 24;
  sprintWindow(input.sprint);
  const inSprint = new Set(input.items.map((i) => i.id));
  const recalled = new Map<string, ReviewItem>();
  for (const c of input.carried ?? []) {
    if (inSprint.has(c.item.id) || recalled.has(c.item.id)) continue;
    const r = classifyItem(c.item, input.sprint, grace);
    recalled.set(c.item.id, { ...r, status: "carried-over", addedMidSprint: c.addedMidSprint });
  }
  const reviewed = sortedUnique([...input.items, ...[...recalled.values()].map((r) => r.item)]).map(
    (item) => recalled.get(item.id) ?? classifyItem(item, input.sprint, grace),
  );
  const done = reviewed.filter((r) => r.status === "done");
  const carriedOver = reviewed.filter((r) => r.status === "carried-over");
  const closedBefore = reviewed.filter((r) => r.status === "closed-before");
  const addedMidSprint = reviewed.filter((r) => r.addedMidSprint);

  const groups: SprintGroup[] = groupItems(reviewed, (r) => r.item, groupBy).map((g) => ({
    key: g.key,
    title: g.title,
    done: g.entries.filter((r) => r.status === "done"),
    carriedOver: g.entries.filter((r) => r.status === "carried-over"),
    closedBefore: g.entries.filter((r) => r.status === "closed-before"),
    addedMidSprint: g.entries.filter((r) => r.addedMidSprint),
  }));

  let next: SprintReview["next"] = null;
  if (input.next) {
    const items = sortedUnique(input.next.items);
    next = {
      sprint: input.next.sprint,
      items,
      groups: groupItems(items, (i) => i, groupBy).map((g) => ({ key: g.key, title: g.title, items: g.entries })),
    };
  }

  return {
    sprint: input.sprint,
    done,
    carriedOver,
    closedBefore,
    addedMidSprint,
    groups,
    counts: { done: done.length, carriedOver: carriedOver.length, closedBefore: closedBefore.length, added: addedMidSprint.length, total: reviewed.length },
    next,
  };
}
