/**
 * syncAgenda: derive the agenda of a series' next meeting from GitHub and
 * write only the difference.
 *
 * 1. Which meeting: the next occurrence that has not ended and whose issue is
 *    not closed (see pickOccurrence: closed as "not planned" means cancelled,
 *    closed as completed that the chair ended it; both are passed over, any
 *    number in a row). Cancelled meeting issues on the way say so and name
 *    the meeting their topics move on to (render/cancel.ts); open meeting
 *    issues dated after it (a cancelled meeting was reopened) say they are not
 *    planned yet and lose their plan (unplanLater).
 * 2. Its issue: found by the series' Docket label and the hidden identity line
 *    (no search, so no index lag), else created. This lookup, the first page of
 *    step 3's search and the fresh reads of the triggering topics are one request
 *    (GitHubGateway.agendaInputs): a rebuild of N topics costs ⌈N/100⌉ reads and its write.
 * 3. Topics: the series label's search merged with fresh reads of the issues
 *    the triggering events named and of what the last agenda listed, and the
 *    series' board if it has one (./gather.ts); a topic both labelled and on
 *    the board counts once, queued at the earlier time.
 * 4. Pack, render, merge into the body between Docket's markers; write the
 *    body only when it changed. The previous plan (the state in the body) keeps
 *    every scheduled topic on its day (../domain/agenda.ts). Topics that moved up
 *    from the waiting list get one comment each, and so do topics whose day or
 *    start time changed (a promoted topic gets the promotion comment only) and
 *    topics that dropped back to the waiting list. Each comment has a hidden
 *    marker naming the meeting and the time told; a topic is told unless the
 *    LAST such comment about this meeting told the same, so a rerun never
 *    repeats it and a move back to an earlier time is told again. Comments go
 *    first, then the body, so a run cut short is completed by the next.
 */
import { meetingPlace, seriesLabel, meetingRepository } from "../config/load.js";
import type { SeriesConfig } from "../config/schema.js";
import { droppedSince, movedSince, packAgenda, promotedSince } from "../domain/agenda.js";
import { assignRoles } from "../domain/roles.js";
import { DateTime } from "luxon";
import { eventDays, occurrenceNumber, occurrencesFrom } from "../domain/schedule.js";
import { mergeLabelAndBoard } from "../domain/board.js";
import { candidatesFor, keepQueueTimes } from "../domain/topics.js";
import { canShow, type Audience } from "../domain/visibility.js";

import type { Agenda, Occurrence, ScheduledTopic, Topic } from "../domain/types.js";
import { parseRepo, statusOf, type DocketIssue, type RepoRef } from "../github/gateway.js";
import {
  AGENDA_SECTION,
  WAITING_SECTION,
  agendaSection,
  droppedComment,
  fitToLimit,
  meetingBody,
  meetingTitle,
  movedComment,
  notPlannedYetSections,
  movedMarker,
  promotedMarker,
  promotionComment,
  readMeetingIdentity,
  toldAlready,
  waitingListSection,
  waitingMarker,
  type AgendaSectionInput,
} from "../render/agenda.js";
import { codeSpan } from "../render/escape.js";
import { cancelledSections } from "../render/cancel.js";
import { searchUrl } from "../render/format.js";
import { presentHeaderSections, templateProblems, type MeetingHeaderInput } from "../render/meeting-template.js";
import { mergeSections, readSection, readState } from "../render/markers.js";
import {
  mergeNotes,
  NOTES_SECTION,
  notesHeadings,
  PAD_SECTION,
  padSection,
  padSkeleton,
  readPadState,
  type NotesTopic,
  type PadState,
} from "../render/notes.js";
import { PadError } from "../pads/pads.js";
import { labelQualifier, scopeQualifier, type JobContext, type LoadedConfig } from "./context.js";
import { gatherTopics, topicQuery } from "./gather.js";
import { gatheringQuery, syncGathering, tracksOfSeries } from "./gathering.js";
import { resolveTracks, type Gathering } from "../domain/tracks.js";
import { remember, reusable, takeForReuse, type AgendaMemo } from "./agenda-memo.js";

