/**
 * A multi-track gathering (an event with `tracks`, issue 15): its topics, packed into the tracks.
 *
 * - readGathering: read-only, the gathering as the event issue's next sync would write it (the
 *   calendar, `/next` and the recap use it); once the event is over (or its issue closed) the
 *   plan last written stands: the topics it lists, closed ones too.
 * - syncGathering: syncAgenda's branch for an event with tracks (./agenda.ts).
 *
 * Topics join through their TRACK labels only (one search, `label:"a","b"`: any of them); a topic
 * with two or more is a joint session. Whoever may not read a topic never sees it: gatherTopics
 * leaves out what the event issue's readers may not read.
 */
import { meetingRepository } from "../config/load.js";
import type { SeriesConfig } from "../config/schema.js";
import { eventDays, type EventDay } from "../domain/schedule.js";
import { keepQueueTimes } from "../domain/topics.js";
import { trackCandidates, trackLabels } from "../domain/track-topics.js";
import { gatheringChanges, packGathering, resolveTracks, type Gathering, type Session, type TrackSpec } from "../domain/tracks.js";
import type { Agenda, AgendaState, Occurrence, Topic } from "../domain/types.js";
import type { Audience } from "../domain/visibility.js";
import type { DocketIssue, RepoRef } from "../github/gateway.js";
import { AGENDA_SECTION, meetingTitle, WAITING_SECTION } from "../render/agenda.js";
import { hiddenJson, inline, linkMarkdown, oneLine, readHiddenJson, truncate } from "../render/escape.js";
import { searchUrl } from "../render/format.js";
import { fitGathering, scheduleSection, trackIssueSections, trackWaitingSection, type GatheringRenderInput } from "../render/gathering.js";
import { sessionDroppedComment, sessionMovedComment, sessionPromotedComment } from "../render/gathering-told.js";
import { mergeSections, readSection, readState, type Section } from "../render/markers.js";
import { mergeNotes, NOTES_SECTION, notesHeadings } from "../render/notes.js";
import { characters, MAX_BODY, MAX_TITLE } from "../domain/limits.js";
import {
  findMeetingIssue,
  meetingIssueLabel,
  newMeetingBody,
  pickEvent,
  tellAuthor,
  type AgendaSyncOptions,
  type AgendaSyncResult,
  type Target,
} from "./agenda.js";
import type { JobContext, LoadedConfig } from "./context.js";
import { gatherTopics, topicQuery } from "./gather.js";
import { ensureSessionPads, readSessionPads } from "./session-pads.js";

/** What readGathering returns: the gathering and what it was built from. */
export interface GatheringRead {
  series: SeriesConfig;
  tracks: TrackSpec[];
  days: EventDay[];
  /** The event's meeting issue (open or closed), or null when none was opened yet. */
  issue: DocketIssue | null;
  /** The series' meeting issues as read for this (a reader such as the site uses this read, not one of its own). */
  issues: readonly DocketIssue[];
  gathering: Gathering;
  problems: string[];
  /** Topics left out because some readers of the event issue may not read them (counted, never named). */
  hidden: number;
}

/** The tracks of a series (its event's), or [] for a series or single-room event. */
export function tracksOfSeries(seriesId: string, series: SeriesConfig): TrackSpec[] {
  return series.event?.tracks ? resolveTracks(seriesId, series.event, series["recurring-time"]) : [];
}

/** The search for a gathering's topics: the open ones with any track's label. */
export function gatheringQuery(loaded: LoadedConfig, tracks: readonly TrackSpec[]): string {
  return topicQuery(loaded, trackLabels(tracks));
}

/**
 * The gathering of `seriesId` as the next sync would write it, writing nothing; null when the
 * series is not an event with tracks. Reads: one request (the event's issues with the search's
 * first page), the rest of the search, fresh reads of what the issue's state lists.
 */
export async function readGathering(ctx: JobContext, loaded: LoadedConfig, seriesId: string): Promise<GatheringRead | null> {
  const series = loaded.config.meetings[seriesId];
  const tracks = series ? tracksOfSeries(seriesId, series) : [];
  if (!series?.event || tracks.length === 0) return null;
  const days = eventDays(series.event);
  const at = meetingRepository(loaded.config, series, loaded.home);
  const inputs = await ctx.gateway.agendaInputs(at, meetingIssueLabel(seriesId), gatheringQuery(loaded, tracks), []);
  const picked = pickEvent(seriesId, series, ctx.now, inputs.issues);
  // Over (or closed): the plan last written stands; the event issue is found all the same.
  let issue = picked.target?.issue ?? (days[0] ? findMeetingIssue(inputs.issues, seriesId, series.title, days[0]) : null);
  if (issue?.withoutBody) issue = await ctx.gateway.issue(at, issue.number);
  const packed = await packTracks(ctx, loaded, {
    seriesId,
    series,
    tracks,
    at,
    issue,
    frozen: picked.target === null,
    read: { ...(inputs.searched ? { searched: inputs.searched } : {}), fresh: inputs.fresh },
    fresh: [],
  });
  return { series, tracks, days, issue, issues: inputs.issues, gathering: packed.gathering, problems: [...packed.problems], hidden: packed.hidden };
}

