/**
 * `/cancel` in a meeting issue (issue 13): cancels a meeting, which is closing its issue as
 * "not planned" (GitHub's state_reason), so the state lives on GitHub, survives restarts, and
 * reopening the issue restores the meeting (see pickOccurrence in ./agenda.ts).
 *
 * - `/cancel` in an open meeting issue cancels that meeting.
 * - `/cancel <series> <YYYY-MM-DD>` in any meeting issue of the series cancels that date: an
 *   issue it has is closed as not planned; a date not opened yet gets its meeting issue opened
 *   already cancelled (opened like any meeting issue, with the series' template, where and notes,
 *   the cancelled text in its agenda sections, then closed as not planned), so
 *   that date is passed over like any other cancelled one. The date must be one the series meets
 *   on (else the closest dates are named) and not have started.
 * - Triage permission or more on the repository; the comment must be in a meeting issue (its
 *   `docket/<series>` label) of the named series, in the series' meeting repository (a label on
 *   an issue elsewhere, which anyone with triage there may set, opens or closes nothing there).
 * The cancelled issue says that its topics move on to the next meeting held after it, with its date
 * (render/cancel.ts); the app then rebuilds the series, which opens or updates that meeting.
 * Decides, then writes; answers like `/agenda` (a 👍, or one refusal reply an hour: ./command-plan.ts).
 */
import { emptyPlan, interpretCancelCommand, mayTriage, parseCommands } from "../domain/commands.js";
import { eventDays, nextOccurrence, occurrenceOn, previousOccurrence } from "../domain/schedule.js";
import type { Occurrence } from "../domain/types.js";
import { sameRepo, type DocketIssue, type RepoRef } from "../github/gateway.js";
import { meetingBody, meetingTitle, readMeetingIdentity } from "../render/agenda.js";
import {
  cancelEventDate,
  cancelledSections,
  cancelNotAllowed,
  cancelNoSuchDate,
  cancelNotMeetingIssue,
  cancelOtherSeries,
  cancelStarted,
  cancelWhichMeeting,
  cancelWrongRepository,
} from "../render/cancel.js";
import { mergeSections } from "../render/markers.js";
import { meetingRepository, seriesLabel } from "../config/load.js";
import type { SeriesConfig } from "../config/schema.js";
import { findMeetingIssue, meetingIssueLabel, newMeetingBody, pickOccurrence, writeCancelled } from "./agenda.js";
import { applyCommandPlan } from "./command-plan.js";
import type { CommandComment, CommandOutcome } from "./agenda-command.js";
import type { JobContext, LoadedConfig } from "./context.js";

export interface CancelTarget {
  repo: RepoRef;
  issueNumber: number;
  labels: readonly string[];
  title: string;
  body: string;
}

const DAY_MS = 24 * 60 * 60 * 1000;

export async function handleCancelCommands(ctx: JobContext, loaded: LoadedConfig, target: CancelTarget, comment: CommandComment): Promise<CommandOutcome> {
  const commands = parseCommands(comment.body).filter((c) => c.name === "cancel");
  if (commands.length === 0) return { touched: [], replies: [] };
  const { meetings } = loaded.config;
  const plan = emptyPlan();
  const here = Object.keys(meetings).find((id) => target.labels.some((l) => l.toLowerCase() === meetingIssueLabel(id).toLowerCase()));
  // Only the series' meeting repository holds its meetings: a `docket/<series>` label on an issue
  // elsewhere (anyone with triage there can set one) must not open or close meeting issues there.
  const meetingsAt = here === undefined ? null : meetingRepository(loaded.config, meetings[here]!, loaded.home);
  if (here === undefined) plan.refusals.push(cancelNotMeetingIssue());
  else if (meetingsAt !== null && !sameRepo(meetingsAt, target.repo)) plan.refusals.push(cancelWrongRepository(here, meetingsAt, target.repo));
  else if (!mayTriage(await ctx.gateway.permission(target.repo, comment.author))) plan.refusals.push(cancelNotAllowed(comment.author, target.repo));
  else {
    for (const cmd of commands) {
      const parsed = interpretCancelCommand(cmd, Object.keys(meetings));
      if (parsed.kind === "invalid") {
        plan.refusals.push(parsed.message);
        continue;
      }
      const series = meetings[here]!;
      if (parsed.kind === "date" && parsed.series !== here) {
        plan.refusals.push(cancelOtherSeries(parsed.series, here));
        continue;
      }
      if (parsed.kind === "date" && series.event) {
        plan.refusals.push(cancelEventDate(here));
        continue;
      }
      const date = parsed.kind === "date" ? parsed.date : readMeetingIdentity(target.body)?.date;
      if (date === undefined) {
        plan.refusals.push(cancelWhichMeeting());
        continue;
      }
      const answer = await cancelDate(ctx, loaded.home, target.repo, here, series, date, parsed.kind === "this" ? target.issueNumber : null);
      if (typeof answer === "string") plan.refusals.push(answer);
      else if (answer) plan.touched.push(here);
    }
  }
  plan.touched = [...new Set(plan.touched)];
  plan.acknowledge = plan.refusals.length === 0 && plan.touched.length > 0;
  const refusal = await applyCommandPlan(ctx, target, comment, plan);
  return { touched: plan.touched, replies: refusal === "reply" ? [...plan.refusals] : [] };
}