/** Whoever has a link: the readers of a shared pad. */
const ANYONE: Audience = { visibility: "public", owner: "" };

/** The label Docket puts on the meeting issues of a series, to find them again. */
export const meetingIssueLabel = (seriesId: string): string => `docket/${seriesId}`;

export interface AgendaSyncResult {
  seriesId: string;
  occurrence: Occurrence | null;
  meeting: DocketIssue | null;
  created: boolean;
  /** The body was (or, dry-run, would be) written. */
  updated: boolean;
  promoted: string[];
  /** Topics that stayed on the agenda with a new day or start time and whose authors this run told so. */
  moved: string[];
  /** Topics that dropped from the agenda back to the waiting list and whose authors this run told so. */
  dropped: string[];
  agenda: Agenda | null;
  problems: string[];
  /** Worth a look, not a failure (e.g. board items hidden from Docket). */
  warnings: string[];
  /** Topics left out because some readers of the meeting issue may not read them (counted, never named). */
  hidden: number;
  /** With `openAhead`: the meeting has no issue yet and starts later than that; its issue opens from this instant on. */
  opensAt?: string;
  /** Nothing was new since the last rebuild (`memo`): this is its result again; nothing was searched or written. */
  reused?: boolean;
  /** An event with tracks: its gathering (`agenda` stays null). */
  gathering?: Gathering;
  /** The series' meeting issues as this sync read them (none when it read none): a reader such as the site uses this read, not one of its own. */
  issues: readonly DocketIssue[];
}

export interface AgendaSyncOptions {
  /** Node ids of topics to read fresh (the issues the triggering events were about). */
  fresh?: readonly string[];
  /**
   * Minutes ahead of its start within which the next meeting's issue may be
   * created (the Action's `open-next`, from the series' `open-ahead`). A
   * meeting that starts later and has no issue yet is left alone (`opensAt`
   * says when); an existing issue is synced as usual. Default: no limit.
   */
  openAhead?: number;
  /**
   * Whether to open the meeting's issue when nothing is on its agenda or waiting list (default
   * true: the Action's `open-next` opens it ahead for people to add to). The app passes false:
   * it opens a meeting's issue for its first topic, and its hourly reconciliation must not open
   * the next meeting's issue of every series as soon as the last one ends. (The backlog has one
   * issue for good, so the app opens it with the configuration.)
   */
  openEmpty?: boolean;
  /**
   * What the last rebuild of this series in this process left (the app keeps one per meeting):
   * a rebuild with nothing new does not search again (./agenda-memo.ts says when).
   */
  memo?: AgendaMemo;
}

