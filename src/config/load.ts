/**
 * Loading `.github/docket.yml`: parse, validate against the one schema, and
 * turn every problem into something a person can act on — the YAML path, what
 * was expected and what was found, and (from text) the line and column.
 *
 * Nothing here throws on bad input: a broken config is a value
 * (`{ ok: false, problems }`) that the caller reports on the commit or pull
 * request that changed it, and keeps the last good agenda untouched.
 */
import { isAlias, isMap, isScalar, isSeq, LineCounter, parseDocument, visit, type Document } from "yaml";
import { z } from "zod";
import { didYouMean } from "../domain/suggest.js";
import { trackLabel } from "../domain/tracks.js";
import { configSchema, describeInput, type DocketConfig, type SeriesConfig } from "./schema.js";

/** One thing wrong with a config (or, as a warning, worth a second look). */
export type ConfigProblem = {
  /** YAML path such as `meetings.iaas.timezone` or `meetings.iaas.recurring[2]`; "" for the file itself. */
  path: string;
  /** What was expected and what was found. */
  message: string;
  /** 1-based line, when known (config read from text). */
  line?: number;
  /** 1-based column, when known. */
  column?: number;
  /** The file the problem is in, when it is not the config's own file (a file `_extends` reached). */
  source?: ConfigFile;
};

/** A file of a configuration: the config itself, or one that `_extends` reached. */
export type ConfigFile = { owner: string; repo: string; path: string };

/** `owner/repo:path`, as `_extends` chains and problems name a file. */
export const fileName = (f: ConfigFile): string => `${f.owner}/${f.repo}:${f.path}`;

export type ConfigResult = { ok: true; config: DocketConfig; warnings: ConfigProblem[] } | { ok: false; problems: ConfigProblem[] };

/** Where the config lives in a repository (and in the org's `.github` repository). */
export const CONFIG_PATH = ".github/docket.yml";
/** How many alias expansions (`*name`) a config may make: enough for any honest file, far below a "billion laughs" bomb. */
export const MAX_ALIAS_COUNT = 100;
/** Larger config files are refused before parsing. */
export const MAX_CONFIG_CHARS = 256 * 1024;

/** A repository, as the GitHub API names it. */
export type RepoRef = { owner: string; repo: string };

type Segment = string | number;
/** A problem before it has a line: the raw path, and whether it points at a key or at a value. */
type Located = { segments: Segment[]; at: "value" | "key"; message: string };

// ---------------------------------------------------------------------------
// Public API.

/**
 * Validates an already-parsed config (what Probot's `context.config()` returns,
 * with `_extends` merged). `null`/`undefined` (no file, empty file) is a valid
 * config with no meetings. Problems carry paths but no lines.
 */
export function validateConfig(raw: unknown): ConfigResult {
  const { config, located, warnings } = check(raw);
  if (config === undefined) return { ok: false, problems: located.map((l) => toProblem(l)) };
  return { ok: true, config, warnings };
}

/**
 * Parses and validates the text of `.github/docket.yml`. YAML syntax errors
 * (including duplicate keys) and schema problems come with line and column;
 * aliases are capped at `MAX_ALIAS_COUNT` expansions. Never throws.
 */
export function parseConfigText(text: string): ConfigResult {
  try {
    return parseText(typeof text === "string" ? text : "");
  } catch (error) {
    // Not expected: yaml and zod report problems as values. Still, a config must never crash the app.
    return fail([{ path: "", message: `could not read the config: ${firstLine(error instanceof Error ? error.message : String(error))}` }]);
  }
}

function parseText(text: string): ConfigResult {
  const parsed = parseYaml(text);
  if (!parsed.ok) return fail(parsed.problems);
  const result = validateAt(parsed.raw, (segments, at) => parsed.position(segments, at));
  return result.ok ? { ...result, warnings: sortProblems([...parsed.warnings, ...result.warnings]) } : result;
}

/** Where a YAML path is in a file's text (the one locator: load, the `_extends` resolver and the Action use it). */
export type Locator = (segments: readonly Segment[], at: "value" | "key") => { line: number; column: number };