export interface PackRequest {
  seriesId: string;
  series: SeriesConfig;
  tracks: TrackSpec[];
  /** The meeting repository (the event issue's). */
  at: RepoRef;
  issue: DocketIssue | null;
  /** The event is over (or its issue closed): the topics its state lists, as they were packed, closed ones too. */
  frozen: boolean;
  /** What the first request read already (the search, fresh reads). */
  read: { searched?: { topics: Topic[]; total: number; truncated: boolean }; fresh: ReadonlyMap<string, Topic | null> };
  /** Node ids to read fresh (the topics the triggering events named). */
  fresh: readonly string[];
}

export interface Packed {
  gathering: Gathering;
  previous: AgendaState | null;
  /** Who may read the event issue. */
  output: Audience;
  problems: string[];
  warnings: string[];
  hidden: number;
}

/** Gathers the topics of every track and packs them, keeping the previous plan (the event issue's state). */
export async function packTracks(ctx: JobContext, loaded: LoadedConfig, req: PackRequest): Promise<Packed> {
  const { series, tracks, issue } = req;
  const previous = issue ? readState(issue.body) : null;
  const output = await ctx.gateway.repoAudience(req.at);
  const gathered = await gatherTopics(ctx, loaded, {
    output,
    label: trackLabels(tracks),
    fresh: req.fresh,
    listed: previous ? [...previous.scheduled, ...previous.waiting] : [],
    what: "topics",
    read: req.read,
  });
  const warnings = [...gathered.warnings];
  if (series.board) warnings.push(`meetings.${req.seriesId}.board: an event with tracks takes its topics from the tracks' labels; the board is not read`);
  const { config } = loaded;
  const estimate = { labelPrefix: config["estimate-label-prefix"], formField: config["estimate-field"], defaultMinutes: series["default-estimate"] };
  let candidates = keepQueueTimes(trackCandidates(gathered.labelled, tracks, estimate, { closedToo: req.frozen }), previous?.queuedAt);
  if (req.frozen) {
    const listed = new Set(previous ? [...previous.scheduled, ...previous.waiting] : []);
    candidates = candidates.filter((c) => listed.has(c.topic.id));
  }
  const gathering = packGathering(candidates, { tracks, policy: series["waiting-list"], order: series.order, previous, keepTimes: series["keep-times"] });
  return { gathering, previous, output, problems: gathered.problems, warnings, hidden: gathered.hidden };
}

// ---------------------------------------------------------------------------
// The sync (syncAgenda's branch for an event with tracks).

export interface GatheringSyncInput {
  seriesId: string;
  series: SeriesConfig;
  tracks: TrackSpec[];
  at: RepoRef;
  /** The series' meeting issues (the event issue, track issues, older events'). */
  existing: readonly DocketIssue[];
  target: Target;
  read: PackRequest["read"];
  options: AgendaSyncOptions;
}

/**
 * Packs the gathering, tells authors what changed (one comment per topic, joint or not), writes
 * the event issue's `agenda` and `waiting-list` sections (and notes headings) when they changed,
 * and each opt-in track's own issue. Comments go first, then the bodies, so a run cut short is
 * completed by the next.
 */