export async function syncAgenda(ctx: JobContext, loaded: LoadedConfig, seriesId: string, options: AgendaSyncOptions = {}): Promise<AgendaSyncResult> {
  const { config, home } = loaded;
  const series = config.meetings[seriesId];
  const result: AgendaSyncResult = {
    seriesId,
    occurrence: null,
    meeting: null,
    created: false,
    updated: false,
    promoted: [],
    moved: [],
    dropped: [],
    agenda: null,
    problems: [],
    warnings: [],
    hidden: 0,
    issues: [],
  };
  if (!series) {
    result.problems.push(`no meeting series \`${seriesId}\` in the configuration`);
    return result;
  }
  const at = meetingRepository(config, series, home);
  const label = seriesLabel(seriesId, series);
  const docketLabel = meetingIssueLabel(seriesId);

  // 1-2. The meeting and its issue, in one request with the first search page and the fresh reads (step 3).
  // An event with tracks gathers by the tracks' labels (./gathering.ts), rebuilt every time (no memo).
  const tracks = tracksOfSeries(seriesId, series);
  const reuse = tracks.length > 0 ? null : takeForReuse(options.memo, options.fresh ?? [], series.board !== undefined);
  const query = tracks.length > 0 ? gatheringQuery(loaded, tracks) : reuse ? null : topicQuery(loaded, label);
  const inputs = await ctx.gateway.agendaInputs(at, docketLabel, query, options.fresh ?? []);
  const existing = inputs.issues;
  result.issues = existing;
  const picked = series.event ? pickEvent(seriesId, series, ctx.now, existing) : pickOccurrence(seriesId, series, ctx.now, existing);
  const target = picked.target;
  result.problems.push(...(await writeCancelled(ctx, at, picked.cancelled, target?.occurrence ?? null, series.event !== undefined)));
  if (!target) {
    // This event's own issue (dated its first day), not an older event's that had the same series id.
    const first = series.event ? eventDays(series.event)[0] : undefined;
    const own = first ? findMeetingIssue(existing, seriesId, series.title, first) : null;
    const eventIssue = own?.state === "closed" && own.stateReason === "not_planned" ? own : null;
    result.problems.push(
      eventIssue
        ? `the event \`${seriesId}\` is cancelled (its meeting issue ${eventIssue.url} was closed as not planned; reopen it to hold the event)`
        : series.event
          ? `the event \`${seriesId}\` is over (or its meeting issue is closed)`
          : `the series \`${seriesId}\` has no future meetings (its recurrence rule has ended)`,
    );
    return result;
  }
  const { occurrence, issue, days } = target;
  result.occurrence = occurrence;
  if (!issue && options.openAhead !== undefined) {
    const opensAt = Date.parse(occurrence.start) - options.openAhead * 60_000;
    if (opensAt > ctx.now.getTime()) {
      result.opensAt = new Date(opensAt).toISOString();
      return result;
    }
  }

  if (tracks.length > 0) {
    const read = { ...(inputs.searched ? { searched: inputs.searched } : {}), fresh: inputs.fresh };
    return syncGathering(ctx, loaded, { seriesId, series, tracks, at, existing, target, read, options }, result);
  }

  if (reuse && issue && reusable(options.memo, reuse, { loaded, issues: existing, occurrence: occurrence.start, fresh: inputs.fresh })) {
    ctx.log.info({ series: seriesId, meeting: issue.url }, "agenda unchanged: nothing new since the last rebuild (no search)");
    return { ...reuse.result, created: false, updated: false, promoted: [], moved: [], reused: true, issues: existing };
  }

  // 3. Topics.
  const previous = issue ? readState(issue.body) : null;
  // Who may read the meeting issue: known from the issues just read, else read once.
  const output = await ctx.gateway.repoAudience(at);
  const gathered = await gatherTopics(ctx, loaded, {
    output,
    label,
    board: series.board ? { source: series.board, configPath: `meetings.${seriesId}.board` } : undefined,
    fresh: options.fresh ?? [],
    listed: previous ? [...previous.scheduled, ...previous.waiting] : [],
    what: "topics",
    read: { ...(inputs.searched ? { searched: inputs.searched } : {}), fresh: inputs.fresh },
  });
  result.problems.push(...gathered.problems);
  result.warnings.push(...gathered.warnings);
  result.hidden = gathered.hidden;
  if (gathered.hidden > 0)
    ctx.log.info(
      { series: seriesId, repo: `${at.owner}/${at.repo}`, hidden: gathered.hidden },
      "topics left out of the agenda: some readers of the meeting issue may not read them",
    );

  // 4. Pack and render.
  const estimate = { labelPrefix: config["estimate-label-prefix"], formField: config["estimate-field"], defaultMinutes: series["default-estimate"] };
  const labelled = candidatesFor(gathered.labelled, label, estimate);
  // A place once seen is kept (../domain/topics.ts keepQueueTimes): from this meeting's state, else
  // from the newest earlier meeting issue of the series that kept any, so a topic that waits for the
  // next meeting keeps its place there too.
  const kept =
    previous?.queuedAt ??
    existing
      .filter((i) => i !== issue)
      .map((i) => readState(i.body)?.queuedAt)
      .find((q) => q !== undefined);
  const candidates = keepQueueTimes(gathered.board ? mergeLabelAndBoard(labelled, gathered.board, estimate) : labelled, kept);
  // A meeting has one time budget; a multi-day event one per day. Recurring items take their time from each.
  const budget = Math.max(0, (series.event ? series.event["daily-budget"] : series.duration) - series["recurring-time"]);
  // Each slot knows its local date, so the previous plan (in the state) finds its days again.
  const slots = (days ?? [occurrence]).map((d) => ({ capacity: budget, date: d.date }));
  const agenda = packAgenda(candidates, { slots, policy: series["waiting-list"], order: series.order, previous, keepTimes: series["keep-times"] });
  result.agenda = agenda;
  result.problems.push(...(await unplanLater(ctx, at, seriesId, existing, occurrence, issue)));
  const render: AgendaSectionInput = {
    agenda,
    occurrence,
    recurring: series.recurring,
    recurringMinutes: series["recurring-time"],
    roles: rolesFor(series, occurrence),
    label,
    seriesId,
    ...(days ? { days } : {}),
    ...(ctx.serverUrl ? { serverUrl: ctx.serverUrl } : {}),
    allTopicsUrl: searchUrl(`${scopeQualifier(loaded.scope)} ${labelQualifier(label)} is:open`, ctx.serverUrl),
  };

  // The notes area: a heading per recurring item and agenda topic (by start), merged into what people wrote (render/notes.ts).
  const meetingRepo = `${at.owner}/${at.repo}`;
  const noteTopics = notesTopics(agenda);
  const headings = series.notes.area ? notesHeadings(series.recurring, noteTopics, meetingRepo) : null;
  // A pad is readable by anyone with its link (HedgeDoc's and HackMD's link sharing), whoever may read
  // the meeting issue: it gets a heading only for topics everyone may read; the others are written
  // under their heading in the issue's notes area, or in comments.
  const padTopics = noteTopics.filter((t) => canShow(t.audience, ANYONE));

  // The config-dependent lines of the issue's text (render/meeting-template.ts): rewritten on every sync where the body has their sections.
  const header = headerInput(series, render);

  if (!issue) {
    if (options.openEmpty === false && agenda.scheduled.length === 0 && agenda.waiting.length === 0) return result;
    const body = await newMeetingBody(ctx, home, at, series, render, result.problems);
    if (body === null) {
      result.problems.push(
        `the meeting issue of ${occurrence.date} was not opened: its agenda does not fit GitHub's limit of 65,536 characters even without listing topics`,
      );
      return result;
    }
    const created = await ctx.gateway.createIssue(at, {
      title: meetingTitle(series.title, occurrence),
      body,
      labels: [docketLabel],
    });
    result.meeting = created;
    result.created = true;
    result.updated = true;
    if (created) await ensurePad(ctx, series, created, created.body, { at, occurrence, days, topics: padTopics, home: meetingRepo }, result);
    return result;
  }
  result.meeting = issue;

  // Who moved up from the waiting list is told so, who stayed on the agenda but changed day or start
  // is told the new time, who dropped back to the waiting list is told its place there: each
  // unless the last thing told about this meeting said the same (render/agenda.ts toldAlready).
  const tellAbout = { meeting: issue, recurringMinutes: series["recurring-time"] };
  const dayOf = (scheduled: ScheduledTopic) => days?.[scheduled.day] ?? occurrence;
  for (const scheduled of promotedSince(previous, agenda)) {
    const input = { ...tellAbout, occurrence: dayOf(scheduled), scheduled };
    const marker = promotedMarker(issue.id, { occurrence: input.occurrence, offset: series["recurring-time"] + scheduled.offset });
    if (await tellAuthor(ctx, output, scheduled.topic, marker, promotionComment(input), "that it moved up", result)) result.promoted.push(scheduled.topic.id);
  }
  for (const scheduled of movedSince(previous, agenda)) {
    const input = { ...tellAbout, occurrence: dayOf(scheduled), scheduled };
    const marker = movedMarker(issue.id, input.occurrence, series["recurring-time"] + scheduled.offset);
    if (await tellAuthor(ctx, output, scheduled.topic, marker, movedComment(input), "its new time", result)) result.moved.push(scheduled.topic.id);
  }
  for (const waiting of droppedSince(previous, agenda)) {
    const comment = droppedComment({ meeting: issue, waiting });
    if (await tellAuthor(ctx, output, waiting.topic, waitingMarker(issue.id), comment, "that it waits again", result)) result.dropped.push(waiting.topic.id);
  }

  // People's text outside the sections counts toward GitHub's limit too and stays as it is: the sections get what remains.
  const merge = (input: AgendaSectionInput) =>
    mergeSections(issue.body, [
      ...presentHeaderSections(issue.body, header),
      { name: AGENDA_SECTION, content: agendaSection(input) },
      { name: WAITING_SECTION, content: waitingListSection(input) },
      ...(headings === null ? [] : [{ name: NOTES_SECTION, content: mergeNotes(readSection(issue.body, NOTES_SECTION), headings, meetingRepo) }]),
    ]);
  result.problems.push(...merge(render).problems);
  const body = fitToLimit(render, (input) => merge(input).body);
  if (body === null) {
    result.problems.push(
      `${issue.url} was not updated: the text outside Docket's sections leaves no room for the agenda within GitHub's limit of 65,536 characters; shorten that text and Docket writes the agenda again`,
    );
  } else if (body !== issue.body) {
    await ctx.gateway.updateIssueBody(at, issue.number, body);
    result.updated = true;
  }
  await ensurePad(ctx, series, issue, body ?? issue.body, { at, occurrence, days, topics: padTopics, home: meetingRepo }, result);
  const final = { ...issue, body: body ?? issue.body };
  remember(options.memo, { loaded, issues: existing.map((i) => (i === issue ? final : i)), occurrence: occurrence.start, topics: gathered.labelled, result });
  ctx.log.info(
    {
      series: seriesId,
      meeting: issue.url,
      scheduled: agenda.scheduled.length,
      waiting: agenda.waiting.length,
      updated: result.updated,
      promoted: result.promoted.length,
      moved: result.moved.length,
    },
    "agenda synced",
  );
  return result;
}

