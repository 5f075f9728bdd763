/**
 * The comments of a time-slot poll: one per candidate slot (people vote with
 * 👍 on it) and the result. Each carries a hidden marker so a later job finds
 * them again: `<!-- docket:poll-slot {"poll":"<id>","date":"YYYY-MM-DD"} -->`
 * and `<!-- docket:poll-result {"poll":"<id>"} -->`. The poll id is the
 * poll's canonical spec (see domain/poll.ts), so a slot comment alone is
 * enough to rebuild its slot.
 *
 * `/poll close write-config` adds to the result what became of the chosen
 * dates (`ConfigChange`: the pull request, already in the config, or the YAML
 * to paste and why), and its pull request is `configPullRequest`. Both texts
 * depend only on the poll and the pull request, so a rerun writes the very
 * same text and the result is not posted twice.
 */
import { bodyFits } from "../domain/limits.js";
import { formatDuration } from "../domain/duration.js";
import { candidateSlots, eventYaml, pollSpecFromId, type PollRange, type PollSlot, type PollTally, type WriteConfigPlan } from "../domain/poll.js";
import { utcLink } from "./calendar.js";
import { codeSpan, hiddenJson, inline, link, linkMarkdown, oneLine, readHiddenJson, truncate } from "./escape.js";
import { GITHUB, clock, dayRange, longDate, userLink, zoned } from "./format.js";
import { whereLine } from "./meeting-template.js";

export const SLOT_TAG = "poll-slot";
export const RESULT_TAG = "poll-result";

/**
 * "Monday, 3 February 2025, 09:00 UTC", or "Monday, 3 February 2025, 09:00
 * Europe/Berlin (08:00 UTC)" in another zone (with the UTC date when it differs).
 */
export function slotWhen(slot: Pick<PollSlot, "start" | "timezone">): string {
  const local = zoned(slot.start, slot.timezone);
  const zone = local.zoneName ?? slot.timezone;
  const text = `${longDate(local)}, ${clock(local)} ${inline(zone, 64)}`;
  if (local.offset === 0 && /^(UTC|Etc\/UTC)$/i.test(zone)) return text;
  const utc = local.toUTC();
  const utcDate = utc.toISODate() === local.toISODate() ? "" : ` on ${utc.toFormat("d LLLL")}`;
  return `${text} (${clock(utc)} UTC${utcDate})`;
}

/**
 * The comment Docket posts for one candidate slot: the marker, the question,
 * and a line with the slot's number, the poll and a link to the time in the
 * reader's zone. `total` is the number of slots of the poll.
 */
export function slotComment(slot: PollSlot, total: number): string {
  return [
    hiddenJson(SLOT_TAG, { poll: slot.poll, date: slot.date }),
    `👍 this comment if **${slotWhen(slot)}** suits you.`,
    "",
    `<sub>Slot ${slot.index + 1} of ${total} of the poll ${codeSpan(slot.poll)} · ${linkMarkdown("in your time zone", utcLink(slot))}</sub>`,
  ].join("\n");
}

/**
 * The slot a comment stands for, rebuilt from its marker (exactly as
 * `candidateSlots` makes it); null when the comment has no marker, the marker
 * is garbage, or its date is not a candidate of its poll. Never throws.
 */
export function readSlotComment(body: string | null | undefined): PollSlot | null {
  const value = readHiddenJson(body, SLOT_TAG);
  if (value === null || typeof value.poll !== "string" || typeof value.date !== "string") return null;
  const spec = pollSpecFromId(value.poll);
  if (spec === null) return null;
  return candidateSlots(spec).find((s) => s.date === value.date) ?? null;
}

/** The poll id of a result comment, or null. Never throws. */
export function readPollResult(body: string | null | undefined): string | null {
  const value = readHiddenJson(body, RESULT_TAG);
  return value !== null && typeof value.poll === "string" && value.poll !== "" ? value.poll : null;
}

export interface PollResultOptions {
  /** The best run of consecutive days (`bestRange`), shown under the table. */
  range?: PollRange | null;
  /** Web URL of the GitHub server, for profile links; default https://github.com. */
  serverUrl?: string;
  /** The daily time people agreed on, for the range line (minutes). */
  dailyBudget?: number;
  /** What `write-config` did with the chosen dates (shown after the range). */
  configChange?: ConfigChange;
  /** Where the series of `write-config` meets (config/load.ts meetingPlace): its **Where:** line, after the range. */
  place?: { location?: string | undefined; joinUrl?: string | undefined };
}

/** What became of the chosen dates of `/poll close write-config`. */
export type ConfigChange =
  | { kind: "pull-request"; plan: WriteConfigPlan; repository: string; path: string; url: string; number: number | null }
  | { kind: "up-to-date"; plan: WriteConfigPlan; repository: string; path: string; url: string }
  | { kind: "paste"; plan: WriteConfigPlan; repository: string; path: string; reason: string };

function people(n: number): string {
  return n === 1 ? "1 person" : `${n} people`;
}

function rangeLine(range: PollRange, dailyBudget: number | undefined, serverUrl: string): string {
  const first = range.slots[0];
  const last = range.slots.at(-1);
  const span =
    first === undefined || last === undefined
      ? `${range.from} to ${range.to}`
      : first.slot.date === last.slot.date
        ? longDate(zoned(first.slot.start, first.slot.timezone))
        : dayRange(zoned(first.slot.start, first.slot.timezone), zoned(last.slot.start, last.slot.timezone));
  const days = range.slots.length === 1 ? "day" : `${range.slots.length} consecutive days`;
  const budget = dailyBudget === undefined ? "" : `, ${formatDuration(dailyBudget)} a day`;
  const votes = range.votes === 1 ? "1 vote" : `${range.votes} votes`;
  const every =
    range.slots.length === 1
      ? ""
      : range.everyDay.length === 0
        ? "; nobody can come on every day"
        : `; ${people(range.everyDay.length)} can come on every day: ${range.everyDay.map((l) => userLink(l, serverUrl)).join(", ")}`;
  return `**Best ${days}${budget}:** ${span} (${votes}${every}).`;
}

