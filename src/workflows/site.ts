/**
 * readSite: what the meetings site shows (issue 17, the Action's `site` command), read from GitHub
 * into a SiteData (src/render/site/model.ts) that src/render/site/ turns into files.
 *
 * READ-ONLY: every request goes through a dry-run twin of the gateway (`GitHubGateway.readOnly`),
 * so not even code shared with the writing commands can change anything, with or without the
 * Action's `dry-run`.
 *
 * Decisions (docs/site.md says them for users):
 * - The reader is anyone: a topic, idea or session shows only when everyone may read it
 *   (src/domain/visibility.ts, output audience public); the rest is counted in `hidden`, never
 *   named. This is stricter than the meeting issue, whose readers may be the owner's members:
 *   the agenda is computed as the app would (same packing, same times), then filtered, so a
 *   public topic keeps the time it really has. Minutes and a gathering's "Happening now" are
 *   shown only from a repository everyone may read; so are links to meeting issues (the meetings
 *   are listed all the same, cancelled ones marked) and the footer's "generated from" repository.
 * - Upcoming meetings: the next UPCOMING (6) occurrences from the schedule code: three months of
 *   a biweekly series, six weeks of a weekly one; the .ics has the whole recurrence. An event's
 *   days that have not ended.
 * - The next meeting's agenda and waiting list: `syncAgenda` on the dry-run gateway with
 *   `openEmpty: false`, i.e. exactly what the next sync would write. A gathering: `readGathering`.
 *   What the `agenda` command fails on (a meeting issue with damaged markers) is a warning here:
 *   one hand-broken issue must not stop the whole site from deploying.
 * - Past meetings: the series' closed meeting issues whose meeting has started, newest first, at
 *   most PAST_CAP (24) per series (a year of a biweekly series; older ones stay on GitHub), with
 *   the minutes file at `minutes.path` read in one GraphQL query per 50 files and repository.
 * - Requests: per series, what syncAgenda / readGathering read (one request with the meeting issues
 *   and the first page of the topics' search, which the upcoming and past meetings are taken from
 *   too; none for an event with no day), one owner profile, one minutes query per repository, the backlog's search.
 * - A finished event: no "Happening now", agenda or waiting list; a gathering keeps the plan last
 *   written (none when nothing was planned), a meetup shows no schedule (its record is the event
 *   issue); its `.ics` stays.
 * - Deterministic: nothing here reads the clock; `ctx.now` only decides which meetings are
 *   upcoming. The .ics DTSTAMP is the series' first upcoming start (derived from the data, so it
 *   changes only when the file's events do), not the time of the run.
 */
import { DateTime } from "luxon";
import { meetingPlace, meetingRepository, resolveRepository, seriesLabel } from "../config/load.js";
import type { SeriesConfig } from "../config/schema.js";
import { eventDays, occurrenceOn, occurrencesFrom } from "../domain/schedule.js";
import { sessionOccurrence } from "../domain/sessions.js";
import type { Gathering } from "../domain/tracks.js";
import type { Agenda, Occurrence, Topic } from "../domain/types.js";
import { canShow, type Audience } from "../domain/visibility.js";
import { repoKey, type DocketIssue, type RepoRef } from "../github/gateway.js";
import { seriesCalendar } from "../render/calendar.js";
import { cadenceLine, GITHUB, searchUrl, whenLine } from "../render/format.js";
import { LEFT_UNCHANGED, readSection, REPAIR_MARKERS } from "../render/markers.js";
import { NOW_SECTION } from "../render/now.js";
import type {
  SiteAgenda,
  SiteBacklog,
  SiteData,
  SiteDay,
  SiteMeeting,
  SitePastMeeting,
  SiteRoom,
  SiteSchedule,
  SiteSeries,
  SiteSeriesKind,
  SiteTopic,
} from "../render/site/model.js";
import { eventOccurrences, findMeetingIssue, meetingIssueDate, syncAgenda } from "./agenda.js";
import { readBacklogIdeas } from "./backlog.js";
import { cancelledDates } from "./calendar.js";
import { labelQualifier, scopeQualifier, type JobContext, type LoadedConfig } from "./context.js";
import { readGathering, tracksOfSeries } from "./gathering.js";
import { blobUrl, fillPath } from "./publish.js";

