/**
 * iCalendar (RFC 5545) for people to subscribe to, and the "what time is that
 * for me?" line of a meeting issue. Pure: the instants to start from and the
 * DTSTAMP are parameters, nothing reads the clock; same input, same bytes.
 *
 * Decisions:
 * - A recurring series is written as an RRULE, the rule `seriesRRule` uses
 *   for the schedule, so the calendar and Docket agree on every date. One
 *   exception, for `cadence: biweekly` (ISO-8601 week parity): `seriesRRule`
 *   says `FREQ=YEARLY;BYWEEKNO=1,3,...,53;BYDAY=MO;WKST=MO`, which is right
 *   by RFC 5545 but misread by ical.js 2.2 (Mozilla's calendar parser): with
 *   BYDAY it keeps every week but the first one listed (see the calendar
 *   test). So a biweekly series is written as runs of
 *   `FREQ=WEEKLY;INTERVAL=2;BYDAY=MO;WKST=MO`, the plainest biweekly rule
 *   there is (ical.js reads it right, see the test), each run ending (UNTIL) at its last meeting before the parity
 *   breaks (after a year with an ISO week 53: 2026-W53 and 2027-W01 are both
 *   odd, so an odd-week series meets on 2026-12-28 AND 2027-01-04). The runs
 *   together give exactly `seriesRRule`'s dates (`biweeklyRuns`). Runs that
 *   start within `years` (default 10) of `from` are written; the last one has
 *   no UNTIL (a calendar regenerated within ten years stays exact).
 * - DTSTART is a real occurrence: the first one that has not ended at
 *   `options.from` (RFC 5545 counts DTSTART as an instance even when the rule
 *   would not produce it, and an RRULE with INTERVAL > 1 takes its phase from
 *   it). Should that occurrence fall on a day whose local time was shifted by
 *   a DST gap, the next regular one is taken, so DTSTART carries the series'
 *   own wall-clock time (the shifted meeting is then not in the file). A series with no occurrence after `from` (its UNTIL
 *   has passed) is left out of the calendar. Past meetings before `from` are
 *   not in the file: pass an early `from` to keep them.
 * - Times are written in the series' zone: `DTSTART;TZID=Europe/Berlin:...`
 *   plus one VTIMEZONE block per zone from timezones-ical-library. The TZID is
 *   the zone as configured, the name Docket shows everywhere else; for an
 *   alias (Europe/Kiev) the library's block for the zone it links to
 *   (Europe/Kyiv) is written under that name. A series in UTC (`UTC`,
 *   `Etc/UTC`, `GMT`, ...) is written in UTC (`...Z`) and needs no VTIMEZONE.
 * - The length is written as DTEND (ical-generator writes DTEND, not
 *   DURATION): DTSTART plus the series' `duration`, in the same zone.
 * - A multi-day event is one VEVENT per day (eventDays: weekdays only when
 *   configured), from the day's start for the daily budget, no RRULE: the days
 *   are few and each may get its own agenda. All its days are written, also
 *   those before `from` (an event is short and its dates are fixed).
 * - UIDs are stable, so a calendar app updates instead of duplicating:
 *   `<series>@<domain>` for a series (for its first run when biweekly; a
 *   later run is `<series>-<YYYY-MM-DD of its first meeting>@<domain>`),
 *   `<series>-<YYYY-MM-DD>@<domain>` for an event day. `domain` defaults to
 *   "docket"; give an org-specific one ("docket.example.org") when several
 *   organisations' calendars may meet in one app.
 * - Cancelled meetings (`CalendarSeries.cancelled`: meeting issues closed as
 *   not planned) are left out with one EXDATE line each, in DTSTART's form
 *   (`EXDATE;TZID=Europe/Berlin:20250113T140000`, or `...Z` in UTC), on the
 *   VEVENT (the biweekly run) whose rule produces them; a run of one meeting
 *   that is cancelled is not written at all. A cancelled multi-day event (its
 *   one meeting issue, dated its first day, closed as not planned) keeps its
 *   VEVENTs, each with `STATUS:CANCELLED` (RFC 5545 3.8.1.11): a calendar app
 *   that has the days then shows them cancelled instead of losing them
 *   without a word, and reopening the issue makes them plain days again.
 * - SUMMARY is the series' title; DESCRIPTION names the label that makes an
 *   issue a topic, when there is one.
 * - LOCATION is the series' `location` and URL its `join-url` (an event's own
 *   win), when configured. ical-generator escapes them (`,` `;` `\\` and
 *   newlines) and folds long lines as RFC 5545 says; the location is folded to
 *   one line first and the URL must be a safe http(s) URL (escape.ts `safeUrl`),
 *   else it is left out; its `,` and `;` are percent-encoded (`icsUrl`).
 * - The time link points at timeanddate.com's fixed-time page
 *   (`https://www.timeanddate.com/worldclock/fixedtime.html?iso=20231204T1300&p1=1440`):
 *   `iso` is the UTC instant, `p1=1440` says it is given in UTC, and the page
 *   shows it converted to the visitor's own time zone (and lets them pick
 *   others). Public, free, and needs no account.
 */
