/**
 * The lines of minutes as people write them, read from plain Markdown: a
 * comment on the meeting issue today, a notes section of the issue body or a
 * shared pad tomorrow. Pure: text in, lines out; nothing here knows where the
 * text came from or which topics are on the agenda.
 *
 * Conventions (any letter case; a list marker `- ` / `* ` / `1. ` before the
 * hand-written forms is fine):
 *
 * - decisions: `/decision text`, `/decision: text`, `Decision: text`,
 *   `**Decision:** text` (also `**Decision**:`);
 * - action items: `/action`, `AI`, `Action`, `Action item`, `**Action:**`,
 *   followed by one or more `@handles` (comma or space separated; `and`, `&`,
 *   `...` and `…` between them are ignored), an optional colon, an optional
 *   REF, then the text: `AI @alice, @bob, ... to write this down`,
 *   `/action @alice @bob #12 write it`, `Action: @carol: send the mail`.
 *   The REF may also come before the owners (`/action #12 @alice ...`);
 * - notes: `/note text`;
 * - REF names an agenda topic: `#12`, `owner/repo#12`, `[#12]` or the issue's
 *   URL, right after the command (or the owners), with an optional colon;
 * - other slash commands (`/here`, `/topic #12`, `/role minutes @x`, ...) are
 *   returned as commands for the caller to interpret.
 *
 * Structure is kept: lines indented under a line (nested bullets, a code
 * block, a continued paragraph) and a fenced code block right below it are
 * its `details`, with their relative indentation; blank lines between them are
 * kept. Fenced code blocks and block quotes that stand on their own are never
 * read as commands (quoting `> /decision ...` in a reply records nothing twice).
 *
 * Nothing is lost silently: a line that looks like a command (`/word` at the
 * start of a line, or a `Decision`/`AI`/`Action` form) but cannot be read is
 * returned as `unparsed`, verbatim, with the reason.
 */

/** A reference to a topic as written (`#12`, `acme/infra#12`, an issue URL). */
export interface TopicReference {
  /** As written, e.g. "#12" or "acme/infra#12". */
  raw: string;
  repo: string | null;
  number: number;
}

export type ItemKind = "note" | "decision" | "action";

interface Located {
  /** 1-based line in the text. */
  line: number;
  /** Lines indented under it (sub-points, code), dedented to their common indentation. */
  details: string[];
}

export interface ItemLine extends Located {
  kind: ItemKind;
  /** The text after the command, owners and REF, as written. */
  text: string;
  /** Action items: the owners' logins without "@", in the order written, each once. Empty otherwise. */
  owners: string[];
  ref: TopicReference | null;
}

export interface CommandLineOf extends Located {
  kind: "command";
  /** Lower case, without "/" (`here`, `topic`, `role`, ...). */
  name: string;
  args: string[];
  rest: string;
}

export interface UnparsedLine extends Located {
  kind: "unparsed";
  /** The line as written (trimmed). */
  text: string;
  /** Why it could not be read, for people. */
  reason: string;
}

export interface TextLine extends Located {
  kind: "text";
  /** A line that is no command (only returned with `plain: "keep"`). */
  text: string;
}

export type MinutesLine = ItemLine | CommandLineOf | UnparsedLine | TextLine;

export interface ParseOptions {
  /** Plain lines: "ignore" (comments: only commands count) or "keep" (a notes section or pad: every line is minutes). Default "ignore". */
  plain?: "ignore" | "keep";
}

// ---------------------------------------------------------------------------
// References

