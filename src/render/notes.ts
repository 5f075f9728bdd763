/**
 * Notes where people take them: the meeting issue's notes area and a shared pad.
 *
 * - The notes area is Docket's section `notes` in the meeting issue body
 *   (`<!-- docket:begin notes -->` … `<!-- docket:end notes -->`), opened with
 *   one `### ` heading per recurring item and per agenda topic (`### #12 Title`,
 *   `### owner/repo#12 Title` for a topic of another repository). Unlike the
 *   agenda, what lies between these markers belongs to people: `mergeNotes`
 *   only ever adds the heading of a topic that joined the agenda later, and
 *   drops the heading of a topic that left it only when nothing was written
 *   under it. Every other byte stays as it was.
 * - The pad section (`pad`) links the meeting's shared pad and holds its
 *   hidden state (`<!-- docket:pad {...} -->`), so a rerun never creates a
 *   second pad. The pad starts from `padSkeleton`: the same headings under a
 *   title, the meeting's date and a participants line.
 *
 * The minutes read both (domain/minutes.ts: lines under a heading belong to it).
 */
import type { Occurrence } from "../domain/types.js";
import { hiddenJson, inline, linkMarkdown, readHiddenJson, type Target } from "./escape.js";
import { whenLine } from "./format.js";
import { leadingRef } from "../domain/minutes-lines.js";
import { HEADING } from "../domain/minutes.js";

export const NOTES_SECTION = "notes";
export const PAD_SECTION = "pad";

/** A heading Docket puts into the notes: `key` says what it is for (a topic, a recurring item), `line` is how it is written. */
export interface NotesHeading {
  key: string;
  line: string;
}

/** What the headings are made of: an agenda topic (issues and pull requests; drafts have no reference to write) or a recurring item. */
export interface NotesTopic {
  repo: string;
  number: number | null;
  title: string;
}

const FENCE = /^\s*(`{3,}|~{3,})/;

/** An ATX heading: its level and text, or null. */
export function readHeading(line: string): { level: number; text: string } | null {
  const m = HEADING.exec(line);
  if (!m) return null;
  return { level: m[1]!.length, text: (m[2] ?? "").trim() };
}

function topicKey(repo: string, number: number): string {
  return `${repo.toLowerCase()}#${number}`;
}

/**
 * The headings of a meeting's notes, in order: each recurring item, then each agenda topic (in
 * agenda order). `home` is the meeting issue's repository ("owner/repo"): its topics are written
 * `#12`, others `owner/repo#12`.
 */
export function notesHeadings(recurring: readonly string[], topics: readonly NotesTopic[], home: string, target: Target = "notify"): NotesHeading[] {
  const out: NotesHeading[] = [];
  const seen = new Set<string>();
  for (const item of recurring) {
    const text = inline(item, undefined, undefined, target);
    if (text === "") continue;
    const line = `### ${text}`;
    if (seen.has(line)) continue;
    seen.add(line);
    out.push({ key: line, line });
  }
  for (const t of topics) {
    if (t.number === null || t.repo === "") continue;
    const key = topicKey(t.repo, t.number);
    if (seen.has(key)) continue;
    seen.add(key);
    const ref = t.repo.toLowerCase() === home.toLowerCase() ? `#${t.number}` : `${t.repo}#${t.number}`;
    const title = inline(t.title, 200, undefined, target);
    out.push({ key, line: `### ${ref}${title === "" ? "" : ` ${title}`}` });
  }
  return out;
}

/** The key of a level-3 heading Docket may have written (a topic's reference or a recurring item's line); null for any other line. */
function keyOf(line: string, home: string, recurringLines: ReadonlySet<string>): string | null {
  const h = readHeading(line);
  if (h === null || h.level !== 3) return null;
  const trimmed = line.trim();
  if (recurringLines.has(trimmed)) return trimmed;
  const { ref } = leadingRef(h.text);
  if (ref === null) return null;
  return topicKey(ref.repo ?? home, ref.number);
}

/**
 * The notes area after an agenda rebuild, from what is there now (`current`: the section's content
 * with `\n` newlines, or null when there is none yet) and the headings the agenda asks for.
 *
 * - No notes area yet: the headings, a blank line between them.
 * - Otherwise what people wrote stays byte for byte. A heading that is missing is added: before the
 *   first heading of a later agenda entry, else at the end. A topic heading or recurring heading
 *   Docket no longer asks for is removed only when nothing but blank lines stands under it (up to
 *   the next such heading); with anything written under it, it stays.
 *
 * Pure and idempotent: merging the result again gives the same text.
 */
