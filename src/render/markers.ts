/**
 * Docket's generated sections inside text that belongs to people.
 *
 * A section is everything between `<!-- docket:begin NAME -->` and
 * `<!-- docket:end NAME -->`. Docket rewrites only that; every byte outside
 * stays as it was. A pair that is damaged (a marker missing, doubled, out of
 * order, or another section's marker inside it) is left alone and reported:
 * guessing where it should end could eat somebody's notes.
 */
import type { AgendaState, PlannedPlace } from "../domain/types.js";
import { hiddenJson, readHiddenJson } from "./escape.js";

const NAME = /^[a-z0-9][a-z0-9-]*$/;

function checkName(name: string): string {
  if (!NAME.test(name)) throw new Error(`invalid Docket section name "${name}" (expected lowercase letters, digits and "-")`);
  return name;
}

export function beginMarker(name: string): string {
  return `<!-- docket:begin ${checkName(name)} -->`;
}

export function endMarker(name: string): string {
  return `<!-- docket:end ${checkName(name)} -->`;
}

/** Markers are matched leniently (spacing), since people may retype them. */
function markerPattern(kind: "begin" | "end", name: string): RegExp {
  return new RegExp(`<!--[ \\t]*docket:${kind}[ \\t]+${checkName(name)}[ \\t]*-->`, "g");
}

const ANY_SECTION_MARKER = /<!--[ \t]*docket:(?:begin|end)[ \t]/;

/** The newline a body mostly uses: `\r\n` for bodies edited in the browser, `\n` otherwise. */
export function dominantNewline(body: string): "\n" | "\r\n" {
  const crlf = body.match(/\r\n/g)?.length ?? 0;
  const lf = (body.match(/\n/g)?.length ?? 0) - crlf;
  return crlf > lf ? "\r\n" : "\n";
}

/** Converts any mix of line endings to `nl`. */
export function withNewlines(text: string, nl: "\n" | "\r\n"): string {
  const lf = text.replace(/\r\n?/g, "\n");
  return nl === "\n" ? lf : lf.replace(/\n/g, nl);
}

/** What sits between the markers: the content on its own lines, without surrounding blank lines. */
function inner(content: string, nl: "\n" | "\r\n"): string {
  const c = withNewlines(content, "\n").replace(/^\n+/, "").replace(/\n+$/, "");
  return c === "" ? nl : nl + withNewlines(c, nl) + nl;
}

/**
 * A section on one line, for a placeholder in the middle of a line of a meeting template
 * (`# {{title}} on {{local-date}}`): `<!-- docket:begin title -->Team IaaS<!-- docket:end title -->`.
 * GitHub shows only the content. `content` must be one line (callers fold it).
 */
export function inlineSection(name: string, content: string): string {
  return beginMarker(name) + content + endMarker(name);
}

/** Whether the body has any marker of the section (sound or damaged). */
export function hasSection(body: string | null | undefined, name: string): boolean {
  return markerPattern("begin", name).test(body ?? "") || markerPattern("end", name).test(body ?? "");
}

/** A whole section, markers included, using `nl` for newlines. */
export function sectionBlock(name: string, content: string, nl: "\n" | "\r\n" = "\n"): string {
  return beginMarker(name) + inner(content, nl) + endMarker(name);
}

/** What a damaged section's problem says Docket did, and what people should do (a reader that edits nothing, such as the site, drops the first). */
export const LEFT_UNCHANGED = "left it unchanged";
export const REPAIR_MARKERS = "please repair or remove its markers";

type Located = { ok: true; contentStart: number; contentEnd: number } | { ok: false; problem: string } | { ok: false; problem: null }; // no markers at all

