/**
 * When a series meets: recurrence rules, occurrences and the days of a
 * multi-day event. Pure: "now" is always a parameter, nothing reads the clock.
 *
 * How times are computed (the one idea to keep in mind):
 *
 * 1. The recurrence is expanded by the rrule library on *floating* wall-clock
 *    dates: a JavaScript Date whose UTC fields are read as the local date and
 *    time in the series' zone (2023-12-04T14:00Z means "4 December, 14:00
 *    local"). rrule never sees a time zone, so it can never move a meeting by
 *    an hour.
 * 2. Each wall-clock date is then placed in the IANA zone with luxon. A 14:00
 *    Europe/Berlin meeting stays at 14:00 local on both sides of a daylight
 *    saving change; only its UTC instant moves (13:00Z in winter, 12:00Z in
 *    summer).
 *
 * Local times that do not exist or exist twice follow RFC 5545 (3.3.5), so
 * Docket and a calendar fed by the ICS export agree:
 * - A time in a spring-forward gap (02:30 on the night clocks jump from 02:00
 *   to 03:00) is read with the offset before the gap, i.e. shifted forward by
 *   the gap's length (02:30 -> 03:30 local). This is also what luxon does.
 * - A time that occurs twice (the fall-back night) means the first of the two
 *   (the daylight-saving one). luxon alone would sometimes pick the second.
 */
import { DateTime, IANAZone, Info } from "luxon";
import rrulePkg from "rrule";
import type { Options as RRuleOptions } from "rrule";
import type { SeriesConfig, Weekday } from "../config/schema.js";
import type { Occurrence } from "./types.js";

// rrule ships CommonJS to Node (its ESM build is not loadable by Node), so its
// classes are reached through the default export.
const { RRule } = rrulePkg;
type RRuleInstance = InstanceType<typeof RRule>;

/** What the time logic needs of a series (a `SeriesConfig` fits). */
export interface ScheduleSeries {
  cadence?: string | undefined;
  weeks?: "odd" | "even" | undefined;
  day?: Weekday | undefined;
  nth?: 1 | 2 | 3 | 4 | -1 | undefined;
  /** "HH:MM", local to `timezone`. */
  time?: string | undefined;
  /** Minutes. */
  duration: number;
  /** IANA zone. */
  timezone: string;
}

/** What the time logic needs of a multi-day event (the schema's `event` fits). */
export type ScheduleEvent = Pick<NonNullable<SeriesConfig["event"]>, "from" | "to" | "weekdays" | "start" | "timezone">;

export interface EventDay {
  /** 0-based index among the event's days (the agenda's slot / `ScheduledTopic.day`). */
  index: number;
  /** Local date, YYYY-MM-DD. */
  date: string;
  /** Start instant with the local offset, e.g. 2025-02-03T09:00:00.000Z. */
  start: string;
}

const DAY_CODES: Record<Weekday, string> = {
  monday: "MO",
  tuesday: "TU",
  wednesday: "WE",
  thursday: "TH",
  friday: "FR",
  saturday: "SA",
  sunday: "SU",
};

/**
 * The fixed anchor (RRULE DTSTART, as local wall-clock date) for rules whose
 * phase depends on where they start, i.e. a user RRULE with INTERVAL > 1:
 * Monday 2000-01-03, the first day of ISO week 2000-W01, at the series' `time`.
 * So `FREQ=WEEKLY;INTERVAL=3;BYDAY=TH` meets in the weeks 0, 3, 6, ... counted
 * (Monday-based) from that week, `FREQ=MONTHLY;INTERVAL=2;...` in January,
 * March, May, ..., `FREQ=YEARLY;INTERVAL=2;...` in even years. Fixed, so the
 * schedule never depends on when Docket happens to run.
 */
export const RRULE_ANCHOR = "2000-01-03";
const ANCHOR = { year: 2000, month: 1, day: 3 } as const;

const zoneValidity = new Map<string, boolean>();

/**
 * Whether `name` is a time zone the runtime knows (luxon's `IANAZone.isValidZone`), remembered
 * for up to 1,000 names: luxon builds an `Intl.DateTimeFormat` for each call, and every config
 * check asks again for the same few zones.
 */
export function isValidZone(name: string): boolean {
  let valid = zoneValidity.get(name);
  if (valid === undefined) {
    valid = IANAZone.isValidZone(name);
    if (zoneValidity.size < 1000) zoneValidity.set(name, valid);
  }
  return valid;
}

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/** How far ahead a search for occurrences goes before it gives up (a rule may never match, e.g. 30 February). */
const HORIZON_YEARS = 100;

