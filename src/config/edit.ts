/**
 * Editing `.github/docket.yml` as people wrote it: `/poll close write-config`
 * sets the dates of one series' `event:` and proposes the file as a pull
 * request. Pure: text in, text (or a problem for people) out.
 *
 * Decisions:
 * - Byte for byte where untouched. The `yaml` package's Document API finds the
 *   nodes (`parseDocument`, `getIn`, each node's source `range`), and only the
 *   source of the values that change is replaced; new keys are inserted next to
 *   their siblings. `Document.toString()` is not used: it re-indents, folds
 *   long lines, expands flow maps and drops alignment, so a one-line change
 *   would become a rewrite of the file. Comments, key order, quoting, blank
 *   lines, other series and line endings (LF or CRLF) stay as they are.
 * - The values: `from`/`to` plain dates (quoted only where they were quoted),
 *   `weekdays` true/false, `start` always quoted (`"09:00"`; YAML 1.1 readers
 *   would take 09:00 for a number), `timezone` plain when it is a plain IANA
 *   name. `daily-budget` and every other key are kept. A missing `weekdays` or
 *   `timezone` is added (after the event's last key; in a flow map
 *   `{ … }` before its closing brace), so the file says what was chosen.
 * - Refused, with a problem saying why: a file with YAML errors; a series that
 *   is not in this file (with `_extends`, Probot merges the top-level keys, so a
 *   series missing here comes from the extended file: edit that one); a series
 *   without an `event:` (a recurring series' dates are its cadence); an event
 *   written with YAML aliases or anchors (an edit could change another place).
 * - Never a broken config: the edited text is parsed again and must read as the
 *   old one with exactly the five values changed, and it must pass
 *   `parseConfigText` (the schema), or the edit is refused.
 */
import { isAlias, isMap, isScalar, parseDocument, Scalar, type Pair, type YAMLMap } from "yaml";
import { formatProblem, MAX_ALIAS_COUNT, parseConfigText } from "./load.js";

/** What `/poll close write-config` sets in a series' `event:` (as the config spells it). */
export interface EventDates {
  from: string;
  to: string;
  weekdays: boolean;
  start: string;
  timezone: string;
}

export type EditResult = { text: string } | { problem: string };

const KEYS = ["from", "to", "weekdays", "start", "timezone"] as const;

/** An edit of the source: replace `[start, end)` with `text`. */
interface Splice {
  start: number;
  end: number;
  text: string;
}

function pairOf(map: YAMLMap, key: string): Pair | undefined {
  return map.items.find((p) => isScalar(p.key) && String(p.key.value) === key);
}

function quoted(value: string, style: Scalar.Type | undefined): string {
  return style === Scalar.QUOTE_SINGLE ? `'${value.replace(/'/g, "''")}'` : JSON.stringify(value);
}

/** The YAML source of one new value, in the quoting style of the value it replaces (if any). */
function source(key: (typeof KEYS)[number], event: EventDates, style: Scalar.Type | undefined): string {
  const keepQuotes = style === Scalar.QUOTE_SINGLE || style === Scalar.QUOTE_DOUBLE;
  switch (key) {
    case "weekdays":
      return String(event.weekdays);
    case "start":
      return quoted(event.start, style);
    case "timezone":
      return keepQuotes || !/^[A-Za-z][A-Za-z0-9_+\-/]*$/.test(event.timezone) ? quoted(event.timezone, style) : event.timezone;
    default:
      return keepQuotes || !/^\d{4}-\d{2}-\d{2}$/.test(event[key]) ? quoted(event[key], style) : event[key];
  }
}

/** The column a node starts at (its line's indentation, for a key of a block map). */
function columnOf(text: string, offset: number): number {
  return offset - (text.lastIndexOf("\n", offset - 1) + 1);
}

/**
 * `text` with `meetings.<seriesId>.event` set to `event` (see the file comment),
 * or a problem for people. Unchanged text when the event already says so.
 */
