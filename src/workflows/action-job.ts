/**
 * The Action's commands, as one dispatcher the Action's runner calls
 * (src/action/). Each command is a job like the app's: it reads through the
 * gateway, asks domain/ and render/, and writes only the difference (nothing
 * at all with dry-run, which the gateway enforces).
 *
 * - minutes: publishMinutes (./minutes.ts)
 * - sprint-review: sprintReview (./sprint.ts)
 * - backlog: publishBacklogPage (./backlog-page.ts)
 * - open-next, agenda: openNextMeetings, rebuildAgendas (./meetings.ts)
 * - calendar: publishCalendar (./calendar.ts)
 * - recap: publishRecaps (./recap.ts)
 *
 * What each command does, its outputs and the decisions behind them:
 * docs/action-commands.md.
 */
import { formatLeadTime } from "../domain/duration.js";
import type { WriteRecord } from "../github/gateway.js";
import { inline } from "../render/escape.js";
import { plural } from "../render/minutes.js";
import type { AgendaSyncResult } from "./agenda.js";
import { publishBacklogPage } from "./backlog-page.js";
import { publishCalendar } from "./calendar.js";
import { CommandError } from "./command-error.js";
import type { JobContext, LoadedConfig } from "./context.js";
import { openNextMeetings, rebuildAgendas } from "./meetings.js";
import { publishMinutes } from "./minutes.js";
import { publishSentence } from "./publish.js";
import { publishRecaps } from "./recap.js";
import { sprintReview } from "./sprint.js";

export { CommandError } from "./command-error.js";

export const ACTION_COMMANDS = ["minutes", "sprint-review", "backlog", "open-next", "agenda", "calendar", "recap"] as const;
export type ActionCommand = (typeof ACTION_COMMANDS)[number];

export interface ActionInputs {
  command: ActionCommand;
  /** A series id (minutes, open-next, agenda: limit to it; recap: the gathering). */
  series?: string;
  /** A meeting date YYYY-MM-DD (minutes of that occurrence). */
  date?: string;
  /** A sprint name (sprint-review); default: the sprint that ended last. */
  sprint?: string;
  /** sprint-review: render the review again although it is a record of an ended sprint. */
  force?: boolean;
  /** The meeting issue the triggering event is about (e.g. `issues.closed`), in the repository the Action runs in. */
  issue?: { owner: string; repo: string; number: number };
}

export interface CommandResult {
  /** Step outputs (`path`, `url`, counts, ...), as strings. */
  outputs: Record<string, string>;
  /** Markdown for the job summary. */
  summary: string;
  /** Problems a user must fix; the step fails when there are any. */
  problems: string[];
  /** Things worth a look that do not fail the step (e.g. a command in a comment that could not be read); print them as warnings. */
  warnings?: string[];
}

export async function runActionCommand(ctx: JobContext, loaded: LoadedConfig, inputs: ActionInputs): Promise<CommandResult> {
  let result: CommandResult;
  switch (inputs.command) {
    case "minutes":
      result = await minutesCommand(ctx, loaded, inputs);
      break;
    case "sprint-review":
      result = await sprintReviewCommand(ctx, loaded, inputs);
      break;
    case "backlog":
      result = await backlogCommand(ctx, loaded);
      break;
    case "open-next":
      result = await openNextCommand(ctx, loaded, inputs);
      break;
    case "agenda":
      result = await agendaCommand(ctx, loaded, inputs);
      break;
    case "calendar":
      result = await calendarCommand(ctx, loaded);
      break;
    case "recap":
      result = await recapCommand(ctx, loaded, inputs);
      break;
    default:
      throw new CommandError(`unknown command \`${String(inputs.command)}\` (expected one of ${ACTION_COMMANDS.join(", ")})`);
  }
  if (ctx.gateway.dryRun) result.summary = `${dryRunNote(ctx.gateway.writes)}\n\n${result.summary}`;
  return result;
}

// ---------------------------------------------------------------------------
// The commands

