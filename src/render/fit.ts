/**
 * Making a generated list fit GitHub's limit on a body (../domain/limits.ts), deterministically:
 * as it is; else with every title cut to SHORT_TITLE Markdown characters (after escaping);
 * else listing as many items as fit, the rest counted (by the renderer) with a link to all.
 */
import { bodyFits, MAX_BODY, utf8Bytes } from "../domain/limits.js";
import { codeSpan, linkMarkdown, memoized } from "./escape.js";

/** Escaped titles are cut to this many Markdown characters when a body is too long. */
export const SHORT_TITLE = 80;

/** How much a renderer leaves out so a body fits. */
export interface ListFit {
  /** Escaped titles are cut to this many Markdown characters ("…" included). */
  titleMax?: number;
  /** Only the first `listed` items are listed; the rest are counted. */
  listed?: number;
}

/**
 * The body `compose` makes, made to fit: `compose(undefined)` is the full text; `total` is how
 * many items it could list. `compose` builds the whole body (people's text included, which counts
 * too). Null when not even a list of no items fits.
 */
export function fitBody(total: number, compose: (fit: ListFit | undefined) => string, limit: number = MAX_BODY): string | null {
  // Every compose escapes the same titles again: once is enough.
  return memoized(() => fitComposed(total, compose, limit));
}

function fitComposed(total: number, compose: (fit: ListFit | undefined) => string, limit: number): string | null {
  const full = compose(undefined);
  if (bodyFits(full, limit)) return full;
  const short = compose({ titleMax: SHORT_TITLE });
  if (bodyFits(short, limit)) return short;
  let best = compose({ titleMax: SHORT_TITLE, listed: 0 });
  if (!bodyFits(best, limit)) return null;
  // The largest number listed that fits: `lo` fits, `hi` does not.
  let lo = 0;
  let hi = total;
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    const text = compose({ titleMax: SHORT_TITLE, listed: mid });
    if (bodyFits(text, limit)) {
      lo = mid;
      best = text;
    } else hi = mid;
  }
  return best;
}

function count(n: number, what: string): string {
  return `${n} ${what}${n === 1 ? "" : "s"}`;
}

/** "**12 more topics are waiting**, not listed here: GitHub allows an issue 65,536 characters. See [all topics labelled `x`](…)." */
export function notListedNote(n: number, what: "topic" | "idea", where: string, link: { label?: string | undefined; url?: string | undefined }): string {
  const all = link.url && link.label ? linkMarkdown(`all ${what}s labelled ${codeSpan(link.label)}`, link.url) : "";
  const see = all === "" ? "" : ` See ${all}.`;
  return `**${count(n, `more ${what}`)} ${n === 1 ? "is" : "are"} ${where}**, not listed here: GitHub allows an issue ${MAX_BODY.toLocaleString("en-US")} characters.${see}`;
}

/**
 * Text cut to at most `maxBytes` UTF-8 bytes (a check run's summary or text) at the end of a
 * line, never inside a character, with `note` after it; the text itself when it fits.
 */
export function cutToBytes(text: string, maxBytes: number, note: string): string {
  if (utf8Bytes(text) <= maxBytes) return text;
  const tail = `\n\n${note}`;
  const room = maxBytes - utf8Bytes(tail);
  let used = 0;
  let end = 0;
  let lastLine = 0;
  for (const c of text) {
    const n = utf8Bytes(c);
    if (used + n > room) break;
    used += n;
    end += c.length;
    if (c === "\n") lastLine = end;
  }
  const cut = text.slice(0, lastLine > 0 ? lastLine : end).replace(/\s+$/, "");
  return `${cut}${tail}`;
}