const REF_WORD =
  /^(?:([A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+)?#(\d{1,9})|https:\/\/[^\s/]+\/([A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+)\/(?:issues|pull)\/(\d{1,9})\/?)(?:[:.,]|(?=\s|$))/;

/** A reference at the start of `text`, and the text after it. */
export function leadingRef(text: string): { ref: TopicReference | null; rest: string } {
  const bracketed = /^\[([^\]\s]+)\](.*)$/.exec(text);
  const candidate = bracketed ? bracketed[1]! + (bracketed[2]!.startsWith(":") ? "" : " ") + bracketed[2]! : text;
  const m = REF_WORD.exec(candidate);
  if (!m) return { ref: null, rest: text };
  const repo = m[1] ?? m[3] ?? null;
  const number = Number(m[2] ?? m[4]);
  const raw = repo === null ? `#${number}` : `${repo}#${number}`;
  // A colon or a dash standing apart ("#4 - text", "#4 — text") separates the REF from the text; a dash
  // that begins the text ("#4 -> x", "#4 -1") is the text.
  return {
    ref: { raw, repo, number },
    rest: candidate
      .slice(m[0].length)
      .replace(/^\s*(?::|[-–—](?=\s|$))?\s*/, "")
      .trim(),
  };
}

// ---------------------------------------------------------------------------
// Owners

const LOGIN = "[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}";
const OWNER = new RegExp(`^@(${LOGIN})(?![A-Za-z0-9/_-])`);
/** Between owners: commas, semicolons, "and", "&", an ellipsis. */
const OWNER_GAP = /^(?:[\s,;&]|\.{3}|…|and(?=\s))+/i;

/** The @handles at the start of `text` and the text after them (an optional colon dropped). */
function leadingOwners(text: string): { owners: string[]; rest: string } {
  const owners: string[] = [];
  let rest = text;
  for (;;) {
    const m = OWNER.exec(rest);
    if (!m) break;
    if (!owners.some((o) => o.toLowerCase() === m[1]!.toLowerCase())) owners.push(m[1]!);
    rest = rest.slice(m[0].length);
    const gap = OWNER_GAP.exec(rest);
    const after = gap ? rest.slice(gap[0].length) : rest;
    if (!OWNER.test(after)) break;
    rest = after;
  }
  if (owners.length === 0) return { owners, rest: text };
  rest = rest.replace(/^(?:[\s,;]|\.{3}|…)*:?\s*/, "");
  return { owners, rest };
}

// ---------------------------------------------------------------------------
// One line

const LIST_MARKER = /^(?:[-*+]|\d{1,9}[.)])\s+/;
const SLASH = /^\/([a-z][a-z-]*)(?::(?=\s|$))?(?:\s+(.*))?$/i;
/** `**Decision:**`, `**Decision**:`, `Decision:`; the same for Action / Action item / AI. */
const BOLD_OR_COLON = /^(?:\*\*|__)(decision|action(?:\s+items?)?|ai)\s*:?\s*(?:\*\*|__)\s*:?\s*(.*)$|^(decision|action(?:\s+items?)?|ai)\s*:\s*(.*)$/i;
/** `AI @alice ...`, `Action @bob ...`, `Action item @carol ...`: an action without a colon. */
const BARE_ACTION = /^(ai|action(?:\s+items?)?)\s+(@.*)$/i;

type Read = Omit<ItemLine, "line" | "details"> | Omit<UnparsedLine, "line" | "details"> | Omit<CommandLineOf, "line" | "details"> | null;

const ITEM_NAMES: Record<string, ItemKind> = { note: "note", decision: "decision", action: "action", ai: "action" };

/** An item from the text after its head (`/decision`, `AI`, ...). */
function item(kind: ItemKind, after: string, written: string): Read {
  let text = after.trim();
  let ref: TopicReference | null = null;
  let owners: string[] = [];
  if (kind === "action") {
    const first = leadingRef(text);
    if (first.ref !== null && OWNER.test(first.rest)) {
      ref = first.ref;
      text = first.rest;
    }
    ({ owners, rest: text } = leadingOwners(text));
    if (owners.length === 0) return { kind: "unparsed", text: written, reason: "an action item needs an owner (`AI @user text`, `/action @user #12 text`)" };
  }
  if (ref === null) {
    const r = leadingRef(text);
    ref = r.ref;
    text = r.rest;
  }
  if (text === "") return { kind: "unparsed", text: written, reason: `a ${kind === "action" ? "action item" : kind} without text` };
  return { kind, text, owners, ref };
}

function readLine(raw: string): Read {
  const written = raw.trim();
  const slash = SLASH.exec(written);
  if (slash) {
    const name = slash[1]!.toLowerCase();
    const rest = (slash[2] ?? "").trim();
    const kind = ITEM_NAMES[name];
    if (kind !== undefined && name !== "ai") return item(kind, rest, written);
    return { kind: "command", name, args: rest === "" ? [] : rest.split(/\s+/), rest };
  }
  const body = written.replace(LIST_MARKER, "");
  const marked = BOLD_OR_COLON.exec(body);
  if (marked) {
    const head = (marked[1] ?? marked[3]!).toLowerCase();
    return item(head === "decision" ? "decision" : "action", marked[2] ?? marked[4] ?? "", written);
  }
  const bare = BARE_ACTION.exec(body);
  if (bare) return item("action", bare[2]!, written);
  return null;
}