/** A YAML file read as plain data, with a locator for its paths; or its syntax problems (with lines). */
export type ParsedYaml = { ok: true; raw: unknown; warnings: ConfigProblem[]; position: Locator } | { ok: false; problems: ConfigProblem[] };

/**
 * Parses YAML text the way every config file is read: size capped, duplicate
 * keys refused, aliases capped at `MAX_ALIAS_COUNT` expansions. Never throws.
 */
export function parseYaml(text: string): ParsedYaml {
  try {
    return readYaml(typeof text === "string" ? text : "");
  } catch (error) {
    return { ok: false, problems: [{ path: "", message: `could not read the config: ${firstLine(error instanceof Error ? error.message : String(error))}` }] };
  }
}

function readYaml(text: string): ParsedYaml {
  if (text.length > MAX_CONFIG_CHARS) {
    return {
      ok: false,
      problems: [
        { path: "", message: `expected a config file of at most ${MAX_CONFIG_CHARS / 1024} KB, got ${Math.ceil(text.length / 1024)} KB`, line: 1, column: 1 },
      ],
    };
  }
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const at = (offset: number): { line: number; column: number } => {
    const pos = lineCounter.linePos(offset);
    return { line: pos.line, column: pos.col };
  };

  if (doc.errors.length > 0) return { ok: false, problems: sortProblems(yamlProblems(doc, at)) };

  let raw: unknown;
  try {
    raw = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (error) {
    let offset = 0;
    visit(doc, {
      Alias(_, node) {
        offset = node.range?.[0] ?? 0;
        return visit.BREAK;
      },
    });
    const excessive = error instanceof ReferenceError && /alias/i.test(error.message);
    const message = excessive
      ? `expected at most ${MAX_ALIAS_COUNT} alias expansions (*name), got more: the file expands too much`
      : `could not read the YAML: ${firstLine(error instanceof Error ? error.message : String(error))}`;
    return { ok: false, problems: [{ path: "", message, ...at(offset) }] };
  }
  const warnings = doc.warnings.map((w) => ({ path: formatPath(pathAtOffset(doc, w.pos[0])), message: firstLine(w.message), ...at(w.pos[0]) }));
  return { ok: true, raw, warnings, position: (segments, where) => locate(doc, segments, where, at) };
}

/**
 * The YAML library's errors as problems people can act on. A syntax error
 * confuses the parser for the rest of its line, so only the first error of a
 * line is shown (the others follow from it). Tabs used for indentation are one
 * problem, at the first such line, naming the others; the parser reads what
 * they indent as something else, so no other syntax error is shown with them.
 */
function yamlProblems(doc: Document, at: (offset: number) => { line: number; column: number }): ConfigProblem[] {
  const duplicates: ConfigProblem[] = [];
  const syntax: ConfigProblem[] = [];
  const tabLines: number[] = [];
  let firstTab: { line: number; column: number } | undefined;
  const lines = new Set<number>();
  for (const error of doc.errors) {
    const offset = error.pos[0];
    const pos = at(offset);
    if (error.code === "DUPLICATE_KEY") {
      // The map is built all the same, so the duplicate key's path is known.
      const segments = pathAtOffset(doc, offset);
      const key = segments.at(-1);
      const message =
        key === undefined ? "duplicate key: a key may appear only once in a map" : `duplicate key \`${key}\`: a key may appear only once in a map`;
      duplicates.push({ path: formatPath(segments.slice(0, -1)), message, ...pos });
    } else if (!lines.has(pos.line)) {
      lines.add(pos.line);
      if (error.code === "TAB_AS_INDENT") {
        tabLines.push(pos.line);
        firstTab ??= pos;
      }
      // After a syntax error the tree is a guess: give the line, not a path.
      else syntax.push({ path: "", message: `YAML syntax error: ${firstLine(error.message)}`, ...pos });
    }
  }
  if (firstTab === undefined) return [...duplicates, ...syntax];
  const shown = tabLines.slice(0, 10).join(", ") + (tabLines.length > 10 ? ` and ${tabLines.length - 10} more` : "");
  const message = `tabs are not allowed for indentation in YAML; indent with spaces${tabLines.length > 1 ? ` (tabs on lines ${shown})` : ""}`;
  return [...duplicates, { path: "", message, ...firstTab }];
}

/**
 * Validates plain config data, placing each problem with `place` (its line,
 * column and, for a file `_extends` reached, that file).
 */
export function validateAt(
  raw: unknown,
  place: (segments: readonly Segment[], at: "value" | "key") => Pick<ConfigProblem, "line" | "column" | "source">,
): ConfigResult {
  const { config, located, warnings } = check(raw);
  if (config === undefined) return fail(located.map((l) => ({ ...toProblem(l), ...place(l.segments, l.at) })));
  return { ok: true, config, warnings: sortProblems(warnings) };
}

/**
 * The line and column of a YAML path (`meetings.iaas.recurring[2]`,
 * `roles["a.b"]`) in a file's text: of the deepest part of the path that
 * exists (a missing key shows at its parent). Undefined when the text is not
 * YAML or the path is "" (the file itself).
 */
export function positionOf(text: string, path: string): { line: number; column: number } | undefined {
  const segments = parsePath(path);
  if (segments === undefined || segments.length === 0) return undefined;
  const parsed = parseYaml(text);
  return parsed.ok ? parsed.position(segments, "key") : undefined;
}

/** `a.b[2]["c.d"]` -> ["a", "b", 2, "c.d"]; undefined when it is not such a path. */
export function parsePath(path: string): Array<string | number> | undefined {
  const out: Array<string | number> = [];
  const re = /\.?([A-Za-z0-9_-]+)|\[(\d+)\]|\[("(?:[^"\\]|\\.)*")\]/y;
  let i = 0;
  while (i < path.length) {
    re.lastIndex = i;
    const m = re.exec(path);
    if (!m || (m[1] !== undefined && i === 0 && path.startsWith("."))) return undefined;
    if (m[1] !== undefined) out.push(m[1]);
    else if (m[2] !== undefined) out.push(Number(m[2]));
    else out.push(JSON.parse(m[3]!) as string);
    i = re.lastIndex;
  }
  return out;
}

/** One problem on one line: `.github/docket.yml:7:15 meetings.iaas.timezone: expected …, got …`. */
export function formatProblem(problem: ConfigProblem, file: string = CONFIG_PATH): string {
  let location = problem.source ? fileName(problem.source) : file;
  if (problem.line !== undefined) location += `:${problem.line}${problem.column !== undefined ? `:${problem.column}` : ""}`;
  const text = `${location} ${problem.path === "" ? "" : `${problem.path}: `}${problem.message}`;
  // The text lands in a check run, a comment or a log: it must not ping anyone or open HTML.
  return text.replace(/@(?=[A-Za-z0-9])/g, "@\u200b").replace(/</g, "\\<");
}

/** A short Markdown list of problems, for a check run, a comment or an Action log. */
export function formatProblems(problems: readonly ConfigProblem[], file: string = CONFIG_PATH): string {
  const limit = 50;
  const lines = problems.slice(0, limit).map((p) => `- ${formatProblem(p, file)}`);
  if (problems.length > limit) lines.push(`- … and ${problems.length - limit} more`);
  return lines.join("\n");
}

/** The label whose issues become topics of a series: its `label`, default `agenda/<id>`. */
export function seriesLabel(id: string, series: Pick<SeriesConfig, "label">): string {
  return series.label ?? `agenda/${id}`;
}

/** Where a series (or event) takes place. */
export interface MeetingPlace {
  location?: string;
  joinUrl?: string;
}

/** Where a series meets: its event's `location` and `join-url` win over the series' own (each on its own). */
export function meetingPlace(series: Pick<SeriesConfig, "location" | "join-url" | "event">): MeetingPlace {
  const location = series.event?.location ?? series.location;
  const joinUrl = series.event?.["join-url"] ?? series["join-url"];
  return { ...(location !== undefined ? { location } : {}), ...(joinUrl !== undefined ? { joinUrl } : {}) };
}

/** Resolves "name" (same owner as `fallback`), "owner/name", or nothing (`fallback`). */
export function resolveRepository(ref: string | undefined, fallback: RepoRef): RepoRef {
  if (ref === undefined || ref === "") return { owner: fallback.owner, repo: fallback.repo };
  const slash = ref.indexOf("/");
  if (slash === -1) return { owner: fallback.owner, repo: ref };
  return { owner: ref.slice(0, slash), repo: ref.slice(slash + 1) };
}

/**
 * The repository that holds a series' meeting issues: the series' `repository`,
 * else the config's top-level `repository`, else the repository holding the config.
 * Names without an owner take the owner of the repository holding the config.
 */
export function meetingRepository(config: Pick<DocketConfig, "repository">, series: Pick<SeriesConfig, "repository">, configRepo: RepoRef): RepoRef {
  return resolveRepository(series.repository ?? config.repository, configRepo);
}

/** A YAML-style path: `meetings.iaas.recurring[2]`; odd keys quoted: `roles["a.b"]`. */
export function formatPath(segments: readonly PropertyKey[]): string {
  let out = "";
  for (const seg of segments) {
    if (typeof seg === "number") out += `[${seg}]`;
    else if (typeof seg === "string" && /^[A-Za-z0-9_-]+$/.test(seg)) out += out === "" ? seg : `.${seg}`;
    else out += `[${JSON.stringify(String(seg))}]`;
  }
  return out;
}

// ---------------------------------------------------------------------------
// Validation.

function fail(problems: ConfigProblem[]): ConfigResult {
  return { ok: false, problems: sortProblems(problems) };
}

function check(raw: unknown): { config?: DocketConfig; located: Located[]; warnings: ConfigProblem[] } {
  try {
    return checkSchema(raw);
  } catch (error) {
    // Not expected: the schema reports problems as values. Still, a config must never crash the app.
    const detail = error instanceof Error ? error.message : String(error);
    return { located: [{ segments: [], at: "value", message: `could not validate the config: ${firstLine(detail)}` }], warnings: [] };
  }
}

function checkSchema(raw: unknown): { config?: DocketConfig; located: Located[]; warnings: ConfigProblem[] } {
  const result = configSchema.safeParse(normalize(raw), { error: errorMap, reportInput: true });
  if (result.success) return { config: result.data, located: [], warnings: configWarnings(result.data) };
  const located: Located[] = [];
  const seen = new Set<string>();
  const add = (l: Located) => {
    const key = `${formatPath(l.segments)}\u0000${l.message}`;
    if (seen.has(key)) return;
    seen.add(key);
    located.push(l);
  };
  for (const issue of result.error.issues) {
    const segments = issue.path.map((s) => (typeof s === "number" ? s : String(s)));
    if (issue.code === "unrecognized_keys") {
      const known = keysAt(segments);
      for (const key of issue.keys) add({ segments: [...segments, key], at: "key", message: unknownKeyMessage(key, known) });
    } else if (issue.code === "invalid_key") {
      add({ segments, at: "key", message: issue.message });
    } else {
      add({ segments, at: "value", message: issue.message });
    }
  }
  return { located, warnings: [] };
}

/**
 * What the YAML readers may hand over, made plain: nothing -> `{}`; a leftover
 * `_extends` (Probot merges it) dropped; dates (YAML 1.1 timestamps) -> YYYY-MM-DD.
 */
function normalize(raw: unknown): unknown {
  if (raw === null || raw === undefined) return {};
  const plain = dates(raw);
  if (plain !== null && typeof plain === "object" && !Array.isArray(plain) && "_extends" in plain) {
    const { _extends: _, ...rest } = plain as Record<string, unknown>;
    return rest;
  }
  return plain;
}

function dates(value: unknown, depth = 0): unknown {
  if (depth > 64) return value; // deeper than any config; zod reports what is wrong there
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) return String(value);
    const iso = value.toISOString();
    return iso.endsWith("T00:00:00.000Z") ? iso.slice(0, 10) : iso;
  }
  if (Array.isArray(value)) return value.map((v) => dates(v, depth + 1));
  if (value !== null && typeof value === "object" && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, dates(v, depth + 1)]));
  }
  return value;
}