export async function syncGathering(ctx: JobContext, loaded: LoadedConfig, input: GatheringSyncInput, result: AgendaSyncResult): Promise<AgendaSyncResult> {
  const { seriesId, series, tracks, at, target } = input;
  const { occurrence, issue } = target;
  const event = series.event!;
  const days = eventDays(event);
  const packed = await packTracks(ctx, loaded, { seriesId, series, tracks, at, issue, frozen: false, read: input.read, fresh: input.options.fresh ?? [] });
  const { gathering, previous, output } = packed;
  result.gathering = gathering;
  result.problems.push(...packed.problems);
  result.warnings.push(...packed.warnings);
  result.hidden = packed.hidden;
  if (packed.hidden > 0)
    ctx.log.info(
      { series: seriesId, repo: `${at.owner}/${at.repo}`, hidden: packed.hidden },
      "topics left out of the gathering: some readers of the event issue may not read them",
    );
  const allTopicsUrl = searchUrl(gatheringQuery(loaded, tracks), ctx.serverUrl);
  // The sessions' pads the event issue keeps are linked in every write; new ones are created once it exists (linkSessionPads).
  let view: GatheringView = {
    seriesId,
    title: series.title,
    tracks,
    days,
    timezone: event.timezone,
    gathering,
    allTopicsUrl,
    pads: readSessionPads(issue?.body),
    ...(ctx.serverUrl ? { serverUrl: ctx.serverUrl } : {}),
  };
  const meetingRepo = `${at.owner}/${at.repo}`;
  const noteTopics = gathering.sessions.map((s) => s.topic);
  const headings = series.notes.area ? notesHeadings(series.recurring, noteTopics, meetingRepo) : null;
  // People's text outside the sections counts toward GitHub's limit too and stays as it is: the sections get what remains.
  const merge = (body: string, sections: Section[]) =>
    mergeSections(body, [
      ...sections,
      ...(headings === null ? [] : [{ name: NOTES_SECTION, content: mergeNotes(readSection(body, NOTES_SECTION), headings, meetingRepo) }]),
    ]);

  let meeting = issue;
  if (!meeting) {
    if (input.options.openEmpty === false && gathering.sessions.length === 0 && gathering.waiting.length === 0) return result;
    // The event issue opens as every meeting issue does (template, header, notes area), then gets the gathering's sections.
    const empty: Agenda = { slots: [], scheduled: [], waiting: [], used: [] };
    const base = await newMeetingBody(
      ctx,
      loaded.home,
      at,
      series,
      {
        agenda: empty,
        occurrence,
        recurring: series.recurring,
        recurringMinutes: series["recurring-time"],
        roles: [],
        label: tracks.map((t) => t.label).join(", "),
        seriesId,
        days: target.days ?? [],
      },
      result.problems,
    );
    const body = base === null ? null : fittedSections(view, (sections) => merge(base, sections).body);
    if (body === null) {
      result.problems.push(
        `the event issue of ${occurrence.date} was not opened: its schedule does not fit GitHub's limit of 65,536 characters even without listing topics`,
      );
      return result;
    }
    meeting = await ctx.gateway.createIssue(at, { title: meetingTitle(series.title, occurrence), body, labels: [meetingIssueLabel(seriesId)] });
    result.meeting = meeting;
    result.created = true;
    result.updated = true;
  } else {
    result.meeting = meeting;
    await tellChanges(ctx, output, view, meeting, previous, result);
    const current = meeting.body;
    const problems = merge(current, gatheringSections(view)).problems;
    result.problems.push(...problems);
    const body = problems.length > 0 ? current : fittedSections(view, (sections) => merge(current, sections).body);
    if (body === null) {
      result.problems.push(
        `${meeting.url} was not updated: the text outside Docket's sections leaves no room for the schedule within GitHub's limit of 65,536 characters; shorten that text and Docket writes the schedule again`,
      );
    } else if (body !== current) {
      await ctx.gateway.updateIssueBody(at, meeting.number, body);
      meeting = { ...meeting, body };
      result.updated = true;
    }
  }
  if (meeting) {
    ({ meeting, view } = await linkSessionPads(ctx, series, at, view, meeting, merge, result));
    await syncTrackIssues(ctx, at, input.existing, view, meeting, occurrence, result);
  }
  ctx.log.info(
    {
      series: seriesId,
      meeting: meeting?.url,
      sessions: gathering.sessions.length,
      waiting: gathering.waiting.length,
      updated: result.updated,
      promoted: result.promoted.length,
      moved: result.moved.length,
    },
    "gathering synced",
  );
  return result;
}

/**
 * A pad per session (./session-pads.ts): creates the pads of the sessions that have none yet and,
 * when it did, writes the event issue again with their links and the `session-pads` section that
 * keeps them (one more write, only on a run that created a pad, as a meeting's pad is linked in
 * ./agenda.ts). When the schedule cannot be written (damaged markers, GitHub's limit), the
 * section alone is, so a created pad is never created twice.
 */
