/**
 * Small shared pieces: people, topics and times as they appear in generated text.
 */
import { DateTime } from "luxon";
import type { Occurrence, Topic } from "../domain/types.js";
import { inline, linkMarkdown, remembered, type Target } from "./escape.js";

export const GITHUB = "https://github.com";

const LOGIN = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$/;
const BOT = /^([A-Za-z0-9][A-Za-z0-9-]{0,38})\[bot\]$/;

/**
 * A person as a link to their profile, without an `@`: the name is visible
 * and clickable, but nobody is pinged each time Docket rewrites a section.
 * A deleted account (null) is GitHub's "ghost"; a bot links to its app page.
 */
export function userLink(login: string | null, serverUrl: string = GITHUB, target: Target = "notify"): string {
  if (login === null || login === "") return "ghost";
  const base = serverUrl.replace(/\/+$/, "");
  if (LOGIN.test(login)) return linkMarkdown(login, `${base}/${login}`);
  const bot = BOT.exec(login);
  if (bot !== null && bot[1] !== undefined) return linkMarkdown(inline(login, undefined, undefined, target), `${base}/apps/${bot[1]}`);
  return inline(login, undefined, undefined, target);
}

/**
 * How a topic is named: "owner/repo#12 Title" for an issue or pull request, the title for a draft.
 * `titleMax` caps the escaped title (Markdown characters, "…" included) when room is short;
 * `target` says where the text goes (escape.ts).
 */
export function topicText(topic: Pick<Topic, "repo" | "number" | "title">, titleMax?: number, target: Target = "notify"): string {
  const title = inline(topic.title, undefined, titleMax, target);
  if (topic.number === null) return title === "" ? "(untitled)" : title;
  const ref = topicRef(topic.repo, topic.number, target);
  return title === "" ? ref : `${ref} ${title}`;
}

/** "owner/repo#12", or "#12" when the repository is not known. */
function topicRef(repo: string, number: number, target: Target): string {
  return repo === "" ? `#${number}` : `${inline(repo, 140, undefined, target)}#${number}`;
}

/**
 * A topic named title first, for lists read by title (the backlog): "Title — owner/repo#12", the
 * title alone for a draft; `titleMax` and `target` as for {@link topicText}.
 */
export function titleFirstText(topic: Pick<Topic, "repo" | "number" | "title">, titleMax?: number, target: Target = "notify"): string {
  if (topic.number === null) return topicText(topic, titleMax, target);
  const title = inline(topic.title, undefined, titleMax, target);
  const ref = topicRef(topic.repo, topic.number, target);
  return title === "" ? ref : `${title} — ${ref}`;
}

/** The topic as a link to its issue (the name alone if its URL is not https). */
export function topicLink(topic: Pick<Topic, "repo" | "number" | "title" | "url">, titleMax?: number, target: Target = "notify"): string {
  return linkMarkdown(topicText(topic, titleMax, target), topic.url);
}

/** A link to GitHub's issue search for `query` (on the given server: GitHub Enterprise Server too). */
export function searchUrl(query: string, serverUrl: string = GITHUB): string {
  return `${serverUrl.replace(/\/+$/, "")}/search?q=${encodeURIComponent(query)}&type=issues`;
}

/** An instant in the meeting's time zone (or at its written offset, if the zone is unknown). */
export function zoned(iso: string, timezone: string): DateTime {
  const dt = DateTime.fromISO(iso, { setZone: true }).setLocale("en-GB");
  const inZone = dt.setZone(timezone);
  return inZone.isValid ? inZone : dt;
}

/** "14:10" */
export function clock(dt: DateTime): string {
  return dt.toFormat("HH:mm");
}

/** "Monday, 4 December 2023" */
export function longDate(dt: DateTime): string {
  return dt.toFormat("cccc, d LLLL yyyy");
}

/** Local start time of a point `minutes` after the occurrence starts, e.g. "14:10". */
export function startAt(occurrence: Occurrence, minutes: number): string {
  return remembered(`s${occurrence.start}\u0000${occurrence.timezone}\u0000${minutes}`, () =>
    clock(zoned(occurrence.start, occurrence.timezone).plus({ minutes })),
  );
}