/** The header of a meeting issue (its config-dependent lines: title, when, where, label). */
function headerInput(series: SeriesConfig, render: AgendaSectionInput): MeetingHeaderInput {
  return { title: series.title, occurrence: render.occurrence, label: render.label, ...meetingPlace(series), ...(render.days ? { days: render.days } : {}) };
}

/** The topics that get a heading in the notes area: the agenda's, by day and start. */
function notesTopics(agenda: Agenda): Array<ScheduledTopic["topic"]> {
  return [...agenda.scheduled].sort((a, b) => a.day - b.day || a.offset - b.offset).map((s) => s.topic);
}

/**
 * The body of a new meeting issue of `series` with the agenda `render`, the way every meeting
 * issue is opened (the one syncAgenda opens, and the one `/cancel` opens for a date not opened
 * yet, ./cancel.ts): the series' template (read from `home`) or the default text, the header
 * (when, where), the notes area and room for the pad. A template that leaves no room for the
 * agenda is a problem, and the default text is used; null when even that does not fit.
 */
export async function newMeetingBody(
  ctx: JobContext,
  home: RepoRef,
  at: RepoRef,
  series: SeriesConfig,
  render: AgendaSectionInput,
  problems: string[],
): Promise<string | null> {
  const meetingRepo = `${at.owner}/${at.repo}`;
  const notes = series.notes.area ? mergeNotes(null, notesHeadings(series.recurring, notesTopics(render.agenda), meetingRepo), meetingRepo) : null;
  const header = headerInput(series, render);
  const template = series.template === undefined ? undefined : await readTemplate(ctx, home, series.template, problems);
  const compose = (template: string | undefined) =>
    fitToLimit(render, (input) =>
      meetingBody({ ...input, ...header, notes, pad: series.notes.pad !== undefined, ...(template === undefined ? {} : { template }) }),
    );
  const body = compose(template);
  if (body !== null || template === undefined) return body;
  problems.push(
    `the meeting template ${codeSpan(series.template ?? "")} leaves no room for the agenda within GitHub's limit of 65,536 characters; the meeting issue opens with the default text`,
  );
  return compose(undefined);
}