async function linkSessionPads(
  ctx: JobContext,
  series: SeriesConfig,
  at: RepoRef,
  view: GatheringView,
  meeting: DocketIssue,
  merge: (body: string, sections: Section[]) => { body: string; problems: string[] },
  result: AgendaSyncResult,
): Promise<{ meeting: DocketIssue; view: GatheringView }> {
  const pads = await ensureSessionPads(ctx, series, meeting, meeting.body, view.gathering.sessions);
  result.problems.push(...pads.problems);
  const section = pads.section;
  if (section === null) return { meeting, view };
  const shown: GatheringView = { ...view, pads: pads.pads };
  const current = meeting.body;
  let body =
    merge(current, [...gatheringSections(shown), section]).problems.length === 0
      ? fittedSections(shown, (sections) => merge(current, [...sections, section]).body)
      : null;
  if (body === null) {
    const only = mergeSections(current, [section]);
    body = only.problems.length === 0 && only.body.length <= MAX_BODY ? only.body : null;
  }
  if (body === null) {
    result.problems.push(
      `${meeting.url}: the sessions' pads could not be kept in the event issue (its "${section.name}" section's markers, or GitHub's limit of 65,536 characters); repair it, or the next run creates them again`,
    );
    return { meeting, view: shown };
  }
  if (body !== current) {
    await ctx.gateway.updateIssueBody(at, meeting.number, body);
    result.updated = true;
  }
  return { meeting: { ...meeting, body }, view: shown };
}

async function tellChanges(
  ctx: JobContext,
  output: Audience,
  view: GatheringView,
  meeting: DocketIssue,
  previous: AgendaState | null,
  result: AgendaSyncResult,
): Promise<void> {
  const changes = gatheringChanges(previous, view.gathering);
  const told = (session: Session) => ({ meeting, session, dayStart: view.days[session.day]!.start, timezone: view.timezone, tracks: view.tracks });
  // One comment per topic, joint or not (a joint session is one topic).
  for (const session of changes.promoted) {
    const comment = sessionPromotedComment(told(session));
    if (await tellAuthor(ctx, output, session.topic, firstLine(comment), comment, "that it moved up", result)) result.promoted.push(session.topic.id);
  }
  for (const session of changes.moved) {
    const comment = sessionMovedComment(told(session));
    if (await tellAuthor(ctx, output, session.topic, firstLine(comment), comment, "its new time", result)) result.moved.push(session.topic.id);
  }
  for (const waiting of changes.dropped) {
    const comment = sessionDroppedComment({ meeting, waiting, tracks: view.tracks });
    if (await tellAuthor(ctx, output, waiting.topic, firstLine(comment), comment, "that it waits again", result)) result.dropped.push(waiting.topic.id);
  }
}

/** The hidden marker a told comment starts with. */
const firstLine = (comment: string): string => comment.split("\n", 1)[0]!;

// ---------------------------------------------------------------------------
// Opt-in track issues: "<Event title> — <Track title> — <first day>", found again by their own
// hidden identity (never a `meeting` one, so the event issue is never confused with them).
//
// Decision (review of issue 15, finding 1): they carry their own label, TRACK_ISSUE_LABEL, not the
// series' `docket/<series>`. The series' label lists only the 30 newest issues in full (one request
// with the search, ../github/queries.ts); track issues are opened after the event issue, so 30 of
// them pushed the event issue out of that list and every run opened another one. Their label is one
// for every series (`docket/<series>/tracks` would exceed GitHub's 50 characters for a 39-character
// series id) and cannot be a series' label (a space is no part of a series id); the identity line
// names the series. They are listed in full, oldest first, 100 a page (one request per 100 track
// issues the repository ever had), only for an event with opt-in track issues. Track issues opened
// before this label existed (labelled `docket/<series>`) are still found among the series' issues.

const TRACK_IDENTITY = "track";

/** The label of every opt-in track issue (all series): its own, so track issues never crowd the series' meeting issues out of their list. */
export const TRACK_ISSUE_LABEL = "docket/track issue";

/** Every track issue in the meeting repository, open or closed (updated since the epoch: all of them). */
const ALL_TIME = "1970-01-01T00:00:00Z";

export function trackIdentityComment(identity: { series: string; track: string; date: string }): string {
  return hiddenJson(TRACK_IDENTITY, identity);
}

export function readTrackIdentity(body: string | null | undefined): { series: string; track: string; date: string } | null {
  const v = readHiddenJson(body, TRACK_IDENTITY);
  return v !== null && typeof v.series === "string" && typeof v.track === "string" && typeof v.date === "string"
    ? { series: v.series, track: v.track, date: v.date }
    : null;
}

