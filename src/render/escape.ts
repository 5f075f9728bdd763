/**
 * Making people's text safe to put into generated Markdown.
 *
 * Everything a person wrote (issue titles, logins, label names, config
 * strings) goes through one of these before it lands in generated Markdown,
 * so it can neither break the table or list it sits in, nor open or close an
 * HTML comment (and with it Docket's markers), nor ping anybody.
 *
 * How much escaping that takes depends on where the Markdown goes, its
 * {@link Target}: text GitHub reads for mentions (issue and pull request
 * bodies, comments) gets every guard; a file committed to a repository
 * notifies nobody and holds no Docket markers, so it gets only the escaping
 * Markdown itself needs, and stays readable and searchable as plain text.
 */

/** Default cap for one piece of user text (a title), in characters. */
export const MAX_INLINE = 256;

/** U+200B ZERO WIDTH SPACE: invisible, but it stops GitHub from reading `@name` as a mention. */
export const ZWSP = "\u200B";

/**
 * Where generated Markdown goes:
 * - `notify`: an issue or pull request body or a comment, where GitHub turns
 *   `@name` into a notification and Docket's markers live (the default);
 * - `file`: a Markdown file committed to a repository (minutes, a sprint
 *   review, the backlog page), which notifies nobody.
 */
export type Target = "notify" | "file";

/** Characters that are backslash-escaped wherever they occur (for `notify`). */
const ALWAYS_ESCAPED = new Set(["\\", "`", "*", "_", "[", "]", "(", ")", "~", "|", "$"]);