const FREQS = ["YEARLY", "MONTHLY", "WEEKLY", "DAILY"] as const;
const DAY_CODE = "(MO|TU|WE|TH|FR|SA|SU)";

// ---------------------------------------------------------------------------
// RRULE text

/** Strips `RRULE:`, whitespace and a trailing `;`, and upper-cases the rule. */
function normaliseRRuleText(text: string): string {
  return text
    .replace(/\s+/g, "")
    .replace(/^RRULE:/i, "")
    .replace(/;+$/, "")
    .toUpperCase();
}

/** Splits a normalised rule into its parts, or returns an error message. */
function splitRRule(rule: string): Map<string, string> | string {
  const parts = new Map<string, string>();
  if (rule === "") return "expected an RRULE such as FREQ=WEEKLY;BYDAY=MO";
  for (const part of rule.split(";")) {
    const m = /^([A-Z]+)=([^=]+)$/.exec(part);
    if (!m) return `"${part}" is not a NAME=VALUE part of an RRULE`;
    const [, name = "", value = ""] = m;
    if (parts.has(name)) return `${name} is given twice`;
    parts.set(name, value);
  }
  return parts;
}

function checkList(value: string, name: string, min: number, max: number, signed: boolean): string | null {
  for (const item of value.split(",")) {
    const ok = signed ? /^[+-]?\d{1,3}$/.test(item) : /^\+?\d{1,3}$/.test(item);
    const n = Math.abs(Number(item));
    if (!ok || n < min || n > max) {
      return `${name} expects ${signed ? "±" : ""}${min}..${max}${signed ? " (not 0)" : ""}, got "${item}"`;
    }
  }
  return null;
}

/** Parses UNTIL (YYYYMMDD, YYYYMMDDTHHMMSS or YYYYMMDDTHHMMSSZ) to an instant; date-only and local forms are read in `zone`. */
function untilInstant(value: string, zone: string): DateTime | null {
  const m = /^(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2})(Z)?)?$/.exec(value);
  if (!m) return null;
  const [, y, mo, d, h, mi, s, z] = m;
  const fields = { year: Number(y), month: Number(mo), day: Number(d) };
  let dt: DateTime;
  if (h === undefined) {
    // A date: the series runs through that whole local day.
    dt = DateTime.fromObject({ ...fields, hour: 23, minute: 59, second: 59 }, { zone });
  } else {
    const time = { hour: Number(h), minute: Number(mi), second: Number(s) };
    dt = DateTime.fromObject({ ...fields, ...time }, { zone: z ? "UTC" : zone });
    if (dt.isValid && (dt.hour !== time.hour || dt.minute !== time.minute)) return null;
  }
  if (!dt.isValid || dt.day !== fields.day) return null;
  return dt;
}

/**
 * Checks a user's RRULE (the `cadence` of a series); returns an error message
 * for people, or null when the rule is usable. `RRULE:` and case are ignored.
 *
 * Docket's config has no DTSTART: the day comes from the rule and the time of
 * day from the series' `time`. Therefore it rejects, besides text that is not
 * an RFC 5545 recurrence rule:
 * - BYHOUR, BYMINUTE, BYSECOND and FREQ=HOURLY/MINUTELY/SECONDLY: a series
 *   meets at most once a day, at its `time`;
 * - COUNT: there is no start date to count from (use UNTIL);
 * - WEEKLY, MONTHLY or YEARLY rules that name no day (no BYDAY, BYMONTHDAY,
 *   BYYEARDAY or BYWEEKNO): the day would be taken from DTSTART;
 * - rrule.js extensions (BYEASTER) and other properties (DTSTART, TZID, EXDATE).
 * A rule whose UNTIL has passed is valid: it simply has no next occurrence.
 */