/**
 * The series' meeting template, read from the configuration's repository (`home`, where
 * docket.yml was found) when a meeting issue is opened: one request, never on a sync. A missing
 * file or a template with problems (render/meeting-template.ts templateProblems) is a problem for
 * people, and undefined: the issue opens with the default text, so nothing is lost.
 */
async function readTemplate(ctx: JobContext, home: RepoRef, path: string, problems: string[]): Promise<string | undefined> {
  const file = await ctx.gateway.file(home, path);
  if (file === null) {
    problems.push(
      `the meeting template ${codeSpan(path)} was not found in ${home.owner}/${home.repo} (the repository of the configuration); the meeting issue opens with the default text`,
    );
    return undefined;
  }
  const found = templateProblems(file.text, path);
  if (found.length === 0) return file.text;
  problems.push(...found.map((p) => `${p}; the meeting issue opens with the default text`));
  return undefined;
}

/**
 * One comment on a topic's issue, unless the last Docket comment about this meeting among its
 * comments told the same as `marker` (a rerun never repeats it; a change back to an earlier time is
 * told again). It names the meeting issue in the topic's repository: only where the topic's
 * readers may read the meeting. True when this run posted it.
 */
export async function tellAuthor(
  ctx: JobContext,
  meetingAudience: Audience,
  topic: Topic,
  marker: string,
  comment: string,
  what: string,
  result: AgendaSyncResult,
): Promise<boolean> {
  if (topic.number === null || !topic.repo) return false;
  if (!canShow(meetingAudience, topic.audience)) return false;
  const where = parseRepo(topic.repo);
  try {
    const bodies = await ctx.gateway.commentBodies(where, topic.number);
    if (toldAlready(bodies, marker)) return false;
    await ctx.gateway.comment(where, topic.number, comment);
  } catch (error) {
    // A board may hold issues from repositories Docket is not installed on: the agenda changes all the same.
    const status = statusOf(error);
    if (status !== 403 && status !== 404) throw error;
    result.warnings.push(`could not tell the author of ${topic.repo}#${topic.number} ${what} (GitHub answered ${status}: Docket may not comment there)`);
    return false;
  }
  return true;
}

