/**
 * Time-slot polls: organisers agree on a time frame ("first half of February,
 * around 09:00 UTC"), Docket posts one comment per candidate day, people vote
 * with 👍, and `/poll close` tallies. Pure: the caller reads the comments and
 * their reactions (GitHub sends no events for reactions) and writes the results.
 *
 * Commands (in a comment, see `parseCommands`):
 * - `/poll slots <from>..<to> <HH:MM> <IANA zone> [weekdays]`, e.g.
 *   `/poll slots 2025-02-03..2025-02-14 09:00 UTC weekdays`;
 * - `/poll close`, or `/poll close write-config [<series>] [<n>d]` to also
 *   propose the chosen dates as a config pull request (`planWriteConfig`).
 * Who may use them (triage or more) is `mayTriage`'s business, not this file's.
 *
 * Decisions:
 * - One candidate slot per day (Saturdays and Sundays left out with
 *   `weekdays`), at the same local time in the poll's zone (`eventDays`: a
 *   time in a DST gap moves forward). At most 31 candidate days (`MAX_SLOTS`):
 *   each is a comment, and GitHub asks for content to be created slowly.
 * - The poll id is the canonical text of its arguments
 *   ("2025-02-03..2025-02-14 09:00 UTC weekdays", `pollId`). It is
 *   deterministic, so a redelivered `/poll slots` finds the comments it already
 *   posted instead of posting them twice, and it carries the whole spec, so
 *   `/poll close` can rebuild it from the slot comments (`pollSpecFromId`).
 *   The same poll opened twice in one issue is the same poll.
 * - Tally: a voter is a login, compared case-insensitively (GitHub logins are)
 *   and counted once per slot. Logins in `exclude` (Docket's own bot) and every
 *   `…[bot]` account are not voters. Ranking: most votes first, ties by date;
 *   tied slots share a rank (1, 1, 3).
 * - `bestRange(tally, n)`: the n consecutive CANDIDATE days (so a weekdays
 *   poll may span a weekend: Friday and Monday are consecutive) with the most
 *   votes in total; ties go to the range more people can attend on every day,
 *   then to the earlier one. Consecutive candidates are exactly what an
 *   `event:` from..to with the poll's `weekdays` covers, so the range can go
 *   into the config unchanged.
 * - `write-config [<series>] [<n>d]`: `<series>` is the id of a series with an
 *   `event:`, and may be left out when exactly one series has one; `<n>d` is
 *   how many consecutive candidate days the event lasts (1 to `MAX_SLOTS`),
 *   by default as many as the series' current event has (`eventDays`). The
 *   chosen dates are `bestRange(tally, n)`; nothing is written when nobody
 *   voted for them. A word that is neither, or either given twice, is a usage
 *   reply. Whether the series exists is `planWriteConfig`'s business (it needs
 *   the config), not the parser's.
 */
import type { SeriesConfig } from "../config/schema.js";
import type { CommandLine } from "./commands.js";
import { formatDuration } from "./duration.js";
import { eventDays, isValidZone } from "./schedule.js";
import { closestMatch, didYouMean } from "./suggest.js";

/** At most this many candidate days (one comment each). */
export const MAX_SLOTS = 31;

export interface PollSpec {
  /** First candidate day, YYYY-MM-DD. */
  from: string;
  /** Last candidate day, YYYY-MM-DD (inclusive). */
  to: string;
  /** Local start time, "HH:MM" (24-hour). */
  time: string;
  /** IANA zone. */
  timezone: string;
  /** Monday to Friday only. */
  weekdays: boolean;
}

export interface PollSlot {
  /** The poll it belongs to (`pollId`). */
  poll: string;
  /** 0-based index among the poll's candidate days. */
  index: number;
  /** Local date, YYYY-MM-DD. */
  date: string;
  /** Start instant with the local offset, e.g. 2025-02-03T09:00:00.000Z. */
  start: string;
  timezone: string;
}

/** `/poll close write-config [<series>] [<n>d]`: null where left out. */
export interface WriteConfigRequest {
  series: string | null;
  days: number | null;
}

export type PollCommand =
  | { kind: "open"; spec: PollSpec; id: string; slots: PollSlot[] }
  | { kind: "close"; writeConfig: WriteConfigRequest | null }
  | { kind: "invalid"; message: string };