export function validateRRule(text: string): string | null {
  const rule = normaliseRRuleText(text);
  const parts = splitRRule(rule);
  if (typeof parts === "string") return parts;

  const freq = parts.get("FREQ");
  if (freq === undefined) return "an RRULE must start with FREQ, e.g. FREQ=WEEKLY;BYDAY=MO";
  if (["HOURLY", "MINUTELY", "SECONDLY"].includes(freq)) {
    return `FREQ=${freq} is not supported: a series meets at most once a day, at its \`time\``;
  }
  if (!(FREQS as readonly string[]).includes(freq)) return `FREQ must be YEARLY, MONTHLY, WEEKLY or DAILY, got "${freq}"`;

  for (const [name, value] of parts) {
    let error: string | null = null;
    switch (name) {
      case "FREQ":
        break;
      case "BYHOUR":
      case "BYMINUTE":
      case "BYSECOND":
        return `${name} is not supported: the time of day comes from the series' \`time\``;
      case "COUNT":
        return "COUNT is not supported: the series has no start date to count from; end it with UNTIL instead";
      case "UNTIL":
        if (untilInstant(value, "UTC") === null) error = `UNTIL expects a date such as 20261231 or 20261231T235959Z, got "${value}"`;
        break;
      case "INTERVAL":
        if (!/^[1-9]\d{0,3}$/.test(value)) error = `INTERVAL expects a positive whole number, got "${value}"`;
        break;
      case "WKST":
        if (!new RegExp(`^${DAY_CODE}$`).test(value)) error = `WKST expects a day such as MO, got "${value}"`;
        break;
      case "BYDAY":
        for (const item of value.split(",")) {
          const m = new RegExp(`^([+-]?\\d{1,2})?${DAY_CODE}$`).exec(item);
          if (!m) return `BYDAY expects days such as MO, TH, 1TU or -1FR, got "${item}"`;
          if (m[1] !== undefined) {
            const n = Math.abs(Number(m[1]));
            if (n < 1 || n > 53) return `BYDAY ordinal must be 1..53 or -53..-1, got "${item}"`;
            if (freq !== "MONTHLY" && freq !== "YEARLY") return `BYDAY with a number (${item}) needs FREQ=MONTHLY or FREQ=YEARLY`;
            if (freq === "YEARLY" && parts.has("BYWEEKNO")) return `BYDAY with a number (${item}) cannot be combined with BYWEEKNO`;
          }
        }
        break;
      case "BYMONTHDAY":
        if (freq === "WEEKLY") return "BYMONTHDAY cannot be used with FREQ=WEEKLY";
        error = checkList(value, name, 1, 31, true);
        break;
      case "BYYEARDAY":
        if (freq !== "YEARLY") return "BYYEARDAY needs FREQ=YEARLY";
        error = checkList(value, name, 1, 366, true);
        break;
      case "BYWEEKNO":
        if (freq !== "YEARLY") return "BYWEEKNO needs FREQ=YEARLY";
        error = checkList(value, name, 1, 53, true);
        break;
      case "BYMONTH":
        error = checkList(value, name, 1, 12, false);
        break;
      case "BYSETPOS":
        if (![...parts.keys()].some((k) => k.startsWith("BY") && k !== "BYSETPOS")) return "BYSETPOS needs another BY... part, e.g. BYDAY";
        error = checkList(value, name, 1, 366, true);
        break;
      default:
        return `${name} is not supported in a series' RRULE`;
    }
    if (error !== null) return error;
  }

  if (freq !== "DAILY" && !["BYDAY", "BYMONTHDAY", "BYYEARDAY", "BYWEEKNO"].some((k) => parts.has(k))) {
    return `FREQ=${freq} needs a day, e.g. BYDAY=${freq === "MONTHLY" ? "1TU" : "MO"}${freq === "YEARLY" ? ";BYMONTH=1" : ""}`;
  }

  try {
    new RRule({ ...RRule.parseString(rule), dtstart: new Date(Date.UTC(ANCHOR.year, ANCHOR.month - 1, ANCHOR.day)) });
  } catch (e) {
    return `not a valid RRULE: ${e instanceof Error ? e.message : String(e)}`;
  }
  return null;
}

function requireRRule(text: string): Map<string, string> {
  const error = validateRRule(text);
  if (error !== null) throw new Error(`invalid cadence "${text}": ${error}`);
  return splitRRule(normaliseRRuleText(text)) as Map<string, string>;
}

function requireRecurring(series: ScheduleSeries): { cadence: string; hour: number; minute: number } {
  if (series.cadence === undefined || series.time === undefined) {
    throw new Error("this series has no cadence and time (a multi-day event? use eventDays)");
  }
  const m = /^(\d{2}):(\d{2})$/.exec(series.time);
  if (!m) throw new Error(`invalid time "${series.time}"`);
  return { cadence: series.cadence, hour: Number(m[1]), minute: Number(m[2]) };
}

function dayCode(series: ScheduleSeries): string {
  if (series.day === undefined) throw new Error(`a ${series.cadence} cadence needs a day`);
  return DAY_CODES[series.day];
}

function oddOrEvenWeeks(weeks: "odd" | "even"): string {
  const list: number[] = [];
  for (let w = weeks === "odd" ? 1 : 2; w <= 53; w += 2) list.push(w);
  return list.join(",");
}

