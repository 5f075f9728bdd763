/**
 * What a cancelled meeting issue says, inside Docket's `agenda` and
 * `waiting-list` sections (src/workflows/cancel.ts decides when): that the
 * meeting does not take place, and where its topics go instead, the next held
 * meeting (with its date), or nowhere when the series' rule has no later date.
 * A multi-day event has one meeting issue and no other date: its topics keep
 * their label and go nowhere.
 * The agenda's hidden state line is kept as it was, so reopening the issue
 * (which restores the meeting) keeps every topic's place in the queue.
 */
import type { AgendaState, Occurrence } from "../domain/types.js";
import { AGENDA_SECTION, WAITING_SECTION } from "./agenda.js";
import { longDate, zoned } from "./format.js";
import { stateComment, type Section } from "./markers.js";

export interface CancelledInput {
  /** The next meeting that takes place; null when the series' rule has no later date. */
  next: Pick<Occurrence, "start" | "timezone"> | null;
  /** The agenda's state as it was before the cancellation, kept (hidden) for a reopening. */
  state: AgendaState | null;
  /** The cancelled meeting is a multi-day event (`next` is then null: an event has no other date). */
  event?: boolean;
}

/** The sentence about the next held meeting, e.g. "… on Monday, 27 January 2025". */
function nextText(next: CancelledInput["next"]): string {
  return next === null
    ? "The series' schedule has no later meeting, so its topics wait until one is added."
    : `Its topics move on to the next meeting that takes place, on ${longDate(zoned(next.start, next.timezone))}.`;
}

/** The `agenda` and `waiting-list` sections of a cancelled meeting issue. */
export function cancelledSections(input: CancelledInput): Section[] {
  const what = input.event ? "event" : "meeting";
  const agenda = [
    "## Agenda",
    `**Cancelled:** this ${what} does not take place. ${input.event ? "Its topics keep their label; there is no other date for them to move on to." : nextText(input.next)}`,
    `_Reopen this issue to hold the ${what} after all; Docket then writes its agenda here again._`,
    ...(input.state === null ? [] : [stateComment(input.state)]),
  ];
  const waiting = input.event ? "Nobody waits for a cancelled event." : "Nobody waits for a cancelled meeting: the waiting list moves on with the agenda.";
  return [
    { name: AGENDA_SECTION, content: agenda.join("\n\n") },
    { name: WAITING_SECTION, content: `## Waiting list\n\n${waiting}` },
  ];
}

// ---------------------------------------------------------------------------
// What `/cancel` answers when it cannot (src/workflows/cancel.ts).

export function cancelNotMeetingIssue(): string {
  return "`/cancel` works in a meeting issue Docket opened (labelled `docket/<series>`): in the meeting to cancel, or in any meeting issue of the series with a date.";
}

export function cancelNotAllowed(author: string, at: { owner: string; repo: string }): string {
  return `@${author} only people with triage permission (or more) on \`${at.owner}/${at.repo}\` can cancel a meeting; nothing was changed.`;
}

export function cancelWrongRepository(seriesId: string, meetings: { owner: string; repo: string }, here: { owner: string; repo: string }): string {
  return `The meetings of \`${seriesId}\` are in \`${meetings.owner}/${meetings.repo}\`, not \`${here.owner}/${here.repo}\`: comment \`/cancel\` in a meeting issue there; nothing was changed.`;
}

export function cancelOtherSeries(named: string, here: string): string {
  return `This is a meeting issue of \`${here}\`, not \`${named}\`: comment \`/cancel ${named} <YYYY-MM-DD>\` in a meeting issue of \`${named}\`; nothing was changed.`;
}

export function cancelEventDate(seriesId: string): string {
  return `\`${seriesId}\` is an event with one meeting issue: comment \`/cancel\` in it (without a date) to cancel the event; nothing was changed.`;
}

/** A date the series does not meet on, with its meetings just before and after it (none: left out). */
export function cancelNoSuchDate(seriesId: string, date: string, before: string | null, after: string | null): string {
  const near = [before, after].filter((d): d is string => d !== null).map((d) => `\`/cancel ${seriesId} ${d}\``);
  const hint = near.length === 0 ? "" : ` The closest dates: ${near.join(" or ")}.`;
  return `\`${seriesId}\` does not meet on ${date}; nothing was changed.${hint}`;
}

export function cancelStarted(seriesId: string, date: string): string {
  return `The meeting of \`${seriesId}\` on ${date} has started already and cannot be cancelled; close its issue to end it.`;
}

export function cancelWhichMeeting(): string {
  return "This issue does not say which meeting it is (its hidden `docket:meeting` line is gone): comment `/cancel <series> <YYYY-MM-DD>` instead; nothing was changed.";
}
