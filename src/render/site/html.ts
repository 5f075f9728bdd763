/**
 * Small pieces of the site's HTML: escaped text, safe links, `<time>` elements, relative paths.
 *
 * Everything a person wrote goes through {@link text} (escape.ts's htmlText: one line, capped,
 * `& < > " '` as entities) or, for Markdown, src/render/markdown-html.ts; every URL from GitHub
 * through safeUrl (http(s) only). Nothing here reads a clock.
 */
import { DateTime } from "luxon";
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

const utcFormats: Record<LocalVariant, string> = {
  full: "ccc d LLL yyyy, HH:mm 'UTC'",
  time: "ccc HH:mm 'UTC'",
};

/**
 * `<time datetime="…Z" data-local>Mon 3 Mar 2025, 13:00 UTC</time>`: the instant in UTC, for
 * readers without scripts; assets/local-time.js rewrites it into the reader's zone.
 */
export function time(iso: string, variant: LocalVariant = "full"): string {
  const dt = DateTime.fromISO(iso, { zone: "UTC" }).setLocale("en-GB");
  if (!dt.isValid) return text(iso);
  const local = variant === "full" ? "data-local" : `data-local="${variant}"`;
  return `<time datetime="${dt.toFormat("yyyy-LL-dd'T'HH:mm:ss'Z'")}" ${local}>${dt.toFormat(utcFormats[variant])}</time>`;
}

/** A calendar date (the series' local date) as `<time datetime="2025-03-03">Monday 3 March 2025</time>`; never rewritten. */
export function date(isoDate: string): string {
  const dt = DateTime.fromISO(isoDate, { zone: "UTC" }).setLocale("en-GB");
  return dt.isValid ? `<time datetime="${dt.toISODate()}">${dt.toFormat("cccc d LLLL yyyy")}</time>` : text(isoDate);
}

/** Minutes between two instants (0 when either is not a date). */
export function minutesBetween(start: string, end: string): number {
  const ms = Date.parse(end) - Date.parse(start);
  return Number.isFinite(ms) ? Math.round(ms / 60_000) : 0;
}

/** "1 topic", "3 topics". */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** UTF-8 size of a page. */
export function bytes(content: string): number {
  return Buffer.byteLength(content, "utf8");
}