/**
 * The result comment: the marker, who voted, the ranking as a table (rank,
 * slot, 👍, voters as profile links that ping nobody) and, when given, the
 * best run of consecutive days.
 */
export function pollResultComment(tally: PollTally, options: PollResultOptions = {}): string {
  const full = resultComment(tally, options, Number.POSITIVE_INFINITY);
  if (bodyFits(full)) return full;
  // Too long for GitHub (31 slots with 100 voters each): name the first voters of each slot, count the rest.
  let lo = 0;
  let hi = Math.max(0, ...tally.ranking.map((t) => t.voters.length));
  let best = resultComment(tally, options, 0);
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    const text = resultComment(tally, options, mid);
    if (bodyFits(text)) {
      lo = mid;
      best = text;
    } else hi = mid;
  }
  return best;
}

function votersCell(voters: readonly (string | null)[], named: number, serverUrl: string): string {
  const shown = voters.slice(0, named).map((l) => userLink(l, serverUrl));
  const rest = voters.length - shown.length;
  if (rest === 0) return shown.join(", ");
  return shown.length === 0 ? people(rest) : `${shown.join(", ")} and ${rest} more`;
}

function resultComment(tally: PollTally, options: PollResultOptions, named: number): string {
  const serverUrl = options.serverUrl ?? GITHUB;
  const blocks = [`${hiddenJson(RESULT_TAG, { poll: tally.poll })}\n### Poll result for ${codeSpan(tally.poll)}`];
  const slots = tally.ranking.length === 1 ? "1 slot" : `${tally.ranking.length} slots`;
  blocks.push(tally.voters.length === 0 ? `Nobody voted on the ${slots}.` : `${people(tally.voters.length)} voted on ${slots}.`);
  if (tally.ranking.length > 0) {
    const rows = tally.ranking.map((t) => `| ${t.rank} | ${slotWhen(t.slot)} | ${t.votes} | ${votersCell(t.voters, named, serverUrl)} |`);
    blocks.push(["| Rank | Slot | 👍 | Who |", "| -: | --- | -: | --- |", ...rows].join("\n"));
  }
  if (options.range) blocks.push(rangeLine(options.range, options.dailyBudget, serverUrl));
  const where = options.place === undefined ? "" : whereLine(options.place);
  if (where !== "") blocks.push(where);
  if (options.configChange) blocks.push(configChangeText(options.configChange));
  return blocks.join("\n\n");
}

function seriesName(plan: WriteConfigPlan): string {
  return `${codeSpan(plan.series)} (${inline(plan.title)})`;
}

function configChangeText(change: ConfigChange): string {
  const { plan } = change;
  const dates = `${plan.range.from}..${plan.range.to}`;
  const file = `${codeSpan(change.path)} in ${inline(change.repository, 140)}`;
  switch (change.kind) {
    case "pull-request": {
      const name = change.number === null ? "a pull request" : `${inline(change.repository, 140)}#${change.number}`;
      return `These dates (${dates}) for ${seriesName(plan)} are proposed in ${linkMarkdown(name, change.url)}: merging it changes the event in ${file}.`;
    }
    case "up-to-date":
      return `${link(change.path, change.url)} in ${inline(change.repository, 140)} already has these dates (${dates}) for ${seriesName(plan)}.`;
    case "paste":
      return [
        `Docket could not propose these dates as a pull request: ${inline(change.reason, 600)}. Put this under ${codeSpan(`meetings.${plan.series}`)} in ${file}, in place of its ${codeSpan("event:")}:`,
        "",
        "```yaml",
        eventYaml(plan.event).trimEnd(),
        "```",
      ].join("\n");
  }
}

/**
 * The pull request of `/poll close write-config`: title, body (the poll, why
 * these days, the new `event:` and the 👍 per candidate day) and commit message.
 * `poll` is the poll's issue, as "owner/repo#number" and its web URL.
 */
export function configPullRequest(
  plan: WriteConfigPlan,
  tally: PollTally,
  poll: { ref: string; url: string },
  serverUrl: string = GITHUB,
): { title: string; body: string; message: string } {
  const dates = `${plan.range.from}..${plan.range.to}`;
  const byDate = [...tally.ranking].sort((a, b) => a.slot.index - b.slot.index);
  const body = [
    `The poll ${codeSpan(tally.poll)} in ${link(poll.ref, poll.url)} chose these dates for ${seriesName(plan)}.`,
    rangeLine(plan.range, plan.event["daily-budget"], serverUrl),
    `This sets ${codeSpan(`meetings.${plan.series}.event`)} to:`,
    ["```yaml", eventYaml(plan.event).trimEnd(), "```"].join("\n"),
    ["| Candidate day | 👍 |", "| --- | -: |", ...byDate.map((t) => `| ${slotWhen(t.slot)} | ${t.votes} |`)].join("\n"),
    `<sub>Opened by Docket for \`/poll close write-config\`. Everything else in the file is unchanged.</sub>`,
  ].join("\n\n");
  return {
    title: `Docket: ${truncate(oneLine(plan.title), 100)} on ${dates}`,
    body,
    message: `Docket: ${plan.series} on ${dates} (the poll in ${poll.ref})`,
  };
}