import ical, { ICalEventStatus } from "ical-generator";
import { DateTime } from "luxon";
import { tzlib_get_ical_block, tzlib_get_timezones } from "timezones-ical-library";
import {
  biweeklyStartsFrom,
  eventDays,
  type MeetingStart,
  occurrenceOn,
  occurrenceStartingAt,
  occurrencesFrom,
  seriesRRule,
  type ScheduleEvent,
  type ScheduleSeries,
} from "../domain/schedule.js";
import { sessionOccurrence } from "../domain/sessions.js";
import type { Gathering, TrackSpec } from "../domain/tracks.js";
import type { Occurrence } from "../domain/types.js";
import { canShow, type Audience } from "../domain/visibility.js";
import { linkMarkdown, oneLine, safeUrl } from "./escape.js";
import { clock, zoned } from "./format.js";

/** What the calendar needs of a series (a `SeriesConfig` fits). */
export interface CalendarSeriesConfig extends ScheduleSeries {
  title: string;
  /** The label that makes an issue a topic of this series, as resolved (`seriesLabel`); named in DESCRIPTION. */
  label?: string | undefined;
  /** An event with tracks: its topics join by these labels instead (any of them), named in DESCRIPTION in place of `label`. */
  labels?: readonly string[] | undefined;
  event?: (ScheduleEvent & { "daily-budget": number; location?: string | undefined; "join-url"?: string | undefined }) | undefined;
  /** Where it takes place (one line) and the link to join: LOCATION and URL (an event's own win). */
  location?: string | undefined;
  "join-url"?: string | undefined;
}

export interface CalendarSeries {
  /** The series id (`iaas`); the UID is built from it. */
  id: string;
  config: CalendarSeriesConfig;
  /** Local dates (YYYY-MM-DD) of cancelled meetings, written as EXDATE; an event's first day: every day is STATUS:CANCELLED. */
  cancelled?: readonly string[];
}

export interface CalendarOptions {
  /** PRODID, e.g. `-//Docket//Docket//EN`, or its parts. */
  prodId: string | { company: string; product: string; language?: string };
  /** The instant to start from: each recurring series starts at its first occurrence that has not ended by then. */
  from: Date;
  /** DTSTAMP of every VEVENT (when the file was generated); default `from`. */
  stamp?: Date;
  /** URL of the calendar itself (URL property). */
  url?: string;
  /** Calendar name (NAME and X-WR-CALNAME). */
  name?: string;
  /** Right-hand side of the UIDs; default "docket". */
  domain?: string;
  /** How far ahead the runs of a biweekly series are written; default 10 (years). */
  years?: number;
}

const UTC_ZONES = new Set(["utc", "etc/utc", "etc/uct", "uct", "etc/universal", "universal", "etc/zulu", "zulu"]);

let libraryZones: ReadonlySet<string> | undefined;

/**
 * The VTIMEZONE block for an IANA zone, under the zone's own name as TZID
 * (an alias gets the block of the zone it links to); null for UTC. Throws for
 * a zone the library does not know (none of those the config schema accepts).
 */