export function setEventDates(text: string, seriesId: string, event: EventDates): EditResult {
  const doc = parseDocument(text, { uniqueKeys: true });
  if (doc.errors.length > 0) return { problem: `the file has YAML errors (${doc.errors[0]!.message.split("\n")[0]})` };
  const root = doc.contents;
  const where = `meetings.${seriesId}`;
  if (!isMap(root)) return { problem: "the file has no `meetings:`" };
  const meetings = root.get("meetings", true);
  const series = isMap(meetings) ? pairOf(meetings, seriesId)?.value : undefined;
  if (isAlias(meetings) || isAlias(series)) return { problem: `\`${where}\` is written with a YAML alias (*name); change its dates by hand` };
  if (series === undefined || series === null) {
    const base = root.get("_extends");
    return {
      problem:
        base === undefined
          ? `there is no series \`${seriesId}\` in this file`
          : `the series \`${seriesId}\` is not in this file: it comes from \`_extends: ${String(base)}\`; change its dates there`,
    };
  }
  if (!isMap(series)) return { problem: `\`${where}\` is not a map of settings` };
  const eventNode = series.get("event", true);
  if (eventNode === undefined) return { problem: `the series \`${seriesId}\` is not an event (it has no \`event:\`); only an event's dates can be written` };
  if (isAlias(eventNode) || (isMap(eventNode) && eventNode.anchor))
    return { problem: `\`${where}.event\` is written with a YAML alias or anchor; change its dates by hand` };
  if (!isMap(eventNode) || !eventNode.range)
    return { problem: `\`${where}.event\` is not a map such as \`{ from: 2025-02-03, to: 2025-02-14, start: "09:00" }\`` };

  const splices: Splice[] = [];
  const missing: string[] = [];
  for (const key of KEYS) {
    const pair = pairOf(eventNode, key);
    if (pair === undefined) {
      missing.push(`${key}: ${source(key, event, undefined)}`);
      continue;
    }
    const value = pair.value;
    if (!isScalar(value) || !value.range || value.anchor || value.range[0] === value.range[1]) {
      return { problem: `\`${where}.event.${key}\` is not a plain value; change the dates by hand` };
    }
    splices.push({ start: value.range[0], end: value.range[1], text: source(key, event, value.type) });
  }
  if (missing.length > 0) {
    const insert = insertion(text, eventNode, missing);
    if (insert === null) return { problem: `\`${where}.event\` could not be extended; change the dates by hand` };
    splices.push(insert);
  }

  let edited = text;
  for (const s of splices.sort((a, b) => b.start - a.start)) edited = edited.slice(0, s.start) + s.text + edited.slice(s.end);
  return checked(text, edited, seriesId, event);
}

/** Where the missing keys go: a line each after the block map's last key, or `, key: value` after a flow map's last value. */
function insertion(text: string, map: YAMLMap, entries: readonly string[]): Splice | null {
  const last = map.items.at(-1);
  const lastEnd = last
    ? ((isScalar(last.value) || isMap(last.value) ? last.value.range?.[1] : undefined) ?? (isScalar(last.key) ? last.key.range?.[1] : undefined))
    : undefined;
  if (map.flow) {
    if (lastEnd !== undefined) return { start: lastEnd, end: lastEnd, text: entries.map((e) => `, ${e}`).join("") };
    const open = text.indexOf("{", map.range![0]);
    return open < 0 ? null : { start: open + 1, end: open + 1, text: ` ${entries.join(", ")} ` };
  }
  const firstKey = map.items[0]?.key;
  if (lastEnd === undefined || !isScalar(firstKey) || !firstKey.range) return null;
  const newline = text.includes("\r\n") ? "\r\n" : "\n";
  const indent = " ".repeat(columnOf(text, firstKey.range[0]));
  const lines = entries.map((e) => indent + e);
  const lineEnd = text.indexOf("\n", lastEnd);
  if (lineEnd < 0) return { start: text.length, end: text.length, text: lines.map((l) => newline + l).join("") };
  return { start: lineEnd + 1, end: lineEnd + 1, text: lines.map((l) => l + newline).join("") };
}

/** The edited text when it reads as the old one with just the event's dates changed and passes the schema. */
function checked(before: string, after: string, seriesId: string, event: EventDates): EditResult {
  const toJS = (text: string): unknown => parseDocument(text, { uniqueKeys: true }).toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  let expected: { meetings: Record<string, { event: Record<string, unknown> }> };
  let actual: unknown;
  try {
    expected = toJS(before) as typeof expected;
    actual = toJS(after);
  } catch (error) {
    return { problem: `the edited file could not be read back (${error instanceof Error ? error.message : String(error)})` };
  }
  Object.assign(expected.meetings[seriesId]!.event, Object.fromEntries(KEYS.map((k) => [k, event[k]])));
  if (JSON.stringify(actual) !== JSON.stringify(expected)) return { problem: "the edited file would read differently than intended; change the dates by hand" };
  const result = parseConfigText(after);
  if (!result.ok) return { problem: `the edited file would not be a valid configuration: ${result.problems.map((p) => formatProblem(p)).join("; ")}` };
  return { text: after };
}
