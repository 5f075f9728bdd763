/**
 * A pad per session of a multi-track gathering (issue 15): the text a session's pad starts from,
 * and the hidden section of the event issue that remembers each session's pad.
 *
 * - The section `session-pads` holds one hidden line, `<!-- docket:session-pads {...} -->`: topic
 *   id -> the pad's kind, id and URL (as the meeting's `pad` section does for one pad, ./notes.ts),
 *   so a rerun never creates a second pad for a session, and a pad is read by its id from the
 *   configured server, never from a URL people can edit. Nothing in it is shown: the schedule links
 *   each session's pad.
 * - A pad starts from `sessionPadSkeleton`: `# <Event> — <topic>` (HedgeDoc takes it as the note's
 *   title), a quoted line with the session's time, room and links (quoted lines are not read into
 *   minutes or recaps), a `Participants:` line and the topic's heading, the heading
 *   domain/minutes.ts reads the notes under (`### owner/repo#12 Title`; a board draft: `### Title`).
 */
import type { Occurrence } from "../domain/types.js";
import { hiddenJson, inline, linkMarkdown, readHiddenJson } from "./escape.js";
import { whenLine } from "./format.js";
import { readSection } from "./markers.js";
import { notesHeadings, type PadState } from "./notes.js";

export const SESSION_PADS_SECTION = "session-pads";

/** The section's content: the hidden line with every session's pad, by topic id. */
export function sessionPadsSection(pads: Readonly<Record<string, PadState>>): string {
  const sorted = Object.fromEntries(Object.entries(pads).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  return hiddenJson(SESSION_PADS_SECTION, sorted);
}

/**
 * The sessions' pads kept in an event issue body (inside its `session-pads` section only), by topic
 * id; {} when there are none. Entries that are not pads are skipped. Never throws.
 */
export function readSessionPadStates(body: string | null | undefined): Record<string, PadState> {
  const value = readHiddenJson(readSection(body, SESSION_PADS_SECTION), SESSION_PADS_SECTION) ?? {};
  const out: Record<string, PadState> = {};
  for (const [topicId, v] of Object.entries(value)) {
    if (typeof v !== "object" || v === null) continue;
    const { kind, id, url } = v as Record<string, unknown>;
    if ((kind === "hedgedoc" || kind === "hackmd") && typeof id === "string" && id !== "" && typeof url === "string") out[topicId] = { kind, id, url };
  }
  return out;
}

export interface SessionPadInput {
  /** The event's title. */
  event: string;
  topic: { repo: string; number: number | null; title: string; url: string };
  /** When the session takes place (domain/sessions.ts sessionOccurrence). */
  occurrence: Occurrence;
  /** Its room (a joint session: its tracks' rooms). */
  rooms: readonly string[];
  /** The titles of its tracks, when it is a joint session (two or more). */
  tracks: readonly string[];
  /** The event issue. */
  eventUrl: string;
}

const andList = new Intl.ListFormat("en", { style: "long", type: "conjunction" });

/** The title of a session's pad: "<Event title> — <topic title>". */
export function sessionPadTitle(event: string, topicTitle: string): string {
  return `${event} — ${topicTitle}`;
}

/** A new session pad's text (see the file comment). */
export function sessionPadSkeleton(input: SessionPadInput): string {
  const file = (text: string) => inline(text, undefined, undefined, "file");
  const { topic } = input;
  const heading = topic.number !== null && topic.repo !== "" ? notesHeadings([], [topic], "", "file")[0]!.line : `### ${file(topic.title)}`;
  const where = [
    ...(input.rooms.length > 0 ? [file(input.rooms.join(", "))] : []),
    ...(input.tracks.length > 1 ? [`joint session of ${file(andList.format(input.tracks))}`] : []),
  ].join(", ");
  const links = [linkMarkdown("the topic", topic.url), linkMarkdown("the event issue", input.eventUrl)].filter((l) => l !== "");
  return [
    `# ${file(sessionPadTitle(input.event, topic.title))}`,
    "",
    `> ${[whenLine(input.occurrence), ...(where === "" ? [] : [where]), ...links].join(" · ")}`,
    "> Write under the topic's heading; `Decision: …` and `AI @user: …` lines become decisions and action items. Docket reads this pad into the gathering's recap.",
    "",
    "Participants: ",
    "",
    heading,
    "",
  ].join("\n");
}
