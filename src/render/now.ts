/**
 * The "Happening now" section of a gathering's event issue (issue 15): one line per track, in the
 * configuration's order, with what its room is on now and what comes next, when that was last
 * said, and the state `/now` and `/next` read back (hidden). Also what those commands answer when
 * they cannot run. src/workflows/now.ts decides; this only says how it reads.
 */
import { parseNowState, type NowSession, type NowState } from "../domain/now.js";
import type { TrackSpec } from "../domain/tracks.js";
import { hiddenJson, inline, linkMarkdown, readHiddenJson } from "./escape.js";
import { clock, zoned } from "./format.js";
import { BODY_SECTIONS } from "./meeting-template.js";
import { dominantNewline, hasSection, mergeSections, readSection, sectionBlock } from "./markers.js";

export const NOW_SECTION = "now";
const STATE_TAG = "now";

export interface NowSectionInput {
  tracks: ReadonlyArray<Pick<TrackSpec, "id" | "title" | "room">>;
  state: NowState;
  /** The event issue's repository ("owner/name"): its own topics are named by number alone. */
  repo: string;
  /** Pads of the sessions, by topic id. */
  pads: ReadonlyMap<string, string>;
  /** When this was written (the job's clock), shown in the event's time zone. */
  updatedAt: Date;
  timezone: string;
}

/** A session as the line shows it: the topic's title and number as a link (and its pad), free text, or "a private topic". */
export function nowSessionText(session: NowSession | null, repo: string, pads: ReadonlyMap<string, string>): string {
  if (session === null) return "—";
  if (session.kind === "private") return "a private topic";
  if (session.kind === "text") return inline(session.text) || "—";
  const ref = session.repo.toLowerCase() === repo.toLowerCase() ? `#${session.number}` : `${inline(session.repo, 140)}#${session.number}`;
  const title = inline(session.title);
  const topic = linkMarkdown(title === "" ? ref : `${title} ${ref}`, session.url);
  const pad = pads.get(session.id);
  return pad === undefined ? topic : `${topic} (${linkMarkdown("pad", pad)})`;
}

/** The section's content: heading, a line per track, the time it was updated, the hidden state. */
export function nowSection(input: NowSectionInput): string {
  const lines = input.tracks.map((t) => {
    const at = input.state.tracks[t.id] ?? { now: null, next: null };
    // A room named like its track (the default: `room` is the track's title) is named once, as the schedule's columns are.
    const where = t.room === t.title ? `**${inline(t.room)}**` : `**${inline(t.room)}** — ${inline(t.title)}`;
    return `- ${where}: now ${nowSessionText(at.now, input.repo, input.pads)} · next ${nowSessionText(at.next, input.repo, input.pads)}`;
  });
  const when = zoned(input.updatedAt.toISOString(), input.timezone);
  const state: Record<string, unknown> = { tracks: input.state.tracks };
  if (input.state.applied.length > 0) state.applied = input.state.applied;
  return ["## Happening now", lines.join("\n"), `_Updated ${clock(when)} ${when.zoneName ?? input.timezone}_`, hiddenJson(STATE_TAG, state)].join("\n\n");
}

/** The state kept in a body's "Happening now" section; empty when there is none (or it cannot be read). */
export function readNowState(body: string | null | undefined): NowState {
  return parseNowState(readHiddenJson(readSection(body, NOW_SECTION), STATE_TAG));
}

const BEGIN_ANY = /<!--[ \t]*docket:begin[ \t]+([a-z0-9][a-z0-9-]*)[ \t]*-->/g;

/**
 * Writes the section into the body: where it is, else placed after the header, i.e. before the
 * first of Docket's body sections (pad, agenda, waiting list, notes) that begins a line, else at
 * the end. Nothing outside the markers changes.
 */
export function mergeNowSection(body: string, content: string): { body: string; problems: string[] } {
  if (hasSection(body, NOW_SECTION)) return mergeSections(body, [{ name: NOW_SECTION, content }]);
  const first = [...body.matchAll(BEGIN_ANY)].find(
    (m) => (BODY_SECTIONS as readonly string[]).includes(m[1]!) && (m.index === 0 || body[m.index - 1] === "\n"),
  );
  if (first === undefined) return mergeSections(body, [{ name: NOW_SECTION, content }]);
  const nl = dominantNewline(body);
  return { body: body.slice(0, first.index) + sectionBlock(NOW_SECTION, content, nl) + nl + nl + body.slice(first.index), problems: [] };
}

// ---------------------------------------------------------------------------
// What `/now` and `/next` answer when they cannot run.

const trackList = (ids: readonly string[]) => ids.map((id) => `\`${id}\``).join(", ");

export function nowUsage(name: "now" | "next", trackIds: readonly string[]): string {
  const example = trackIds[0] ?? "edge";
  return name === "now"
    ? `\`/now\` needs a track and what its room is on: \`/now ${example} #12\`, \`/now ${example} owner/repo#12\`, \`/now ${example} Lunch break\`, or \`/now ${example} clear\`. The tracks: ${trackList(trackIds)}.`
    : `\`/next\` needs a track: \`/next ${example}\` moves on to what was next, \`/next ${example} #14\` says what comes next. The tracks: ${trackList(trackIds)}.`;
}

export function nowUnknownTrack(name: "now" | "next", track: string, trackIds: readonly string[]): string {
  return `\`/${name}\`: there is no track \`${inline(track, 40)}\`; the tracks are ${trackList(trackIds)}.`;
}

export function nowNotEventIssue(name: "now" | "next"): string {
  return `\`/${name}\` works in the meeting issue of an event with tracks (labelled \`docket/<series>\`); nothing was changed.`;
}

/** `/now` in another issue of the series (a track issue, an earlier event's issue): the event's own is named. */
export function nowNotThisEvent(name: "now" | "next", eventIssueTitle: string): string {
  return `\`/${name}\` works in the meeting issue of the event, “${inline(eventIssueTitle)}”; nothing was changed.`;
}

export function nowNoTracks(name: "now" | "next", seriesId: string): string {
  return `\`/${name}\`: \`${seriesId}\` has no tracks, so there is no "Happening now" to update; nothing was changed.`;
}

export function nowWrongRepository(name: "now" | "next", seriesId: string, meetings: { owner: string; repo: string }): string {
  return `\`/${name}\`: the meeting issue of \`${seriesId}\` is in \`${meetings.owner}/${meetings.repo}\`; comment there. Nothing was changed.`;
}

export function nowNotAllowed(author: string, name: "now" | "next", track: string, chairs: readonly string[], at: { owner: string; repo: string }): string {
  const who = chairs.length === 0 ? "" : ` or the track's chairs (${chairs.map((c) => inline(c, 39)).join(", ")})`;
  return `@${author} only people with triage permission (or more) on \`${at.owner}/${at.repo}\`${who} can use \`/${name} ${track}\`; nothing was changed for it.`;
}

export function nowNotFound(name: "now" | "next", ref: string): string {
  return `\`/${name}\`: ${ref} was not found (or Docket may not read it); nothing was changed for it.`;
}

export function nowTooLong(name: "now" | "next"): string {
  return `\`/${name}\`: the event issue would exceed GitHub's limit of 65,536 characters with this "Happening now" section; nothing was changed. Use shorter text, or shorten the text outside Docket's sections.`;
}

export function nowNothingNext(track: string): string {
  return `\`/next ${track}\`: nothing is next on \`${track}\` (no session was named next and its schedule has none after this one); name it with \`/next ${track} #14\` or \`/now ${track} #14\`.`;
}