/**
 * The series' cadence as an RFC 5545 RRULE value (no `RRULE:` prefix, no
 * DTSTART), for the schedule and for the ICS export:
 * - weekly: `FREQ=WEEKLY;BYDAY=MO`
 * - biweekly: by ISO-8601 week parity, `FREQ=YEARLY;BYWEEKNO=1,3,...,53;BYDAY=MO;WKST=MO`
 *   (odd) or `BYWEEKNO=2,4,...,52` (even). Not `INTERVAL=2`, which drifts
 *   after a year with an ISO week 53 (2026-W53 and 2027-W01 are both odd).
 * - monthly: `FREQ=MONTHLY;BYDAY=1TU` (nth 1..4) or `-1FR` (the last).
 * - an RRULE: normalised (no `RRULE:`, upper case, no spaces); an UNTIL given
 *   as a date or a local time is rewritten to UTC (`...Z`) as RFC 5545 asks
 *   when DTSTART carries a TZID; a date-only UNTIL includes that whole local day.
 * For the ICS export: use any occurrence (e.g. the next) as DTSTART with
 * TZID=<timezone>; for INTERVAL > 1 that keeps the phase of `RRULE_ANCHOR`.
 * Throws when the series has no cadence or its RRULE is invalid (the config
 * schema rejects both before this is reached).
 */
export function seriesRRule(series: ScheduleSeries): string {
  const { cadence } = requireRecurring(series);
  switch (cadence) {
    case "weekly":
      return `FREQ=WEEKLY;BYDAY=${dayCode(series)}`;
    case "biweekly":
      if (series.weeks === undefined) throw new Error("a biweekly cadence needs weeks: odd or even");
      return `FREQ=YEARLY;BYWEEKNO=${oddOrEvenWeeks(series.weeks)};BYDAY=${dayCode(series)};WKST=MO`;
    case "monthly":
      return `FREQ=MONTHLY;BYDAY=${series.nth ?? 1}${dayCode(series)}`;
    default: {
      const parts = requireRRule(cadence);
      const until = parts.get("UNTIL");
      if (until !== undefined) {
        const instant = untilInstant(until, series.timezone);
        if (instant !== null) parts.set("UNTIL", instant.toUTC().toFormat("yyyyLLdd'T'HHmmss'Z'"));
      }
      return [...parts].map(([k, v]) => `${k}=${v}`).join(";");
    }
  }
}

// ---------------------------------------------------------------------------
// Floating wall-clock dates

/** A luxon time's wall-clock fields as a floating Date (UTC fields = local fields). */
function toFloating(dt: DateTime): Date {
  return new Date(Date.UTC(dt.year, dt.month - 1, dt.day, dt.hour, dt.minute, dt.second, dt.millisecond));
}

/**
 * Places a floating wall-clock date (to the minute) in `zone` (gap: shifted forward; twice: the
 * first; see the file comment). Most times are nowhere near an offset change: when the zone's
 * offset is the same 40 hours either side (a placed time is at most 14 hours from its wall-clock
 * time, luxon looks a day further), the time is the wall-clock time minus that offset, two offset
 * reads instead of luxon's eight or so; otherwise luxon decides ({@link placeInZoneByLuxon}, which
 * this equals: a property test). This assumes no zone changes its offset and back within 80
 * hours; none does.
 */
export function placeInZone(floating: Date, zone: string): DateTime {
  const ms = floating.getTime();
  const wall = ms - (((ms % 60_000) + 60_000) % 60_000);
  const offset = offsetAt(zone, wall - 40 * HOUR_MS);
  if (offset === offsetAt(zone, wall + 40 * HOUR_MS)) return DateTime.fromMillis(wall - offset * 60_000, { zone });
  return placeInZoneByLuxon(floating, zone);
}

/** Offsets (minutes) read, by zone and instant: the same meetings are placed again and again. */
const offsets = new Map<string, Map<number, number>>();
let offsetsKept = 0;

/** The zone's offset in minutes at the instant `ms` (luxon's `Zone#offset`: an `Intl` call), remembered (up to 100,000, then forgotten at once). */
function offsetAt(zone: string, ms: number): number {
  let byInstant = offsets.get(zone);
  if (byInstant === undefined) offsets.set(zone, (byInstant = new Map()));
  let offset = byInstant.get(ms);
  if (offset === undefined) {
    offset = Info.normalizeZone(zone).offset(ms);
    if (offsetsKept >= 100_000) {
      offsets.clear();
      offsetsKept = 0;
      offsets.set(zone, byInstant);
      byInstant.clear();
    }
    byInstant.set(ms, offset);
    offsetsKept++;
  }
  return offset;
}