/**
 * "3–7 February 2025", "28 February – 4 March 2025", "30 December 2025 – 2 January 2026":
 * the days from `first` to `last` (both included), the month and year said once where shared.
 */
export function dayRange(first: DateTime, last: DateTime): string {
  if (first.hasSame(last, "day")) return first.toFormat("d LLLL yyyy");
  if (first.hasSame(last, "month")) return `${first.toFormat("d")}–${last.toFormat("d LLLL yyyy")}`;
  if (first.hasSame(last, "year")) return `${first.toFormat("d LLLL")} – ${last.toFormat("d LLLL yyyy")}`;
  return `${first.toFormat("d LLLL yyyy")} – ${last.toFormat("d LLLL yyyy")}`;
}

const UTC_ZONE = /^(UTC|Etc\/UTC|GMT|Etc\/GMT|Z)$/i;

/** "13:00 UTC", or "21:00 UTC on 4 December" when the UTC date is not the local one. */
function utcStart(start: DateTime): string {
  const utc = start.toUTC();
  return utc.toISODate() === start.toISODate() ? `${clock(utc)} UTC` : `${clock(utc)} UTC on ${utc.toFormat("d LLLL")}`;
}

/**
 * When a meeting takes place. One meeting: "Monday, 4 December 2023, 14:00–14:30 Europe/Berlin
 * (13:00 UTC)", the local date and time range with its zone, and the start in UTC for everybody
 * else (with the UTC date when that differs); in UTC just "…, 14:00–14:30 UTC".
 *
 * A multi-day event (`days`, one occurrence per day, more than one): see {@link eventWhen}.
 */
export function whenLine(occurrence: Occurrence, days?: readonly Occurrence[]): string {
  if (days !== undefined && days.length > 1) return eventWhen(days);
  const start = zoned(occurrence.start, occurrence.timezone);
  const end = zoned(occurrence.end, occurrence.timezone);
  const zone = start.zoneName ?? occurrence.timezone;
  const range =
    end.isValid && end.toISODate() !== start.toISODate()
      ? `${longDate(start)}, ${clock(start)} – ${longDate(end)}, ${clock(end)}`
      : end.isValid
        ? `${longDate(start)}, ${clock(start)}–${clock(end)}`
        : `${longDate(start)}, ${clock(start)}`;
  if (start.offset === 0 && UTC_ZONE.test(zone)) return `${range} UTC`;
  return `${range} ${zone} (${utcStart(start)})`;
}

/**
 * When a multi-day event takes place, said once for all its days, so it does not read as one
 * continuous block: "3–7 February 2025, 09:00–11:30 UTC each day". In another zone the UTC
 * start follows the local times: "…, 09:00–11:30 Europe/Berlin (08:00 UTC) each day" (and where
 * it changes, e.g. with summer time: "(08:00 UTC; 07:00 UTC from 31 March)"; "(20:00 UTC the day
 * before)" when the UTC date is the day before). Days inside the range that the event leaves
 * out (its `weekdays`) are named: "3–14 February 2025, 09:00–11:30 UTC each day except Saturday 8
 * and Sunday 9 February". A day whose local times differ from the first day's (a start in a
 * daylight-saving gap) is named with its own: "…; 03:30–05:00 on Sunday 30 March".
 */