function unknownKeyMessage(key: string, known: readonly string[]): string {
  const suggestion = didYouMean(key, known);
  if (suggestion !== "") return `unknown key \`${key}\`${suggestion}`;
  if (known.length > 0) return `unknown key \`${key}\` (expected one of: ${known.join(", ")})`;
  return `unknown key \`${key}\``;
}

/** The keys a strict object allows at a path of the config schema. */
function keysAt(segments: readonly Segment[]): string[] {
  let schema: z.ZodType | undefined = unwrap(configSchema);
  for (const seg of segments) {
    if (schema instanceof z.ZodObject) schema = (schema.shape as Record<string, z.ZodType>)[String(seg)];
    else if (schema instanceof z.ZodRecord) schema = schema.valueType as z.ZodType;
    else if (schema instanceof z.ZodArray) schema = schema.element as z.ZodType;
    else return [];
    schema = schema === undefined ? undefined : unwrap(schema);
  }
  return schema instanceof z.ZodObject ? Object.keys(schema.shape) : [];
}

function unwrap(schema: z.ZodType): z.ZodType {
  let s: z.ZodType = schema;
  for (;;) {
    if (s instanceof z.ZodOptional || s instanceof z.ZodNullable || s instanceof z.ZodDefault || s instanceof z.ZodPrefault) s = s.unwrap() as z.ZodType;
    else if (s instanceof z.ZodPipe) s = s.in as z.ZodType;
    else return s;
  }
}