/**
 * The meeting's pad, created once: when the series has one, the job may create pads (the Action:
 * `ctx.pads`), the meeting issue is open and its body links no pad yet. The pad starts with the
 * agenda as it is now; its link and id go into the issue's `pad` section, so a rerun finds it.
 * A pad that cannot be created is a problem (the step fails, the next run tries again); the
 * issue itself is kept as it is.
 */
async function ensurePad(
  ctx: JobContext,
  series: SeriesConfig,
  issue: DocketIssue,
  body: string,
  meeting: { at: RepoRef; occurrence: Occurrence; days?: readonly Occurrence[]; topics: readonly NotesTopic[]; home: string },
  result: AgendaSyncResult,
): Promise<void> {
  const config = series.notes;
  if (config.pad === undefined || ctx.pads === undefined || issue.state !== "open" || readPadState(body) !== null) return;
  if (ctx.gateway.dryRun) {
    ctx.log.info({ meeting: issue.url, pad: config.pad }, "dry run: would create the meeting's pad and link it");
    return;
  }
  const title = meetingTitle(series.title, meeting.occurrence);
  let pad: PadState;
  try {
    pad = await ctx.pads.create(config, {
      title,
      markdown: padSkeleton({
        title,
        occurrence: meeting.occurrence,
        days: meeting.days,
        meetingUrl: issue.url,
        recurring: series.recurring,
        topics: meeting.topics,
        home: meeting.home,
      }),
    });
  } catch (error) {
    if (!(error instanceof PadError)) throw error;
    result.problems.push(`${issue.url}: no pad was created (${error.message}); the next run tries again`);
    return;
  }
  const merged = mergeSections(body, [{ name: PAD_SECTION, content: padSection(pad) }]);
  if (merged.problems.length > 0) {
    result.problems.push(...merged.problems, `${issue.url}: the pad ${pad.url} was created but could not be linked; repair the pad section's markers`);
    return;
  }
  await ctx.gateway.updateIssueBody(meeting.at, issue.number, merged.body);
  result.updated = true;
  ctx.log.info({ meeting: issue.url, pad: pad.url }, "pad created");
}

/**
 * Open meeting issues of the series dated after the meeting planned now (`target`): a cancelled
 * meeting was reopened after the next one's issue was opened and planned. Their agenda and
 * waiting list say they are not planned yet, and their state goes (people's text stays), so when
 * one is next it is packed afresh like a new issue, without "moved" comments to authors never
 * told a time there that holds. No request unless such an issue exists and still shows a plan.
 * Returns problems (damaged markers: that issue is left as it is).
 */