function locate(body: string, name: string): Located {
  const begins = [...body.matchAll(markerPattern("begin", name))];
  const ends = [...body.matchAll(markerPattern("end", name))];
  if (begins.length === 0 && ends.length === 0) return { ok: false, problem: null };
  const where = `section "${name}"`;
  const keep = `${LEFT_UNCHANGED}; ${REPAIR_MARKERS}`;
  if (begins.length > 1 || ends.length > 1) {
    return { ok: false, problem: `${where}: found ${begins.length} begin and ${ends.length} end markers, expected one of each; ${keep}` };
  }
  const begin = begins[0];
  const end = ends[0];
  if (begin === undefined) return { ok: false, problem: `${where}: found ${endMarker(name)} without ${beginMarker(name)}; ${keep}` };
  if (end === undefined) return { ok: false, problem: `${where}: found ${beginMarker(name)} without ${endMarker(name)}; ${keep}` };
  if (end.index < begin.index) return { ok: false, problem: `${where}: the end marker comes before the begin marker; ${keep}` };
  const contentStart = begin.index + begin[0].length;
  const contentEnd = end.index;
  if (ANY_SECTION_MARKER.test(body.slice(contentStart, contentEnd))) {
    return { ok: false, problem: `${where}: another Docket section's marker sits inside it; ${keep}` };
  }
  return { ok: true, contentStart, contentEnd };
}

/**
 * The content of a section (newlines as `\n`, without the line breaks next to
 * the markers), or null when the section is missing or damaged.
 */
export function readSection(body: string | null | undefined, name: string): string | null {
  const text = body ?? "";
  const found = locate(text, name);
  if (!found.ok) return null;
  return withNewlines(text.slice(found.contentStart, found.contentEnd), "\n").replace(/^\n/, "").replace(/\n$/, "");
}

export interface Section {
  name: string;
  content: string;
}

/**
 * Writes each section into the body, in the order given:
 * - markers present and sound: what lies between them is replaced (a section
 *   on one line, see inlineSection, stays on one line when `content` is one line);
 * - no markers: the section is appended at the end, after one blank line;
 * - markers damaged: that section is not written and a problem names it.
 * Text outside the markers is kept byte for byte, and generated content uses
 * the body's dominant newline, so `merged.body === original` exactly when
 * nothing changed.
 */
export function mergeSections(body: string | null | undefined, sections: readonly Section[]): { body: string; problems: string[] } {
  let out = body ?? "";
  const nl = dominantNewline(out);
  const problems: string[] = [];
  for (const { name, content } of sections) {
    const found = locate(out, name);
    if (found.ok) {
      // A section written on one line (inlineSection) stays on one line while its content is one line.
      const inline = !/[\r\n]/.test(out.slice(found.contentStart, found.contentEnd)) && !/[\r\n]/.test(content);
      out = out.slice(0, found.contentStart) + (inline ? content : inner(content, nl)) + out.slice(found.contentEnd);
    } else if (found.problem !== null) {
      problems.push(found.problem);
    } else {
      const block = sectionBlock(name, content, nl);
      if (out === "") out = block;
      else if (out.endsWith(nl + nl) || out.endsWith("\n\n")) out += block;
      else if (out.endsWith("\n")) out += nl + block;
      else out += nl + nl + block;
    }
  }
  return { body: out, problems };
}

// ---------------------------------------------------------------------------
// The hidden state line in the agenda section.

/**
 * The hidden line that remembers which topic ids were scheduled and waiting
 * at the last write, and when each joined the queue. The JSON is written so it
 * cannot contain `-->` (every `<`, `>` and `&` is a `\u` escape).
 *
 * Queue times are kept compact, as they count toward GitHub's 65,536 characters
 * like everything else in the body (the fitting in ./fit.ts measures the whole
 * body, this line included): `at` holds epoch seconds in the order of
 * `scheduled` then `waiting` (no ids repeated), null where a time is unknown.
 * A state without `at` (written before) or with an `at` that does not line up
 * has no kept times: they are read again, once.
 *
 * The plan is as compact: `plan` follows `scheduled`, each number the offset (minutes) of the
 * next scheduled id, each date ("YYYY-MM-DD") the day of the offsets after it, written only when
 * the day changes: `["2025-02-03",0,30,"2025-02-04",0]`. A state without `plan` (written before
 * plans were kept) or with one that does not line up has no plan: the next packing starts afresh.
 * An offset may be negative: a gathering's track that starts before the event's `start` places
 * its sessions before the event's frame (a single room never does, and closes up from 0).
 * A multi-track gathering also writes `tracks`, following `scheduled`: each session's track ids
 * joined by commas (`["edge","edge,nova"]`); absent or not lined up, it is none.
 */