function eventWhen(days: readonly Occurrence[]): string {
  const local = days.map((d) => ({ start: zoned(d.start, d.timezone), end: zoned(d.end, d.timezone) }));
  const [first] = local;
  const last = local.at(-1);
  if (first === undefined || last === undefined) return "";
  const times = (d: { start: DateTime; end: DateTime }) => (d.end.isValid ? `${clock(d.start)}–${clock(d.end)}` : clock(d.start));
  const usual = times(first);
  const zone = first.start.zoneName ?? days[0]?.timezone ?? "UTC";
  const inUtc = first.start.offset === 0 && UTC_ZONE.test(zone);
  const sameYear = first.start.hasSame(last.start, "year");
  const date = (dt: DateTime, weekday = true) => dt.toFormat(`${weekday ? "cccc " : ""}d LLLL${sameYear ? "" : " yyyy"}`);

  // The UTC start, and each change of it (summer time begins or ends during the event).
  const utc: string[] = [];
  let previous = "";
  for (const d of local) {
    const u = d.start.toUTC();
    const [utcDate, localDate] = [u.toISODate() ?? "", d.start.toISODate() ?? ""];
    const text = utcDate === localDate ? `${clock(u)} UTC` : `${clock(u)} UTC the day ${utcDate < localDate ? "before" : "after"}`;
    if (text !== previous) utc.push(utc.length === 0 ? text : `${text} from ${date(d.start, false)}`);
    previous = text;
  }

  const held = new Set(local.map((d) => d.start.toISODate()));
  const skipped: DateTime[] = [];
  for (let d = first.start.startOf("day").plus({ days: 1 }); d < last.start.startOf("day"); d = d.plus({ days: 1 })) {
    if (!held.has(d.toISODate())) skipped.push(d);
  }
  const except = skipped.length === 0 ? "" : ` except ${skippedDays(skipped, sameYear)}`;
  const others = local.filter((d) => times(d) !== usual).map((d) => `; ${times(d)} on ${date(d.start)}`);
  const zoneText = inUtc ? "UTC" : `${zone} (${utc.join("; ")})`;
  return `${dayRange(first.start, last.start)}, ${usual} ${zoneText} each day${except}${others.join("")}`;
}

/** "Saturday 8 and Sunday 9 February", "Saturday 28 February, Sunday 1 and Saturday 7 March": the month once per run of days in it. */
function skippedDays(days: readonly DateTime[], sameYear: boolean): string {
  const items = days.map((d, i) => {
    const next = days[i + 1];
    const endsMonth = next === undefined || !next.hasSame(d, "month");
    return d.toFormat(endsMonth ? `cccc d LLLL${sameYear ? "" : " yyyy"}` : "cccc d");
  });
  const lastItem = items.pop() ?? "";
  return items.length === 0 ? lastItem : `${items.join(", ")} and ${lastItem}`;
}

const ORDINALS: Record<string, string> = { "1": "first", "2": "second", "3": "third", "4": "fourth", "-1": "last" };

/**
 * How often and when a recurring series meets, in words (the meetings site): "Every Monday",
 * "Every other Monday (odd ISO weeks)", "The first Tuesday of each month", or for a series
 * given as an RRULE the rule itself ("FREQ=WEEKLY;INTERVAL=3;BYDAY=TH"); then its local time
 * range and zone: "…, 14:00–14:30 Europe/Berlin", "…, 09:00–10:00 UTC". Plain text.
 */
export function cadenceLine(series: {
  cadence?: string | undefined;
  weeks?: "odd" | "even" | undefined;
  day?: string | undefined;
  nth?: number | undefined;
  time?: string | undefined;
  duration: number;
  timezone: string;
}): string {
  const day = series.day ? series.day.charAt(0).toUpperCase() + series.day.slice(1) : "";
  const how =
    series.cadence === "weekly"
      ? `Every ${day}`
      : series.cadence === "biweekly"
        ? `Every other ${day}${series.weeks ? ` (${series.weeks} ISO weeks)` : ""}`
        : series.cadence === "monthly"
          ? `The ${ORDINALS[String(series.nth ?? 1)] ?? "first"} ${day} of each month`
          : (series.cadence ?? "");
  if (series.time === undefined) return how;
  const start = DateTime.fromFormat(series.time, "HH:mm", { zone: "UTC" });
  const range = start.isValid ? `${clock(start)}–${clock(start.plus({ minutes: series.duration }))}` : series.time;
  return `${how}, ${range} ${UTC_ZONE.test(series.timezone) ? "UTC" : series.timezone}`;
}
