/**
 * The sprint review as Markdown: "# Sprint Gothenburg review" with its
 * counts, a Mermaid pie of done against carried over (GitHub renders
 * ```mermaid blocks), a table of counts per group and each group's lists;
 * then "# Sprint Hobart planning" with the next sprint's items, grouped the
 * same way. Same review, same bytes; ends with one newline.
 */
import { DateTime } from "luxon";
import type { ReviewItem, Sprint, SprintItem, SprintReview } from "../domain/sprint.js";
import { inline, mermaidText } from "./escape.js";
import { topicLink } from "./format.js";

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
  if (s.hasSame(e, "day")) return s.toFormat("d LLLL yyyy");
  if (s.hasSame(e, "month")) return `${s.toFormat("d")}–${e.toFormat("d LLLL yyyy")}`;
  if (s.hasSame(e, "year")) return `${s.toFormat("d LLLL")} – ${e.toFormat("d LLLL yyyy")}`;
  return `${s.toFormat("d LLLL yyyy")} – ${e.toFormat("d LLLL yyyy")}`;
}

function plural(n: number, one: string, many: string = one + "s"): string {
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
  return ["```mermaid", `pie title ${mermaidText(titled(review.sprint.name), "Sprint")}`, ...shown.map(([label, n]) => `    "${label}" : ${n}`), "```"].join("\n");
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

function reviewLine(r: ReviewItem, withStatus: boolean): string {
  const notes: string[] = [];
  if (withStatus) notes.push(r.status === "done" ? "done" : r.status === "closed-before" ? "closed before the sprint" : "carried over");
  if (r.closedAfterEnd) notes.push("closed after the sprint ended");
  return `- ${itemLink(r.item)}${notes.length > 0 ? ` — ${notes.join(", ")}` : ""}`;
}

function list(title: string, items: readonly ReviewItem[], withStatus = false): string[] {
  if (items.length === 0) return [];
  return [`### ${title}`, items.map((r) => reviewLine(r, withStatus)).join("\n")];
}

function planning(review: SprintReview): string[] {
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
  const from = `carried over from ${sprintTitle(review.sprint)}`;
  for (const g of next.groups) {
    blocks.push(`## ${inline(g.title, 140, undefined, FILE)}`);
    blocks.push(
      g.items
        .map((item) => {
          const notes: string[] = [];
          if (carried.has(item.id)) notes.push(from);
          if (item.state === "closed") notes.push("already closed");
          return `- ${itemLink(item)}${notes.length > 0 ? ` — ${notes.join(", ")}` : ""}`;
        })
        .join("\n"),
    );
  }
  return blocks;
}

/** The sprint review, and the next sprint's plan when the review has one. */
export function sprintReviewMarkdown(review: SprintReview): string {
  const blocks = [`# ${sprintTitle(review.sprint)} review`, countsLine(review)];
  if (review.counts.total === 0) {
    blocks.push("No items were in this sprint.");
  } else {
    const chart = pie(review);
    if (chart !== null) blocks.push(chart);
    blocks.push(countsTable(review));
    for (const g of review.groups) {
      blocks.push(`## ${inline(g.title, 140, undefined, FILE)}`);
      blocks.push(
        ...list("Done", g.done),
        ...list("Carried over", g.carriedOver),
        ...list("Closed before the sprint", g.closedBefore),
        ...list("Added mid-sprint", g.addedMidSprint, true),
      );
    }
  }
  blocks.push(...planning(review));
  return blocks.join("\n\n") + "\n";
}
