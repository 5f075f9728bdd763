/**
 * Minutes as people write them by hand, published as a Markdown file
 * (`minutes/2023-12-04.md`); the short comment on the meeting issue that links
 * them; and the reader that recovers the agenda topics from a meeting issue
 * body (it reads what render/agenda.ts wrote, so it lives beside the renderers).
 *
 * People appear as `@handle`: a file committed to a repository notifies
 * nobody, and that is how communities write minutes. Where the text would
 * notify (a pull-request body, a comment), pass `{ quietMentions: true }`.
 * Every piece of text people wrote (titles, notes, decisions, role names,
 * recurring items) goes through `inline()`, so it can break no heading, list
 * or HTML comment and ping no team.
 */
import { DateTime } from "luxon";
import { parseDuration } from "../domain/duration.js";
import type { Collected, MinutesEntry, MinutesModel, MinutesTopic } from "../domain/minutes.js";
import { hiddenJson, inline, linkMarkdown, readHiddenJson, writtenMarkdown, ZWSP, type Target } from "./escape.js";
import { longDate, topicLink } from "./format.js";
import { parseState, readSection } from "./markers.js";
import { meetingTitle } from "./agenda.js";

// ---------------------------------------------------------------------------
// The agenda topics of a meeting issue body

function unescapeMarkdown(text: string): string {
  return text
    .replace(/\u200B/g, "")
    .replace(/\\([\\`*_[\]()~|$#+\-.!>])/g, "$1")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&")
    .trim();
}

/** Splits a table row into cells at `|` that are not backslash-escaped. */
function cells(row: string): string[] {
  const out: string[] = [];
  let cur = "";
  for (let i = 0; i < row.length; i++) {
    const c = row[i]!;
    if (c === "\\" && i + 1 < row.length) {
      cur += c + row[i + 1]!;
      i++;
    } else if (c === "|") {
      out.push(cur);
      cur = "";
    } else cur += c;
  }
  out.push(cur);
  const trimmed = out.map((c) => c.trim());
  if (trimmed[0] === "") trimmed.shift();
  if (trimmed.at(-1) === "") trimmed.pop();
  return trimmed;
}

/** The first `[text](url)` in a cell (escaped brackets stay inside the text). */
function firstLink(cell: string): { text: string; url: string } | null {
  const m = /\[((?:\\.|[^\\\]])*)\]\(\s*([^()\s]+)\s*\)/.exec(cell);
  return m ? { text: m[1]!, url: m[2]! } : null;
}

const ISSUE_URL = /^https?:\/\/[^/]+\/([^/]+\/[^/]+)\/(?:issues|pull)\/(\d{1,9})(?:[/?#]|$)/;

/** The agenda section's text: the sound section, or (markers damaged) from the begin marker to the next end marker or the end. */
function agendaText(body: string): string | null {
  const sound = readSection(body, "agenda");
  if (sound !== null) return sound;
  const lf = body.replace(/\r\n?/g, "\n");
  const begin = /<!--[ \t]*docket:begin[ \t]+agenda[ \t]*-->/.exec(lf);
  if (!begin) return null;
  const after = lf.slice(begin.index + begin[0].length);
  const end = /<!--[ \t]*docket:(?:end|begin)[ \t]+[a-z0-9-]+[ \t]*-->/.exec(after);
  return end ? after.slice(0, end.index) : after;
}

/** An agenda topic read from a meeting issue body, with its planned start ("14:10", on `date` or the meeting's date) and estimate when the row has them. */
export type AgendaRow = MinutesTopic & { planned?: { date: string | null; start: string; minutes: number } };

/**
 * The agenda topics of a meeting issue body, in agenda order, read from the
 * table(s) in Docket's `agenda` section: each row with a cell that links
 * "owner/repo#N Title" to the topic's issue or pull request, and the author
 * in the cell after it.
 *
 * Robust to people's edits: a row is recognised by its link, not its place
 * (rows removed, moved or added by hand are read as they stand now); a topic
 * listed twice is kept once (by URL); rows without an issue link (a draft, a
 * hand-written line) are skipped; damaged markers only mean reading from the
 * begin marker to the next marker or the end. Ids come from the hidden state
 * line when it lists exactly as many scheduled ids as there are rows (they are
 * written in the same order); otherwise each topic's URL stands in for its id.
 * A title cut short when written ("…") stays cut. Never throws; a body without
 * an agenda section gives [].
 */
export function agendaTopicsFromBody(body: string | null | undefined): AgendaRow[] {
  try {
    const section = agendaText(body ?? "");
    if (section === null) return [];
    const found: AgendaRow[] = [];
    const seen = new Set<string>();
    let day: string | null = null;
    for (const line of section.split("\n")) {
      const heading = /^###\s+Day\s+\d+\s+—\s+(.+?)\s*$/.exec(line);
      if (heading) {
        const parsed = DateTime.fromFormat(heading[1]!, "cccc, d LLLL yyyy", { locale: "en-GB", zone: "UTC" });
        day = parsed.isValid ? parsed.toISODate() : null;
      }
      if (!/^\s*\|/.test(line)) continue;
      const row = cells(line);
      const at = row.findIndex((cell) => {
        const l = firstLink(cell);
        return l !== null && ISSUE_URL.test(l.url);
      });
      if (at < 0) continue;
      const l = firstLink(row[at]!)!;
      const key = l.url.toLowerCase();
      if (seen.has(key)) continue;
      seen.add(key);
      const fromUrl = ISSUE_URL.exec(l.url)!;
      const text = unescapeMarkdown(l.text);
      const named = /^(\S+\/\S+?)?#(\d{1,9})(?:\s+([\s\S]*))?$/.exec(text);
      const repo = named?.[1] ?? fromUrl[1]!;
      const number = Number(named?.[2] ?? fromUrl[2]);
      const title = named ? (named[3] ?? "").trim() : text;
      const authorCell = row[at + 1];
      let author: string | null = null;
      if (authorCell !== undefined) {
        const al = firstLink(authorCell);
        const name = unescapeMarkdown(al ? al.text : authorCell).replace(/^@/, "");
        author = name === "" || name.toLowerCase() === "ghost" ? null : name;
      }
      const start = row[at - 1]?.trim() ?? "";
      const minutes = parseDuration(row[at + 2] ?? "");
      const planned = /^\d{2}:\d{2}$/.test(start) && minutes !== null ? { date: day, start, minutes } : undefined;
      found.push({ id: l.url, repo, number, title, url: l.url, author, ...(planned ? { planned } : {}) });
    }
    const ids = parseState(section)?.scheduled ?? null;
    if (ids !== null && ids.length === found.length) return found.map((t, i) => ({ ...t, id: ids[i]! }));
    return found;
  } catch {
    return [];
  }
}

// ---------------------------------------------------------------------------
// The minutes file

export interface MinutesRenderOptions {
  /**
   * Write people as `@​handle` (a zero-width space after the `@`), so the text
   * pings nobody where GitHub would notify (a pull-request body, a comment).
   * Default false: a committed file notifies nobody, and `@handle` is how
   * minutes are written.
   */
  quietMentions?: boolean;
  /**
   * Where the review of the sprint this meeting reviews is, or will be, published (the series is
   * the config's `sprints.meeting`): a `- Sprint review:` line each in the head.
   */
  sprintReviews?: ReadonlyArray<{ path: string; url: string }>;
}

const LOGIN = /^[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}$/;

/** Quiet mentions are for text GitHub notifies from; otherwise the minutes are a committed file (escape.ts). */
const target = (quiet: boolean): Target => (quiet ? "notify" : "file");

function handle(login: string, quiet: boolean): string {
  const bare = login.replace(/^@/, "");
  return LOGIN.test(bare) ? `@${quiet ? ZWSP : ""}${bare}` : inline(bare, 60, undefined, target(quiet));
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** "Monday, 4 December 2023" for a YYYY-MM-DD date; the date itself if it is not one. */
function dateLine(date: string, quiet: boolean): string {
  const dt = DateTime.fromISO(date, { zone: "UTC" }).setLocale("en-GB");
  return dt.isValid && /^\d{4}-\d{2}-\d{2}$/.test(date) ? longDate(dt) : inline(date, 40, undefined, target(quiet));
}

/** "acme/meetings#42" for the meeting issue's URL. */
export function issueRefText(url: string, number: number, quiet: boolean): string {
  const m = ISSUE_URL.exec(url);
  return m ? `${inline(m[1]!, 140, undefined, target(quiet))}#${number}` : `#${number}`;
}

const NOTE_MAX = 2000;

/** A reference such as "#99" or "acme/infra#12" in the middle of a line ("#" needs no escape there). */
function refText(ref: string, quiet: boolean): string {
  return inline(ref, 160, undefined, target(quiet)).replace(/^\\#/, "#");
}

/** The text of an item, with an unresolved reference kept at the end: "text (#99)". */
function itemText(entry: Pick<MinutesEntry, "text" | "ref">, quiet: boolean): string {
  const text = writtenMarkdown(entry.text, NOTE_MAX, target(quiet));
  return entry.ref === null ? text : `${text} (${refText(entry.ref, quiet)})`;
}

function owners(logins: readonly string[], quiet: boolean): string {
  return logins.map((o) => handle(o, quiet)).join(", ");
}

/**
 * The lines written under an item (sub-points, code blocks), indented under its
 * bullet: indentation and list markers as written, prose escaped, code blocks
 * verbatim (inside a fence nothing is Markdown).
 */
function detailLines(details: readonly string[], quiet: boolean): string[] {
  const out: string[] = [];
  let fence: string | null = null;
  for (const line of details) {
    const f = /^\s*(`{3,}|~{3,})/.exec(line);
    if (fence !== null || f) {
      out.push(`  ${line}`);
      if (f && fence === null) fence = f[1]!;
      else if (f && fence !== null && f[1]![0] === fence[0] && f[1]!.length >= fence.length) fence = null;
      continue;
    }
    if (line.trim() === "") {
      out.push("");
      continue;
    }
    const m = /^(\s*)((?:[-*+]|\d{1,9}[.)])\s+(?:\[[ xX]\]\s+)?)?(.*)$/.exec(line)!;
    out.push(`  ${m[1]!}${m[2] ?? ""}${writtenMarkdown(m[3]!, NOTE_MAX, target(quiet))}`);
  }
  return out;
}

/** One entry as people write minutes: `- note`, `- **Decision:** ...`, `- AI @a, @b: ...`; its details under it (the recap, ./recap.ts, writes them so too). */
export function entryLines(entry: MinutesEntry, quiet: boolean): string[] {
  let head: string;
  if (entry.kind === "decision") head = `- **Decision:** ${itemText(entry, quiet)}`;
  else if (entry.kind === "action") head = `- AI ${owners(entry.owners, quiet)}: ${itemText(entry, quiet)}`;
  else head = `- ${itemText(entry, quiet)}`;
  return [head, ...detailLines(entry.details, quiet)];
}

function itemLines(items: Pick<MinutesModel["general"], "entries">, quiet: boolean): string[] {
  return items.entries.flatMap((e) => entryLines(e, quiet));
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/**
 * The minutes as a Markdown file: title, a list with the date, the meeting
 * issue, participants, absentees and who held each role; the recurring items
 * with the answers given; each topic in agenda order with what was written
 * for it in the order it was written (notes, **Decision:** lines, action
 * items `AI @a, @b: ...`, with the sub-points and code under them), or
 * whether it was discussed without notes or carried over; the sprint items
 * the meeting talked about (a sprint review meeting), the same way; "Other" for what
 * belongs to no topic (and, verbatim, lines that could not be read); every
 * decision and every action item again as lists; and the topics carried over.
 * Sections with nothing to say are left out, except Topics and Action items.
 * Same model, same bytes; ends with one newline.
 */
export function minutesMarkdown(model: MinutesModel, opts: MinutesRenderOptions = {}): string {
  const quiet = opts.quietMentions ?? false;
  const to = target(quiet);
  const blocks: string[] = [`# ${inline(meetingTitle(model.title, model), undefined, undefined, to)}`];

  const head = [`- Date: ${dateLine(model.date, quiet)}`];
  const issue = linkMarkdown(issueRefText(model.meeting.url, model.meeting.number, quiet), model.meeting.url);
  head.push(`- Meeting issue: ${issue}`);
  for (const review of opts.sprintReviews ?? []) head.push(`- Sprint review: ${linkMarkdown(inline(review.path, 200, undefined, to), review.url)}`);
  head.push(`- Participants: ${model.participants.length === 0 ? "none recorded" : model.participants.map((p) => handle(p, quiet)).join(", ")}`);
  if (model.absent.length > 0) head.push(`- Absent: ${model.absent.map((p) => handle(p, quiet)).join(", ")}`);
  if (model.roles.length > 0) {
    const roles = model.roles.map(
      ({ role, login }) =>
        `${capitalise(inline(role, 60, undefined, to))}: ${login === null ? "nobody (everyone on the roster is absent)" : handle(login, quiet)}`,
    );
    head.push(`- ${roles.join(" · ")}`);
  }
  blocks.push(head.join("\n"));

  const recurring = model.recurring
    .filter((r) => inline(r.item, undefined, undefined, to) !== "")
    .flatMap((r) => [`- ${inline(r.item, undefined, undefined, to)}`, ...r.answers.flatMap((a) => entryLines(a, quiet).map((l) => (l === "" ? l : `  ${l}`)))]);
  if (recurring.length > 0) blocks.push("## Recurring items", recurring.join("\n"));

  blocks.push("## Topics");
  if (model.topics.length === 0) blocks.push("No topics were on the agenda.");
  for (const t of model.topics) {
    blocks.push(`### ${topicLink(t.topic, undefined, to)}`);
    const lines = itemLines(t, quiet);
    if (lines.length > 0) blocks.push(lines.join("\n"));
    else blocks.push(t.discussed ? "_Discussed; nothing recorded._" : "_Not discussed; carried over to the next meeting._");
  }

  // Sprint items the meeting said something about (or named): the review lists every item; the minutes, what was said.
  const sprintItems = model.sprintItems.filter((t) => t.discussed);
  if (sprintItems.length > 0) {
    blocks.push("## Sprint items");
    for (const t of sprintItems) {
      const lines = itemLines(t, quiet);
      blocks.push(`### ${topicLink(t.topic, undefined, to)}`, lines.length > 0 ? lines.join("\n") : "_Discussed; nothing recorded._");
    }
  }

  const other = itemLines(model.general, quiet);
  if (other.length > 0) blocks.push("## Other", other.join("\n"));

  const where = (c: Collected) => (c.topicRef === null ? "" : ` (${refText(c.topicRef, quiet)})`);
  if (model.decisions.length > 0) {
    blocks.push("## Decisions", model.decisions.map((d) => `- ${writtenMarkdown(d.text, NOTE_MAX, to)}${where(d)}`).join("\n"));
  }
  blocks.push("## Action items");
  if (model.actionItems.length === 0) blocks.push("None.");
  else blocks.push(model.actionItems.map((a) => `- AI ${owners(a.owners, quiet)}: ${writtenMarkdown(a.text, NOTE_MAX, to)}${where(a)}`).join("\n"));

  if (model.carryOver.length > 0) {
    blocks.push("## Carried over to the next meeting", model.carryOver.map((t) => `- ${topicLink(t, undefined, to)}`).join("\n"));
  }
  return `${blocks.join("\n\n")}\n`;
}

// ---------------------------------------------------------------------------
// The comment on the meeting issue

export interface MinutesCommentMarker {
  series: string;
  date: string;
  url: string;
}

/**
 * The comment on the meeting issue that links the published minutes: a
 * hidden `<!-- docket:minutes {...} -->` line (series, date, URL) so a rerun
 * sees it already commented, one sentence with the link, and the counts.
 */
export function minutesComment(publishedUrl: string, model: MinutesModel): string {
  const name = meetingTitle(model.title, model);
  const linked = linkMarkdown(inline(name), publishedUrl);
  const decisions = model.decisions.length;
  const counts = [
    plural(model.participants.length, "participant", "participants"),
    plural(decisions, "decision", "decisions"),
    plural(model.actionItems.length, "action item", "action items"),
  ];
  const carry = model.carryOver.length === 0 ? "" : ` ${plural(model.carryOver.length, "topic carries", "topics carry")} over to the next meeting.`;
  return [
    hiddenJson("minutes", { series: model.series, date: model.date, url: publishedUrl }),
    `The minutes of this meeting are published: ${linked}.`,
    "",
    `${counts.join(" · ")}.${carry}`,
  ].join("\n");
}

/** The marker of a minutes comment (which meeting, where published), or null. Never throws. */
export function readMinutesComment(body: string | null | undefined): MinutesCommentMarker | null {
  const value = readHiddenJson(body, "minutes");
  if (value === null) return null;
  const { series, date, url } = value;
  if (typeof series !== "string" || typeof date !== "string" || typeof url !== "string") return null;
  return { series, date, url };
}
