/**
 * The sprint review as Markdown: "# Sprint Gothenburg review" with its
 * counts, a Mermaid pie of done against carried over (GitHub renders
 * ```mermaid blocks), a table of counts per group and each group's lists;
 * then "# Sprint Hobart planning" with the next sprint's items, grouped the
 * same way. With the meeting that reviewed the sprint: its issue, its minutes,
 * participants and roles under the title, and what was noted, decided and
 * assigned about an item under that item. Same review, same bytes; ends with
 * one newline (the hidden record line, when asked for, is the last line).
 *
 * People appear as `@handle`: the review is a committed file, which notifies
 * nobody, as in the minutes.
 */
import { DateTime } from "luxon";
import type { MinutesItems } from "../domain/minutes.js";
import type { RoleAssignment } from "../domain/roles.js";
import type { RecordedCarry, ReviewItem, Sprint, SprintItem, SprintReview } from "../domain/sprint.js";
import { hiddenJson, inline, linkMarkdown, mermaidText, readHiddenJson, writtenMarkdown } from "./escape.js";
import { dayRange, topicLink } from "./format.js";

/** The review is a committed file: it notifies nobody, so it gets only the escaping Markdown needs. */
const FILE = "file";

function when(iso: string): DateTime {
  return DateTime.fromISO(iso, { setZone: true }).setLocale("en-GB");
}

/** "1–14 July 2024", "24 June – 7 July 2024", "23 December 2024 – 5 January 2025"; the end is exclusive, so its last day is shown. */
export function sprintDates(sprint: Pick<Sprint, "start" | "end">): string {
  const s = when(sprint.start);
  const endExclusive = when(sprint.end);
  if (!s.isValid || !endExclusive.isValid) return "";
  let e = endExclusive.minus({ milliseconds: 1 });
  if (e < s) e = s;
  return dayRange(s, e);
}