/** ASCII punctuation: what a backslash can escape in Markdown (CommonMark 2.4). */
const PUNCTUATION = /^[!-/:-@[-`{-~]$/;

/** An `&` that starts a character reference (`&lt;`, `&#60;`, `&#x3c;`) would be decoded by Markdown. */
const ENTITY_AHEAD = /^&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{0,31});/;

const ALNUM = /^[A-Za-z0-9]$/;

/**
 * Folds a piece of text to one line: every run of whitespace (newlines, tabs,
 * other control characters included) becomes one space; the ends are trimmed.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what oneLine replaces
const LINE_BREAKING = /[\u0000-\u001f\u007f\u0085\u2028\u2029]/g;

export function oneLine(text: string): string {
  return text.replace(LINE_BREAKING, " ").replace(/\s+/g, " ").trim();
}

/** Cuts text to at most `max` characters (code points), ending in "…" when it was cut. */
export function truncate(text: string, max: number = MAX_INLINE): string {
  const chars = Array.from(text);
  if (chars.length <= max) return text;
  if (max <= 1) return "…".slice(0, Math.max(0, max));
  return `${chars
    .slice(0, max - 1)
    .join("")
    .trimEnd()}…`;
}

/**
 * Results of pure functions (`inline`, `htmlText`, `mermaidText`, `safeUrl`, format.ts `startAt`) while {@link memoized}
 * runs, each key starting with its function's own letter; null otherwise.
 */
let memo: Map<string, string> | null = null;

/**
 * `run()`, with what those functions return remembered until it ends: for a renderer that
 * builds the same body many times over (fit.ts fitBody shortens a list until the body fits), so
 * each title is escaped once. The memory goes with the call.
 */
export function memoized<T>(run: () => T): T {
  if (memo !== null) return run();
  memo = new Map();
  try {
    return run();
  } finally {
    memo = null;
  }
}

/** `compute()`, remembered under `key` while {@link memoized} runs (for a pure computation only). */
export function remembered(key: string, compute: () => string): string {
  if (memo === null) return compute();
  let out = memo.get(key);
  if (out === undefined) {
    out = compute();
    memo.set(key, out);
  }
  return out;
}

/**
 * User text made safe for one table cell or one list item.
 *
 * - newlines and tabs fold to spaces, the text is trimmed and capped at `max`
 *   characters (default 256) with an ellipsis; `markdownMax` caps the escaped
 *   text (UTF-16 code units, "…" included);
 * - `#`, `-`, `+`, `1.`/`1)` (and for a file `>`) are escaped only at the
 *   start, where they could make a heading, a nested list or a quote (in the
 *   middle of a line they are harmless, and `\#12` would only make the raw
 *   text harder to read).
 *
 * For the `notify` target (the default):
 * - `\ ` * _ [ ] ( ) ~ | $` are backslash-escaped everywhere (emphasis, links,
 *   images, code, strikethrough, table pipes, GitHub math);
 * - `<` and `>` become `&lt;` and `&gt;`, so no HTML, no `<!--` and no Docket
 *   marker can appear; an `&` that would start an entity becomes `&amp;`;
 * - an `@` that starts a mention (`@user`, `@org/team`) gets a zero-width
 *   space after it: the text still reads exactly as written, but GitHub pings
 *   nobody. (A code span would also stop the ping, but it changes how the
 *   title looks and cannot hold a backtick cleanly; an e-mail address such as
 *   `a@b.org` is not a mention and is left alone.)
 *
 * For the `file` target, only what Markdown needs, so the raw file reads as
 * the title was written: `` ` * [ ] | `` are escaped everywhere (code,
 * emphasis, link text, table cells); `_` only where it could start or end
 * emphasis (not inside `snake_case`); `~` and `$` only when the text has two
 * (strikethrough and math take a pair); `<` as `\<` (no HTML, no comment; a
 * lone `>` then closes nothing, so `->` stays `->`); `&` as `\&` only where it
 * would start an entity; `\` only before punctuation or at the end; `(`, `)`
 * and mentions are left as they are (with `[` escaped no link can form, and a
 * committed file pings nobody).
 */
export function inline(text: string, max: number = MAX_INLINE, markdownMax: number = Number.POSITIVE_INFINITY, target: Target = "notify"): string {
  return remembered(`i${target}\u0000${max}\u0000${markdownMax}\u0000${text}`, () => inlineText(text, max, markdownMax, target));
}

function inlineText(text: string, max: number, markdownMax: number, target: Target): string {
  const chars = Array.from(truncate(oneLine(text), max));
  const pieces = target === "file" ? filePieces(chars) : notifyPieces(chars);
  const out = blockSafe(pieces.join(""), target);
  return out.length <= markdownMax ? out : shortenEscaped(chars, pieces, markdownMax, (cut) => blockSafe(cut, target));
}

/**
 * What people wrote as Markdown (a note, a decision, an action item of the minutes), for a
 * committed file kept as written: links, code spans and emphasis stay what the writer made them
 * ("nothing is reworded"). Only HTML is neutralised (a file can hold Docket's hidden records,
 * e.g. a sprint review's, and an unclosed tag would hide the rest) and block syntax at the
 * start, as for titles. Folded to
 * one line and capped like {@link inline}. For `notify`, this is {@link inline}: every guard.
 */
export function writtenMarkdown(text: string, max: number = MAX_INLINE, target: Target = "notify"): string {
  if (target === "notify") return inline(text, max, undefined, target);
  // Outside code spans, a `<` that would open a tag or a comment is escaped (an unclosed
  // <details> would swallow the rest of the file); `a < b`, and anything in code, stays.
  const parts = truncate(oneLine(text), max).split(/(`+[^`]*?`+)/);
  const out = parts.map((part, i) => (i % 2 === 1 ? part : part.replace(/<(?=[A-Za-z/!?])/g, "\\<"))).join("");
  return blockSafe(out, target);
}

/** Whether the `@` at `i` starts a mention (`@user`, `@org/team`; not the `@` of `a@b.org`). */
function startsMention(chars: readonly string[], i: number): boolean {
  const prev = chars[i - 1];
  const next = chars[i + 1];
  return next !== undefined && ALNUM.test(next) && (prev === undefined || !ALNUM.test(prev));
}

function notifyPieces(chars: readonly string[]): string[] {
  const pieces: string[] = [];
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i] as string;
    if (ALWAYS_ESCAPED.has(c)) pieces.push(`\\${c}`);
    else if (c === "<") pieces.push("&lt;");
    else if (c === ">") pieces.push("&gt;");
    else if (c === "&") pieces.push(ENTITY_AHEAD.test(chars.slice(i, i + 40).join("")) ? "&amp;" : "&");
    else if (c === "@") pieces.push(startsMention(chars, i) ? `@${ZWSP}` : "@");
    else pieces.push(c);
  }
  return pieces;
}

const FILE_ESCAPED = new Set(["`", "*", "[", "]", "|", "<"]);

function filePieces(chars: readonly string[]): string[] {
  const paired = (c: string) => chars.filter((x) => x === c).length > 1;
  const tildes = paired("~");
  const dollars = paired("$");
  const pieces: string[] = [];
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i] as string;
    const prev = chars[i - 1];
    const next = chars[i + 1];
    let escaped = FILE_ESCAPED.has(c) || (c === "~" && tildes) || (c === "$" && dollars);
    if (c === "_") escaped = !(prev !== undefined && next !== undefined && ALNUM.test(prev) && ALNUM.test(next));
    else if (c === "\\") escaped = next === undefined || PUNCTUATION.test(next);
    else if (c === "&") escaped = ENTITY_AHEAD.test(chars.slice(i, i + 40).join(""));
    pieces.push(escaped ? `\\${c}` : c);
  }
  return pieces;
}

/** Block syntax that only matters at the start of a line (a list item starts with the text). */
function blockSafe(out: string, target: Target): string {
  if (target === "file") {
    // A file reads as written: `-`/`+` start a list only before a space, and `-` a rule only as one (`---`); `->` and `-1` stay.
    if (/^#|^>|^[+-](?=\s|$)|^(?:-[ \t]*){3,}$/.test(out)) return `\\${out}`;
  } else if (/^[#+-]/.test(out)) return `\\${out}`;
  return out.replace(/^(\d{1,9})([.)])/, "$1\\$2");
}

/** What HTML text or a quoted attribute value cannot hold as it is. */
const HTML_ESCAPED: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

/**
 * User text made safe for HTML that GitHub renders in an issue body (a cell of an HTML table,
 * where Markdown is not read): folded to one line and capped like {@link inline}, `& < > " '` as
 * entities, so no tag, no `<!--` and no Docket marker can appear and no cell can be closed; an
 * `@` that starts a mention gets a zero-width space after it, so nobody is pinged. `htmlMax` caps
 * the escaped text (UTF-16 code units, "…" included), cutting only between whole entities.
 * Markdown characters (`*`, `_`, `[`) stay as written: inside an HTML block they are plain text.
 */
export function htmlText(text: string, max: number = MAX_INLINE, htmlMax: number = Number.POSITIVE_INFINITY): string {
  return remembered(`h${max}\u0000${htmlMax}\u0000${text}`, () => htmlTextOf(text, max, htmlMax));
}

function htmlTextOf(text: string, max: number, htmlMax: number): string {
  const chars = Array.from(truncate(oneLine(text), max));
  const pieces = chars.map((c, i) => (c === "@" ? (startsMention(chars, i) ? `@${ZWSP}` : "@") : (HTML_ESCAPED[c] ?? c)));
  const out = pieces.join("");
  return out.length <= htmlMax ? out : shortenEscaped(chars, pieces, htmlMax, (cut) => cut);
}

/** `<a href="…">html</a>` for HTML that is already escaped; the HTML alone when the URL is not a safe http(s) URL (see {@link safeUrl}). */
export function htmlLink(html: string, url: string): string {
  const href = safeUrl(url);
  return href === null || html === "" ? html : `<a href="${href.replace(/&/g, "&amp;")}">${html}</a>`;
}

const graphemes = new Intl.Segmenter("en", { granularity: "grapheme" });

/**
 * Escaped text cut to at most `markdownMax` UTF-16 code units, "…" included: whole escaped
 * characters only (never half of `&lt;`, `\*` or a mention's zero-width space) and whole
 * graphemes (never half of an emoji, a flag or a letter with its accents).
 */
function shortenEscaped(chars: readonly string[], pieces: readonly string[], markdownMax: number, finish: (cut: string) => string): string {
  if (markdownMax < 1) return "";
  // Room for "…" and for the one backslash blockSafe may put in front.
  const room = markdownMax - 2;
  let kept = 0;
  let length = 0;
  let best = 0;
  // Every character escapes to at least one, so no more than room + 1 characters can matter (the
  // last segment of that slice, perhaps cut short, would go beyond the room and is never kept).
  const head = chars.slice(0, room + 1).join("");
  // Printable ASCII is one grapheme a character (and segmenting is slow).
  const segments = /^[\x20-\x7e]*$/.test(head) ? Array.from(head, (segment) => ({ segment })) : graphemes.segment(head);
  for (const { segment } of segments) {
    const n = Array.from(segment).length;
    const add = pieces.slice(kept, kept + n).reduce((sum, p) => sum + p.length, 0);
    if (length + add > room) break;
    kept += n;
    length += add;
    best = kept;
  }
  const cut = pieces.slice(0, best).join("").replace(/[ ]+$/, "");
  return cut === "" ? "…" : `${finish(cut)}…`;
}

/**
 * Text as a code span, for a label name or a command in a paragraph or a list
 * item. Not for table cells (a `|` would end the cell). Whitespace is folded,
 * the fence is longer than any run of backticks inside, and `<!--`/`-->` are
 * broken with a zero-width space so a marker can never appear.
 */
export function codeSpan(text: string, max: number = MAX_INLINE): string {
  const t = truncate(oneLine(text), max).replace(/<!/g, `<${ZWSP}!`).replace(/-->/g, `--${ZWSP}>`);
  if (t === "") return "";
  const longest = Math.max(0, ...(t.match(/`+/g) ?? []).map((run) => run.length));
  const fence = "`".repeat(longest + 1);
  const pad = t.startsWith("`") || t.endsWith("`") ? " " : "";
  return fence + pad + t + pad + fence;
}

/**
 * A URL fit for a Markdown link destination, or null: only absolute `https:`
 * and `http:` URLs without credentials are accepted (no `javascript:`,
 * `data:`, relative paths). `http:` because GitHub Enterprise Server may be
 * served over plain HTTP (GHE_PROTOCOL=http), and its issues are still links.
 * Characters that could end the destination or a table cell are percent-encoded.
 */
export function safeUrl(url: string): string | null {
  if (memo === null) return safeUrlOf(url);
  const key = `u${url}`;
  const found = memo.get(key);
  if (found !== undefined) return found === "" ? null : found;
  const out = safeUrlOf(url);
  memo.set(key, out ?? "");
  return out;
}

function safeUrlOf(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url.trim());
  } catch {
    return null;
  }
  if ((parsed.protocol !== "https:" && parsed.protocol !== "http:") || parsed.username !== "" || parsed.password !== "") return null;
  return parsed.href.replace(/[()|<>\s"'`\\[\]]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, "0")}`);
}

/**
 * `[text](url)` with the text escaped by {@link inline}; when the URL is not
 * a safe http(s) URL, the escaped text alone (never a link that does harm).
 */
export function link(text: string, url: string, max: number = MAX_INLINE, target: Target = "notify"): string {
  return linkMarkdown(inline(text, max, undefined, target) || inline(url, max, undefined, target), url);
}

/** Like {@link link}, for link text that is already escaped Markdown. */
export function linkMarkdown(markdown: string, url: string): string {
  const href = safeUrl(url);
  return href === null || markdown === "" ? markdown : `[${markdown}](${href})`;
}

/** Serialises a value to JSON that can sit inside an HTML comment: no `<`, `>`, `&`, line separators. */
export function commentJson(value: unknown): string {
  return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

/** `<!-- docket:TAG {json} -->`: a hidden line carrying Docket's own data in a body or comment. */
export function hiddenJson(tag: string, value: Record<string, unknown>): string {
  return `<!-- docket:${tag} ${commentJson(value)} -->`;
}

/** The object of the first `<!-- docket:TAG {json} -->` line in `text`; null when there is none or it is garbage. Never throws. */
export function readHiddenJson(text: string | null | undefined, tag: string): Record<string, unknown> | null {
  const m = new RegExp(`<!--[ \\t]*docket:${tag}[ \\t]+([^\\r\\n]*?)[ \\t]*-->`).exec(text ?? "");
  if (m === null || m[1] === undefined) return null;
  try {
    const value: unknown = JSON.parse(m[1]);
    return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/** Characters a Mermaid label keeps as they are: letters (with their marks), digits, spaces and harmless punctuation. */
const MERMAID_PLAIN = /^[\p{L}\p{M}\p{N} .,'()/+_-]$/u;

/**
 * Words Mermaid's gantt lexer reads as a statement at the start of a line, whatever follows
 * (case-insensitive, and before it reads a task's name): a task called "Section 5 review" or
 * "Call for papers" would otherwise become a section or a click callback and break the chart.
 */
const MERMAID_KEYWORD =
  /^(?:acc|axisformat|call|click|dateformat|excludes|gantt|href|includes|inclusiveenddates|section|tickinterval|title|todaymarker|topaxis|weekday|weekend|\d{4}-\d\d-\d\d)/i;

/**
 * Text made safe for a Mermaid label or title, keeping what it says: one line,
 * at most 60 characters (before encoding). Letters, digits, spaces and
 * `. , ' ( ) / + _ -` stay as they are; every other character becomes one of
 * Mermaid's entity codes, which Mermaid turns back into the character after
 * parsing, in every diagram type: `&` as `#amp;`, `"` as `#quot;`, anything
 * else as its code point (`#` as `#35;`, `;` as `#59;`, `:` as `#58;`, `%` as
 * `#37;`, `<` as `#60;`, a backtick as `#96;`, an emoji as `#128512;`). So
 * "Q&A" still reads "Q&A", and no title can end a string, a statement or the
 * code block, start a comment or a directive, or hold an HTML comment (Docket's
 * markers); a second `-` of a run becomes `#45;`, so no `--` either. A label
 * that starts with a word Mermaid reads as a statement ("Section 5", "Call
 * for papers", a date) has its first character encoded, so it stays a name.
 */
export function mermaidText(text: string, fallback = ""): string {
  return remembered(`m${fallback}\u0000${text}`, () => mermaidTextOf(text, fallback));
}

function mermaidTextOf(text: string, fallback: string): string {
  const cut = truncate(oneLine(text), 60);
  if (cut === "") return fallback;
  const chars = Array.from(cut);
  const keyword = MERMAID_KEYWORD.test(cut);
  return chars
    .map((c, i) => {
      if (i === 0 && keyword) return `#${c.codePointAt(0) ?? 0};`;
      if (c === "-") return chars[i - 1] === "-" ? "#45;" : c;
      if (MERMAID_PLAIN.test(c)) return c;
      if (c === "&") return "#amp;";
      if (c === '"') return "#quot;";
      return `#${c.codePointAt(0) ?? 0};`;
    })
    .join("");
}