export function vtimezone(zone: string): { tzid: string; block: string } | null {
  if (UTC_ZONES.has(zone.toLowerCase())) return null;
  libraryZones ??= new Set(tzlib_get_timezones() as string[]);
  // Checked first: the library prints to the console for a zone it does not know.
  if (!libraryZones.has(zone)) throw new Error(`no VTIMEZONE for time zone "${zone}"`);
  const found = tzlib_get_ical_block(zone, false);
  const [block, tzidLine] = Array.isArray(found) ? found : [];
  const tzid = /^TZID=(.+)$/.exec(tzidLine ?? "")?.[1];
  if (block === undefined || tzid === undefined) throw new Error(`no VTIMEZONE for time zone "${zone}"`);
  // GMT and its aliases are UTC by another name.
  if (UTC_ZONES.has(tzid.toLowerCase()) || tzid === "Etc/GMT") return null;
  return { tzid: zone, block: block.replace(/^TZID:.*$/m, `TZID:${zone}`).replace(/^X-LIC-LOCATION:.*$/m, `X-LIC-LOCATION:${zone}`) };
}

/** The first occurrence that has not ended at `from`, preferring one at the series' own wall-clock time (see the file comment). */
function firstRegular(occurrences: readonly Occurrence[], time: string | undefined): Occurrence | null {
  return occurrences.find((o) => clock(zoned(o.start, o.timezone)) === time) ?? occurrences[0] ?? null;
}

/** One stretch of a recurrence that a single RRULE can say. */
export interface RecurrenceRun {
  /** The first meeting of the run (DTSTART). */
  first: Occurrence;
  /** The RRULE value, without `RRULE:`; null for a run of one meeting. */
  rrule: string | null;
}

const BIWEEKLY_DAYS = 14;

const DAY_MS = 86_400_000;

/** A meeting's local date as epoch ms of its midnight UTC. */
function localDay(m: MeetingStart): number {
  return Date.parse(m.date);
}

/**
 * A biweekly series (ISO week parity) as runs of `FREQ=WEEKLY;INTERVAL=2`,
 * split where the parity breaks (two meetings one week apart after an ISO
 * week 53 for odd weeks, three weeks apart for even weeks). Runs start from
 * the first occurrence that has not ended at `from`, up to `years` ahead; the
 * last run is open-ended. Empty when the series has no such occurrence.
 */
export function biweeklyRuns(id: string, series: ScheduleSeries, from: Date, years = 10): RecurrenceRun[] {
  const day = seriesRRule(series).match(/BYDAY=([A-Z]{2})/)?.[1];
  if (series.cadence !== "biweekly" || day === undefined) throw new Error("biweeklyRuns expects a biweekly series");
  const upcoming = occurrencesFrom(id, series, from, 3);
  const first = firstRegular(upcoming, series.time);
  if (first === null) return [];
  const horizonMs = DateTime.fromJSDate(from, { zone: "UTC" }).plus({ years }).toMillis();
  // A biweekly series meets 26-27 times a year; the cut at the horizon is made below.
  const all = biweeklyStartsFrom(series, new Date(first.start), Math.ceil(years * 27) + 2);
  const occurrence = (m: MeetingStart) => occurrenceStartingAt(id, series, m.startMs);
  const rule = (until: MeetingStart | null) =>
    `FREQ=WEEKLY;INTERVAL=2;BYDAY=${day};WKST=MO${until === null ? "" : `;UNTIL=${DateTime.fromMillis(until.startMs, { zone: "UTC" }).toFormat("yyyyLLdd'T'HHmmss'Z'")}`}`;
  const runs: RecurrenceRun[] = [];
  let runStart = all[0];
  let runFirst = runStart === undefined ? first : occurrence(runStart);
  let previous = runStart;
  for (const o of all.slice(1)) {
    if (localDay(o) > horizonMs) break;
    if (previous !== undefined && localDay(o) - localDay(previous) !== BIWEEKLY_DAYS * DAY_MS) {
      runs.push({ first: runFirst, rrule: previous === runStart ? null : rule(previous) });
      runStart = o;
      runFirst = occurrence(o);
    }
    previous = o;
  }
  runs.push({ first: runFirst, rrule: rule(null) });
  return runs;
}