/** How many upcoming meetings of a recurring series the site lists. */
export const UPCOMING = 6;
/** How many past meetings (and their minutes) per series the site lists, newest first. */
export const PAST_CAP = 24;

export interface SiteRead {
  data: SiteData;
  /** What stops the site from showing the truth (the backlog's search...); the step fails. A damaged meeting issue is a warning. */
  problems: string[];
  /** Worth a look (a minutes repository that cannot be read...). */
  warnings: string[];
}

const utc = (iso: string): string => new Date(iso).toISOString();

/** A past meeting whose minutes are still to be read: the file's repository and path. */
interface MinutesWanted {
  meeting: SitePastMeeting;
  at: RepoRef;
  path: string;
}

export async function readSite(ctx: JobContext, loaded: LoadedConfig): Promise<SiteRead> {
  const { config, home } = loaded;
  const reader: JobContext = { gateway: ctx.gateway.readOnly(), log: ctx.log, now: ctx.now, ...(ctx.serverUrl ? { serverUrl: ctx.serverUrl } : {}) };
  const anyone: Audience = { visibility: "public", owner: home.owner };
  const serverUrl = ctx.serverUrl ?? GITHUB;
  const problems: string[] = [];
  const warnings: string[] = [];
  const wanted: MinutesWanted[] = [];
  let hidden = 0;

  const profile = await reader.gateway.ownerProfile(home.owner);
  const homePublic = canShow(await reader.gateway.repoAudience(home), anyone);
  const series: SiteSeries[] = [];
  for (const [id, s] of Object.entries(config.meetings)) {
    const read = await readSeries(reader, loaded, id, s, anyone);
    series.push(read.series);
    hidden += read.hidden;
    problems.push(...read.problems.map((p) => `meetings.${id}: ${p}`));
    warnings.push(...read.warnings.map((w) => `meetings.${id}: ${w}`));
    wanted.push(...read.minutes);
  }
  warnings.push(...(await readMinutes(reader, wanted, anyone)));

  let backlog: SiteBacklog | null = null;
  if (config.backlog) {
    const ideas = await readBacklogIdeas(reader, loaded, config.backlog, { listed: [], fresh: [] }, anyone);
    hidden += ideas.hidden;
    problems.push(...ideas.problems.map((p) => `backlog: ${p}`));
    warnings.push(...ideas.warnings.map((w) => `backlog: ${w}`));
    backlog = {
      title: config.backlog.title,
      label: config.backlog.label,
      labelUrl: searchUrl(`${scopeQualifier(loaded.scope)} ${labelQualifier(config.backlog.label)} is:open`, serverUrl),
      ideas: ideas.ideas.map((t) => ({ title: t.title, url: t.url, author: t.author })),
    };
  }

  const data: SiteData = {
    title: `${profile.name ?? home.owner} meetings`,
    description: profile.description,
    serverUrl,
    home: homePublic ? repoKey(home) : null,
    series,
    backlog,
    hidden,
  };
  return { data, problems, warnings };
}

interface SeriesRead {
  series: SiteSeries;
  hidden: number;
  problems: string[];
  warnings: string[];
  minutes: MinutesWanted[];
}

