/**
 * What Docket tells a topic's author about its place in a multi-track gathering (issue 15): moved
 * up from a track's waiting list, a new day or start, back on the waiting list. The markers are
 * the single-room ones (./agenda.ts), so "told already" works the same; the text says the day,
 * time, ROOM and track(s), and for a joint session every track it joins.
 */
import { formatDuration } from "../domain/duration.js";
import type { Session, TrackSpec, TrackWaiting } from "../domain/tracks.js";
import { promotedMarker, movedMarker, waitingMarker } from "./agenda.js";
import { inline, linkMarkdown } from "./escape.js";
import { clock, longDate, zoned } from "./format.js";

export interface SessionToldInput {
  meeting: { id: string; url: string; title: string };
  session: Session;
  /** The start of the session's event day (eventDays(event)[day].start) and the event's zone. */
  dayStart: string;
  timezone: string;
  tracks: readonly TrackSpec[];
}

/** "Room B (TripleO) and Room C (Nova)". */
function rooms(ids: readonly string[], tracks: readonly TrackSpec[]): string {
  const named = ids
    .flatMap((id) => tracks.filter((t) => t.id === id))
    .map((t) => (t.room === t.title ? inline(t.room) : `${inline(t.room)} (${inline(t.title)})`));
  return named.length <= 1 ? (named[0] ?? "") : `${named.slice(0, -1).join(", ")} and ${named.at(-1)}`;
}

function titles(ids: readonly string[], tracks: readonly TrackSpec[]): string {
  const named = ids.flatMap((id) => tracks.filter((t) => t.id === id)).map((t) => inline(t.title));
  return named.length <= 1 ? (named[0] ?? "") : `${named.slice(0, -1).join(", ")} and ${named.at(-1)}`;
}

/** "Tuesday, 4 February 2025, 13:00–13:30 UTC in Room A (Edge) and Room B (TripleO), a joint session of Edge and TripleO" */
function where(input: SessionToldInput): string {
  const { session, tracks } = input;
  const start = zoned(input.dayStart, input.timezone).plus({ minutes: session.offset });
  const end = start.plus({ minutes: session.minutes });
  const zone = start.zoneName ?? input.timezone;
  const place =
    session.tracks.length > 1
      ? `${rooms(session.tracks, tracks)}, a joint session of ${titles(session.tracks, tracks)}`
      : `${inline(tracks.find((t) => t.id === session.tracks[0])?.room ?? "")}, track ${titles(session.tracks, tracks)}`;
  return `${longDate(start)}, ${clock(start)}–${clock(end)} ${zone} (${formatDuration(session.minutes)}) in ${place}`;
}

const at = (input: SessionToldInput) => ({ occurrence: { start: input.dayStart, timezone: input.timezone }, offset: input.session.offset });
const link = (meeting: SessionToldInput["meeting"]) => linkMarkdown(inline(meeting.title), meeting.url) || "the gathering";

export function sessionPromotedComment(input: SessionToldInput): string {
  return [
    promotedMarker(input.meeting.id, at(input)),
    `Good news: room opened up in the schedule of ${link(input.meeting)}, so this topic moved up from the waiting list.`,
    "",
    `It is planned on ${where(input)}.`,
  ].join("\n");
}

export function sessionMovedComment(input: SessionToldInput): string {
  const { occurrence, offset } = at(input);
  return [
    movedMarker(input.meeting.id, occurrence, offset),
    `The schedule of ${link(input.meeting)} changed, and with it this topic's time.`,
    "",
    `It is now planned on ${where(input)}.`,
  ].join("\n");
}

export function sessionDroppedComment(input: { meeting: SessionToldInput["meeting"]; waiting: TrackWaiting; tracks: readonly TrackSpec[] }): string {
  const { waiting, tracks } = input;
  const why =
    waiting.reason === "too-long"
      ? `its estimate (${formatDuration(waiting.minutes)}) is now longer than a day of ${titles(waiting.tracks, tracks)}`
      : waiting.reason === "no-common-slot"
        ? `there is no common free slot for ${titles(waiting.tracks, tracks)} on any day`
        : waiting.reason === "over-total"
          ? `the total time of ${titles(waiting.tracks, tracks)} is used up`
          : `${titles(waiting.tracks, tracks)} has less room now`;
  return [
    waitingMarker(input.meeting.id),
    `This topic no longer fits in the schedule of ${link(input.meeting)}, so it moved back to the waiting list: ${why}.`,
    "",
    `It is ${numbers(waiting, tracks)}; Docket comments here again when it moves up.`,
  ].join("\n");
}

/** "number 3 on the waiting list of Edge and number 2 on that of Nova": each track numbers its own list from 1, as the event issue shows it. */
function numbers(waiting: TrackWaiting, tracks: readonly TrackSpec[]): string {
  const places = waiting.places;
  if (places === undefined) return `number ${waiting.position} on the waiting list`;
  const parts = waiting.tracks
    .filter((id) => places[id] !== undefined)
    .map((id, i) => `number ${places[id]} on ${i === 0 ? "the waiting list" : "that"} of ${titles([id], tracks)}`);
  return parts.length <= 1 ? (parts[0] ?? `number ${waiting.position} on the waiting list`) : `${parts.slice(0, -1).join(", ")} and ${parts.at(-1)}`;
}