/**
 * A join link as the URL property: a URI value, which RFC 5545 does not escape, but ical-generator
 * escapes `,` and `;` in it all the same (and ical.js then reads the backslashes as part of the
 * link). Percent-encoded, they need no escaping and mean the same to the server. Null for a link
 * that is not a safe http(s) URL (escape.ts safeUrl).
 */
function icsUrl(url: string): string | null {
  return safeUrl(url)?.replace(/[,;]/g, (c) => (c === "," ? "%2C" : "%3B")) ?? null;
}

function description(series: CalendarSeriesConfig): string | null {
  const labels = series.labels !== undefined && series.labels.length > 0 ? series.labels : series.label ? [series.label] : [];
  return labels.length > 0 ? `Topics: issues and pull requests labelled ${orList.format(labels.map((l) => `"${l}"`))}.` : null;
}

const orList = new Intl.ListFormat("en", { style: "long", type: "disjunction" });

/** An empty calendar with the options' PRODID, name and URL, writing the VTIMEZONE blocks put into `blocks` (by TZID). */
function newCalendar(options: Pick<CalendarOptions, "prodId" | "name" | "url">): { calendar: ReturnType<typeof ical>; blocks: Map<string, string> } {
  const blocks = new Map<string, string>();
  const calendar = ical({
    // ical-generator writes "-" + prodId.
    prodId: typeof options.prodId === "string" ? options.prodId.replace(/^-+/, "") : options.prodId,
    ...(options.name !== undefined ? { name: options.name } : {}),
    ...(options.url !== undefined ? { url: options.url } : {}),
    timezone: { name: null, generator: (tzid) => blocks.get(tzid) ?? null },
  });
  return { calendar, blocks };
}

/**
 * The `.ics` text of a calendar with every series: one VEVENT with an RRULE
 * per recurring series (a few, one per run, for a biweekly one), one VEVENT
 * per day of a multi-day event.
 */
export function seriesCalendar(series: readonly CalendarSeries[], options: CalendarOptions): string {
  const domain = options.domain ?? "docket";
  const stamp = DateTime.fromJSDate(options.stamp ?? options.from, { zone: "UTC" });
  const { calendar, blocks } = newCalendar(options);

  for (const entry of series) {
    const { id, config } = entry;
    const zone = vtimezone(config.event?.timezone ?? config.timezone);
    if (zone !== null) blocks.set(zone.tzid, zone.block);
    const inZone = (iso: string) => DateTime.fromISO(iso, { setZone: true }).setZone(zone?.tzid ?? "UTC");
    const location = config.event?.location ?? config.location;
    const joinUrl = config.event?.["join-url"] ?? config["join-url"];
    // Cancelled meetings: their start instants, for the EXDATE of the VEVENT whose dates they are among.
    const cancelled = (entry.cancelled ?? []).flatMap((date) => {
      const o = config.event ? null : occurrenceOn(id, config, date);
      return o === null ? [] : [o];
    });
    const exdates = (from: string, until: string | null): string[] =>
      cancelled
        .filter((o) => o.date >= from && (until === null || o.date < until))
        .map((o) =>
          zone === null
            ? `EXDATE:${inZone(o.start).toUTC().toFormat("yyyyLLdd'T'HHmmss'Z'")}`
            : `EXDATE;TZID=${zone.tzid}:${inZone(o.start).toFormat("yyyyLLdd'T'HHmmss")}`,
        );
    const withExdates = (rrule: string, lines: readonly string[]): string =>
      lines.length === 0 ? rrule : [rrule.startsWith("RRULE:") ? rrule : `RRULE:${rrule}`, ...lines].join("\n");
    const eventCancelled = config.event !== undefined && (entry.cancelled ?? []).includes(config.event.from);
    const add = (uid: string, startIso: string, minutes: number, repeating: string | null) => {
      const start = inZone(startIso);
      calendar.createEvent({
        ...(eventCancelled ? { status: ICalEventStatus.CANCELLED } : {}),
        id: `${uid}@${domain}`,
        summary: config.title,
        description: description(config),
        location: location === undefined ? null : oneLine(location),
        url: joinUrl === undefined ? null : icsUrl(joinUrl),
        stamp,
        timezone: zone?.tzid ?? null,
        start,
        end: start.plus({ minutes }),
        repeating,
      });
    };

    if (config.event) {
      for (const day of eventDays(config.event)) add(`${id}-${day.date}`, day.start, config.event["daily-budget"], null);
    } else if (config.cadence === "biweekly") {
      const runs = biweeklyRuns(id, config, options.from, options.years);
      runs.forEach((run, i) => {
        const lines = exdates(run.first.date, runs[i + 1]?.first.date ?? null);
        if (run.rrule === null && lines.length > 0) return; // its one meeting is cancelled
        add(i === 0 ? id : `${id}-${run.first.date}`, run.first.start, config.duration, run.rrule === null ? null : withExdates(run.rrule, lines));
      });
    } else {
      const first = firstRegular(occurrencesFrom(id, config, options.from, 3), config.time);
      if (first !== null) add(id, first.start, config.duration, withExdates(seriesRRule(config), exdates(first.date, null)));
    }
  }
  return calendar.toString();
}