async function readSeries(ctx: JobContext, loaded: LoadedConfig, id: string, s: SeriesConfig, anyone: Audience): Promise<SeriesRead> {
  const { config, home } = loaded;
  const serverUrl = ctx.serverUrl ?? GITHUB;
  const at = meetingRepository(config, s, home);
  const tracks = tracksOfSeries(id, s);
  const kind: SiteSeriesKind = s.event ? (tracks.length > 0 ? "gathering" : "event") : "recurring";
  const label = kind === "gathering" ? null : seriesLabel(id, s);
  const labels = kind === "gathering" ? tracks.map((t) => t.label) : [label!];
  const labelUrl = searchUrl(`${scopeQualifier(loaded.scope)} ${labelQualifier(labels)} is:open`, serverUrl);
  const timezone = s.event?.timezone ?? s.timezone;
  // An event's days with their ends (a day ends when its last room does), whether or not it is over.
  const days = eventOccurrences(id, s);
  if (s.event && days.length === 0) return noDays(id, s, kind, label, labelUrl);
  // The next meeting's agenda (a gathering's plan), as the next sync would write it. Its read of the
  // series' meeting issues is the one the upcoming and past meetings are taken from too: one read,
  // so the lists and the agenda agree.
  const read = kind === "gathering" ? await readGathering(ctx, loaded, id) : null;
  const synced = kind === "gathering" ? null : await syncAgenda(ctx, loaded, id, { openEmpty: false });
  const issues = read?.issues ?? synced?.issues ?? [];
  // A meeting issue is linked only from a repository everyone may read: a link would name a
  // private repository and its issue numbers on a public page (and 404 for every reader).
  const meetingsPublic = canShow(await ctx.gateway.repoAudience(at), anyone);
  const issueUrl = (issue: DocketIssue | null | undefined): string | null => (meetingsPublic ? (issue?.url ?? null) : null);
  const meeting = (o: Occurrence): SiteMeeting => {
    const issue = findMeetingIssue(issues, id, s.title, o);
    return { date: o.date, start: utc(o.start), end: utc(o.end), issueUrl: issueUrl(issue), cancelled: cancelled(issue) };
  };

  let upcoming: SiteMeeting[];
  if (s.event) {
    const event = meeting({ seriesId: id, date: days[0]!.date, start: days[0]!.start, end: days.at(-1)!.end, timezone });
    upcoming = days
      .filter((d) => Date.parse(d.end) > ctx.now.getTime())
      .map((d) => ({ date: d.date, start: utc(d.start), end: utc(d.end), issueUrl: event.issueUrl, cancelled: event.cancelled }));
  } else {
    upcoming = occurrencesFrom(id, s, ctx.now, UPCOMING).map(meeting);
  }

  const result: SeriesRead = { series: undefined as unknown as SiteSeries, hidden: 0, problems: [], warnings: [], minutes: [] };
  let agenda: SiteAgenda | null = null;
  let schedule: SiteSchedule | null = null;
  let happeningNow: string | null = null;

  if (kind === "gathering") {
    if (read) {
      result.warnings.push(...read.problems);
      const shown = publicGathering(read.gathering, anyone);
      result.hidden += read.hidden + shown.hidden;
      schedule = gatheringSchedule(id, s, days, shown.gathering);
      const first = days[0];
      // Over: the plan stands as a record (the schedule), but no agenda or waiting list is left to plan.
      if (first && upcoming.length > 0 && (shown.gathering.sessions.length > 0 || shown.gathering.waiting.length > 0 || read.issue)) {
        agenda = {
          meeting: meeting({ seriesId: id, date: first.date, start: first.start, end: days.at(-1)!.end, timezone }),
          scheduled: shown.gathering.sessions.map((x) => siteTopic(x.topic, x.minutes, sessionOccurrence(id, s.event!, x)?.start ?? null)),
          waiting: shown.gathering.waiting.map((x) => siteTopic(x.topic, x.minutes, null)),
          budget: read.tracks.reduce((sum, t) => sum + t.days.reduce((m, d) => m + d.capacity, 0), 0),
          used: read.gathering.tracks.reduce((sum, t) => sum + t.used.reduce((m, u) => m + u, 0), 0),
        };
      }
      // "Happening now" as the chairs last set it, until the event is over (the section stays in the issue).
      if (meetingsPublic && upcoming.length > 0) happeningNow = readSection(read.issue?.body, NOW_SECTION)?.trim() || null;
    }
  } else if (synced) {
    // What the `agenda` command fails on (a meeting issue with damaged markers...) must not stop the
    // site from deploying: the page shows what could be read, and the damage is a warning. The site
    // edits nothing, so the warning claims no edit.
    const issue = synced.meeting ? `the meeting issue ${synced.meeting.url}: ` : "";
    result.warnings.push(
      ...synced.problems.map((p) => `${p.startsWith("http") ? "" : issue}${p.replace(`; ${LEFT_UNCHANGED}; ${REPAIR_MARKERS}`, `; ${REPAIR_MARKERS}`)}`),
      ...synced.warnings,
    );
    result.hidden += synced.hidden;
    if (synced.occurrence && synced.agenda && (synced.meeting || synced.agenda.scheduled.length > 0 || synced.agenda.waiting.length > 0)) {
      const shown = publicAgenda(synced.agenda, anyone);
      result.hidden += shown.hidden;
      const dayStart = (day: number) => days[day]?.start;
      const offsetStart = (day: number, offset: number) => {
        const start = dayStart(day);
        return start === undefined
          ? null
          : DateTime.fromISO(start, { setZone: true })
              .plus({ minutes: s["recurring-time"] + offset })
              .toUTC()
              .toISO()!;
      };
      agenda = {
        meeting: { ...meeting(synced.occurrence), ...(synced.meeting ? { issueUrl: issueUrl(synced.meeting) } : {}) },
        scheduled: shown.agenda.scheduled.map((x) => siteTopic(x.topic, x.minutes, s.event ? offsetStart(x.day, x.offset) : null)),
        waiting: shown.agenda.waiting.map((x) => siteTopic(x.topic, x.minutes, null)),
        budget: Math.max(0, (s.event ? s.event["daily-budget"] : s.duration) - s["recurring-time"]) * synced.agenda.slots.length,
        used: synced.agenda.used.reduce((a, b) => a + b, 0),
      };
      if (s.event) schedule = meetupSchedule(days, shown.agenda, offsetStart);
    } else if (s.event && upcoming.length > 0) {
      // Not planned yet: the days, empty. Over: no schedule (syncAgenda no longer packs one), rather than a grid of empty days.
      schedule = meetupSchedule(days, null, () => null);
    }
  }

  // Over with nothing planned: no grid of days saying "No sessions scheduled yet".
  if (upcoming.length === 0 && schedule?.days.every((d) => d.rooms.every((r) => r.sessions.length === 0))) schedule = null;

  const past = pastMeetings(id, s, issues, ctx.now, days, issueUrl);
  for (const p of past) {
    if (p.cancelled) continue;
    try {
      const path = fillPath(s.minutes.path, { date: p.date, series: id }, `meetings.${id}.minutes.path`);
      result.minutes.push({ meeting: p, at: resolveRepository(s.minutes.repository, at), path });
    } catch (error) {
      result.warnings.push(`the minutes of ${p.date} were not looked for: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  const cancelledOn = cancelledDates(id, s.title, issues);
  // Written also when nothing is upcoming, so subscribed webcal:// URLs keep working: an ended
  // event keeps its days as they were (an event's days are all written), a recurring series that
  // ended gives an empty calendar. DTSTAMP: the first upcoming start; once over, the event's last
  // day's start, the value it had while that day was upcoming, so the file does not change when
  // the event ends (an empty calendar writes no DTSTAMP).
  const first = upcoming.find((m) => !m.cancelled) ?? upcoming[0];
  const ics = seriesCalendar(
    [{ id, config: { ...s, label: label ?? labels[0] ?? "", labels }, ...(cancelledOn.length > 0 ? { cancelled: cancelledOn } : {}) }],
    {
      prodId: { company: "Docket", product: "Docket" },
      from: ctx.now,
      stamp: new Date(first?.start ?? days.at(-1)?.start ?? 0),
      name: s.title,
      domain: `docket.${home.owner.toLowerCase()}`,
    },
  );

  result.series = {
    id,
    title: s.title,
    kind,
    label,
    labelUrl,
    cadence: s.event
      ? whenLine(
          { seriesId: id, date: days[0]?.date ?? "", start: days[0]?.start ?? "", end: days[0]?.end ?? "", timezone },
          days.map((d) => ({ ...d, timezone })),
        )
      : cadenceLine(s),
    timezone,
    joinUrl: meetingPlace(s).joinUrl ?? null,
    upcoming,
    over: s.event !== undefined && upcoming.length === 0,
    agenda,
    schedule,
    past,
    happeningNow,
    ics,
  };
  return result;
}

/**
 * An event without a single day (only a weekend, with `weekdays`): the config check refuses it,
 * but the site lists it all the same, saying why, rather than fail every other series' pages.
 */
function noDays(id: string, s: SeriesConfig, kind: SiteSeriesKind, label: string | null, labelUrl: string): SeriesRead {
  const event = s.event!;
  const span =
    event.from === event.to
      ? `${event.from} is a ${DateTime.fromISO(event.from, { zone: "UTC" }).setLocale("en").toFormat("cccc")}`
      : `${event.from} to ${event.to} is a weekend`;
  const why = `${span}, and \`weekdays\` leaves out Saturday and Sunday`;
  return {
    series: {
      id,
      title: s.title,
      kind,
      label,
      labelUrl,
      cadence: `No days: ${why}`,
      timezone: event.timezone,
      joinUrl: meetingPlace(s).joinUrl ?? null,
      upcoming: [],
      over: false,
      agenda: null,
      schedule: null,
      past: [],
      happeningNow: null,
      ics: null,
    },
    hidden: 0,
    problems: [],
    warnings: [`the event has no day: ${why}`],
    minutes: [],
  };
}

const cancelled = (issue: DocketIssue | null): boolean => issue?.state === "closed" && issue.stateReason === "not_planned";

function siteTopic(topic: Topic, minutes: number, start: string | null): SiteTopic {
  return { title: topic.title, url: topic.url, author: topic.author, minutes, start: start === null ? null : utc(start) };
}

/** The agenda as anyone may read it: the topics everyone may read, at the places the app gave them. */
function publicAgenda(agenda: Agenda, anyone: Audience): { agenda: Agenda; hidden: number } {
  const scheduled = agenda.scheduled.filter((x) => canShow(x.topic.audience, anyone));
  const waiting = agenda.waiting.filter((x) => canShow(x.topic.audience, anyone));
  return { agenda: { ...agenda, scheduled, waiting }, hidden: agenda.scheduled.length - scheduled.length + agenda.waiting.length - waiting.length };
}

function publicGathering(gathering: Gathering, anyone: Audience): { gathering: Gathering; hidden: number } {
  const ok = (x: { topic: Topic }) => canShow(x.topic.audience, anyone);
  const sessions = gathering.sessions.filter(ok);
  const waiting = gathering.waiting.filter(ok);
  return {
    gathering: { tracks: gathering.tracks.map((t) => ({ ...t, sessions: t.sessions.filter(ok), waiting: t.waiting.filter(ok) })), sessions, waiting },
    hidden: gathering.sessions.length - sessions.length + gathering.waiting.length - waiting.length,
  };
}

/** An event's days, each with the rooms `roomsOn` gives for its index. */
function scheduleOf(days: readonly Occurrence[], roomsOn: (index: number) => SiteRoom[]): SiteSchedule {
  return { days: days.map((d, index): SiteDay => ({ date: d.date, start: utc(d.start), end: utc(d.end), rooms: roomsOn(index) })) };
}

/** A gathering's days: one room per track that runs that day (configuration order), its sessions by start. */
function gatheringSchedule(id: string, s: SeriesConfig, days: readonly Occurrence[], gathering: Gathering): SiteSchedule {
  const event = s.event!;
  const eventDayList = eventDays(event);
  return scheduleOf(days, (index) =>
    gathering.tracks
      .filter((t) => t.track.days.some((td) => td.day === index))
      .map((t) => ({
        name: t.track.room === t.track.title ? t.track.title : `${t.track.title} · ${t.track.room}`,
        sessions: t.sessions.flatMap((x) => {
          const when = x.day === index ? sessionOccurrence(id, event, x, eventDayList) : null;
          if (when === null) return [];
          const joint = x.tracks
            .filter((other) => other !== t.track.id)
            .map((other) => gathering.tracks.find((g) => g.track.id === other)?.track.title ?? other);
          return [{ title: x.topic.title, url: x.topic.url || null, start: utc(when.start), end: utc(when.end), joint }];
        }),
      })),
  );
}

/** A single-room event (meetup): each day one unnamed room with that day's topics (none before its agenda has any). */
function meetupSchedule(days: readonly Occurrence[], agenda: Agenda | null, offsetStart: (day: number, offset: number) => string | null): SiteSchedule {
  return scheduleOf(days, (index) => [
    {
      name: "",
      sessions: (agenda?.scheduled ?? [])
        .filter((x) => x.day === index)
        .sort((a, b) => a.offset - b.offset)
        .flatMap((x) => {
          const start = offsetStart(x.day, x.offset);
          if (start === null) return [];
          const end = DateTime.fromISO(start).plus({ minutes: x.minutes }).toUTC().toISO()!;
          return [{ title: x.topic.title, url: x.topic.url || null, start: utc(start), end, joint: [] }];
        }),
    },
  ]);
}

/** The closed meeting issues of meetings that have started, newest first, at most PAST_CAP. */
function pastMeetings(
  id: string,
  s: SeriesConfig,
  issues: readonly DocketIssue[],
  now: Date,
  days: readonly Occurrence[],
  issueUrl: (issue: DocketIssue) => string | null,
): SitePastMeeting[] {
  const past: SitePastMeeting[] = [];
  const seen = new Set<string>();
  for (const issue of issues) {
    if (issue.state !== "closed") continue;
    const date = meetingIssueDate(issue, id, s.title);
    if (date === null || seen.has(date)) continue;
    const start = s.event
      ? (days.find((d) => d.date === date)?.start ?? null)
      : (occurrenceOn(id, s, date)?.start ?? DateTime.fromISO(date, { zone: s.timezone }).toISO());
    if (start === null || Date.parse(start) > now.getTime()) continue;
    seen.add(date);
    past.push({ date, start: utc(start), issueUrl: issueUrl(issue), cancelled: cancelled(issue), minutes: null, minutesUrl: null });
  }
  return past.sort((a, b) => b.date.localeCompare(a.date)).slice(0, PAST_CAP);
}

/** Fills in the minutes: one batch read per repository; a repository not everyone may read shows none. */
async function readMinutes(ctx: JobContext, wanted: readonly MinutesWanted[], anyone: Audience): Promise<string[]> {
  const warnings: string[] = [];
  const byRepo = new Map<string, MinutesWanted[]>();
  for (const w of wanted) byRepo.set(repoKey(w.at), [...(byRepo.get(repoKey(w.at)) ?? []), w]);
  for (const [key, list] of [...byRepo].sort(([a], [b]) => a.localeCompare(b))) {
    const at = list[0]!.at;
    if (!canShow(await ctx.gateway.repoAudience(at), anyone)) {
      warnings.push(`the minutes in ${key} are not shown: not everyone may read that repository`);
      continue;
    }
    const files = await ctx.gateway.filesOnDefaultBranch(
      at,
      list.map((w) => w.path),
    );
    if (files === null) {
      warnings.push(`the minutes in ${key} could not be read (the repository was not found, or the token may not read its contents)`);
      continue;
    }
    for (const w of list) {
      const text = files.texts.get(w.path) ?? null;
      if (text === null) continue;
      w.meeting.minutes = text;
      w.meeting.minutesUrl = blobUrl(files, w.path);
    }
  }
  return warnings;
}