/** {@link placeInZone} by luxon alone: the wall-clock fields in the zone, then the earliest of its possible offsets. */
export function placeInZoneByLuxon(floating: Date, zone: string): DateTime {
  const local = DateTime.fromObject(
    {
      year: floating.getUTCFullYear(),
      month: floating.getUTCMonth() + 1,
      day: floating.getUTCDate(),
      hour: floating.getUTCHours(),
      minute: floating.getUTCMinutes(),
    },
    { zone },
  );
  let first = local;
  for (const candidate of local.getPossibleOffsets()) if (candidate.toMillis() < first.toMillis()) first = candidate;
  return first;
}

function iso(dt: DateTime): string {
  const text = dt.toISO();
  if (text === null) throw new Error(`invalid time: ${dt.invalidExplanation ?? dt.invalidReason ?? "unknown"}`);
  return text;
}

function isoDate(dt: DateTime): string {
  const text = dt.toISODate();
  if (text === null) throw new Error(`invalid date: ${dt.invalidExplanation ?? dt.invalidReason ?? "unknown"}`);
  return text;
}

// ---------------------------------------------------------------------------
// Expansion

interface Expansion {
  rule: RRuleInstance;
  /** Extra test on a floating date (ISO week parity for biweekly). */
  accept: (floating: Date) => boolean;
  /** The rule's UNTIL as an instant (epoch ms), or null. */
  untilMs: number | null;
}

/**
 * Builds the rrule for a search between the floating dates `from` and `to`.
 *
 * Biweekly is expanded as weekly and filtered by the ISO week (luxon's
 * `weekNumber`) rather than from its BYWEEKNO rule: rrule.js 2.8 misplaces
 * BYWEEKNO on a Saturday or Sunday of 1-3 January (it yields 2011-01-01, in
 * ISO week 2010-W52, as an odd week). The emitted RRULE is still the BYWEEKNO one.
 */
function buildExpansion(series: ScheduleSeries, from: Date, to: Date): Expansion {
  const { cadence, hour, minute } = requireRecurring(series);
  let text: string;
  let accept: (floating: Date) => boolean = () => true;
  let untilMs: number | null = null;
  let interval = 1;
  let freq = "";
  switch (cadence) {
    case "weekly":
      text = `FREQ=WEEKLY;BYDAY=${dayCode(series)}`;
      break;
    case "biweekly": {
      text = `FREQ=WEEKLY;BYDAY=${dayCode(series)}`;
      if (series.weeks === undefined) throw new Error("a biweekly cadence needs weeks: odd or even");
      const parity = series.weeks === "odd" ? 1 : 0;
      accept = (f) => DateTime.fromJSDate(f, { zone: "UTC" }).weekNumber % 2 === parity;
      break;
    }
    case "monthly":
      text = seriesRRule(series);
      break;
    default: {
      const parts = requireRRule(cadence);
      const until = parts.get("UNTIL");
      if (until !== undefined) {
        untilMs = untilInstant(until, series.timezone)?.toMillis() ?? null;
        parts.delete("UNTIL");
      }
      interval = Number(parts.get("INTERVAL") ?? "1");
      freq = parts.get("FREQ") ?? "";
      text = [...parts].map(([k, v]) => `${k}=${v}`).join(";");
    }
  }
  // With INTERVAL 1 every rule here names its days, so where it starts does not
  // matter: start just before the window (cheap). Otherwise start in phase with
  // the anchor: a whole number of INTERVALs after it, just before the window.
  const start =
    interval > 1
      ? anchorBefore(freq, interval, from, hour, minute)
      : new Date(Date.UTC(from.getUTCFullYear(), from.getUTCMonth(), from.getUTCDate() - 1, hour, minute));
  let end = to;
  if (untilMs !== null) {
    // A day of slack: the exact test is on the instant, in expand().
    const untilFloating = toFloating(DateTime.fromMillis(untilMs, { zone: series.timezone }).plus({ days: 1 }));
    if (untilFloating < end) end = untilFloating;
  }
  const options: Partial<RRuleOptions> = { ...RRule.parseString(text), dtstart: start, until: end };
  return { rule: new RRule(options), accept, untilMs };
}

/**
 * A DTSTART in the same phase as `RRULE_ANCHOR` (a whole number of `interval`
 * periods after it) and at least one period before the floating date `target`,
 * so rrule need not walk every period since 2000. Same schedule, less work.
 */
