/**
 * Slash commands in comments. A command is a line that starts with `/name`;
 * lines inside fenced code blocks and block quotes are not commands (quoting
 * someone's `/agenda` in a reply must not run it again).
 */
import { formatDuration, parseDuration } from "./duration.js";
import { estimateFromLabels } from "./estimate.js";
import { closestMatch } from "./suggest.js";
import { codeSpan } from "../render/escape.js";

export interface CommandLine {
  name: string;
  args: string[];
  /** The text after the command name, trimmed (for free-text commands such as /note). */
  rest: string;
  /** 1-based line number in the comment. */
  line: number;
}

export function parseCommands(body: string): CommandLine[] {
  const out: CommandLine[] = [];
  for (const { text, line } of linesOutsideFences(body)) {
    const m = /^\s{0,3}\/([a-z][a-z-]*)(?:\s+(.*))?$/i.exec(text);
    if (!m) continue;
    const rest = (m[2] ?? "").trim();
    out.push({ name: m[1]!.toLowerCase(), args: rest === "" ? [] : rest.split(/\s+/), rest, line });
  }
  return out;
}

/** The lines of a text that are not in a fenced code block, with their 1-based numbers. */
export function linesOutsideFences(body: string): Array<{ text: string; line: number }> {
  const out: Array<{ text: string; line: number }> = [];
  let fence: string | null = null;
  body.split(/\r\n|\r|\n/).forEach((raw, i) => {
    const fenceMatch = /^\s{0,3}(`{3,}|~{3,})/.exec(raw);
    if (fenceMatch) {
      const marker = fenceMatch[1]!;
      if (fence === null) fence = marker;
      else if (marker[0] === fence[0] && marker.length >= fence.length) fence = null;
      return;
    }
    if (fence === null) out.push({ text: raw, line: i + 1 });
  });
  return out;
}

export type AgendaCommand =
  | { kind: "add"; series: string; minutes: number | null }
  | { kind: "remove"; series: string | null }
  | { kind: "invalid"; message: string };

/** Words a duration may be written with, for suggestions: `15 mintues` -> `15 minutes`. */
const DURATION_UNITS = ["minutes", "hours", "days"];
const ESTIMATE_EXAMPLES = "15m, 1h30m or 15 minutes";

/**
 * An estimate written as one word or several (`15m`, `15 minutes`,
 * `1 hour 30 minutes`), in minutes; or, when it cannot be read, the word
 * that could not be and, if a unit was misspelt, the words corrected.
 */
function readEstimate(words: readonly string[]): { minutes: number } | { word: string; first: boolean; corrected?: string[] } {
  const minutes = parseDuration(words.join(" "));
  if (minutes !== null) return { minutes };
  // The longest start that reads as a duration; the word after it is the one not understood.
  let k = words.length - 1;
  while (k > 0 && parseDuration(words.slice(0, k).join(" ")) === null) k--;
  const word = words[k]!;
  const unit = /[a-z]/i.test(word) ? closestMatch(word.replace(/^\d+(?:\.\d+)?/, ""), DURATION_UNITS) : undefined;
  if (unit !== undefined) {
    const corrected = [...words];
    corrected[k] = `${/^\d+(?:\.\d+)?/.exec(word)?.[0] ?? ""}${unit}`;
    if (parseDuration(corrected.join(" ")) !== null) return { word, first: k === 0, corrected };
  }
  return { word, first: k === 0 };
}

/**
 * `/agenda <series> [estimate]`, `/agenda remove [<series>]`. With exactly one
 * series configured the series may be left out (`/agenda`, `/agenda 15m`). The
 * estimate may be one word or several (`15 minutes`). What cannot be read is
 * named, with the command it probably meant (`/agenda iaass` -> `/agenda iaas`).
 */
export function interpretAgendaCommand(cmd: CommandLine, seriesIds: readonly string[]): AgendaCommand {
  const usage = `Usage: \`/agenda <series> [estimate]\` or \`/agenda remove [<series>]\`; series: ${seriesIds.map((s) => `\`${s}\``).join(", ") || "(none configured)"}.`;
  const args = [...cmd.args];
  const known = (s: string) => seriesIds.includes(s.toLowerCase());
  const only = seriesIds.length === 1 ? seriesIds[0]! : null;
  const invalid = (message: string): AgendaCommand => ({ kind: "invalid", message: `${message} ${usage}` });
  /** The command as written, with the word at `index` replaced. */
  const meant = (index: number, replacement: readonly string[]) =>
    codeSpan(`/${cmd.name} ${[...args.slice(0, index), ...replacement, ...args.slice(index + 1)].join(" ")}`);
  const unknownSeries = (index: number, candidates: readonly string[]) => {
    const word = args[index]!;
    const guess = closestMatch(word, candidates);
    return invalid(`Unknown series ${codeSpan(word)}${guess === undefined ? "" : ` (did you mean ${meant(index, [guess])}?)`}.`);
  };

  if (args[0]?.toLowerCase() === "remove" && !known("remove")) {
    if (args.length > 2) return invalid(`${codeSpan(args[2]!)} is not understood: \`/agenda remove\` takes at most a series.`);
    const series = args[1];
    if (series === undefined) return { kind: "remove", series: null };
    if (!known(series)) return unknownSeries(1, seriesIds);
    return { kind: "remove", series: series.toLowerCase() };
  }

  let series: string | null = null;
  if (args[0] !== undefined && known(args[0])) series = args.shift()!.toLowerCase();
  else if (args[0] !== undefined && closestMatch(args[0], seriesIds) !== undefined) return unknownSeries(0, [...seriesIds, "remove"]);
  else if (only !== null && (args.length === 0 || parseDuration(args[0]!) !== null)) series = only;
  else if (args[0] !== undefined && parseDuration(args[0]) !== null)
    return invalid(`Which series? Name it before the estimate: ${codeSpan(`/agenda <series> ${args.join(" ")}`)}.`);
  else if (args[0] !== undefined) return unknownSeries(0, [...seriesIds, "remove"]);
  else return invalid("Which series?");

  if (args.length === 0) return { kind: "add", series, minutes: null };
  const estimate = readEstimate(args);
  if ("minutes" in estimate) {
    if (estimate.minutes > 0) return { kind: "add", series, minutes: estimate.minutes };
    return invalid(`${codeSpan(args.join(" "))} is no time at all: expected an estimate such as ${ESTIMATE_EXAMPLES}.`);
  }
  const what = estimate.first
    ? `${codeSpan(estimate.word)} is not an estimate such as ${ESTIMATE_EXAMPLES}`
    : `${codeSpan(estimate.word)} in ${codeSpan(args.join(" "))} is not understood: expected an estimate such as ${ESTIMATE_EXAMPLES}`;
  const written = cmd.args.length - args.length; // the series, when it was written
  const hint =
    estimate.corrected === undefined ? "" : ` (did you mean ${codeSpan(`/${cmd.name} ${[...cmd.args.slice(0, written), ...estimate.corrected].join(" ")}`)}?)`;
  return invalid(`${what}${hint}.`);
}