/**
 * "<Event title> — <Track title> — <date>", within GitHub's 256 characters for a title: the
 * configuration allows 200 for each title, so when both do not fit, each is cut (ending in "…")
 * to half the room left by the separators and the date, a shorter one giving what it does not
 * need to the other. The same title every time, so it still finds the issue again.
 */
export function trackIssueTitle(eventTitle: string, track: Pick<TrackSpec, "title">, occurrence: Pick<Occurrence, "date">): string {
  const event = oneLine(eventTitle);
  const title = oneLine(track.title);
  const room = MAX_TITLE - characters(` — ${occurrence.date}`) - characters(" — ");
  const [e, t] = [characters(event), characters(title)];
  const half = Math.floor(room / 2);
  const eventRoom = e + t <= room ? e : t <= half ? room - t : Math.max(half, room - t);
  return `${truncate(event, eventRoom)} — ${truncate(title, room - Math.min(e, eventRoom))} — ${occurrence.date}`;
}

/** The track issue of `track` among the series' issues: by identity, else by title (the line removed). */
export function findTrackIssue(
  issues: readonly DocketIssue[],
  seriesId: string,
  eventTitle: string,
  track: Pick<TrackSpec, "id" | "title">,
  occurrence: Pick<Occurrence, "date">,
): DocketIssue | null {
  const byIdentity = issues.find((i) => {
    const id = readTrackIdentity(i.body);
    return id !== null && id.series === seriesId && id.track === track.id && id.date === occurrence.date;
  });
  if (byIdentity) return byIdentity;
  const title = trackIssueTitle(eventTitle, track, occurrence);
  return issues.find((i) => i.title.trim() === title) ?? null;
}

async function syncTrackIssues(
  ctx: JobContext,
  at: RepoRef,
  existing: readonly DocketIssue[],
  view: GatheringView,
  meeting: DocketIssue,
  occurrence: Occurrence,
  result: AgendaSyncResult,
): Promise<void> {
  const optIn = view.tracks.filter((t) => t.issue);
  if (optIn.length === 0) return;
  // Their own label first; then the series' issues, for track issues opened with its label before.
  const listed = [...(await ctx.gateway.issuesWithLabelSince(at, TRACK_ISSUE_LABEL, ALL_TIME)), ...existing];
  for (const track of optIn) {
    const sections = trackSections(view, track, meeting);
    const found = findTrackIssue(listed, view.seriesId, view.title, track, occurrence);
    if (found === null) {
      const identity = trackIdentityComment({ series: view.seriesId, track: track.id, date: occurrence.date });
      const body = mergeSections(`${identity}\n`, sections).body;
      if (body.length > MAX_BODY) {
        result.problems.push(`the issue of track \`${track.id}\` was not opened: its part of the schedule does not fit GitHub's limit of 65,536 characters`);
        continue;
      }
      await ctx.gateway.createIssue(at, { title: trackIssueTitle(view.title, track, occurrence), body, labels: [TRACK_ISSUE_LABEL] });
      result.updated = true;
      continue;
    }
    // Closed (as not planned or completed): people closed it; Docket leaves it alone.
    if (found.state !== "open") continue;
    const merged = mergeSections(found.body, sections);
    if (merged.problems.length > 0) result.problems.push(...merged.problems.map((p) => `${found.url} (track ${track.id}): ${p}`));
    else if (merged.body.length > MAX_BODY)
      result.problems.push(`${found.url} was not updated: its part of the schedule does not fit GitHub's limit of 65,536 characters`);
    else if (merged.body !== found.body) {
      await ctx.gateway.updateIssueBody(at, found.number, merged.body);
      result.updated = true;
    }
  }
}

// ---------------------------------------------------------------------------
// Rendering: src/render/gathering.ts; these put its parts into sections.

type GatheringView = GatheringRenderInput;

/** The body `compose` makes of the event issue's sections, listing as much as fits GitHub's limit (null: not even without listing topics). */
function fittedSections(view: GatheringView, compose: (sections: Section[]) => string): string | null {
  return fitGathering(view, (input) => compose(gatheringSections(input)));
}

function gatheringSections(view: GatheringView): Section[] {
  return [
    { name: AGENDA_SECTION, content: scheduleSection(view) },
    { name: WAITING_SECTION, content: trackWaitingSection(view) },
  ];
}

function trackSections(view: GatheringView, track: TrackSpec, meeting: DocketIssue): Section[] {
  const part = trackIssueSections(view, track.id);
  return [
    { name: AGENDA_SECTION, content: `Part of ${linkMarkdown(inline(view.title), meeting.url)}.\n\n${part.schedule}` },
    { name: WAITING_SECTION, content: part.waiting },
  ];
}
