/**
 * The recap of a multi-track gathering (issue 15): what each track decided, who took which action
 * item, and how to get involved, computed from plain data. Pure: the same input gives the same
 * model, byte for byte once rendered (../render/recap.ts).
 *
 * The notes are read by the minutes' own reader (./minutes.ts buildMinutes), from the three places
 * the minutes read them, with the gathering's sessions as the agenda:
 *
 * - the event issue's comments (`/decision #12 …`, `/action @alice #12 …`, `/note #12 …`) and its
 *   notes area and meeting pad (headings per topic): one minutes model, exactly as the minutes
 *   build it. Sessions run in parallel rooms, so a line without a topic reference is not filed
 *   by the time it was written (several sessions share every hour): it belongs to the gathering in
 *   general ("Other"), unless a `/topic #12` or a heading before it names the session.
 * - each session's own pad: its whole text is about its session, so what the minutes would file
 *   under "Other" there (lines before any topic heading, under a heading that names no topic)
 *   belongs to that session. A line or heading naming another session (`/decision #13 …`) still
 *   goes to that one: an explicit reference always wins, as in the minutes.
 *
 * A session's items are the event issue's first (comments, then notes area, then meeting pad), then
 * its pad's, each in the order written. A joint session is one session: its items are listed under
 * every track it joined.
 *
 * Private stays private: the sessions in `leftOut` (their readers are not all the recap's readers,
 * ./visibility.ts) are dropped with their notes, decisions, action items and pad links, exactly as
 * the minutes drop such topics (`withoutTopics`), and counted in `hidden`.
 */
import {
  buildMinutes,
  withoutTopics,
  type MeetingComment,
  type MinutesEntry,
  type MinutesItems,
  type MinutesModel,
  type MinutesNotes,
  type MinutesProblem,
  type MinutesTopic,
  type RecurringMinutes,
} from "./minutes.js";
import type { EventDay } from "./schedule.js";
import type { Gathering, Session, TrackSpec } from "./tracks.js";

export interface RecapInput {
  /** The event's id (its series id). */
  seriesId: string;
  /** The event's title, e.g. "PTG" (the recap is titled "PTG — recap"). */
  title: string;
  /** The event's days (./schedule.ts eventDays): a session's time is its day's start plus its offset. */
  days: readonly EventDay[];
  timezone: string;
  /** Where the event takes place (the event's, else the series' `location`); null: not said. */
  location: string | null;
  /** The event's one meeting issue, which holds the schedule. */
  meeting: { url: string; number: number; body: string; author: string | null };
  /** The gathering as scheduled: every track in the configuration's order, every session once. */
  gathering: Pick<Gathering, "tracks" | "sessions">;
  /** Comments on the event issue, in chronological order. */
  comments: readonly MeetingComment[];
  /** Notes taken as text for the whole event: the issue's notes area, the meeting pad (in that order). */
  notes?: readonly MinutesNotes[];
  /** Each session's own pad, read: all of its text is about `topicId`. */
  sessionNotes?: ReadonlyArray<MinutesNotes & { topicId: string }>;
  /** Where people open the pads: the meeting pad, and each session's (topic id -> URL). */
  pads?: { meeting?: string | null; sessions?: Readonly<Record<string, string>> };
  /** The series' recurring items (so their headings in notes are read as in the minutes). */
  recurring?: readonly string[];
  /** The event's `get-involved` lines (each track's are on its TrackSpec). */
  getInvolved?: readonly string[];
  /** Ids of sessions some readers of the recap may not read: left out, counted. */
  leftOut?: ReadonlySet<string>;
}

export interface RecapSession {
  session: Session;
  /** Everything recorded for it, in the order read (see the header). */
  items: MinutesItems;
  /** Anything was recorded for it, or it was named by `/topic`, `/discussed`, a checked task. */
  discussed: boolean;
  /** Its own pad, if it has one. */
  pad: string | null;
}

export interface RecapTrack {
  track: TrackSpec;
  /** Its sessions by day and time, joint ones included (the same objects as under every other track they joined). */
  sessions: RecapSession[];
}

export interface RecapModel {
  series: string;
  title: string;
  days: EventDay[];
  timezone: string;
  location: string | null;
  meeting: { url: string; number: number };
  /** The meeting pad of the whole event, if any. */
  meetingPad: string | null;
  /** Every track, in the configuration's order. */
  tracks: RecapTrack[];
  /** Every session once, by day, time, then first track. */
  sessions: RecapSession[];
  /** What belongs to no session: the gathering in general ("Other"), lines that could not be read included. */
  general: MinutesItems;
  /** Answers to the series' recurring items. */
  recurring: RecurringMinutes[];
  getInvolved: string[];
  /** Decisions and action items over the whole recap (each session once, and the general ones). */
  counts: { sessions: number; decisions: number; actionItems: number; unparsed: number };
  /** Sessions left out because some readers of the recap may not read them (counted, never named). */
  hidden: number;
  /** Lines that could not be read as written, from the issue's comments, notes and pads (`commentId`: a comment's id or the notes' `source`). */
  problems: MinutesProblem[];
}