const TYPE_NAMES: Record<string, string> = {
  string: "a string",
  number: "a number",
  int: "a whole number",
  boolean: "true or false",
  object: "a map of keys and values",
  array: "a list",
  null: "nothing (null)",
  date: "a date",
};

const typeName = (expected: string) => TYPE_NAMES[expected] ?? expected;

function values(list: readonly unknown[]): string {
  return list.map((v) => (typeof v === "string" ? v : JSON.stringify(v))).join(", ");
}

function got(input: unknown): string {
  return `, got ${describeInput(input)}`;
}

function sized(input: unknown): string {
  if (typeof input === "string") return `, got ${describeInput(input)} (${input.length} characters)`;
  if (Array.isArray(input)) return input.length === 0 ? ", got an empty list" : `, got ${input.length} items`;
  return got(input);
}

/**
 * Words for zod's built-in checks: what was expected, and what was found.
 * Messages written in the schema win over these.
 */
const errorMap: z.core.$ZodErrorMap = (issue) => {
  const missing = issue.input === undefined;
  switch (issue.code) {
    case "invalid_type": {
      const name = typeName(issue.expected);
      if (missing) return `missing, expected ${name}`;
      if (issue.expected === "number" && typeof issue.input === "number") return `expected a finite number${got(issue.input)}`;
      return `expected ${name}${got(issue.input)}`;
    }
    case "invalid_value": {
      const expectation = issue.values.length === 1 ? `expected ${values(issue.values)}` : `expected one of ${values(issue.values)}`;
      if (missing) return `missing, ${expectation}`;
      const strings = issue.values.filter((v): v is string => typeof v === "string");
      return `${expectation}${got(issue.input)}${typeof issue.input === "string" ? didYouMean(issue.input, strings) : ""}`;
    }
    case "too_small": {
      const min = Number(issue.minimum);
      if (issue.origin === "string") return `${min <= 1 ? "expected a non-empty string" : `expected at least ${min} characters`}${sized(issue.input)}`;
      if (issue.origin === "array" || issue.origin === "set") return `expected at least ${min} item${min === 1 ? "" : "s"}${sized(issue.input)}`;
      return `expected a number ${issue.inclusive ? `of at least ${min}` : `greater than ${min}`}${got(issue.input)}`;
    }
    case "too_big": {
      const max = Number(issue.maximum);
      if (issue.origin === "string") return `expected at most ${max} characters${sized(issue.input)}`;
      if (issue.origin === "array" || issue.origin === "set") return `expected at most ${max} items${sized(issue.input)}`;
      return `expected a number ${issue.inclusive ? `of at most ${max}` : `less than ${max}`}${got(issue.input)}`;
    }
    case "invalid_format":
      return issue.format === "regex" && issue.pattern !== undefined
        ? `expected a string matching ${issue.pattern}${got(issue.input)}`
        : `expected a valid ${issue.format}${got(issue.input)}`;
    case "not_multiple_of":
      return `expected a multiple of ${String(issue.divisor)}${got(issue.input)}`;
    case "unrecognized_keys":
      return `unknown key${issue.keys.length === 1 ? "" : "s"} ${issue.keys.map((k) => `\`${k}\``).join(", ")}`;
    case "invalid_key": {
      const inner = issue.issues.map((i) => i.message).filter((m) => m !== "");
      return inner.length > 0 ? inner.join("; ") : `expected a valid key${got(issue.input)}`;
    }
    case "invalid_union": {
      if (missing) return `missing, expected ${unionExpectation(issue.errors) ?? "a value"}`;
      return `expected ${unionExpectation(issue.errors) ?? "one of the allowed forms"}${got(issue.input)}`;
    }
    case "invalid_element":
      return `expected a valid entry${got(issue.input)}`;
    case "custom":
      return `expected a valid value${got(issue.input)}`;
    default:
      return undefined;
  }
};

/** "a string or a number", "one of 1, 2, -1": when every branch failed at its root on a type or value. */
function unionExpectation(errors: ReadonlyArray<ReadonlyArray<z.core.$ZodIssue>>): string | undefined {
  const types: string[] = [];
  const vals: unknown[] = [];
  for (const branch of errors) {
    const first = branch[0];
    if (branch.length !== 1 || first === undefined || first.path.length > 0) return undefined;
    if (first.code === "invalid_type") types.push(typeName(first.expected));
    else if (first.code === "invalid_value") vals.push(...first.values);
    else return undefined;
  }
  const parts = [...new Set(types)];
  if (vals.length > 0) parts.push(vals.length === 1 ? values(vals) : `one of ${values(vals)}`);
  if (parts.length === 0) return undefined;
  return parts.length === 1 ? parts[0] : `${parts.slice(0, -1).join(", ")} or ${parts.at(-1)}`;
}

/** Things that are valid but probably not meant. */
function configWarnings(config: DocketConfig): ConfigProblem[] {
  const warnings: ConfigProblem[] = [];
  const owners = new Map<string, string>();
  for (const [id, series] of Object.entries(config.meetings)) {
    // JavaScript lists integer-like keys first, whatever their place in the file: the site, the
    // calendars and every list of series would not follow the file's order.
    if (/^(?:0|[1-9]\d{0,8})$/.test(id)) {
      warnings.push({
        path: formatPath(["meetings", id]),
        message: `an id made only of digits is listed before the other series (on the meetings site too), whatever its place in the file; start it with a letter (e.g. \`y${id}\`) to keep the file's order`,
      });
    }
    const label = seriesLabel(id, series);
    const other = owners.get(label);
    if (other !== undefined) {
      warnings.push({
        path: formatPath(["meetings", id, "label"]),
        message: `label \`${label}\` is also the label of ${other}: its issues would be topics of both`,
      });
    } else owners.set(label, formatPath(["meetings", id]));
    if (!series.event && series["recurring-time"] >= series.duration) {
      warnings.push({
        path: formatPath(["meetings", id, "recurring-time"]),
        message: `the recurring items take the whole meeting (${series["recurring-time"]} of ${series.duration} minutes): no time is left for topics`,
      });
    }
  }
  // A track's label puts topics on the track as a series' label does (an event's own label is then not searched).
  for (const [id, series] of Object.entries(config.meetings)) {
    (series.event?.tracks ?? []).forEach((t, i) => {
      const label = trackLabel(id, t);
      const other = owners.get(label);
      const at = ["meetings", id, "event", "tracks", i];
      if (other !== undefined && other !== formatPath(["meetings", id])) {
        warnings.push({
          path: formatPath(t.label === undefined ? at : [...at, "label"]),
          message: `label \`${label}\` is also the label of ${other}: its issues would be topics of both`,
        });
      } else owners.set(label, formatPath(at));
    });
  }
  if (config.backlog) {
    const other = owners.get(config.backlog.label);
    if (other !== undefined)
      warnings.push({
        path: "backlog.label",
        message: `label \`${config.backlog.label}\` is also the label of ${other}: its issues would be both ideas and topics`,
      });
  }
  return warnings;
}