// ---------------------------------------------------------------------------
// The text

const FENCE = /^\s*(`{3,}|~{3,})/;

function indentOf(line: string): number {
  const m = /^[ \t]*/.exec(line)![0];
  return m.replace(/\t/g, "    ").length;
}

/** Lines `from` on that belong under a line of indentation `indent`: more indented, or a fence right below it; blank lines between them kept. */
function detailsAfter(lines: readonly string[], from: number, indent: number): number {
  let end = from;
  let i = from;
  let fence: string | null = null;
  while (i < lines.length) {
    const l = lines[i]!;
    if (fence !== null) {
      const f = FENCE.exec(l);
      if (f && f[1]![0] === fence[0] && f[1]!.length >= fence.length && l.trim() === f[1]) fence = null;
      end = ++i;
      continue;
    }
    if (l.trim() === "") {
      i++;
      continue;
    }
    const f = FENCE.exec(l);
    const under = indentOf(l) > indent || (f !== null && i === from);
    if (!under) break;
    if (f) fence = f[1]!;
    end = ++i;
  }
  return end;
}

function dedent(lines: readonly string[]): string[] {
  const widths = lines.filter((l) => l.trim() !== "").map((l) => /^[ \t]*/.exec(l.replace(/\t/g, "    "))![0].length);
  const cut = widths.length === 0 ? 0 : Math.min(...widths);
  return lines.map((l) => l.replace(/\t/g, "    ").slice(cut).trimEnd());
}

/**
 * The minutes lines of a Markdown text, in the order written. Never throws.
 * Lines in fenced code blocks, indented code and block quotes that stand on
 * their own are skipped; what lies under a line becomes its `details`.
 */
export function parseMinutesText(markdown: string, options: ParseOptions = {}): MinutesLine[] {
  const keep = options.plain === "keep";
  const lines = markdown.replace(/\r\n?/g, "\n").split("\n");
  const out: MinutesLine[] = [];
  let i = 0;
  /** A line reached as the first recognised line under another: read whatever its indentation. */
  let nested = false;
  while (i < lines.length) {
    const raw = lines[i]!;
    const fence = FENCE.exec(raw);
    if (fence && (nested || indentOf(raw) <= 3)) {
      // A code block on its own: skipped whole.
      const marker = fence[1]!;
      i++;
      while (i < lines.length) {
        const f = FENCE.exec(lines[i]!);
        i++;
        if (f && f[1]![0] === marker[0] && f[1]!.length >= marker.length && lines[i - 1]!.trim() === f[1]) break;
      }
      nested = false;
      continue;
    }
    const indent = indentOf(raw);
    if (raw.trim() === "" || (indent > 3 && !nested) || /^\s*>/.test(raw)) {
      i++;
      nested = false;
      continue;
    }
    nested = false;
    const read = readLine(raw);
    let end = detailsAfter(lines, i + 1, indent);
    // A recognised line under another (a decision's action item) is read on its own, not folded into the details.
    const inner = firstRecognised(lines, i + 1, end);
    if (inner !== -1) {
      end = inner;
      nested = true;
    }
    const located = { line: i + 1, details: dedent(trimBlank(lines.slice(i + 1, end))) };
    if (read !== null) out.push({ ...read, ...located } as MinutesLine);
    else if (keep) out.push({ kind: "text", text: raw.trim(), ...located });
    i = read === null && !keep ? i + 1 : end;
    if (i !== end) nested = false;
  }
  return out;
}

/** The first line in [from, to) outside code fences that reads as an item or command; -1 when none. */
function firstRecognised(lines: readonly string[], from: number, to: number): number {
  let fence: string | null = null;
  for (let j = from; j < to; j++) {
    const f = FENCE.exec(lines[j]!);
    if (f) {
      if (fence === null) fence = f[1]!;
      else if (f[1]![0] === fence[0] && f[1]!.length >= fence.length) fence = null;
      continue;
    }
    if (fence === null && !/^\s*>/.test(lines[j]!) && readLine(lines[j]!) !== null) return j;
  }
  return -1;
}

function trimBlank(lines: string[]): string[] {
  let end = lines.length;
  while (end > 0 && lines[end - 1]!.trim() === "") end--;
  return lines.slice(0, end);
}