async function unplanLater(
  ctx: JobContext,
  at: RepoRef,
  seriesId: string,
  issues: readonly DocketIssue[],
  target: Occurrence,
  targetIssue: DocketIssue | null,
): Promise<string[]> {
  const problems: string[] = [];
  const sections = notPlannedYetSections({ earlier: target, ...(targetIssue ? { earlierUrl: targetIssue.url } : {}) });
  for (const later of issues) {
    const identity = readMeetingIdentity(later.body);
    if (later === targetIssue || later.state !== "open" || identity?.series !== seriesId || identity.date <= target.date) continue;
    const merged = mergeSections(later.body, sections);
    if (merged.problems.length > 0) problems.push(...merged.problems.map((p) => `${later.url} (not planned yet): ${p}`));
    else if (merged.body !== later.body) await ctx.gateway.updateIssueBody(at, later.number, merged.body);
  }
  return problems;
}

/** The occurrence to work on, and its issue if one exists. */
export interface Target {
  occurrence: Occurrence;
  issue: DocketIssue | null;
  /** For a multi-day event: each day as an occurrence of its own (the agenda's slots). */
  days?: Occurrence[];
}

/**
 * An event's days, each an occurrence that ends when its last room does (see pickEvent), whether
 * or not the event is over; none for a series that is not an event (or an event with no day).
 */
export function eventOccurrences(seriesId: string, series: SeriesConfig): Occurrence[] {
  const event = series.event;
  if (!event) return [];
  const tracks = resolveTracks(seriesId, event, series["recurring-time"]);
  return eventDays(event).map((d) => {
    const start = DateTime.fromISO(d.start, { setZone: true });
    const minutes = Math.max(event["daily-budget"], ...tracks.flatMap((t) => t.days.filter((td) => td.day === d.index).map((td) => td.from + td.capacity)));
    return { seriesId, date: d.date, start: d.start, end: start.plus({ minutes }).toISO()!, timezone: event.timezone };
  });
}

/**
 * A multi-day event is one meeting issue for the whole event, with one time
 * budget per day. Its agenda is kept up to date until the last day ends, or
 * until its issue is closed; closed as "not planned" before it ended, the
 * event is cancelled (its issue says so, like a cancelled meeting's).
 *
 * A day ends when its last room does (review of issue 15, finding 14): the event's `start` plus
 * its `daily-budget`, or later where a track that runs that day starts later or has a longer
 * budget (../domain/tracks.ts: `from` + `capacity`, in the event's frame). Ending every day at
 * the event's own hours took the event for over while a late track's sessions were still to come,
 * and its schedule stopped following its topics that afternoon.
 */
export function pickEvent(
  seriesId: string,
  series: SeriesConfig,
  now: Date,
  issues: readonly DocketIssue[],
): { target: Target | null; cancelled: CancelledMeeting[] } {
  const event = series.event!;
  const days = eventOccurrences(seriesId, series);
  const first = days[0];
  const last = days.at(-1);
  if (!first || !last || Date.parse(last.end) <= now.getTime()) return { target: null, cancelled: [] };
  const occurrence: Occurrence = { seriesId, date: first.date, start: first.start, end: last.end, timezone: event.timezone };
  const issue = findMeetingIssue(issues, seriesId, series.title, occurrence);
  if (issue?.state === "closed") return { target: null, cancelled: issue.stateReason === "not_planned" ? [{ occurrence, issue }] : [] };
  return { target: { occurrence, issue, days }, cancelled: [] };
}

/** A future meeting whose issue was closed as "not planned": it does not take place. */
export interface CancelledMeeting {
  occurrence: Occurrence;
  issue: DocketIssue;
}