function itemsOf(entries: readonly MinutesEntry[]): MinutesItems {
  return {
    entries: [...entries],
    notes: entries.filter((e) => e.kind === "note"),
    decisions: entries.filter((e) => e.kind === "decision"),
    actions: entries.filter((e) => e.kind === "action"),
  };
}

/** A session as the minutes' reader sees an agenda topic (no planned slot: the rooms run in parallel). */
function asMinutesTopic(s: Session): MinutesTopic {
  const { id, repo, number, title, url, author } = s.topic;
  return { id, repo, number, title, url, author };
}

/** Builds the recap model. Deterministic; never throws on people's text (what cannot be read is kept and reported, as in the minutes). */
export function recapModel(input: RecapInput): RecapModel {
  const leftOut = input.leftOut ?? new Set<string>();
  const sessions = input.gathering.sessions.filter((s) => !leftOut.has(s.topic.id));
  const hidden = input.gathering.sessions.length - sessions.length;
  // Every session is on the "agenda", hidden ones included, so a reference to one is read as that
  // session's (and then left out with it) rather than filed under Other with its number.
  const agenda = input.gathering.sessions.map(asMinutesTopic);
  const meeting = {
    seriesId: input.seriesId,
    title: input.title,
    date: input.days[0]?.date ?? "",
    url: input.meeting.url,
    number: input.meeting.number,
    author: input.meeting.author,
  };

  const issue = withoutTopics(
    buildMinutes({
      meeting: { ...meeting, body: input.meeting.body },
      comments: input.comments,
      topics: agenda,
      recurring: input.recurring ?? [],
      occurrenceNumber: 0,
      notes: input.notes ?? [],
      // `/next <track>` (and `/now`) in the event issue are now-and-next's, not the minutes' "next topic".
      notMinutes: ["next"],
    }),
    leftOut,
  );
  // A session pad's general lines are its session's; a hidden session's pad is not read at all.
  const pads: Array<{ topicId: string; model: MinutesModel }> = (input.sessionNotes ?? [])
    .filter((n) => !leftOut.has(n.topicId))
    .map((n) => ({
      topicId: n.topicId,
      model: withoutTopics(
        buildMinutes({
          meeting: { ...meeting, body: "" },
          comments: [],
          topics: agenda,
          recurring: input.recurring ?? [],
          occurrenceNumber: 0,
          notes: [{ source: n.source, text: n.text }],
          notMinutes: ["next"],
        }),
        leftOut,
      ),
    }));

  const byId = new Map<string, RecapSession>();
  for (const s of sessions) {
    const id = s.topic.id;
    const fromIssue = issue.topics.find((t) => t.topic.id === id);
    const entries = [...(fromIssue?.entries ?? [])];
    let discussed = fromIssue?.discussed ?? false;
    for (const pad of pads) {
      const there = pad.model.topics.find((t) => t.topic.id === id);
      entries.push(...(there?.entries ?? []));
      if (there?.discussed) discussed = true;
      if (pad.topicId === id) entries.push(...pad.model.general.entries);
    }
    byId.set(id, { session: s, items: itemsOf(entries), discussed: discussed || entries.length > 0, pad: input.pads?.sessions?.[id] ?? null });
  }
  const recapSessions = sessions.map((s) => byId.get(s.topic.id)!);
  const tracks = input.gathering.tracks.map((t) => ({
    track: t.track,
    sessions: t.sessions.flatMap((s) => byId.get(s.topic.id) ?? []),
  }));

  // Recurring items' answers from every source, in the order read.
  const recurring: RecurringMinutes[] = issue.recurring.map((r, i) => ({
    item: r.item,
    answers: [...r.answers, ...pads.flatMap((p) => p.model.recurring[i]?.answers ?? [])],
  }));
  const count = (kind: MinutesEntry["kind"]) =>
    [...recapSessions.map((s) => s.items), issue.general, ...recurring.map((r) => itemsOf(r.answers))].reduce(
      (n, items) => n + items.entries.filter((e) => e.kind === kind).length,
      0,
    );

  return {
    series: input.seriesId,
    title: input.title,
    days: [...input.days],
    timezone: input.timezone,
    location: input.location,
    meeting: { url: input.meeting.url, number: input.meeting.number },
    meetingPad: input.pads?.meeting ?? null,
    tracks,
    sessions: recapSessions,
    general: issue.general,
    recurring,
    getInvolved: [...(input.getInvolved ?? [])],
    counts: { sessions: recapSessions.length, decisions: count("decision"), actionItems: count("action"), unparsed: count("unparsed") },
    hidden,
    problems: [...issue.problems, ...pads.flatMap((p) => p.model.problems)],
  };
}