/** Repository roles that may use `/agenda` on other people's issues ("triage or more"). */
const TRIAGE_OR_MORE = new Set(["admin", "maintain", "write", "triage"]);
/** Repository roles that may push to the repository ("write or more"). */
const WRITE_OR_MORE = new Set(["admin", "maintain", "write"]);

type PermissionAnswer = { role_name?: string | null; permission?: string | null };

/**
 * GitHub's permission endpoint answers `role_name` (admin, maintain, write,
 * triage, read, or a custom role's name) and the legacy `permission`
 * (admin, write, read, none). A custom role is trusted as far as its legacy
 * permission says: write or admin.
 */
function hasRole(roles: ReadonlySet<string>, permission: PermissionAnswer): boolean {
  const role = permission.role_name?.toLowerCase();
  if (role && roles.has(role)) return true;
  const legacy = permission.permission?.toLowerCase();
  return legacy === "admin" || legacy === "write";
}

/** Triage permission or more (see `hasRole` for custom roles). */
export function mayTriage(permission: PermissionAnswer): boolean {
  return hasRole(TRIAGE_OR_MORE, permission);
}

/** Write permission or more: maintain and admin too (see `hasRole` for custom roles). */
export function mayWrite(permission: PermissionAnswer): boolean {
  return hasRole(WRITE_OR_MORE, permission);
}

// ---------------------------------------------------------------------------
// Plans: commands decide first, then one function (src/workflows/command-plan.ts) writes.

/** What a comment's commands do, decided before anything is written. */
export interface CommandPlan {
  /** Labels to take off the issue (exact names as the issue has them), then labels to add. */
  removeLabels: string[];
  addLabels: string[];
  /** Comments that are the commands' work (a poll's slots, its result): always posted, in order. */
  posts: string[];
  /** Answers to the person that are not refusals (e.g. why `write-config` could not run while the ranking was posted). */
  replies: string[];
  /**
   * Refusals: a command without the role, a malformed one, one that cannot run (no poll to
   * close, a broken configuration). At most one reply per person per issue per
   * `REFUSAL_WINDOW_MS`, all of one comment's refusals in it; after that a 😕 reaction only.
   */
  refusals: string[];
  /** A 👍 on the comment when it did something and nothing was said. */
  acknowledge: boolean;
  /** A refusal that gets no words at all, only a 😕 on the comment (e.g. a broken configuration, to someone who cannot fix it). */
  quietRefusal: boolean;
  /** Series whose agenda must be rebuilt because a label changed. */
  touched: string[];
}