export const POLL_USAGE =
  "Usage: `/poll slots <from>..<to> <HH:MM> <time zone> [weekdays]` (e.g. `/poll slots 2025-02-03..2025-02-14 09:00 UTC weekdays`), `/poll close` or `/poll close write-config [<series>] [<n>d]` (e.g. `/poll close write-config meetup-2025 3d`).";

const DATE = /^\d{4}-\d{2}-\d{2}$/;

function validDate(text: string): boolean {
  if (!DATE.test(text)) return false;
  const [y, m, d] = text.split("-").map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

let zoneNames: readonly string[] | undefined;

function timeZoneNames(): readonly string[] {
  zoneNames ??= ["UTC", ...(typeof Intl.supportedValuesOf === "function" ? Intl.supportedValuesOf("timeZone") : [])];
  return zoneNames;
}

/** A zone as IANA spells it when only the case differs (`europe/berlin` -> `Europe/Berlin`); otherwise as written. */
function zoneSpelling(zone: string): string {
  const lower = zone.toLowerCase();
  return timeZoneNames().find((z) => z.toLowerCase() === lower) ?? zone;
}

/** Checks a spec; returns a message for people, or null when it is usable. */
export function validatePollSpec(spec: PollSpec): string | null {
  if (!validDate(spec.from)) return `\`${spec.from}\` is not a date: expected YYYY-MM-DD, such as 2025-02-03.`;
  if (!validDate(spec.to)) return `\`${spec.to}\` is not a date: expected YYYY-MM-DD, such as 2025-02-14.`;
  if (spec.to < spec.from) return `The range ends (${spec.to}) before it starts (${spec.from}).`;
  if (!/^([01]\d|2[0-3]):[0-5]\d$/.test(spec.time)) return `\`${spec.time}\` is not a time of day: expected HH:MM (24-hour), such as 09:00.`;
  if (!isValidZone(spec.timezone))
    return `\`${spec.timezone}\` is not a time zone: expected an IANA name such as UTC or Europe/Berlin${didYouMean(spec.timezone, timeZoneNames())}.`;
  const days = countDays(spec);
  if (days === 0) return `${spec.from}..${spec.to} has no weekdays: leave out \`weekdays\` or widen the range.`;
  if (days > MAX_SLOTS) return `${spec.from}..${spec.to} has ${days} candidate days; a poll takes at most ${MAX_SLOTS} (one comment each).`;
  return null;
}

/** Candidate days of a spec whose dates are valid, without building them (a typo could ask for centuries). */
function countDays(spec: PollSpec): number {
  const from = Date.parse(`${spec.from}T00:00:00Z`);
  const to = Date.parse(`${spec.to}T00:00:00Z`);
  const total = Math.round((to - from) / 86_400_000) + 1;
  if (!spec.weekdays) return total;
  // Whole weeks have 5 weekdays each; walk the remainder.
  let n = Math.floor(total / 7) * 5;
  const firstDow = new Date(from).getUTCDay();
  for (let i = 0; i < total % 7; i++) {
    const dow = (firstDow + i) % 7;
    if (dow !== 0 && dow !== 6) n++;
  }
  return n;
}

/** The canonical text of a spec, used as the poll's id: "2025-02-03..2025-02-14 09:00 UTC weekdays". */
export function pollId(spec: PollSpec): string {
  return `${spec.from}..${spec.to} ${spec.time} ${spec.timezone}${spec.weekdays ? " weekdays" : ""}`;
}

/** Reads the arguments after `/poll slots` into a spec, or returns a message for people. */
export function parsePollSlots(args: readonly string[]): PollSpec | string {
  const [range, time, zone, ...rest] = args;
  if (range === undefined) return `Which days? ${POLL_USAGE}`;
  const m = /^([^.]*)\.\.([^.]*)$/.exec(range);
  if (!m) return `\`${range}\` is not a range of days: expected <from>..<to>, such as 2025-02-03..2025-02-14.`;
  if (time === undefined) return `At what time? ${POLL_USAGE}`;
  if (zone === undefined) return `In which time zone? ${POLL_USAGE}`;
  let weekdays = false;
  for (const word of rest) {
    if (/^weekdays?$/i.test(word) && !weekdays) weekdays = true;
    else return `\`${word}\` is not understood here: the only option is \`weekdays\`. ${POLL_USAGE}`;
  }
  const spec: PollSpec = { from: m[1]!, to: m[2]!, time: /^\d:\d\d$/.test(time) ? `0${time}` : time, timezone: zoneSpelling(zone), weekdays };
  return validatePollSpec(spec) ?? spec;
}

/** The spec a poll id stands for; null when the text is not a poll id. */
export function pollSpecFromId(id: string): PollSpec | null {
  const spec = parsePollSlots(id.split(" "));
  return typeof spec === "string" || pollId(spec) !== id ? null : spec;
}

/** The words after `/poll close write-config`: `[<series>] [<n>d]`, in either order; `3 days` reads as `3d`. */
function parseWriteConfig(args: readonly string[]): WriteConfigRequest | string {
  const request: WriteConfigRequest = { series: null, days: null };
  const words: string[] = [];
  for (const word of args) {
    if (/^d(ays?)?$/i.test(word) && /^\d+$/.test(words.at(-1) ?? "")) words.push(`${words.pop()!}d`);
    else words.push(word.replace(/^(\d+)days?$/i, "$1d"));
  }
  for (const word of words) {
    const days = /^(\d+)d$/i.exec(word);
    if (days !== null && request.days === null) {
      const n = Number(days[1]);
      if (n < 1 || n > MAX_SLOTS)
        return `\`${word}\`: an event lasts 1 to ${MAX_SLOTS} days here (a poll has at most ${MAX_SLOTS} candidate days). ${POLL_USAGE}`;
      request.days = n;
    } else if (days === null && request.series === null) {
      request.series = word;
    } else {
      return `\`${word}\` is not understood here: \`write-config\` takes a series and a number of days such as \`3d\`, each at most once. ${POLL_USAGE}`;
    }
  }
  return request;
}

/**
 * `/poll slots …` and `/poll close [write-config [<series>] [<n>d]]`. Words are
 * case-insensitive; a time zone is spelled as IANA does (`europe/berlin`
 * becomes `Europe/Berlin`).
 */
export function parsePollCommand(cmd: CommandLine): PollCommand {
  const [sub, ...args] = cmd.args;
  switch (sub?.toLowerCase()) {
    case "slots": {
      const spec = parsePollSlots(args);
      if (typeof spec === "string") return { kind: "invalid", message: spec };
      return { kind: "open", spec, id: pollId(spec), slots: candidateSlots(spec) };
    }
    case "close": {
      const [first, ...rest] = args;
      if (first === undefined) return { kind: "close", writeConfig: null };
      if (first.toLowerCase() !== "write-config") {
        const meant = closestMatch(first, ["write-config"]) === undefined ? "" : ` (did you mean \`${["/poll close write-config", ...rest].join(" ")}\`?)`;
        return { kind: "invalid", message: `\`/poll close\` takes nothing or \`write-config\`, got \`${args.join(" ")}\`${meant}. ${POLL_USAGE}` };
      }
      const request = parseWriteConfig(rest);
      return typeof request === "string" ? { kind: "invalid", message: request } : { kind: "close", writeConfig: request };
    }
    case undefined:
      return { kind: "invalid", message: `Open or close a poll? ${POLL_USAGE}` };
    default: {
      const meant = closestMatch(sub ?? "", ["slots", "close"]);
      const hint = meant === undefined ? "" : ` (did you mean \`${["/poll", meant, ...args].join(" ")}\`?)`;
      return { kind: "invalid", message: `\`${sub}\` is not a poll command${hint}. ${POLL_USAGE}` };
    }
  }
}

/** One slot per candidate day, at the spec's local time in its zone. Throws on a spec `validatePollSpec` rejects. */
export function candidateSlots(spec: PollSpec): PollSlot[] {
  const problem = validatePollSpec(spec);
  if (problem !== null) throw new Error(problem);
  const poll = pollId(spec);
  return eventDays({ from: spec.from, to: spec.to, weekdays: spec.weekdays, start: spec.time, timezone: spec.timezone }).map((d) => ({
    poll,
    index: d.index,
    date: d.date,
    start: d.start,
    timezone: spec.timezone,
  }));
}

// ---------------------------------------------------------------------------
// Tally

export interface SlotVotes {
  slot: PollSlot;
  /** Logins of the people who reacted 👍 (as read; duplicates and bots allowed). */
  voters: readonly (string | null)[];
}

export interface SlotTally {
  slot: PollSlot;
  votes: number;
  /** Distinct voters, in alphabetical order (case-insensitive). */
  voters: string[];
  /** 1-based; tied slots share a rank. */
  rank: number;
}

export interface PollTally {
  poll: string;
  /** By votes (descending), then date. */
  ranking: SlotTally[];
  /** Everybody who voted for any slot, alphabetical. */
  voters: string[];
}

export interface TallyOptions {
  /** Logins whose reactions do not count (Docket's own bot); `…[bot]` accounts never count. */
  exclude?: readonly string[];
}

function compareLogins(a: string, b: string): number {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  return x < y ? -1 : x > y ? 1 : 0;
}

function distinctVoters(voters: readonly (string | null)[], excluded: ReadonlySet<string>): string[] {
  const seen = new Map<string, string>();
  for (const login of voters) {
    if (login === null || login.trim() === "") continue;
    const key = login.toLowerCase();
    if (excluded.has(key) || key.endsWith("[bot]") || seen.has(key)) continue;
    seen.set(key, login);
  }
  return [...seen.values()].sort(compareLogins);
}

/** Counts the 👍 per slot; throws when the slots belong to different polls or a date is listed twice. */
export function tallyPoll(slots: readonly SlotVotes[], options: TallyOptions = {}): PollTally {
  const excluded = new Set((options.exclude ?? []).map((l) => l.toLowerCase()));
  const polls = new Set(slots.map((s) => s.slot.poll));
  if (polls.size > 1) throw new Error(`expected the slots of one poll, got ${polls.size}: ${[...polls].join("; ")}`);
  const dates = new Set<string>();
  for (const s of slots) {
    if (dates.has(s.slot.date)) throw new Error(`slot ${s.slot.date} is listed twice`);
    dates.add(s.slot.date);
  }
  const counted = slots.map((s) => {
    const voters = distinctVoters(s.voters, excluded);
    return { slot: s.slot, votes: voters.length, voters, rank: 0 };
  });
  const ranking = [...counted].sort((a, b) => b.votes - a.votes || (a.slot.date < b.slot.date ? -1 : a.slot.date > b.slot.date ? 1 : 0));
  ranking.forEach((t, i) => {
    const previous = ranking[i - 1];
    t.rank = previous !== undefined && previous.votes === t.votes ? previous.rank : i + 1;
  });
  const everybody = distinctVoters(
    counted.flatMap((t) => t.voters),
    excluded,
  );
  return { poll: [...polls][0] ?? "", ranking, voters: everybody };
}

export interface PollRange {
  /** First and last day, YYYY-MM-DD. */
  from: string;
  to: string;
  /** The candidate days of the range, in date order. */
  slots: SlotTally[];
  /** Votes over the range. */
  votes: number;
  /** The people who voted for every day of the range, alphabetical. */
  everyDay: string[];
}

/**
 * The `days` consecutive candidate days with the most votes in total (see the
 * file comment for ties); null when the poll has fewer candidate days.
 */
export function bestRange(tally: PollTally, days: number): PollRange | null {
  if (!Number.isInteger(days) || days < 1) throw new Error(`expected a whole number of days of at least 1, got ${days}`);
  const byDate = [...tally.ranking].sort((a, b) => a.slot.index - b.slot.index || (a.slot.date < b.slot.date ? -1 : 1));
  let best: PollRange | null = null;
  for (let i = 0; i + days <= byDate.length; i++) {
    const slots = byDate.slice(i, i + days);
    const votes = slots.reduce((sum, s) => sum + s.votes, 0);
    const [firstDay, ...others] = slots;
    const everyDay = firstDay!.voters.filter((v) => others.every((s) => s.voters.some((w) => w.toLowerCase() === v.toLowerCase())));
    if (best === null || votes > best.votes || (votes === best.votes && everyDay.length > best.everyDay.length)) {
      best = { from: firstDay!.slot.date, to: slots.at(-1)!.slot.date, slots, votes, everyDay };
    }
  }
  return best;
}

// ---------------------------------------------------------------------------
// Into the config

/** The `event:` of a series, as the config schema spells it (kebab-case keys). */
export interface EventFromPoll {
  from: string;
  to: string;
  weekdays: boolean;
  start: string;
  timezone: string;
  /** Minutes; left out when not given. */
  "daily-budget"?: number;
}

/** The `event:` for the chosen days (`bestRange`, or any from..to among the candidates). */
export function eventFromPoll(spec: PollSpec, chosen: Pick<PollRange, "from" | "to">, dailyBudget?: number): EventFromPoll {
  if (chosen.from > chosen.to) throw new Error(`expected the chosen range to start (${chosen.from}) on or before its end (${chosen.to})`);
  if (chosen.from < spec.from || chosen.to > spec.to)
    throw new Error(`expected the chosen days ${chosen.from}..${chosen.to} within the poll's ${spec.from}..${spec.to}`);
  return {
    from: chosen.from,
    to: chosen.to,
    weekdays: spec.weekdays,
    start: spec.time,
    timezone: spec.timezone,
    ...(dailyBudget !== undefined ? { "daily-budget": dailyBudget } : {}),
  };
}

/**
 * The `event:` block as YAML for the config pull request, e.g.
 *
 * ```yaml
 * event:
 *   from: 2025-02-04
 *   to: 2025-02-06
 *   weekdays: true
 *   start: "09:00"
 *   timezone: UTC
 *   daily-budget: 2h30m
 * ```
 *
 * The time is quoted (YAML 1.1 would read 09:00 as a number); `indent`
 * spaces go before every line, to place the block under its series.
 * Without `dailyBudget` the line is left out: merge it into an event that has one.
 */
export function eventConfigFromPoll(spec: PollSpec, chosen: Pick<PollRange, "from" | "to">, dailyBudget?: number, indent = 0): string {
  return eventYaml(eventFromPoll(spec, chosen, dailyBudget), indent);
}

/** An `event:` as the YAML block `eventConfigFromPoll` shows. */
export function eventYaml(event: EventFromPoll, indent = 0): string {
  const pad = " ".repeat(indent);
  const lines = [
    "event:",
    `  from: ${event.from}`,
    `  to: ${event.to}`,
    `  weekdays: ${event.weekdays}`,
    `  start: "${event.start}"`,
    `  timezone: ${event.timezone}`,
    ...(event["daily-budget"] !== undefined ? [`  daily-budget: ${formatDuration(event["daily-budget"])}`] : []),
  ];
  return `${lines.map((l) => pad + l).join("\n")}\n`;
}

/** A series as `planWriteConfig` needs it. */
export type EventSeries = Pick<SeriesConfig, "title" | "event">;

/** What `/poll close write-config` writes: the series, the chosen range, and its new `event:`. */
export interface WriteConfigPlan {
  series: string;
  title: string;
  /** Consecutive candidate days asked for (or the current event's length). */
  days: number;
  range: PollRange;
  event: EventFromPoll;
}

/**
 * Which series `write-config` writes and which days (see the file comment), or
 * a problem for people: no such series, not an event, several events and none
 * named, more days than the poll has, nobody voted.
 */
export function planWriteConfig(
  meetings: Readonly<Record<string, EventSeries>>,
  request: WriteConfigRequest,
  tally: PollTally,
): WriteConfigPlan | { problem: string } {
  const spec = pollSpecFromId(tally.poll);
  if (spec === null) return { problem: `the poll \`${tally.poll}\` cannot be read back` };
  const ids = Object.keys(meetings);
  const events = ids.filter((id) => meetings[id]!.event !== undefined);
  const list = events.map((id) => `\`${id}\``).join(", ");
  let id: string;
  if (request.series === null) {
    if (events.length === 0) return { problem: "no series in the configuration has an `event:`, so there are no dates to write" };
    if (events.length > 1) return { problem: `which series? Name one: \`/poll close write-config <series>\`, with <series> one of ${list}` };
    id = events[0]!;
  } else {
    const wanted = request.series.toLowerCase();
    const found = ids.find((s) => s.toLowerCase() === wanted);
    if (found === undefined) {
      const guess = closestMatch(request.series, events);
      return {
        problem: `there is no series \`${request.series}\`${guess === undefined ? "" : ` (did you mean \`${guess}\`?)`}; series with an \`event:\`: ${list || "none"}`,
      };
    }
    id = found;
  }
  const series = meetings[id]!;
  if (series.event === undefined) return { problem: `the series \`${id}\` is not an event (it has no \`event:\`); series with one: ${list || "none"}` };
  const days = request.days ?? eventDays(series.event).length;
  const range = bestRange(tally, days);
  if (range === null) {
    return {
      problem: `the event lasts ${days} days but the poll has only ${tally.ranking.length} candidate days; say how many with \`/poll close write-config ${id} <n>d\``,
    };
  }
  if (range.votes === 0) return { problem: "nobody voted yet, so there are no dates to choose" };
  return { series: id, title: series.title, days, range, event: eventFromPoll(spec, range, series.event["daily-budget"]) };
}
