/**
 * The recap of a multi-track gathering as a Markdown file (`recaps/ptg.md`), from the model of
 * ../domain/recap.ts. Written like the minutes (./minutes.ts): people as `@handle` (a committed
 * file notifies nobody), every piece of text people wrote made safe for a file (escape.ts), the
 * same lines for decisions (`- **Decision:** …`) and action items (`- AI @a, @b: …`).
 *
 * Layout: the title "<Event title> — recap"; the dates, the time zone, where, the event issue and
 * the counts; per track, in the configuration's order, "## <Track title> (<room>)" (the room only
 * when it is not the title) and each of its sessions by day and time: its link, its day and time
 * ("joint with …" for a session shared with other tracks, which appears under each of them), its
 * decisions, then its action items with their owners (both with what was written under them), then
 * its notes briefly (one line each); "Other" for what belongs to no session; "Pads", a link to
 * every pad; "How to get involved", the event's lines and each track's. Same model, same bytes;
 * ends with one newline.
 */
import type { MinutesEntry } from "../domain/minutes.js";
import type { RecapModel, RecapSession } from "../domain/recap.js";
import type { TrackSpec } from "../domain/tracks.js";
import { inline, linkMarkdown, oneLine, truncate, writtenMarkdown } from "./escape.js";
import { clock, dayRange, longDate, topicLink, zoned } from "./format.js";
import { entryLines, issueRefText, plural } from "./minutes.js";

/** A note in the recap is one line of at most this many characters: the whole of it is in the minutes' sources. */
const NOTE_BRIEF = 300;

const file = (text: string, max?: number): string => inline(text, max, undefined, "file");

/** "A", "A and B", "A, B and C". */
function andList(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? "") : `${items.slice(0, -1).join(", ")} and ${items.at(-1)}`;
}

/** "## Edge computing (Room 101)"; just the title when the room is the title (the default). */
export function trackHeading(track: Pick<TrackSpec, "title" | "room">): string {
  const title = file(track.title, 200);
  return track.room === track.title ? title : `${title} (${file(track.room, 200)})`;
}

/** "Tuesday, 4 March 2025, 09:00–10:30", in the event's time zone. */
function sessionTime(model: RecapModel, s: RecapSession): string {
  const day = model.days.find((d) => d.index === s.session.day);
  if (day === undefined) return file(s.session.date, 40);
  const start = zoned(day.start, model.timezone).plus({ minutes: s.session.offset });
  return `${longDate(start)}, ${clock(start)}–${clock(start.plus({ minutes: s.session.minutes }))}`;
}

/** A session under one track: link, when (and with whom), then decisions, action items, notes. */
function sessionBlocks(model: RecapModel, s: RecapSession, under: TrackSpec): string[] {
  const others = s.session.tracks.filter((id) => id !== under.id).map((id) => model.tracks.find((t) => t.track.id === id)?.track.title ?? id);
  const when = sessionTime(model, s) + (others.length > 0 ? ` · joint with ${andList(others.map((o) => file(o, 200)))}` : "");
  const blocks = [`### ${topicLink(s.session.topic, undefined, "file")}`, `_${when}_`];
  const { decisions, actions, entries } = s.items;
  const brief = entries
    .filter((e) => e.kind === "note" || e.kind === "unparsed")
    .map((e): MinutesEntry => ({ ...e, text: truncate(oneLine(e.text), NOTE_BRIEF), details: [] }));
  const lines = [...decisions, ...actions].flatMap((e) => entryLines(e, false)).concat(brief.flatMap((e) => entryLines(e, false)));
  blocks.push(lines.length > 0 ? lines.join("\n") : s.discussed ? "_Discussed; nothing recorded._" : "_Nothing recorded._");
  return blocks;
}

export function recapMarkdown(model: RecapModel): string {
  const blocks: string[] = [`# ${file(`${model.title} — recap`)}`];

  const head: string[] = [];
  const first = model.days[0];
  const last = model.days.at(-1);
  if (first !== undefined && last !== undefined) {
    head.push(`- Dates: ${dayRange(zoned(first.start, model.timezone), zoned(last.start, model.timezone))} (times in ${file(model.timezone, 60)})`);
  }
  if (model.location !== null) head.push(`- Where: ${file(model.location, 200)}`);
  head.push(`- Event issue: ${linkMarkdown(issueRefText(model.meeting.url, model.meeting.number, false), model.meeting.url)}`);
  const { sessions, decisions, actionItems } = model.counts;
  head.push(
    `- ${plural(model.tracks.length, "track", "tracks")} · ${plural(sessions, "session", "sessions")} · ${plural(decisions, "decision", "decisions")} · ${plural(actionItems, "action item", "action items")}`,
  );
  blocks.push(head.join("\n"));

  for (const t of model.tracks) {
    blocks.push(`## ${trackHeading(t.track)}`);
    if (t.sessions.length === 0) blocks.push("_No sessions._");
    for (const s of t.sessions) blocks.push(...sessionBlocks(model, s, t.track));
  }

  const recurring = model.recurring.filter((r) => r.answers.length > 0);
  if (model.general.entries.length > 0 || recurring.length > 0) {
    blocks.push("## Other");
    if (model.general.entries.length > 0) blocks.push(model.general.entries.flatMap((e) => entryLines(e, false)).join("\n"));
    for (const r of recurring) blocks.push(`### ${file(r.item)}`, r.answers.flatMap((e) => entryLines(e, false)).join("\n"));
  }

  const pads = [
    ...(model.meetingPad === null ? [] : [`- The whole event: ${linkMarkdown("pad", model.meetingPad)}`]),
    ...model.sessions.flatMap((s) => (s.pad === null ? [] : [`- ${topicLink(s.session.topic, undefined, "file")}: ${linkMarkdown("pad", s.pad)}`])),
  ];
  if (pads.length > 0) blocks.push("## Pads", pads.join("\n"));

  const involved: string[] = [];
  if (model.getInvolved.length > 0) involved.push(bullets(model.getInvolved));
  for (const t of model.tracks) {
    if (t.track.getInvolved.length > 0) involved.push(`### ${file(t.track.title, 200)}`, bullets(t.track.getInvolved));
  }
  if (involved.length > 0) blocks.push("## How to get involved", ...involved);
  return `${blocks.join("\n\n")}\n`;
}

/** Configured lines of Markdown (`get-involved`), one bullet each, kept as written (links stay links). */
function bullets(lines: readonly string[]): string {
  return lines.map((l) => `- ${writtenMarkdown(l, 300, "file")}`).join("\n");
}