// ---------------------------------------------------------------------------
// One calendar per track of a multi-track gathering (issue 15).

export interface TrackCalendarInput {
  /** The event's series id: the sessions' UIDs are built from it. */
  seriesId: string;
  /** The event's title: each calendar is "<title> — <track title>". */
  title: string;
  /** The event's days and zone: a session starts `offset` minutes after its day's start (src/domain/tracks.ts). */
  event: ScheduleEvent;
  gathering: Gathering;
  /** Topic id -> the URL of its session's pad (src/workflows/session-pads.ts). */
  pads?: Readonly<Record<string, string>>;
  /** Who may read the published calendars: a session whose topic not all of them may read is left out. */
  audience: Audience;
  /** The event is cancelled (its issue closed as not planned): every session is STATUS:CANCELLED, as the event's days are. */
  cancelled?: boolean;
}

export interface TrackCalendar {
  track: TrackSpec;
  /** The .ics text. */
  text: string;
  /** Its VEVENTs (sessions). */
  events: number;
}

const andList = new Intl.ListFormat("en", { style: "long", type: "conjunction" });

/**
 * One `.ics` per track of a gathering, in the tracks' order (people subscribe to the tracks they
 * follow). Each holds one VEVENT per session of its track:
 * - SUMMARY the topic's title; URL the topic's; LOCATION its room (a joint session: the rooms of
 *   all its tracks); DTSTART and DTEND in the event's zone with its VTIMEZONE, at
 *   its day's start plus its offset (one time frame, every track: domain/sessions.ts).
 * - A joint session is in the calendar of each of its tracks with the same UID
 *   (`<series>-session-<topic id>@<domain>`, stable when the session moves) and the same bytes:
 *   its DESCRIPTION names all its tracks ("Joint session of Edge and TripleO"), so a calendar app
 *   subscribed to both sees one event, whichever copy it read last.
 * - DESCRIPTION also gives the topic's reference (owner/repo#n) and the session's pad, when there is one.
 * - A cancelled event (`cancelled`) keeps its sessions, each STATUS:CANCELLED, as seriesCalendar
 *   does with the event's days.
 * - A session whose topic the calendars' readers may not all read (`audience`, canShow) is left
 *   out of every calendar: counted in `hidden`, never named.
 * - Pure and deterministic: the DTSTAMP is `options.stamp`; the same gathering gives the same bytes.
 */