export function mergeNotes(current: string | null, wanted: readonly NotesHeading[], home: string): string {
  if (current === null) return wanted.map((h) => h.line).join("\n\n");
  const recurringLines = new Set(wanted.filter((h) => h.key === h.line).map((h) => h.line));
  const lines = current.split("\n");
  const wantedAt = new Map(wanted.map((h, i) => [h.key, i]));

  /** Indexes of the keyed headings (outside code blocks), with their keys. */
  const keyed = (): Array<{ at: number; key: string }> => {
    const out: Array<{ at: number; key: string }> = [];
    let fence: string | null = null;
    lines.forEach((line, at) => {
      const f = FENCE.exec(line);
      if (fence !== null) {
        if (f && f[1]![0] === fence[0] && f[1]!.length >= fence.length && line.trim() === f[1]) fence = null;
        return;
      }
      if (f) {
        fence = f[1]!;
        return;
      }
      const key = keyOf(line, home, recurringLines);
      if (key !== null) out.push({ at, key });
    });
    return out;
  };

  // 1. Headings no longer asked for, with nothing under them, go (from the end, so indexes hold).
  const found = keyed();
  let removed = false;
  for (let k = found.length - 1; k >= 0; k--) {
    const { at, key } = found[k]!;
    if (wantedAt.has(key)) continue;
    const end = k + 1 < found.length ? found[k + 1]!.at : lines.length;
    if (lines.slice(at + 1, end).some((l) => l.trim() !== "")) continue;
    lines.splice(at, end - at);
    removed = true;
  }
  // Blank lines a removal left at the very end only separated Docket's headings.
  if (removed) while (lines.length > 0 && lines.at(-1)!.trim() === "") lines.pop();

  // 2. Missing headings are added in agenda order.
  const present = new Set(keyed().map((h) => h.key));
  for (const [i, heading] of wanted.entries()) {
    if (present.has(heading.key)) continue;
    const later = keyed().find((h) => (wantedAt.get(h.key) ?? -1) > i);
    if (later === undefined) {
      while (lines.length > 0 && lines.at(-1) === "") lines.pop();
      if (lines.length > 0) lines.push("");
      lines.push(heading.line);
    } else {
      const before = later.at > 0 && lines[later.at - 1]!.trim() !== "" ? [""] : [];
      lines.splice(later.at, 0, ...before, heading.line, "");
    }
    present.add(heading.key);
  }
  return lines.join("\n");
}

// ---------------------------------------------------------------------------
// The notes area as the minutes read it

/** The notes area's text (newlines `\n`), even when its markers are damaged (then from the begin marker to the next Docket marker or the end); null when there is none. */
export function notesAreaText(body: string | null | undefined): { text: string; damaged: boolean } | null {
  const lf = (body ?? "").replace(/\r\n?/g, "\n");
  const begin = /<!--[ \t]*docket:begin[ \t]+notes[ \t]*-->/.exec(lf);
  if (!begin) return null;
  const after = lf.slice(begin.index + begin[0].length);
  const end = /<!--[ \t]*docket:(end|begin)[ \t]+([a-z0-9-]+)[ \t]*-->/.exec(after);
  const sound = end !== null && end[1] === "end" && end[2] === "notes" && (lf.match(/<!--[ \t]*docket:(?:begin|end)[ \t]+notes[ \t]*-->/g)?.length ?? 0) === 2;
  const text = (end ? after.slice(0, end.index) : after).replace(/^\n/, "").replace(/\n$/, "");
  return { text, damaged: !sound };
}

// ---------------------------------------------------------------------------
// The pad

export type PadKind = "hedgedoc" | "hackmd";

/** What Docket remembers of a meeting's pad. */
export interface PadState {
  kind: PadKind;
  /** The note's id at the service. */
  id: string;
  /** Where people open it. */
  url: string;
}

/** The `pad` section: a link to the pad and its hidden state. */
export function padSection(pad: PadState): string {
  const name = pad.kind === "hackmd" ? "HackMD" : "HedgeDoc";
  return [
    `**Shared notes:** ${linkMarkdown(inline(`${name} pad`), pad.url) || inline(pad.url)}. Take notes there during the meeting, under each topic's heading; the minutes read them, with the comments and the notes area below.`,
    hiddenJson("pad", { kind: pad.kind, id: pad.id, url: pad.url }),
  ].join("\n");
}

/** The pad of a meeting issue body, or null. Never throws. */
export function readPadState(body: string | null | undefined): PadState | null {
  const value = readHiddenJson(body, "pad");
  if (value === null) return null;
  const { kind, id, url } = value;
  if ((kind !== "hedgedoc" && kind !== "hackmd") || typeof id !== "string" || id === "" || typeof url !== "string") return null;
  return { kind, id, url };
}

export interface PadSkeletonInput {
  title: string;
  occurrence: Occurrence;
  /** For a multi-day event: each day as an occurrence (the date line names the event's days). */
  days?: readonly Occurrence[];
  meetingUrl: string;
  recurring: readonly string[];
  topics: readonly NotesTopic[];
  /** The meeting issue's repository, "owner/repo". */
  home: string;
}

/**
 * A new pad's text: the meeting's title (`# Team IaaS — 2025-01-13`, which HedgeDoc takes as the
 * note's title), a quoted line with the date and the meeting issue (quoted lines are not read into
 * the minutes), a `Participants:` line to fill in, and the same headings as the notes area.
 */
export function padSkeleton(input: PadSkeletonInput): string {
  const headings = notesHeadings(input.recurring, input.topics, input.home, "file");
  return [
    `# ${inline(input.title, undefined, undefined, "file")}`,
    "",
    `> ${whenLine(input.occurrence, input.days)} · ${linkMarkdown("the meeting issue", input.meetingUrl) || "the meeting issue"}`,
    "> Write under each heading; `Decision: …` and `AI @user: …` lines become decisions and action items. Docket reads this pad into the minutes when the meeting issue is closed.",
    "",
    "Participants: ",
    "",
    ...headings.flatMap((h) => [h.line, "", ""]),
  ]
    .join("\n")
    .replace(/\n+$/, "\n");
}