/**
 * Cancels the series' meeting on `date` (in the issue `issueNumber` when the command was written
 * in it). A refusal's text; true when something was written; false when it was cancelled already.
 */
async function cancelDate(
  ctx: JobContext,
  home: RepoRef,
  at: RepoRef,
  seriesId: string,
  series: SeriesConfig,
  date: string,
  issueNumber: number | null,
): Promise<string | boolean> {
  const occurrence = series.event ? eventOccurrence(seriesId, series, date) : occurrenceOn(seriesId, series, date);
  if (occurrence === null) {
    const day = Date.parse(`${date}T00:00:00Z`);
    const before = Number.isNaN(day) ? null : (previousOccurrence(seriesId, series, new Date(day))?.date ?? null);
    const after = Number.isNaN(day) ? null : (nextOccurrence(seriesId, series, new Date(day + DAY_MS))?.date ?? null);
    return cancelNoSuchDate(seriesId, date, before, after);
  }
  if (Date.parse(occurrence.start) <= ctx.now.getTime()) return cancelStarted(seriesId, date);

  const issues = await ctx.gateway.docketIssues(at, meetingIssueLabel(seriesId));
  const found = (issueNumber === null ? null : issues.find((i) => i.number === issueNumber)) ?? findMeetingIssue(issues, seriesId, series.title, occurrence);
  if (found?.state === "closed" && found.stateReason === "not_planned") return false;
  const closed = (issue: DocketIssue): DocketIssue => ({ ...issue, state: "closed", stateReason: "not_planned" });
  // Its topics move on to the next meeting held after it (from its end: a date cancelled weeks
  // ahead names the meeting after that date, not the one coming up now).
  const next = series.event ? null : (pickOccurrence(seriesId, series, new Date(occurrence.end), issues).target?.occurrence ?? null);
  if (found) {
    await ctx.gateway.setIssueState(at, found.number, "closed", "not_planned");
    if (series.event) {
      await writeCancelled(ctx, at, [{ occurrence, issue: closed(found) }], null, true);
      return true;
    }
    // Written here whether or not the next sync passes over it: that sync writes only the cancelled issues before its meeting.
    await writeCancelled(ctx, at, [{ occurrence, issue: closed(found) }], next);
    return true;
  }
  // A date not opened yet: its issue opens already cancelled, the way every meeting issue opens (template,
  // where, notes: newMeetingBody), with the cancelled text in its agenda sections, which a reopening replaces.
  const label = seriesLabel(seriesId, series);
  const title = meetingTitle(series.title, occurrence);
  const render = {
    agenda: { slots: [{ capacity: 0 }], scheduled: [], waiting: [], used: [0] },
    occurrence,
    recurring: series.recurring,
    recurringMinutes: series["recurring-time"],
    roles: [],
    label,
    seriesId,
  };
  const problems: string[] = [];
  const empty = (await newMeetingBody(ctx, home, at, series, render, problems)) ?? meetingBody(render);
  // The series' next rebuild reports the template's problems where the config's problems go.
  if (problems.length > 0) ctx.log.warn({ series: seriesId, date, problems }, "the cancelled meeting's issue opens with the default text");
  const body = mergeSections(empty, cancelledSections({ next, state: null })).body;
  const created = await ctx.gateway.createIssue(at, { title, body, labels: [meetingIssueLabel(seriesId)] });
  if (created) await ctx.gateway.setIssueState(at, created.number, "closed", "not_planned");
  return true;
}

/** A multi-day event's one meeting, when `date` is its first day (its issue's identity date). */
function eventOccurrence(seriesId: string, series: SeriesConfig, date: string): Occurrence | null {
  const days = eventDays(series.event!);
  const first = days[0];
  const last = days.at(-1);
  if (!first || !last || first.date !== date) return null;
  return { seriesId, date, start: first.start, end: last.start, timezone: series.event!.timezone };
}