export function trackCalendars(
  input: TrackCalendarInput,
  options: Pick<CalendarOptions, "prodId" | "domain"> & { stamp: Date },
): { calendars: TrackCalendar[]; hidden: number } {
  const domain = options.domain ?? "docket";
  const stamp = DateTime.fromJSDate(options.stamp, { zone: "UTC" });
  const zone = vtimezone(input.event.timezone);
  const days = eventDays(input.event);
  const specs = new Map(input.gathering.tracks.map((t) => [t.track.id, t.track]));
  const hidden = new Set(input.gathering.sessions.filter((s) => !canShow(s.topic.audience, input.audience)).map((s) => s.topic.id));
  const calendars = input.gathering.tracks.map(({ track, sessions }) => {
    const { calendar, blocks } = newCalendar({ ...options, name: `${oneLine(input.title)} — ${oneLine(track.title)}` });
    if (zone !== null) blocks.set(zone.tzid, zone.block);
    const shown = sessions.filter((s) => !hidden.has(s.topic.id));
    let events = 0;
    for (const session of shown) {
      const when = sessionOccurrence(input.seriesId, input.event, session, days);
      if (when === null) continue; // the event's days changed since the gathering was packed: no day to place it on
      const inZone = (iso: string) => DateTime.fromISO(iso, { setZone: true }).setZone(zone?.tzid ?? "UTC");
      const tracks = session.tracks.flatMap((id) => (specs.has(id) ? [specs.get(id)!] : []));
      const pad = input.pads?.[session.topic.id];
      const padUrl = pad === undefined ? null : safeUrl(pad);
      const ref = session.topic.number !== null && session.topic.repo !== "" ? `${session.topic.repo}#${session.topic.number}` : null;
      const description = [
        ...(tracks.length > 1 ? [`Joint session of ${andList.format(tracks.map((t) => oneLine(t.title)))}.`] : []),
        ...(ref === null ? [] : [`Topic: ${ref}`]),
        ...(padUrl === null ? [] : [`Notes: ${padUrl}`]),
      ];
      calendar.createEvent({
        ...(input.cancelled === true ? { status: ICalEventStatus.CANCELLED } : {}),
        id: `${input.seriesId}-session-${session.topic.id}@${domain}`,
        summary: oneLine(session.topic.title),
        description: description.length === 0 ? null : description.join("\n"),
        location: [...new Set(tracks.map((t) => oneLine(t.room)))].join(", ") || null,
        url: icsUrl(session.topic.url),
        stamp,
        timezone: zone?.tzid ?? null,
        start: inZone(when.start),
        end: inZone(when.end),
      });
      events++;
    }
    return { track, text: calendar.toString(), events };
  });
  return { calendars, hidden: hidden.size };
}

// ---------------------------------------------------------------------------
// The time in the reader's zone.

/**
 * A link to timeanddate.com's page for the occurrence's start instant, which
 * shows it in the reader's own time zone (see the file comment). `title`
 * becomes the page's heading.
 */
export function utcLink(occurrence: Pick<Occurrence, "start">, title?: string): string {
  const utc = DateTime.fromISO(occurrence.start, { setZone: true }).toUTC();
  if (!utc.isValid) throw new Error(`invalid start instant "${occurrence.start}"`);
  const params = new URLSearchParams();
  if (title !== undefined && title.trim() !== "") params.set("msg", title.trim());
  params.set("iso", utc.toFormat("yyyyLLdd'T'HHmm"));
  params.set("p1", "1440");
  return `https://www.timeanddate.com/worldclock/fixedtime.html?${params.toString()}`;
}

/**
 * "14:00 Europe/Berlin = 13:00 UTC" (with "on 3 December" after the UTC time
 * when the UTC date differs from the local one); "09:00 UTC" for a meeting in
 * UTC. Plain text: zone names and clock times need no escaping.
 */
export function utcLine(occurrence: Pick<Occurrence, "start" | "timezone">): string {
  const local = zoned(occurrence.start, occurrence.timezone);
  const utc = local.toUTC();
  const zone = local.zoneName ?? occurrence.timezone;
  if (local.offset === 0 && UTC_ZONES.has(zone.toLowerCase())) return `${clock(utc)} UTC`;
  const utcDate = utc.toISODate() === local.toISODate() ? "" : ` on ${utc.toFormat("d LLLL")}`;
  return `${clock(local)} ${zone} = ${clock(utc)} UTC${utcDate}`;
}

/** The line for a meeting issue: `utcLine`, then a link to the time in the reader's zone. Markdown. */
export function localTimeLine(occurrence: Pick<Occurrence, "start" | "timezone">, title?: string): string {
  return `${utcLine(occurrence)} (${linkMarkdown("in your time zone", utcLink(occurrence, title))})`;
}
