/**
 * What the Action shows for a run in the job summary, and its step outputs.
 * Pure: the job's result (src/workflows/action-job.ts) in, Markdown and
 * strings out; the runner (src/action/run.ts) writes them with @actions/core.
 *
 * - commandSummary: the command's own part (what it wrote, with a dry run
 *   what it would have written; then the published text);
 * - commandOutputs: the step outputs (`path`, `url`, counts) action.yml declares;
 * - summaryMarkdown: the whole summary: the heading, why the step failed,
 *   config problems, the command's part.
 */
import { formatProblems, type ConfigProblem } from "../config/load.js";
import type { DocketConfig } from "../config/schema.js";
import { formatLeadTime } from "../domain/duration.js";
import type { WriteRecord } from "../github/gateway.js";
import type { CommandResult } from "../workflows/action-job.js";
import type { PublishResult } from "../workflows/publish.js";
import type { MinutesJobResult } from "../workflows/minutes.js";
import { codeSpan, inline } from "./escape.js";
import { plural } from "./minutes.js";

/** What the command's part needs besides the result: the series' titles, and whether (and what) the run held back. */
export interface JobSummaryView {
  meetings: DocketConfig["meetings"];
  dryRun: boolean;
  /** The gateway's record of the run's writes (with dry-run: those it held back). */
  writes: readonly WriteRecord[];
}

/** The command's part of the job summary (Markdown); with a dry run, a note on what was held back comes first. */
export function commandSummary(result: CommandResult, view: JobSummaryView): string {
  const body = summaryBody(result, view);
  return view.dryRun ? `${dryRunNote(view.writes)}\n\n${body}` : body;
}

/** The step outputs of a command, as strings (several URLs: one a line). */
export function commandOutputs(result: CommandResult): Record<string, string> {
  switch (result.command) {
    case "minutes": {
      const r = result.minutes;
      if (!madeMinutes(r)) return {};
      const m = r.model;
      return {
        path: r.published.path,
        url: r.published.url,
        topics: String(m.topics.length),
        decisions: String(m.decisions.length),
        "action-items": String(m.actionItems.length),
        "carried-over": String(m.carryOver.length),
        unparsed: String(m.unparsed),
      };
    }
    case "sprint-review": {
      const r = result.review;
      return {
        path: r.published.path,
        url: r.published.url,
        done: String(r.review.counts.done),
        "carried-over": String(r.review.counts.carriedOver),
        added: String(r.review.counts.added),
      };
    }
    case "backlog": {
      const r = result.backlog;
      return { path: r.published.path, url: r.published.url, ideas: String(r.sync.ideas.length), issue: r.sync.issue?.url ?? "" };
    }
    case "open-next": {
      const opened = result.meetings.filter((r) => r.created);
      return { opened: String(opened.length), issues: opened.flatMap((r) => (r.meeting ? [r.meeting.url] : [])).join("\n") };
    }
    case "agenda": {
      const synced = result.meetings.filter((r) => r.agenda !== null);
      return {
        meetings: String(synced.length),
        scheduled: String(synced.reduce((n, r) => n + (r.agenda?.scheduled.length ?? 0), 0)),
        waiting: String(synced.reduce((n, r) => n + (r.agenda?.waiting.length ?? 0), 0)),
        issues: synced.flatMap((r) => (r.meeting ? [r.meeting.url] : [])).join("\n"),
      };
    }
    case "calendar": {
      const r = result.calendar;
      return { path: r.published.path, url: r.published.url, events: String(r.events) };
    }
    case "recap": {
      const { recaps, skipped } = result.recap;
      if (skipped !== null) return {};
      const sum = (f: (m: (typeof recaps)[number]["model"]) => number) => String(recaps.reduce((n, x) => n + f(x.model), 0));
      return {
        path: recaps.map((x) => x.published.path).join("\n"),
        url: recaps.map((x) => x.published.url).join("\n"),
        sessions: sum((m) => m.counts.sessions),
        decisions: sum((m) => m.counts.decisions),
        "action-items": sum((m) => m.counts.actionItems),
        unparsed: sum((m) => m.counts.unparsed),
      };
    }
    case "site": {
      const r = result.site;
      return { path: r.dir, ...(r.files ? { pages: String(r.files.pages) } : {}) };
    }
  }
}