// ---------------------------------------------------------------------------
// Positions in the YAML text.

function toProblem(l: Located, pos?: { line: number; column: number }): ConfigProblem {
  return { path: formatPath(l.segments), message: l.message, ...(pos ?? {}) };
}

function sortProblems(problems: ConfigProblem[]): ConfigProblem[] {
  return problems
    .map((p, i) => ({ p, i }))
    .sort((a, b) => {
      const la = a.p.line ?? Number.MAX_SAFE_INTEGER;
      const lb = b.p.line ?? Number.MAX_SAFE_INTEGER;
      return la - lb || (a.p.column ?? 0) - (b.p.column ?? 0) || a.i - b.i;
    })
    .map(({ p }) => p);
}

function firstLine(message: string): string {
  return (message.split("\n")[0] ?? "").replace(/ at line \d+, column \d+:?$/, "").trim();
}

function keyText(key: unknown): string {
  if (isScalar(key)) return String(key.value);
  return String(key);
}

type Positioned = { range?: readonly [number, number, number] | null | undefined };
const start = (node: unknown): number | undefined => (node as Positioned | null)?.range?.[0] ?? undefined;

/**
 * Where a problem shows: at the offending value (`at: "value"`), at the key
 * (`at: "key"`, unknown or invalid keys), or — when the path does not exist,
 * a missing key — at the key of the nearest map that does.
 */
