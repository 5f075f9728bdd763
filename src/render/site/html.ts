/**
 * Small pieces of the site's HTML: escaped text, safe links, `<time>` elements, relative paths.
 *
 * Everything a person wrote goes through {@link text} (escape.ts's htmlText: one line, capped,
 * `& < > " '` as entities) or, for Markdown, src/render/markdown-html.ts; every URL from GitHub
 * through safeUrl (http(s) only). Nothing here reads a clock.
 */
import { htmlLink, htmlText, safeUrl } from "../escape.js";

/** A person's one-line text (a title, a login, a label) as HTML text; `max` characters at most. */
export function text(value: string, max?: number): string {
  return htmlText(value, max);
}

/** A value for a double-quoted attribute that Docket built itself (a path, a class). */
export function attr(value: string): string {
  return value.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;");
}

/** `<a href>` to an http(s) URL from GitHub, or the HTML alone when the URL is not one. */
export function external(html: string, url: string | null): string {
  return url === null ? html : htmlLink(html, url);
}

/** A link to one of the site's own pages (a relative path Docket built). */
export function internal(html: string, href: string): string {
  return `<a href="${attr(href)}">${html}</a>`;
}

/** The escaped href of an http(s) URL, or null. */
export function href(url: string | null): string | null {
  const safe = url === null ? null : safeUrl(url);
  return safe === null ? null : safe.replace(/&/g, "&amp;");
}

/** A path segment from an id or a date (already plain in practice: config ids, YYYY-MM-DD). */
export function segment(value: string): string {
  return encodeURIComponent(value);
}

/** What `<time data-local>` variant the script rewrites: a full date and time, or weekday and time. */
export type LocalVariant = "full" | "time";

/**
 * English names of our own, not Intl's: the runner's ICU must not change the bytes (ICU 78 spells
 * September "Sept" in en-GB, older ones "Sep"). The reader's browser may use Intl (assets.ts).
 */
const WEEKDAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"] as const;
const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"] as const;

const two = (n: number) => String(n).padStart(2, "0");

/** An ISO-8601 instant (UTC when it names no offset) as a Date, or null. */
function instant(iso: string): Date | null {
  const m = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(Z|[+-]\d{2}:\d{2})?$/.exec(iso);
  if (m === null) return null;
  const when = new Date(m[1] === undefined ? `${iso}Z` : iso);
  return Number.isNaN(when.getTime()) ? null : when;
}

/** A local date YYYY-MM-DD as midnight UTC of that date, or null when it is no date. */
function calendarDate(isoDate: string): Date | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(isoDate)) return null;
  const when = new Date(`${isoDate}T00:00:00Z`);
  return Number.isNaN(when.getTime()) || when.toISOString().slice(0, 10) !== isoDate ? null : when;
}

/** "Mon 3 Mar 2025, 13:00 UTC" or, for the variant "time", "Mon 13:00 UTC". */
function utcText(when: Date, variant: LocalVariant): string {
  const day = (WEEKDAYS[when.getUTCDay()] as string).slice(0, 3);
  const clock = utcClock(when.getTime());
  if (variant === "time") return `${day} ${clock} UTC`;
  return `${day} ${when.getUTCDate()} ${(MONTHS[when.getUTCMonth()] as string).slice(0, 3)} ${when.getUTCFullYear()}, ${clock} UTC`;
}

/** "13:05": the UTC time of day of an instant in milliseconds. */
export function utcClock(ms: number): string {
  const when = new Date(ms);
  return `${two(when.getUTCHours())}:${two(when.getUTCMinutes())}`;
}

/**
 * `<time datetime="…Z" data-local>Mon 3 Mar 2025, 13:00 UTC</time>`: the instant in UTC, for
 * readers without scripts; assets/local-time.js rewrites it into the reader's zone.
 */
export function time(iso: string, variant: LocalVariant = "full"): string {
  const when = instant(iso);
  if (when === null) return text(iso);
  const local = variant === "full" ? "data-local" : `data-local="${variant}"`;
  return `<time datetime="${when.toISOString().slice(0, 19)}Z" ${local}>${utcText(when, variant)}</time>`;
}

/** "Monday 3 March 2025" for a calendar date YYYY-MM-DD (as written, when it is none). */
export function longDate(isoDate: string): string {
  const when = calendarDate(isoDate);
  if (when === null) return isoDate;
  return `${WEEKDAYS[when.getUTCDay()]} ${when.getUTCDate()} ${MONTHS[when.getUTCMonth()]} ${when.getUTCFullYear()}`;
}

/** A calendar date (the series' local date) as `<time datetime="2025-03-03">Monday 3 March 2025</time>`; never rewritten. */
export function date(isoDate: string): string {
  return calendarDate(isoDate) === null ? text(isoDate) : `<time datetime="${isoDate}">${longDate(isoDate)}</time>`;
}

/** Minutes between two instants (0 when either is not a date). */
export function minutesBetween(start: string, end: string): number {
  const ms = Date.parse(end) - Date.parse(start);
  return Number.isFinite(ms) ? Math.round(ms / 60_000) : 0;
}

/** UTF-8 size of a page. */
export function bytes(content: string): number {
  return Buffer.byteLength(content, "utf8");
}