function anchorBefore(freq: string, interval: number, target: Date, hour: number, minute: number): Date {
  const anchor = DateTime.fromObject({ ...ANCHOR, hour, minute }, { zone: "UTC" });
  const t = DateTime.fromJSDate(target, { zone: "UTC" });
  const unit = freq === "YEARLY" ? "years" : freq === "MONTHLY" ? "months" : freq === "WEEKLY" ? "weeks" : "days";
  const periods =
    unit === "years"
      ? t.year - anchor.year
      : unit === "months"
        ? (t.year - anchor.year) * 12 + (t.month - anchor.month)
        : Math.floor(t.startOf("day").diff(anchor.startOf("day"), unit).as(unit));
  const k = Math.floor(periods / interval) - 1;
  return toFloating(k > 0 ? anchor.plus({ [unit]: k * interval }) : anchor);
}

/**
 * Calls `visit` with the start of each occurrence whose floating date lies in
 * [from, to], in order, until `visit` returns false.
 */
function expand(series: ScheduleSeries, from: Date, to: Date, visit: (start: DateTime) => boolean): void {
  if (from > to) return;
  const { rule, accept, untilMs } = buildExpansion(series, from, to);
  rule.between(from, to, true, (floating) => {
    if (!accept(floating)) return true;
    const start = placeInZone(floating, series.timezone);
    if (untilMs !== null && start.toMillis() > untilMs) return false;
    return visit(start);
  });
}

function toOccurrence(seriesId: string, series: ScheduleSeries, start: DateTime): Occurrence {
  return {
    seriesId,
    date: isoDate(start),
    start: iso(start),
    end: iso(start.plus({ minutes: series.duration })),
    timezone: series.timezone,
  };
}

function instantIn(date: Date, zone: string): DateTime {
  const dt = DateTime.fromJSDate(date, { zone });
  if (!dt.isValid) throw new Error(`invalid instant or zone: ${dt.invalidExplanation ?? dt.invalidReason ?? zone}`);
  return dt;
}

// ---------------------------------------------------------------------------
// Occurrences

/**
 * The next `count` occurrences whose END is after `now`, in order: a meeting
 * in progress is still the next one; at its exact end time it is over.
 * Occurrences are searched up to 100 years ahead; fewer are returned when the
 * rule ends (UNTIL) or never matches.
 */
export function occurrencesFrom(seriesId: string, series: ScheduleSeries, now: Date, count: number): Occurrence[] {
  const out: Occurrence[] = [];
  if (count <= 0) return out;
  const local = instantIn(now, series.timezone);
  const nowMs = now.getTime();
  // A day of slack covers any difference between the offsets at `now` and at the meeting.
  const from = toFloating(local.minus({ minutes: series.duration }).minus({ days: 1 }));
  const to = toFloating(local.plus({ years: HORIZON_YEARS }));
  expand(series, from, to, (start) => {
    if (start.plus({ minutes: series.duration }).toMillis() > nowMs) out.push(toOccurrence(seriesId, series, start));
    return out.length < count;
  });
  return out;
}

/** A meeting as its local date and start instant: what a long stretch of a schedule needs, cheaper than an `Occurrence`. */
export interface MeetingStart {
  /** Local date, YYYY-MM-DD. */
  date: string;
  /** Start instant, epoch ms. */
  startMs: number;
}

/** The series' day as Date#getUTCDay counts (Sunday 0, Monday 1, ...); throws when it has none. */
function utcDay(series: ScheduleSeries): number {
  dayCode(series);
  return (Object.keys(DAY_CODES).indexOf(series.day as Weekday) + 1) % 7;
}

/** The ISO-8601 week number of a day given as epoch ms of its midnight UTC (luxon's `weekNumber`). */
export function isoWeekNumber(dayMs: number): number {
  const weekday = (new Date(dayMs).getUTCDay() + 6) % 7; // Monday 0
  const thursday = new Date(dayMs + (3 - weekday) * DAY_MS);
  return Math.floor((thursday.getTime() - Date.UTC(thursday.getUTCFullYear(), 0, 1)) / DAY_MS / 7) + 1;
}

/**
 * The first `count` meetings of a biweekly series whose END is after `now`: the same meetings
 * as `occurrencesFrom(…, now, count)` (dates and instants), without building an rrule and a
 * luxon time for each. Its dates are every `day` of the odd (even) ISO weeks; each is placed
 * in the zone as {@link placeInZone} does (by the offset 40 hours either side, luxon near an
 * offset change), without a luxon time where no change is near.
 */
