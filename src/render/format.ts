/**
 * Small shared pieces: people, topics and times as they appear in generated text.
 */
import { DateTime } from "luxon";
import type { Occurrence, Topic } from "../domain/types.js";
import { inline, linkMarkdown, type Target } from "./escape.js";

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
  const ref = topic.repo === "" ? `#${topic.number}` : `${inline(topic.repo, 140, undefined, target)}#${topic.number}`;
  return title === "" ? ref : `${ref} ${title}`;
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
  return clock(zoned(occurrence.start, occurrence.timezone).plus({ minutes }));
}

/**
 * "Monday, 4 December 2023, 14:00–14:30 Europe/Berlin (13:00 UTC)": the local
 * date and time range with its zone, and the start in UTC for everybody else
 * (with the UTC date when that differs).
 */
export function whenLine(occurrence: Occurrence): string {
  const start = zoned(occurrence.start, occurrence.timezone);
  const end = zoned(occurrence.end, occurrence.timezone);
  const zone = start.zoneName ?? occurrence.timezone;
  const range =
    end.isValid && end.toISODate() !== start.toISODate()
      ? `${longDate(start)}, ${clock(start)} – ${longDate(end)}, ${clock(end)}`
      : end.isValid
        ? `${longDate(start)}, ${clock(start)}–${clock(end)}`
        : `${longDate(start)}, ${clock(start)}`;
  const utc = start.toUTC();
  if (start.offset === 0 && /^(UTC|Etc\/UTC|GMT|Etc\/GMT|Z)$/i.test(zone)) return `${range} UTC`;
  const utcText = utc.toISODate() === start.toISODate() ? `${clock(utc)} UTC` : `${clock(utc)} UTC on ${utc.toFormat("d LLLL")}`;
  return `${range} ${zone} (${utcText})`;
}