async function minutesCommand(ctx: JobContext, loaded: LoadedConfig, inputs: ActionInputs): Promise<CommandResult> {
  const r = await publishMinutes(ctx, loaded, {
    ...(inputs.issue ? { issue: inputs.issue } : {}),
    ...(inputs.series ? { series: inputs.series } : {}),
    ...(inputs.date ? { date: inputs.date } : {}),
  });
  if (r.skipped !== null || !r.model || !r.published || !r.meeting || r.markdown === null) {
    return { outputs: {}, summary: `## Minutes\n\nNothing to do: ${inline(r.skipped ?? "no meeting")}.`, problems: [], warnings: r.warnings };
  }
  const m = r.model;
  const decisions = m.decisions.length;
  const lines = [`- ${publishSentence(r.published)}`, ...leftOutLine(r.hidden, "topic", "the minutes")];
  const dry = ctx.gateway.dryRun;
  lines.push(r.commented ? `- ${dry ? "Would link them from" : "Linked from"} the meeting issue: ${r.meeting.url}` : `- The meeting issue already links them: ${r.meeting.url}`);
  if (r.followUps.length > 0) {
    const opened = r.followUps.filter((f) => f.opened).length;
    lines.push(`- Follow-up issues: ${opened} ${dry ? "would be opened" : "opened"}, ${r.followUps.length - opened} opened before.`);
  }
  if (m.unparsed > 0) lines.push(`- ${m.unparsed} line${m.unparsed === 1 ? "" : "s"} looked like a command but could not be read: kept as written under "Other" (see the warnings).`);
  if (r.unlabelled.length > 0) lines.push(`- Discussed, so ${dry ? "would be taken" : "taken"} off the agenda: ${r.unlabelled.join(", ")}`);
  if (m.carryOver.length > 0) lines.push(`- Carried over to the next meeting: ${m.carryOver.map((t) => inline(t.repo ? `${t.repo}#${t.number}` : t.title, 160)).join(", ")}`);
  // What could not be read is kept under "Other" in the minutes; the summary says so where the run is checked.
  const blocks = [lines.join("\n")];
  if (r.warnings.length > 0) blocks.push(`### Warnings\n\n${r.warnings.map((w) => `- ${inline(w, 600)}`).join("\n")}`);
  return {
    outputs: {
      path: r.published.path,
      url: r.published.url,
      topics: String(m.topics.length),
      decisions: String(decisions),
      "action-items": String(m.actionItems.length),
      "carried-over": String(m.carryOver.length),
      unparsed: String(m.unparsed),
    },
    summary: [...blocks, "---", r.markdown.trimEnd()].join("\n\n"),
    problems: [],
    warnings: r.warnings,
  };
}

async function sprintReviewCommand(ctx: JobContext, loaded: LoadedConfig, inputs: ActionInputs): Promise<CommandResult> {
  const r = await sprintReview(ctx, loaded, { ...(inputs.sprint ? { sprint: inputs.sprint } : {}), ...(inputs.force ? { force: true } : {}) });
  const kept = r.kept ? ["- A record of an ended sprint: kept as published (input `force: true` renders it again)."] : [];
  return {
    outputs: {
      path: r.published.path,
      url: r.published.url,
      done: String(r.review.counts.done),
      "carried-over": String(r.review.counts.carriedOver),
      added: String(r.review.counts.added),
    },
    summary: [[`- ${publishSentence(r.published)}`, ...kept, ...leftOutLine(r.hidden, "item", "the sprint review")].join("\n"), "---", r.markdown.trimEnd()].join("\n\n"),
    problems: [],
    warnings: r.warnings,
  };
}

async function backlogCommand(ctx: JobContext, loaded: LoadedConfig): Promise<CommandResult> {
  const r = await publishBacklogPage(ctx, loaded);
  const issue = r.sync.issue;
  const issueLine = issue === null ? "- The backlog issue would be opened." : `- Backlog issue ${r.sync.created ? "opened" : r.sync.updated ? "updated" : "up to date"}: ${issue.url}`;
  return {
    outputs: { path: r.published.path, url: r.published.url, ideas: String(r.sync.ideas.length), issue: issue?.url ?? "" },
    summary: [[`- ${publishSentence(r.published)}`, issueLine, ...leftOutLine(r.sync.hidden, "idea", "the idea backlog")].join("\n"), "---", r.markdown.trimEnd()].join("\n\n"),
    problems: r.sync.problems,
    warnings: r.sync.warnings,
  };
}

async function openNextCommand(ctx: JobContext, loaded: LoadedConfig, inputs: ActionInputs): Promise<CommandResult> {
  const results = await openNextMeetings(ctx, loaded, inputs.series);
  const opened = results.filter((r) => r.created);
  const rows = results.map((r) => {
    const series = loaded.config.meetings[r.seriesId];
    const when = r.occurrence ? r.occurrence.date : "—";
    let state: string;
    if (r.occurrence === null) state = "no future meeting";
    else if (r.opensAt !== undefined) state = `opens ${r.opensAt.slice(0, 16).replace("T", " ")} UTC (${formatLeadTime(series?.["open-ahead"] ?? 0)} ahead)`;
    else if (r.created) state = r.meeting ? `opened ${r.meeting.url}` : "would be opened";
    else state = r.meeting ? `already open: ${r.meeting.url}` : "—";
    return `| ${inline(series?.title ?? r.seriesId, 100)} | ${when} | ${state} |`;
  });
  return {
    outputs: { opened: String(opened.length), issues: opened.flatMap((r) => (r.meeting ? [r.meeting.url] : [])).join("\n") },
    summary: [`## Next meetings`, `${opened.length === 0 ? "No meeting issue opened." : `Opened ${opened.length} meeting issue${opened.length === 1 ? "" : "s"}.`}`, ["| Series | Next meeting | Issue |", "| --- | --- | --- |", ...rows].join("\n")].join("\n\n"),
    problems: agendaProblems(results),
    warnings: agendaWarnings(results),
  };
}

async function agendaCommand(ctx: JobContext, loaded: LoadedConfig, inputs: ActionInputs): Promise<CommandResult> {
  const { meetings, backlog } = await rebuildAgendas(ctx, loaded, inputs.series);
  const synced = meetings.filter((r) => r.agenda !== null);
  const scheduled = synced.reduce((n, r) => n + (r.agenda?.scheduled.length ?? 0), 0);
  const waiting = synced.reduce((n, r) => n + (r.agenda?.waiting.length ?? 0), 0);
  const rows = meetings.map((r) => {
    const series = loaded.config.meetings[r.seriesId];
    const change = r.agenda === null ? "no future meeting" : r.created ? "opened" : r.updated ? "updated" : "up to date";
    const issue = r.meeting ? r.meeting.url : r.created ? "(new issue)" : "—";
    return `| ${inline(series?.title ?? r.seriesId, 100)} | ${r.occurrence?.date ?? "—"} | ${issue} | ${r.agenda?.scheduled.length ?? 0} | ${r.agenda?.waiting.length ?? 0} | ${change} |`;
  });
  const blocks = ["## Agendas", ["| Series | Meeting | Issue | Scheduled | Waiting | Change |", "| --- | --- | --- | -: | -: | --- |", ...rows].join("\n")];
  const leftOut = meetings.flatMap((r) => leftOutLine(r.hidden, "topic", inline(loaded.config.meetings[r.seriesId]?.title ?? r.seriesId, 100)));
  if (backlog) {
    const state = backlog.created ? "opened" : backlog.updated ? "updated" : "up to date";
    blocks.push(`Idea backlog (${backlog.ideas.length} idea${backlog.ideas.length === 1 ? "" : "s"}): ${backlog.issue?.url ?? "a new issue"} — ${state}.`);
    leftOut.push(...leftOutLine(backlog.hidden, "idea", "the idea backlog"));
  }
  if (leftOut.length > 0) blocks.push(leftOut.join("\n"));
  return {
    outputs: {
      meetings: String(synced.length),
      scheduled: String(scheduled),
      waiting: String(waiting),
      issues: synced.flatMap((r) => (r.meeting ? [r.meeting.url] : [])).join("\n"),
    },
    summary: blocks.join("\n\n"),
    problems: [...agendaProblems(meetings), ...(backlog?.problems ?? [])],
    warnings: [...agendaWarnings(meetings), ...(backlog?.warnings.map((w) => `backlog: ${w}`) ?? [])],
  };
}

async function calendarCommand(ctx: JobContext, loaded: LoadedConfig): Promise<CommandResult> {
  const r = await publishCalendar(ctx, loaded);
  const names = r.series.map((id) => inline(loaded.config.meetings[id]?.title ?? id, 100));
  const lines = [`- ${publishSentence(r.published)}`, `- ${r.events} event${r.events === 1 ? "" : "s"} (VEVENT) from ${names.length === 0 ? "no series: every one is over" : names.join(", ")}.`];
  // One file per track of a gathering: what it holds, then where it went.
  for (const t of r.tracks) {
    const series = loaded.config.meetings[t.series];
    const track = series?.event?.tracks?.find((x) => x.id === t.track);
    lines.push(`- ${inline(`${series?.title ?? t.series} — ${track?.title ?? t.track}`, 200)}: ${t.events} session${t.events === 1 ? "" : "s"}. ${publishSentence(t.published)}`);
  }
  lines.push(...leftOutLine(r.hidden, "session", "the track calendars"));
  return {
    outputs: { path: r.published.path, url: r.published.url, events: String(r.events) },
    summary: ["## Calendar", lines.join("\n")].join("\n\n"),
    problems: [],
    ...(r.warnings.length > 0 ? { warnings: r.warnings } : {}),
  };
}

async function recapCommand(ctx: JobContext, loaded: LoadedConfig, inputs: ActionInputs): Promise<CommandResult> {
  const r = await publishRecaps(ctx, loaded, inputs.series ? { series: inputs.series } : {});
  if (r.skipped !== null) return { outputs: {}, summary: `## Recap\n\nNothing to do: ${inline(r.skipped, 600)}.`, problems: [], warnings: r.warnings };
  const blocks = ["## Recap"];
  for (const { model, published, issue } of r.recaps) {
    const { sessions, decisions, actionItems, unparsed } = model.counts;
    const lines = [
      `- ${publishSentence(published)}`,
      `- ${inline(loaded.config.meetings[model.series]?.title ?? model.series, 100)} (${issue.url}): ${plural(sessions, "session", "sessions")}, ${plural(decisions, "decision", "decisions")}, ${plural(actionItems, "action item", "action items")}.`,
      ...leftOutLine(model.hidden, "session", "the recap"),
    ];
    if (unparsed > 0) lines.push(`- ${unparsed} line${unparsed === 1 ? "" : "s"} looked like a command but could not be read: kept as written (see the warnings).`);
    blocks.push(lines.join("\n"));
  }
  if (r.warnings.length > 0) blocks.push(`### Warnings\n\n${r.warnings.map((w) => `- ${inline(w, 600)}`).join("\n")}`);
  const sum = (f: (m: (typeof r.recaps)[number]["model"]) => number) => String(r.recaps.reduce((n, x) => n + f(x.model), 0));
  return {
    outputs: {
      path: r.recaps.map((x) => x.published.path).join("\n"),
      url: r.recaps.map((x) => x.published.url).join("\n"),
      sessions: sum((m) => m.counts.sessions),
      decisions: sum((m) => m.counts.decisions),
      "action-items": sum((m) => m.counts.actionItems),
      unparsed: sum((m) => m.counts.unparsed),
    },
    summary: [...blocks, ...r.recaps.flatMap((x) => ["---", x.markdown.trimEnd()])].join("\n\n"),
    problems: [],
    warnings: r.warnings,
  };
}

/**
 * "- 2 topics were left out of Team IaaS: …": what the visibility rule (src/domain/visibility.ts)
 * left out, counted and never named (the summary may be read by more people than the topics).
 */
function leftOutLine(count: number, noun: string, where: string): string[] {
  if (count === 0) return [];
  const one = count === 1;
  return [`- ${count} ${noun}${one ? " was" : "s were"} left out of ${where}: ${one ? "it is" : "they are"} in a repository not every reader of it may read (private stays private).`];
}

/** A series or event that is over is no problem for a scheduled job; what people must fix (damaged markers, a truncated search) is. */
function agendaProblems(results: readonly AgendaSyncResult[]): string[] {
  return results.filter((r) => r.occurrence !== null).flatMap((r) => r.problems.map((p) => `meetings.${r.seriesId}: ${p}`));
}

function agendaWarnings(results: readonly AgendaSyncResult[]): string[] {
  return results.flatMap((r) => r.warnings.map((w) => `meetings.${r.seriesId}: ${w}`));
}

/** What a dry run would have written, from the gateway's record of the writes it held back. */
function dryRunNote(writes: readonly WriteRecord[]): string {
  const held = writes.filter((w) => w.dryRun);
  if (held.length === 0) return "> [!NOTE]\n> **Dry run:** nothing was written, and nothing would have been: everything is up to date.";
  return ["> [!NOTE]", "> **Dry run:** nothing was written. Docket would have:", ...held.map((w) => `> - ${w.kind}: ${inline(w.target, 300)}`)].join("\n");
}
