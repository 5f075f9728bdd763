/**
 * GitHub's limits on what one write may carry. GitHub refuses a request over
 * any of them (422), so Docket's renderers keep within them, and the gateway
 * refuses to send one that does not (a bug guard).
 */

/** Issue, pull request and comment bodies, in characters. */
export const MAX_BODY = 65_536;
/** Issue and pull request titles, in characters. */
export const MAX_TITLE = 256;
/** A check run's `output.summary` and `output.text`, each, in UTF-8 bytes (GitHub counts bytes here). */
export const MAX_CHECK_OUTPUT_BYTES = 65_535;
/** Annotations in one check run request. */
export const MAX_ANNOTATIONS = 50;

/** Characters as GitHub counts them: Unicode code points (an emoji is one, though two UTF-16 units). */
export function characters(text: string): number {
  // UTF-16 units less one for each surrogate pair (a lone surrogate counts as one, as `for…of` does).
  let n = text.length;
  for (let i = 0; i < text.length - 1; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        n--;
        i++;
      }
    }
  }
  return n;
}

/** UTF-8 bytes of a text (a lone surrogate counts as the 3 bytes of U+FFFD, as it is sent). */
export function utf8Bytes(text: string): number {
  let n = 0;
  for (const c of text) {
    const cp = c.codePointAt(0) ?? 0;
    n += cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
  }
  return n;
}

/** Whether a body fits GitHub's limit. */
export function bodyFits(body: string, limit: number = MAX_BODY): boolean {
  // A code point is one or two UTF-16 units: most bodies need no count.
  if (body.length <= limit) return true;
  return body.length <= 2 * limit && characters(body) <= limit;
}

/** What one write carries that GitHub limits. */
export interface WriteSizes {
  title?: string;
  body?: string;
  summary?: string;
  text?: string;
  annotations?: number;
}

/** Why GitHub would refuse a write for its size ("body has 70,000 characters, GitHub allows 65,536"), or null when it fits. */
export function oversize(w: WriteSizes): string | null {
  const found: string[] = [];
  const n = (x: number) => x.toLocaleString("en-US");
  if (w.title !== undefined && characters(w.title) > MAX_TITLE) found.push(`title has ${n(characters(w.title))} characters, GitHub allows ${n(MAX_TITLE)}`);
  if (w.body !== undefined && !bodyFits(w.body)) found.push(`body has ${n(characters(w.body))} characters, GitHub allows ${n(MAX_BODY)}`);
  for (const field of ["summary", "text"] as const) {
    const value = w[field];
    if (value === undefined) continue;
    const bytes = utf8Bytes(value);
    if (bytes > MAX_CHECK_OUTPUT_BYTES) found.push(`check run ${field} has ${n(bytes)} bytes, GitHub allows ${n(MAX_CHECK_OUTPUT_BYTES)}`);
  }
  if (w.annotations !== undefined && w.annotations > MAX_ANNOTATIONS)
    found.push(`${w.annotations} annotations in one request, GitHub allows ${MAX_ANNOTATIONS}`);
  return found.length ? found.join("; ") : null;
}