function plural(n: number, one: string, many: string = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/**
 * "Sprint Gothenburg"; a name that says what it is already ("Sprint 12", or
 * GitHub's default iteration titles "Iteration 13") is not prefixed twice.
 */
function sprintTitle(sprint: Sprint): string {
  return titled(inline(sprint.name, 100, undefined, FILE) || "(unnamed)");
}

const titled = (name: string): string => (/^(sprint|iteration)\b/i.test(name) ? name : `Sprint ${name}`);

function countsLine(review: SprintReview): string {
  const c = review.counts;
  const dates = sprintDates(review.sprint);
  const parts = [`${c.done} done`, `${c.carriedOver} carried over`];
  if (c.closedBefore > 0) parts.push(`${c.closedBefore} closed before the sprint`);
  const added = c.added > 0 ? `; ${c.added} added mid-sprint` : "";
  return `${dates === "" ? "" : `${dates} · `}${plural(c.total, "item")}: ${parts.join(", ")}${added}.`;
}

function pie(review: SprintReview): string | null {
  const slices: Array<[string, number]> = [
    ["Done", review.counts.done],
    ["Carried over", review.counts.carriedOver],
    ["Closed before the sprint", review.counts.closedBefore],
  ];
  // Mermaid rejects slices of zero; with nothing to show, no chart.
  const shown = slices.filter(([, n]) => n > 0);
  if (shown.length === 0) return null;
  return ["```mermaid", `pie title ${mermaidText(titled(review.sprint.name), "Sprint")}`, ...shown.map(([label, n]) => `    "${label}" : ${n}`), "```"].join(
    "\n",
  );
}

function countsTable(review: SprintReview): string {
  const withClosed = review.counts.closedBefore > 0;
  const head = withClosed
    ? ["| Group | Done | Carried over | Closed before | Added mid-sprint |", "| --- | -: | -: | -: | -: |"]
    : ["| Group | Done | Carried over | Added mid-sprint |", "| --- | -: | -: | -: |"];
  const rows = review.groups.map((g) => {
    const cells = [inline(g.title, 140, undefined, FILE), String(g.done.length), String(g.carriedOver.length)];
    if (withClosed) cells.push(String(g.closedBefore.length));
    cells.push(String(g.addedMidSprint.length));
    return `| ${cells.join(" | ")} |`;
  });
  return [...head, ...rows].join("\n");
}

function itemLink(item: SprintItem): string {
  return topicLink(item, undefined, FILE);
}

/** The meeting that reviewed the sprint (the series' meeting issue), as far as it was found. */
export interface ReviewMeeting {
  /** "acme/meetings#42". */
  ref: string;
  url: string;
  /** The published minutes of that meeting: their path and URL (where they are, or will be once published). */
  minutes: { path: string; url: string } | null;
  participants: readonly string[];
  absent: readonly string[];
  roles: readonly RoleAssignment[];
}

export interface SprintReviewRenderOptions {
  meeting?: ReviewMeeting | null;
  /** Notes, decisions and action items of the meeting about an item, by the item's id. */
  notes?: ReadonlyMap<string, MinutesItems>;
  /** Write the hidden record line (src/render/sprint.ts readSprintRecord): `ended` when the sprint is over. */
  record?: { ended: boolean };
}

const LOGIN = /^[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}$/;

function handle(login: string): string {
  const bare = login.replace(/^@/, "");
  return LOGIN.test(bare) ? `@${bare}` : inline(bare, 60, undefined, FILE);
}

function meetingLines(m: ReviewMeeting): string {
  const lines = [`- Reviewed in: ${linkMarkdown(inline(m.ref, 160, undefined, FILE), m.url)}`];
  if (m.minutes !== null) lines.push(`- Minutes of the meeting: ${linkMarkdown(inline(m.minutes.path, 200, undefined, FILE), m.minutes.url)}`);
  lines.push(`- Participants: ${m.participants.length === 0 ? "none recorded" : m.participants.map(handle).join(", ")}`);
  if (m.absent.length > 0) lines.push(`- Absent: ${m.absent.map(handle).join(", ")}`);
  if (m.roles.length > 0) {
    const roles = m.roles.map(
      ({ role, login }) => `${inline(role.charAt(0).toUpperCase() + role.slice(1), 60, undefined, FILE)}: ${login === null ? "nobody" : handle(login)}`,
    );
    lines.push(`- ${roles.join(" · ")}`);
  }
  return lines.join("\n");
}

/** What the meeting recorded about an item, as a nested list under its line. */
function noteLines(item: SprintItem, notes: ReadonlyMap<string, MinutesItems> | undefined): string {
  const n = notes?.get(item.id);
  if (n === undefined) return "";
  const text = (t: string) => writtenMarkdown(t, 2000, FILE);
  // In the order it was written, as the minutes show it (a caveat stays next to its decision).
  const lines = n.entries.map((e) =>
    e.kind === "decision"
      ? `  - **Decision:** ${text(e.text)}`
      : e.kind === "action"
        ? `  - AI ${e.owners.map(handle).join(", ")}: ${text(e.text)}`
        : `  - ${text(e.text)}`,
  );
  return lines.map((l) => `\n${l}`).join("");
}

function reviewLine(r: ReviewItem, withStatus: boolean, notes?: ReadonlyMap<string, MinutesItems>): string {
  const marks: string[] = [];
  if (withStatus) marks.push(r.status === "done" ? "done" : r.status === "closed-before" ? "closed before the sprint" : "carried over");
  if (r.closedAfterEnd) marks.push("closed after the sprint ended");
  return `- ${itemLink(r.item)}${marks.length > 0 ? ` — ${marks.join(", ")}` : ""}${withStatus ? "" : noteLines(r.item, notes)}`;
}

function list(title: string, items: readonly ReviewItem[], withStatus = false, notes?: ReadonlyMap<string, MinutesItems>): string[] {
  if (items.length === 0) return [];
  return [`### ${title}`, items.map((r) => reviewLine(r, withStatus, notes)).join("\n")];
}

function planning(review: SprintReview, notes?: ReadonlyMap<string, MinutesItems>): string[] {
  const next = review.next;
  if (next === null) return [];
  const blocks = [`# ${sprintTitle(next.sprint)} planning`];
  const dates = sprintDates(next.sprint);
  blocks.push(`${dates === "" ? "" : `${dates} · `}${plural(next.items.length, "item")}.`);
  if (next.items.length === 0) {
    blocks.push("Nothing planned yet.");
    return blocks;
  }
  const carried = new Set(review.carriedOver.map((r) => r.item.id));
  // What the meeting said about an item is shown once: under the item in the review when it is there.
  const reviewed = new Set(review.groups.flatMap((g) => [...g.done, ...g.carriedOver, ...g.closedBefore].map((r) => r.item.id)));
  const from = `carried over from ${sprintTitle(review.sprint)}`;
  for (const g of next.groups) {
    blocks.push(`## ${inline(g.title, 140, undefined, FILE)}`);
    blocks.push(
      g.items
        .map((item) => {
          const marks: string[] = [];
          if (carried.has(item.id)) marks.push(from);
          if (item.state === "closed") marks.push("already closed");
          return `- ${itemLink(item)}${marks.length > 0 ? ` — ${marks.join(", ")}` : ""}${reviewed.has(item.id) ? "" : noteLines(item, notes)}`;
        })
        .join("\n"),
    );
  }
  return blocks;
}

/** The sprint review, and the next sprint's plan when the review has one. */
export function sprintReviewMarkdown(review: SprintReview, opts: SprintReviewRenderOptions = {}): string {
  const blocks = [`# ${sprintTitle(review.sprint)} review`, countsLine(review)];
  if (opts.meeting) blocks.push(meetingLines(opts.meeting));
  if (review.counts.total === 0) {
    blocks.push("No items were in this sprint.");
  } else {
    const chart = pie(review);
    if (chart !== null) blocks.push(chart);
    blocks.push(countsTable(review));
    for (const g of review.groups) {
      blocks.push(`## ${inline(g.title, 140, undefined, FILE)}`);
      blocks.push(
        ...list("Done", g.done, false, opts.notes),
        ...list("Carried over", g.carriedOver, false, opts.notes),
        ...list("Closed before the sprint", g.closedBefore, false, opts.notes),
        ...list("Added mid-sprint", g.addedMidSprint, true),
      );
    }
  }
  blocks.push(...planning(review, opts.notes));
  if (opts.record) blocks.push(sprintRecord(review, opts.record.ended));
  return `${blocks.join("\n\n")}\n`;
}

// ---------------------------------------------------------------------------
// The record: what a published review said that the board may forget

/** An item as the record keeps it: enough to list it again if it can no longer be read. */
type RecordedItem = Pick<SprintItem, "id" | "repo" | "number" | "title" | "url" | "kind"> & { added?: true };

export interface SprintRecord {
  sprint: string;
  /** The review was written after the sprint ended: it is a record, kept unless forced. */
  ended: boolean;
  carried: RecordedItem[];
}

/**
 * `<!-- docket:sprint-review {...} -->`: the sprint, whether it had ended, and
 * the items carried over (so moving one into the next iteration on the board
 * does not erase that it was carried over). Invisible where the file is read.
 */
export function sprintRecord(review: SprintReview, ended: boolean): string {
  const carried = review.carriedOver.map(({ item, addedMidSprint }): RecordedItem => {
    const kept: RecordedItem = { id: item.id, repo: item.repo, number: item.number, title: item.title, url: item.url, kind: item.kind };
    if (addedMidSprint) kept.added = true;
    return kept;
  });
  return hiddenJson("sprint-review", { sprint: review.sprint.name, ended, carried });
}

/** The record in a published review, or null (none, or garbage). Never throws. */
export function readSprintRecord(text: string | null | undefined): SprintRecord | null {
  const value = readHiddenJson(text, "sprint-review");
  if (value === null || typeof value.sprint !== "string" || typeof value.ended !== "boolean" || !Array.isArray(value.carried)) return null;
  const carried = value.carried.filter(
    (c): c is RecordedItem =>
      typeof c === "object" &&
      c !== null &&
      typeof c.id === "string" &&
      typeof c.repo === "string" &&
      (typeof c.number === "number" || c.number === null) &&
      typeof c.title === "string" &&
      typeof c.url === "string" &&
      ["issue", "pull_request", "draft"].includes(c.kind),
  );
  return { sprint: value.sprint, ended: value.ended, carried };
}

/**
 * The recorded carried items, each as it reads now (`current`, by id) or, when it
 * can no longer be read, as recorded (open, audience as given: it was published here).
 */
export function recordedCarries(record: SprintRecord | null, current: ReadonlyMap<string, SprintItem>, audience: SprintItem["audience"]): RecordedCarry[] {
  return (record?.carried ?? []).map((c) => ({
    item: current.get(c.id) ?? {
      id: c.id,
      repo: c.repo,
      number: c.number,
      title: c.title,
      url: c.url,
      kind: c.kind,
      author: null,
      audience,
      labels: [],
      state: "open",
      closedAt: null,
      createdAt: "",
      addedAt: null,
    },
    addedMidSprint: c.added === true,
  }));
}