function locate(
  doc: Document,
  segments: readonly Segment[],
  at: "value" | "key",
  position: (offset: number) => { line: number; column: number },
): { line: number; column: number } {
  let node: unknown = doc.contents;
  let keyNode: unknown;
  let found = true;
  for (const seg of segments) {
    if (isAlias(node)) node = node.resolve(doc);
    if (isMap(node)) {
      const pair = node.items.find((p) => keyText(p.key) === String(seg));
      if (!pair) {
        found = false;
        break;
      }
      keyNode = pair.key;
      node = pair.value;
    } else if (isSeq(node) && typeof seg === "number" && seg < node.items.length) {
      node = node.items[seg];
      keyNode = node;
    } else {
      found = false;
      break;
    }
  }
  const offset = found
    ? at === "key"
      ? (start(keyNode) ?? start(node))
      : (start(node) ?? start(keyNode))
    : (start(keyNode) ?? start(node) ?? start(doc.contents));
  return position(offset ?? 0);
}

/** The path of the deepest key or item whose text contains an offset (for YAML errors). */
function pathAtOffset(doc: Document, offset: number): Segment[] {
  const path: Segment[] = [];
  const within = (node: unknown) => {
    const r = (node as Positioned | null)?.range;
    return r !== undefined && r !== null && offset >= r[0] && offset <= r[2];
  };
  let node: unknown = doc.contents;
  for (let depth = 0; depth < 100; depth++) {
    if (isMap(node)) {
      let next: unknown;
      for (const pair of node.items) {
        if (within(pair.key)) {
          path.push(keyText(pair.key));
          return path;
        }
        if (within(pair.value)) {
          path.push(keyText(pair.key));
          next = pair.value;
          break;
        }
      }
      if (next === undefined) return path;
      node = next;
    } else if (isSeq(node)) {
      const index = node.items.findIndex((item) => within(item));
      if (index === -1) return path;
      path.push(index);
      node = node.items[index];
    } else return path;
  }
  return path;
}