export const emptyPlan = (): CommandPlan => ({
  removeLabels: [],
  addLabels: [],
  posts: [],
  replies: [],
  refusals: [],
  acknowledge: false,
  quietRefusal: false,
  touched: [],
});

/** One reply per person per issue in this window for refused commands; afterwards a reaction only. */
export const REFUSAL_WINDOW_MS = 60 * 60 * 1000;

/** A refusal reply Docket posted before: to whom, and when (read back from its hidden marker). */
export interface EarlierRefusal {
  to: string;
  at: string;
}

/**
 * Whether a refusal may be answered with a reply: not when Docket already
 * replied to a refusal of the same person on the same issue within the window.
 * Logins compare case-insensitively, as GitHub's do.
 */
export function refusalReplyDue(earlier: readonly EarlierRefusal[], person: string, now: Date, windowMs = REFUSAL_WINDOW_MS): boolean {
  const who = person.toLowerCase();
  const from = now.getTime() - windowMs;
  return !earlier.some((r) => r.to.toLowerCase() === who && Date.parse(r.at) > from);
}

/** The facts `/agenda` decides on; the permission is read only when it matters (`allowed`). */
export interface AgendaInput {
  commands: readonly CommandLine[];
  /** Series ids and their labels, in configuration order; an event with tracks: its tracks' ids and labels (its topics carry those). */
  series: ReadonlyArray<{ id: string; label: string; tracks?: ReadonlyArray<{ id: string; label: string }> | undefined }>;
  estimatePrefix: string;
  /** The issue's labels now. */
  labels: readonly string[];
  /** The comment is on one of Docket's own issues (a meeting or the backlog). */
  isDocketIssue: boolean;
  /** The person is the issue's author or may triage the repository. */
  allowed: boolean;
}

/** The texts `/agenda` says, from src/render (the domain decides which, never how they read). */
export interface AgendaTexts {
  onDocketIssue: string;
  notAllowed: string;
}

/**
 * `/agenda` as a plan: the label changes, the series they touch, the refusals.
 * A command that changes nothing (labels already as asked) adds nothing to the
 * plan: no write, no reply, no reaction.
 */
export function planAgendaCommands(input: AgendaInput, texts: AgendaTexts): CommandPlan {
  const plan = emptyPlan();
  if (input.commands.length === 0) return plan;
  if (input.isDocketIssue) return { ...plan, refusals: [texts.onDocketIssue] };
  if (!input.allowed) return { ...plan, refusals: [texts.notAllowed] };

  const ids = input.series.map((s) => s.id);
  const labelOf = new Map(input.series.map((s) => [s.id, s.label]));
  const prefix = input.estimatePrefix.toLowerCase();
  const original = [...input.labels];
  let labels = [...input.labels];
  const has = (name: string) => labels.some((l) => l.toLowerCase() === name.toLowerCase());
  const drop = (name: string) => (labels = labels.filter((l) => l.toLowerCase() !== name.toLowerCase()));

  for (const written of input.commands) {
    const tracked = trackOfCommand(written, input.series);
    if ("message" in tracked) {
      plan.refusals.push(tracked.message);
      continue;
    }
    const { cmd } = tracked;
    const parsed = interpretAgendaCommand(cmd, ids);
    if (parsed.kind === "invalid") {
      plan.refusals.push(parsed.message);
      continue;
    }
    if (parsed.kind === "add") {
      const label = tracked.labels?.[0] ?? labelOf.get(parsed.series)!;
      const was = labels.join("\n");
      if (!has(label)) labels.push(label);
      if (parsed.minutes !== null) {
        const wanted = `${input.estimatePrefix}${formatDuration(parsed.minutes)}`;
        for (const old of labels.filter((l) => l.toLowerCase().startsWith(prefix) && l.toLowerCase() !== wanted.toLowerCase())) {
          if (estimateFromLabels([old], input.estimatePrefix) === null) continue; // not an estimate label after all
          drop(old);
        }
        if (!has(wanted)) labels.push(wanted);
      }
      if (labels.join("\n") !== was) plan.touched.push(parsed.series);
    } else {
      for (const id of parsed.series === null ? ids : [parsed.series]) {
        const tracks = input.series.find((s) => s.id === id)?.tracks;
        const named = tracked.labels ?? (tracks ? tracks.map((t) => t.label) : [labelOf.get(id)!]);
        if (!named.some(has)) continue;
        for (const label of named) drop(label);
        plan.touched.push(id);
      }
    }
  }

  // The difference between the labels the issue has and the labels it should have: nothing written twice, nothing undone.
  const lower = (list: readonly string[]) => new Set(list.map((l) => l.toLowerCase()));
  const before = lower(original);
  const after = lower(labels);
  plan.removeLabels = original.filter((l) => !after.has(l.toLowerCase()));
  plan.addLabels = labels.filter((l) => !before.has(l.toLowerCase()));
  plan.touched = [...new Set(plan.touched)];
  plan.acknowledge = plan.refusals.length === 0 && (plan.addLabels.length > 0 || plan.removeLabels.length > 0);
  return plan;
}