export function biweeklyStartsFrom(series: ScheduleSeries, now: Date, count: number): MeetingStart[] {
  const { cadence, hour, minute } = requireRecurring(series);
  if (cadence !== "biweekly" || series.weeks === undefined) throw new Error("biweeklyStartsFrom expects a biweekly series with weeks");
  const out: MeetingStart[] = [];
  if (count <= 0) return out;
  const weekday = utcDay(series);
  const parity = series.weeks === "odd" ? 1 : 0;
  const local = instantIn(now, series.timezone);
  const nowMs = now.getTime();
  const durationMs = series.duration * 60_000;
  // The same window as occurrencesFrom: a day of slack before, 100 years ahead.
  const fromMs = toFloating(local.minus({ minutes: series.duration }).minus({ days: 1 })).getTime();
  const toMs = toFloating(local.plus({ years: HORIZON_YEARS })).getTime();
  const fromDay = Math.floor(fromMs / DAY_MS) * DAY_MS;
  let day = fromDay + ((weekday - new Date(fromDay).getUTCDay() + 7) % 7) * DAY_MS;
  const timeMs = hour * HOUR_MS + minute * 60_000;
  if (day + timeMs < fromMs) day += 7 * DAY_MS;
  for (; day + timeMs <= toMs && out.length < count; day += 7 * DAY_MS) {
    if (isoWeekNumber(day) % 2 !== parity) continue;
    const floating = day + timeMs;
    const before = offsetAt(series.timezone, floating - 40 * HOUR_MS);
    let start: MeetingStart;
    if (before === offsetAt(series.timezone, floating + 40 * HOUR_MS)) {
      start = { date: new Date(day).toISOString().slice(0, 10), startMs: floating - before * 60_000 };
    } else {
      const placed = placeInZoneByLuxon(new Date(floating), series.timezone);
      start = { date: isoDate(placed), startMs: placed.toMillis() };
    }
    if (start.startMs + durationMs > nowMs) out.push(start);
  }
  return out;
}

/** The occurrence of the series that starts at `startMs` (one of `biweeklyStartsFrom`'s), as `occurrencesFrom` gives it. */
export function occurrenceStartingAt(seriesId: string, series: ScheduleSeries, startMs: number): Occurrence {
  return toOccurrence(seriesId, series, instantIn(new Date(startMs), series.timezone));
}

/** The next occurrence whose end is after `now` (the current one while a meeting runs); null when the rule has ended. */
export function nextOccurrence(seriesId: string, series: ScheduleSeries, now: Date): Occurrence | null {
  return occurrencesFrom(seriesId, series, now, 1)[0] ?? null;
}

/**
 * The latest occurrence that STARTS before `before` (so while a meeting runs,
 * that meeting): the one whose minutes are due. Null when there is none.
 */
export function previousOccurrence(seriesId: string, series: ScheduleSeries, before: Date): Occurrence | null {
  const local = instantIn(before, series.timezone);
  const beforeMs = before.getTime();
  const to = toFloating(local.plus({ days: 1 }));
  const anchor = new Date(Date.UTC(ANCHOR.year, ANCHOR.month - 1, ANCHOR.day));
  // Look back a few weeks, then a little over a year (enough for every built-in cadence), then to the anchor.
  for (const from of [toFloating(local.minus({ days: 40 })), toFloating(local.minus({ days: 400 })), anchor]) {
    const started: DateTime[] = [];
    expand(series, from, to, (start) => {
      if (start.toMillis() >= beforeMs) return false;
      started.push(start);
      return true;
    });
    const last = started.at(-1);
    if (last !== undefined) return toOccurrence(seriesId, series, last);
  }
  return null;
}

/** The occurrence on the local date `date` (YYYY-MM-DD), or null when the series does not meet that day. */
export function occurrenceOn(seriesId: string, series: ScheduleSeries, date: string): Occurrence | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return null;
  const day = DateTime.fromISO(date, { zone: "UTC" });
  if (!day.isValid) return null;
  const found: Occurrence[] = [];
  expand(series, toFloating(day.minus({ days: 1 })), toFloating(day.plus({ days: 2 })), (start) => {
    if (isoDate(start) === date) found.push(toOccurrence(seriesId, series, start));
    return found.length === 0;
  });
  return found[0] ?? null;
}

/**
 * The number of the series' occurrences before the local date `date`
 * (YYYY-MM-DD), counted from `RRULE_ANCHOR` (2000-01-03): consecutive meetings
 * get consecutive numbers, whenever and wherever this is computed, so it can
 * drive round-robin roles. 0 for dates up to the anchor. Throws on a date that
 * is not YYYY-MM-DD.
 */