export function stateComment(state: AgendaState): string {
  const ids = [...state.scheduled, ...state.waiting];
  const value: Record<string, unknown> = { scheduled: [...state.scheduled], waiting: [...state.waiting] };
  if (state.queuedAt) {
    const kept = state.queuedAt;
    value.at = ids.map((id) => {
      const t = kept[id] === undefined ? Number.NaN : Date.parse(kept[id]);
      return Number.isNaN(t) ? null : Math.floor(t / 1000);
    });
  }
  if (state.plan) {
    const plan: Array<string | number> = [];
    let day: string | null = null;
    for (const id of state.scheduled) {
      const place = state.plan[id];
      if (place === undefined) return hiddenJson("state", value); // a plan that does not cover the agenda is none
      if (place.date !== day) plan.push((day = place.date));
      plan.push(place.offset);
    }
    value.plan = plan;
  }
  if (state.tracks && state.scheduled.every((id) => state.tracks![id] !== undefined)) value.tracks = state.scheduled.map((id) => state.tracks![id]!.join(","));
  return hiddenJson("state", value);
}

const TRACK_IDS = /^[a-z0-9][a-z0-9-]*(,[a-z0-9][a-z0-9-]*)*$/;

/** The tracks of a state line (see stateComment), or undefined when they are absent or do not line up with `scheduled`. */
function parseTracks(value: unknown, scheduled: readonly string[]): Record<string, string[]> | undefined {
  if (!isStringArray(value) || value.length !== scheduled.length || !value.every((v) => TRACK_IDS.test(v))) return undefined;
  return Object.fromEntries(scheduled.map((id, i) => [id, value[i]!.split(",")]));
}

const PLAN_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The plan of a state line (see stateComment), or undefined when it is absent or does not line up with `scheduled`. */
function parsePlan(value: unknown, scheduled: readonly string[]): Record<string, PlannedPlace> | undefined {
  if (!Array.isArray(value)) return undefined;
  const plan: Record<string, PlannedPlace> = {};
  let day: string | null = null;
  let next = 0;
  for (const entry of value) {
    if (typeof entry === "string" && PLAN_DATE.test(entry)) day = entry;
    else if (typeof entry === "number" && Number.isSafeInteger(entry) && day !== null && next < scheduled.length)
      plan[scheduled[next++]!] = { date: day, offset: entry };
    else return undefined;
  }
  return next === scheduled.length ? plan : undefined;
}

function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((v) => typeof v === "string");
}

/** Parses a state comment out of any text; null for anything that is not one. Never throws. */
export function parseState(text: string): AgendaState | null {
  const value = readHiddenJson(text, "state");
  if (value === null || !isStringArray(value.scheduled) || !isStringArray(value.waiting)) return null;
  const state: AgendaState = { scheduled: value.scheduled, waiting: value.waiting };
  const ids = [...value.scheduled, ...value.waiting];
  const at = value.at;
  if (Array.isArray(at) && at.length === ids.length) {
    const queuedAt: Record<string, string> = {};
    ids.forEach((id, i) => {
      const s = at[i];
      if (typeof s === "number" && Number.isSafeInteger(s) && s >= 0 && s < 253402300800) queuedAt[id] = new Date(s * 1000).toISOString();
    });
    state.queuedAt = queuedAt;
  }
  const plan = parsePlan(value.plan, value.scheduled);
  if (plan !== undefined) state.plan = plan;
  const tracks = parseTracks(value.tracks, value.scheduled);
  if (tracks !== undefined) state.tracks = tracks;
  return state;
}

/**
 * The state Docket stored in a body's `agenda` section (or another section),
 * or null when there is none, the section is damaged or the line is garbage.
 */
export function readState(body: string | null | undefined, section = "agenda"): AgendaState | null {
  try {
    const content = readSection(body, section);
    return content === null ? null : parseState(content);
  } catch {
    return null;
  }
}