/**
 * `/agenda <event> <track> [estimate]` and `/agenda remove <event> [<track>]` for an event with
 * tracks: the track's label instead of the series'; the command without the track word goes on to
 * interpretAgendaCommand. An event with tracks named without a track is refused with the forms to
 * use (its topics join through a track's label; two tracks' labels make a joint session).
 */
function trackOfCommand(cmd: CommandLine, series: AgendaInput["series"]): { cmd: CommandLine; labels?: string[] } | { message: string } {
  const at = cmd.args[0]?.toLowerCase() === "remove" && !series.some((s) => s.id === "remove") ? 1 : 0;
  const event = series.find((s) => s.id === cmd.args[at]?.toLowerCase());
  if (!event?.tracks) return { cmd };
  const word = cmd.args[at + 1];
  const track = event.tracks.find((t) => t.id.toLowerCase() === word?.toLowerCase());
  if (track) return { cmd: { ...cmd, args: cmd.args.filter((_, i) => i !== at + 1) }, labels: [track.label] };
  if (at === 1 && word === undefined) return { cmd };
  const ids = event.tracks.map((t) => t.id);
  const guess = word === undefined ? undefined : closestMatch(word, ids);
  const which =
    word === undefined
      ? "Which track?"
      : `Unknown track ${codeSpan(word)}${guess === undefined ? "" : ` (did you mean ${codeSpan(`/${cmd.name} ${[...cmd.args.slice(0, at + 1), guess, ...cmd.args.slice(at + 2)].join(" ")}`)}?)`}.`;
  return {
    message: `${which} \`${event.id}\` has tracks: name one after it, \`/agenda ${event.id} <track> [estimate]\` (twice, for two tracks: a joint session), or \`/agenda remove ${event.id} [<track>]\`; tracks: ${ids.map((t) => `\`${t}\``).join(", ")}.`,
  };
}

/**
 * A command while the configuration has problems: the reply that says so goes
 * only to people who can change the configuration (write permission or more on
 * its repository); anybody else gets a 😕 only, so the reply cannot be farmed
 * by people who could do nothing about it.
 */
export function planConfigProblem(mayFixConfig: boolean, text: string): CommandPlan {
  return mayFixConfig ? { ...emptyPlan(), refusals: [text] } : { ...emptyPlan(), quietRefusal: true };
}

// ---------------------------------------------------------------------------
// /cancel

export type CancelCommand = { kind: "this" } | { kind: "date"; series: string; date: string } | { kind: "invalid"; message: string };

/** The forms `/cancel` takes, named in every answer to a malformed one (and in docs/commands.md). */
export function cancelUsage(seriesIds: readonly string[]): string {
  return `Usage: \`/cancel\` in a meeting issue, or \`/cancel <series> <YYYY-MM-DD>\` in any meeting issue of the series for a date not opened yet; series: ${seriesIds.map((s) => `\`${s}\``).join(", ") || "(none configured)"}.`;
}

/**
 * `/cancel` (the meeting issue the comment is in) or `/cancel <series> <YYYY-MM-DD>` (a date of
 * the series). Whether the date is one of the series' is checked against its schedule by the
 * workflow (src/workflows/cancel.ts); here only the words.
 */
export function interpretCancelCommand(cmd: CommandLine, seriesIds: readonly string[]): CancelCommand {
  const invalid = (message: string): CancelCommand => ({ kind: "invalid", message: `${message} ${cancelUsage(seriesIds)}` });
  const [series, date, ...extra] = cmd.args;
  if (series === undefined) return { kind: "this" };
  if (!seriesIds.includes(series.toLowerCase())) {
    const guess = closestMatch(series, seriesIds);
    return invalid(
      `Unknown series ${codeSpan(series)}${guess === undefined ? "" : ` (did you mean ${codeSpan(`/cancel ${[guess, ...cmd.args.slice(1)].join(" ")}`)}?)`}.`,
    );
  }
  if (date === undefined) return invalid(`Which date? Name it after the series: \`/cancel ${series.toLowerCase()} <YYYY-MM-DD>\`.`);
  if (extra.length > 0) return invalid(`${codeSpan(extra.join(" "))} is not understood: \`/cancel\` takes a series and a date.`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return invalid(`${codeSpan(date)} is not a date written as YYYY-MM-DD.`);
  return { kind: "date", series: series.toLowerCase(), date };
}