export function occurrenceNumber(series: ScheduleSeries, date: string): number {
  const day = /^\d{4}-\d{2}-\d{2}$/.test(date) ? DateTime.fromISO(date, { zone: "UTC" }) : null;
  if (day === null || !day.isValid) throw new Error(`expected a date as YYYY-MM-DD, got "${date}"`);
  const from = new Date(Date.UTC(ANCHOR.year, ANCHOR.month - 1, ANCHOR.day));
  const to = new Date(toFloating(day).getTime() - 1);
  if (to < from) return 0;
  const counted = countBuiltIn(series, from.getTime(), day.toMillis());
  if (counted !== null) return counted;
  const { rule, accept, untilMs } = buildExpansion(series, from, to);
  let n = 0;
  // Counts wall-clock dates; only a rule with UNTIL needs them placed in the zone, and only near
  // it: a placed time is at most 12 hours (the lowest offset) plus a skipped day after its wall-clock time.
  rule.between(from, to, true, (floating) => {
    if (!accept(floating)) return true;
    if (untilMs !== null && floating.getTime() > untilMs - 2 * DAY_MS && placeInZone(floating, series.timezone).toMillis() > untilMs) return false;
    n++;
    return true;
  });
  return n;
}

/**
 * For a built-in cadence (weekly, biweekly, monthly: no UNTIL, one meeting a day at most), the
 * number of its local dates in [fromMs, toMs) (midnights UTC), by arithmetic: what expanding the
 * rule from `RRULE_ANCHOR` counts, without walking every week since 2000. Null for an RRULE.
 */
function countBuiltIn(series: ScheduleSeries, fromMs: number, toMs: number): number | null {
  const { cadence } = requireRecurring(series);
  if (cadence !== "weekly" && cadence !== "biweekly" && cadence !== "monthly") return null;
  const weekday = utcDay(series);
  // The first such weekday on or after `fromMs`.
  const first = fromMs + ((weekday - new Date(fromMs).getUTCDay() + 7) % 7) * DAY_MS;
  if (cadence === "weekly") return first < toMs ? Math.floor((toMs - 1 - first) / (7 * DAY_MS)) + 1 : 0;
  if (cadence === "biweekly") {
    if (series.weeks === undefined) throw new Error("a biweekly cadence needs weeks: odd or even");
    const parity = series.weeks === "odd" ? 1 : 0;
    let n = 0;
    for (let d = first; d < toMs; d += 7 * DAY_MS) if (isoWeekNumber(d) % 2 === parity) n++;
    return n;
  }
  // Monthly: the nth (or last) such weekday of each month.
  const nth = series.nth ?? 1;
  const year = new Date(fromMs).getUTCFullYear();
  let n = 0;
  // Date.UTC carries a month past December into the next year.
  for (let m = new Date(fromMs).getUTCMonth(); Date.UTC(year, m, 1) < toMs; m++) {
    let d: number;
    if (nth === -1) {
      const last = Date.UTC(year, m + 1, 0);
      d = last - ((new Date(last).getUTCDay() - weekday + 7) % 7) * DAY_MS;
    } else {
      const firstOfMonth = Date.UTC(year, m, 1);
      d = firstOfMonth + ((weekday - new Date(firstOfMonth).getUTCDay() + 7) % 7) * DAY_MS + (nth - 1) * 7 * DAY_MS;
    }
    if (d >= fromMs && d < toMs) n++;
  }
  return n;
}

// ---------------------------------------------------------------------------
// Multi-day events

/**
 * The days of a multi-day event from `from` to `to` (both included), without
 * Saturdays and Sundays when `weekdays` is true; each starts at `start` local
 * time in the event's zone (a time in a DST gap is shifted forward, as above).
 */
export function eventDays(event: ScheduleEvent): EventDay[] {
  const first = DateTime.fromISO(event.from, { zone: "UTC" });
  const last = DateTime.fromISO(event.to, { zone: "UTC" });
  const m = /^(\d{2}):(\d{2})$/.exec(event.start);
  if (!first.isValid || !last.isValid || !m) throw new Error(`invalid event dates or start: ${event.from}..${event.to} ${event.start}`);
  const days: EventDay[] = [];
  for (let d = first; d <= last; d = d.plus({ days: 1 })) {
    if (event.weekdays && d.weekday >= 6) continue;
    const start = placeInZone(toFloating(d.set({ hour: Number(m[1]), minute: Number(m[2]) })), event.timezone);
    days.push({ index: days.length, date: isoDate(d), start: iso(start) });
  }
  return days;
}