/**
 * The next meeting that takes place, and the cancelled ones before it.
 *
 * Decisions (issue 13):
 * - A meeting issue closed as "not planned" (GitHub's state_reason
 *   `not_planned`, also what `/cancel` does) is a cancelled occurrence;
 *   closed as completed, the chair ended that meeting. Both are passed over:
 *   topics move on to the next occurrence whose issue is open or not opened
 *   yet. Reopening the issue restores the meeting (it is open again, so it is
 *   picked again). The state lives on GitHub only: nothing to lose on a restart.
 * - Any number of cancellations in a row: each occurrence passed over has a
 *   closed issue of its own (an issue names one date), so the series' issues
 *   + 1 occurrences always reach the next held meeting; fewer come back only
 *   when the recurrence rule itself ends (UNTIL), and only then does the
 *   caller say the series has ended.
 * - `cancelled` lists the cancelled ones passed over, in date order, for
 *   their issues to name the meeting their topics move on to.
 */
export function pickOccurrence(
  seriesId: string,
  series: SeriesConfig,
  now: Date,
  issues: readonly DocketIssue[],
): { target: Target | null; cancelled: CancelledMeeting[] } {
  const upcoming = occurrencesFrom(seriesId, series, now, issues.length + 1);
  const cancelled: CancelledMeeting[] = [];
  for (const occurrence of upcoming) {
    const issue = findMeetingIssue(issues, seriesId, series.title, occurrence);
    if (issue?.state === "closed") {
      if (issue.stateReason === "not_planned") cancelled.push({ occurrence, issue });
      continue;
    }
    return { target: { occurrence, issue }, cancelled };
  }
  return { target: null, cancelled };
}

/**
 * Writes into each cancelled meeting issue (inside Docket's sections) that it is cancelled and
 * where its topics go (`next`, the meeting held instead; for a multi-day event, `event`, nowhere);
 * only what changed. Returns problems (markers someone damaged: that issue is left as it is).
 */
export async function writeCancelled(
  ctx: JobContext,
  at: RepoRef,
  cancelled: readonly CancelledMeeting[],
  next: Occurrence | null,
  event = false,
): Promise<string[]> {
  const problems: string[] = [];
  for (const listed of cancelled) {
    // Listed without its body (an older issue): read it first, so the text around Docket's sections is kept.
    const issue = listed.issue.withoutBody ? await ctx.gateway.issue(at, listed.issue.number) : listed.issue;
    if (issue === null) continue;
    const merged = mergeSections(issue.body, cancelledSections({ next, state: readState(issue.body), event }));
    if (merged.problems.length > 0) {
      problems.push(...merged.problems.map((p) => `${issue.url} (cancelled): ${p}`));
      continue;
    }
    if (merged.body !== issue.body) await ctx.gateway.updateIssueBody(at, issue.number, merged.body);
  }
  return problems;
}

export function findMeetingIssue(
  issues: readonly DocketIssue[],
  seriesId: string,
  seriesTitle: string,
  occurrence: Pick<Occurrence, "date">,
): DocketIssue | null {
  const byIdentity = issues.find((i) => {
    const id = readMeetingIdentity(i.body);
    return id !== null && id.series === seriesId && id.date === occurrence.date;
  });
  if (byIdentity) return byIdentity;
  // Someone removed the hidden identity line: the title still names the meeting.
  const title = meetingTitle(seriesTitle, occurrence);
  return issues.find((i) => i.title.trim() === title) ?? null;
}

/** The date of the meeting of `seriesId` an issue is: by its identity line, else by its title (the line removed, or the issue listed without its body). */
export function meetingIssueDate(issue: DocketIssue, seriesId: string, seriesTitle: string): string | null {
  const identity = readMeetingIdentity(issue.body);
  if (identity !== null) return identity.series === seriesId ? identity.date : null;
  const prefix = meetingTitle(seriesTitle, { date: "" });
  const title = issue.title.trim();
  const date = title.slice(prefix.length);
  return title.startsWith(prefix) && /^\d{4}-\d{2}-\d{2}$/.test(date) ? date : null;
}

function rolesFor(series: SeriesConfig, occurrence: Occurrence): Array<{ role: string; login: string }> {
  if (Object.keys(series.roles).length === 0) return [];
  const n = series.event ? 0 : occurrenceNumber(series, occurrence.date); // an event happens once
  return assignRoles(series.roles, n).flatMap((r) => (r.login === null ? [] : [{ role: r.role, login: r.login }]));
}