function summaryBody(result: CommandResult, view: JobSummaryView): string {
  const title = (id: string) => view.meetings[id]?.title ?? id;
  switch (result.command) {
    case "minutes": {
      const r = result.minutes;
      if (!madeMinutes(r)) return `## Minutes\n\nNothing to do: ${inline(r.skipped ?? "no meeting")}.`;
      const m = r.model;
      const dry = view.dryRun;
      const lines = [`- ${publishSentence(r.published)}`, ...leftOutLine(r.hidden, "topic", "the minutes")];
      lines.push(
        r.commented
          ? `- ${dry ? "Would link them from" : "Linked from"} the meeting issue: ${r.meeting.url}`
          : `- The meeting issue already links them: ${r.meeting.url}`,
      );
      if (r.followUps.length > 0) {
        const opened = r.followUps.filter((f) => f.opened).length;
        lines.push(`- Follow-up issues: ${opened} ${dry ? "would be opened" : "opened"}, ${r.followUps.length - opened} opened before.`);
      }
      if (m.unparsed > 0)
        lines.push(
          `- ${m.unparsed} line${m.unparsed === 1 ? "" : "s"} looked like a command but could not be read: kept as written under "Other" (see the warnings).`,
        );
      if (r.unlabelled.length > 0) lines.push(`- Discussed, so ${dry ? "would be taken" : "taken"} off the agenda: ${r.unlabelled.join(", ")}`);
      if (m.carryOver.length > 0)
        lines.push(`- Carried over to the next meeting: ${m.carryOver.map((t) => inline(t.repo ? `${t.repo}#${t.number}` : t.title, 160)).join(", ")}`);
      // What could not be read is kept under "Other" in the minutes; the summary says so where the run is checked.
      return [lines.join("\n"), ...warningsBlock(r.warnings), "---", r.markdown.trimEnd()].join("\n\n");
    }
    case "sprint-review": {
      const r = result.review;
      const kept = r.kept ? ["- A record of an ended sprint: kept as published (input `force: true` renders it again)."] : [];
      return [
        [`- ${publishSentence(r.published)}`, ...kept, ...leftOutLine(r.hidden, "item", "the sprint review")].join("\n"),
        "---",
        r.markdown.trimEnd(),
      ].join("\n\n");
    }
    case "backlog": {
      const r = result.backlog;
      const issue = r.sync.issue;
      const issueLine =
        issue === null
          ? "- The backlog issue would be opened."
          : `- Backlog issue ${r.sync.created ? "opened" : r.sync.updated ? "updated" : "up to date"}: ${issue.url}`;
      return [
        [`- ${publishSentence(r.published)}`, issueLine, ...leftOutLine(r.sync.hidden, "idea", "the idea backlog")].join("\n"),
        "---",
        r.markdown.trimEnd(),
      ].join("\n\n");
    }
    case "open-next": {
      const opened = result.meetings.filter((r) => r.created);
      const rows = result.meetings.map((r) => {
        const series = view.meetings[r.seriesId];
        const when = r.occurrence ? r.occurrence.date : "—";
        let state: string;
        if (r.occurrence === null) state = "no future meeting";
        else if (r.opensAt !== undefined)
          state = `opens ${r.opensAt.slice(0, 16).replace("T", " ")} UTC (${formatLeadTime(series?.["open-ahead"] ?? 0)} ahead)`;
        else if (r.created) state = r.meeting ? `opened ${r.meeting.url}` : "would be opened";
        else state = r.meeting ? `already open: ${r.meeting.url}` : "—";
        return `| ${inline(title(r.seriesId), 100)} | ${when} | ${state} |`;
      });
      const headline = opened.length === 0 ? "No meeting issue opened." : `Opened ${opened.length} meeting issue${opened.length === 1 ? "" : "s"}.`;
      return ["## Next meetings", headline, ["| Series | Next meeting | Issue |", "| --- | --- | --- |", ...rows].join("\n")].join("\n\n");
    }
    case "agenda": {
      const { meetings, backlog } = result;
      const rows = meetings.map((r) => {
        const change = r.agenda === null ? "no future meeting" : r.created ? "opened" : r.updated ? "updated" : "up to date";
        const issue = r.meeting ? r.meeting.url : r.created ? "(new issue)" : "—";
        return `| ${inline(title(r.seriesId), 100)} | ${r.occurrence?.date ?? "—"} | ${issue} | ${r.agenda?.scheduled.length ?? 0} | ${r.agenda?.waiting.length ?? 0} | ${change} |`;
      });
      const blocks = ["## Agendas", ["| Series | Meeting | Issue | Scheduled | Waiting | Change |", "| --- | --- | --- | -: | -: | --- |", ...rows].join("\n")];
      const leftOut = meetings.flatMap((r) => leftOutLine(r.hidden, "topic", inline(title(r.seriesId), 100)));
      if (backlog) {
        const state = backlog.created ? "opened" : backlog.updated ? "updated" : "up to date";
        blocks.push(`Idea backlog (${backlog.ideas.length} idea${backlog.ideas.length === 1 ? "" : "s"}): ${backlog.issue?.url ?? "a new issue"} — ${state}.`);
        leftOut.push(...leftOutLine(backlog.hidden, "idea", "the idea backlog"));
      }
      if (leftOut.length > 0) blocks.push(leftOut.join("\n"));
      return blocks.join("\n\n");
    }
    case "calendar": {
      const r = result.calendar;
      const names = r.series.map((id) => inline(title(id), 100));
      const lines = [
        `- ${publishSentence(r.published)}`,
        `- ${r.events} event${r.events === 1 ? "" : "s"} (VEVENT) from ${names.length === 0 ? "no series: every one is over" : names.join(", ")}.`,
      ];
      // One file per track of a gathering: what it holds, then where it went.
      for (const t of r.tracks) {
        const series = view.meetings[t.series];
        const track = series?.event?.tracks?.find((x) => x.id === t.track);
        lines.push(
          `- ${inline(`${series?.title ?? t.series} — ${track?.title ?? t.track}`, 200)}: ${t.events} session${t.events === 1 ? "" : "s"}. ${publishSentence(t.published)}`,
        );
      }
      lines.push(...leftOutLine(r.hidden, "session", "the track calendars"));
      return ["## Calendar", lines.join("\n")].join("\n\n");
    }
    case "recap": {
      const r = result.recap;
      if (r.skipped !== null) return `## Recap\n\nNothing to do: ${inline(r.skipped, 600)}.`;
      const blocks = ["## Recap"];
      for (const { model, published, issue } of r.recaps) {
        const { sessions, decisions, actionItems, unparsed } = model.counts;
        const lines = [
          `- ${publishSentence(published)}`,
          `- ${inline(title(model.series), 100)} (${issue.url}): ${plural(sessions, "session", "sessions")}, ${plural(decisions, "decision", "decisions")}, ${plural(actionItems, "action item", "action items")}.`,
          ...leftOutLine(model.hidden, "session", "the recap"),
        ];
        if (unparsed > 0)
          lines.push(`- ${unparsed} line${unparsed === 1 ? "" : "s"} looked like a command but could not be read: kept as written (see the warnings).`);
        blocks.push(lines.join("\n"));
      }
      return [...blocks, ...warningsBlock(r.warnings), ...r.recaps.flatMap((x) => ["---", x.markdown.trimEnd()])].join("\n\n");
    }
    case "site": {
      const r = result.site;
      const d = r.data;
      const f = r.files;
      const upcoming = d.series.filter((x) => x.upcoming.length > 0).length;
      const lines = [
        f
          ? `- Wrote the site to ${codeSpan(r.dir)}: ${plural(f.pages, "page", "pages")}; ${f.written.length} file${f.written.length === 1 ? "" : "s"} written, ${f.removed.length} removed, ${f.unchanged} unchanged.`
          : `- Read the site's data; no files were written to ${codeSpan(r.dir)}.`,
        `- ${plural(d.series.length, "series or event", "series and events")} (${upcoming} with meetings to come), ${plural(
          d.series.reduce((n, x) => n + x.past.filter((p) => p.minutes !== null).length, 0),
          "past meeting with minutes",
          "past meetings with minutes",
        )}${d.backlog ? `, ${plural(d.backlog.ideas.length, "idea", "ideas")} on the backlog` : ""}.`,
        ...leftOutLine(d.hidden, "topic or idea", "the site, which everyone may read", "topics or ideas"),
      ];
      return ["## Site", lines.join("\n"), ...warningsBlock(result.warnings)].join("\n\n");
    }
  }
}

/** Minutes were made (not skipped): everything the summary and the outputs name is there. */
function madeMinutes(r: MinutesJobResult): r is MinutesJobResult & {
  model: NonNullable<MinutesJobResult["model"]>;
  published: PublishResult;
  meeting: NonNullable<MinutesJobResult["meeting"]>;
  markdown: string;
} {
  return r.skipped === null && r.model !== null && r.published !== null && r.meeting !== null && r.markdown !== null;
}

/**
 * How a publish reads in a job summary: "Committed `minutes/2025-01-13.md` in acme/meetings (new): …",
 * or in a dry run, which wrote nothing, "Would commit …".
 */
export function publishSentence(p: PublishResult): string {
  const file = `\`${p.path}\` in ${p.repository}`;
  const did = (done: string, would: string) => (p.dryRun ? would : done);
  switch (p.status) {
    case "created":
      return `${did("Committed", "Would commit")} ${file} (new): ${p.url}`;
    case "updated":
      return `${did("Committed", "Would commit")} ${file} (updated): ${p.url}`;
    case "unchanged":
      return `${file} is already up to date: ${p.url}`;
    case "pull-request-opened":
      return `${did("Opened", "Would open")} a pull request for ${file}: ${p.url}`;
    case "pull-request-updated":
      return `${did("Updated", "Would update")} the pull request for ${file}: ${p.url}`;
    case "pull-request-unchanged":
      return `The pull request for ${file} is up to date: ${p.url}`;
  }
}

function warningsBlock(warnings: readonly string[]): string[] {
  return warnings.length > 0 ? [`### Warnings\n\n${warnings.map((w) => `- ${inline(w, 600)}`).join("\n")}`] : [];
}

/**
 * "- 2 topics were left out of Team IaaS: …": what the visibility rule (src/domain/visibility.ts)
 * left out, counted and never named (the summary may be read by more people than the topics).
 */
function leftOutLine(count: number, noun: string, where: string, nouns = `${noun}s`): string[] {
  if (count === 0) return [];
  const one = count === 1;
  return [
    `- ${count} ${one ? `${noun} was` : `${nouns} were`} left out of ${where}: ${one ? "it is" : "they are"} in a repository not every reader of it may read (private stays private).`,
  ];
}

/** What a dry run would have written, from the gateway's record of the writes it held back. */
function dryRunNote(writes: readonly WriteRecord[]): string {
  const held = writes.filter((w) => w.dryRun);
  if (held.length === 0) return "> [!NOTE]\n> **Dry run:** nothing was written, and nothing would have been: everything is up to date.";
  return ["> [!NOTE]", "> **Dry run:** nothing was written. Docket would have:", ...held.map((w) => `> - ${w.kind}: ${inline(w.target, 300)}`)].join("\n");
}

const cell = (s: string) =>
  s
    .replace(/\\/g, "\\\\")
    .replace(/\|/g, "\\|")
    .replace(/\r?\n/g, " ")
    .replace(/@(?=[A-Za-z0-9])/g, "@\u200b")
    .replace(/</g, "&lt;");

export interface SummaryInput {
  command: string;
  dryRun: boolean;
  writes: readonly WriteRecord[];
  /** The command's own part (commandSummary; with a dry run, it lists the writes held back). */
  body?: string;
  /** Why the step failed. */
  failure?: string;
  /** Config problems, with the file they are in. */
  configProblems?: { file: string; problems: readonly ConfigProblem[] };
}

/** The whole job summary of a run, whether the command finished or the step failed before or during it. */
export function summaryMarkdown(s: SummaryInput): string {
  const out: string[] = [`## Docket: ${s.command}${s.dryRun ? " (dry run)" : ""}`, ""];
  if (s.failure !== undefined) out.push(`**Failed:** ${cell(s.failure)}`, "");
  if (s.configProblems && s.configProblems.problems.length > 0) {
    out.push(`Problems in \`${s.configProblems.file}\`:`, "", formatProblems(s.configProblems.problems, s.configProblems.file), "");
  }
  if (s.body !== undefined && s.body.trim() !== "") out.push(s.body.trim(), "");
  // A command that finished lists its held-back writes in its own summary; otherwise list them here.
  if (s.dryRun && s.body === undefined) {
    const skipped = s.writes.filter((w) => w.dryRun);
    out.push(
      skipped.length === 0 ? "Dry run: nothing would be written." : `### Dry run: ${skipped.length} write${skipped.length === 1 ? "" : "s"} not made`,
      "",
    );
    if (skipped.length > 0) {
      out.push("| # | write | target |", "| --- | --- | --- |");
      skipped.forEach((w, i) => {
        out.push(`| ${i + 1} | ${cell(w.kind)} | ${cell(w.target)} |`);
      });
      out.push("");
    }
  }
  return `${out.join("\n").trimEnd()}\n`;
}
