/**
 * The Action's job (its main): which command, with what. The runner
 * (src/action/run.ts) reads the inputs and hands them here; each command is a
 * job like the app's: it reads through the gateway, asks domain/ and render/,
 * and writes only the difference (nothing at all with dry-run, which the
 * gateway enforces). What it did comes back as data; the job summary and the
 * step outputs are rendered from it in src/render/job-summary.ts.
 *
 * - minutes: publishMinutes (./minutes.ts)
 * - sprint-review: sprintReview (./sprint.ts)
 * - backlog: publishBacklogPage (./backlog-page.ts)
 * - open-next, agenda: openNextMeetings, rebuildAgendas (./meetings.ts)
 * - calendar: publishCalendar (./calendar.ts)
 * - recap: publishRecaps (./recap.ts)
 * - site: readSite (./site.ts), read-only; the Action's runner renders the SiteData
 *   (src/render/site/) and writes the files (src/action/site-files.ts): the file system is
 *   the runner's, not the job's
 *
 * What each command does, its outputs and the decisions behind them:
 * docs/action-commands.md.
 */
import type { AgendaSyncResult } from "./agenda.js";
import type { BacklogSyncResult } from "./backlog.js";
import { publishBacklogPage, type BacklogPageResult } from "./backlog-page.js";
import { publishCalendar, type CalendarResult } from "./calendar.js";
import { CommandError } from "./command-error.js";
import type { JobContext, LoadedConfig } from "./context.js";
import { openNextMeetings, rebuildAgendas } from "./meetings.js";
import { publishMinutes, type MinutesJobResult } from "./minutes.js";
import { publishRecaps, type RecapJobResult } from "./recap.js";
import { readSite } from "./site.js";
import { sprintReview, type SprintJobResult } from "./sprint.js";
import type { SiteData } from "../render/site/model.js";

/** The `site` command: what readSite read, and (set by the Action's runner once written) what is on disk. */
export interface SiteJobResult {
  data: SiteData;
  /** The directory (the `site-dir` input, default `_site`). */
  dir: string;
  /** Written by the runner: files written, removed and left as they were, and the HTML pages. */
  files?: { written: string[]; removed: string[]; unchanged: number; pages: number };
}

export const DEFAULT_SITE_DIR = "_site";

export { CommandError } from "./command-error.js";

export const ACTION_COMMANDS = ["minutes", "sprint-review", "backlog", "open-next", "agenda", "calendar", "recap", "site"] as const;
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
  /** site: the directory the site is written to (default `_site`). */
  siteDir?: string;
  /** The meeting issue the triggering event is about (e.g. `issues.closed`), in the repository the Action runs in. */
  issue?: { owner: string; repo: string; number: number };
}

/** What one command did: the job's own result, and what it found for people to fix or look at. */
export type CommandResult = (
  | { command: "minutes"; minutes: MinutesJobResult }
  | { command: "sprint-review"; review: SprintJobResult }
  | { command: "backlog"; backlog: BacklogPageResult }
  | { command: "open-next"; meetings: AgendaSyncResult[] }
  | { command: "agenda"; meetings: AgendaSyncResult[]; backlog: BacklogSyncResult | null }
  | { command: "calendar"; calendar: CalendarResult }
  | { command: "recap"; recap: RecapJobResult }
  | { command: "site"; site: SiteJobResult }
) & {
  /** Problems a user must fix; the step fails when there are any. */
  problems: string[];
  /** Things worth a look that do not fail the step (e.g. a command in a comment that could not be read); printed as warnings. */
  warnings: string[];
};

export async function runActionJob(ctx: JobContext, loaded: LoadedConfig, inputs: ActionInputs): Promise<CommandResult> {
  switch (inputs.command) {
    case "minutes": {
      const minutes = await publishMinutes(ctx, loaded, {
        ...(inputs.issue ? { issue: inputs.issue } : {}),
        ...(inputs.series ? { series: inputs.series } : {}),
        ...(inputs.date ? { date: inputs.date } : {}),
      });
      return { command: "minutes", minutes, problems: [], warnings: minutes.warnings };
    }
    case "sprint-review": {
      const review = await sprintReview(ctx, loaded, { ...(inputs.sprint ? { sprint: inputs.sprint } : {}), ...(inputs.force ? { force: true } : {}) });
      return { command: "sprint-review", review, problems: [], warnings: review.warnings };
    }
    case "backlog": {
      const backlog = await publishBacklogPage(ctx, loaded);
      return { command: "backlog", backlog, problems: backlog.sync.problems, warnings: backlog.sync.warnings };
    }
    case "open-next": {
      const meetings = await openNextMeetings(ctx, loaded, inputs.series);
      return { command: "open-next", meetings, problems: agendaProblems(meetings), warnings: agendaWarnings(meetings) };
    }
    case "agenda": {
      const { meetings, backlog } = await rebuildAgendas(ctx, loaded, inputs.series);
      return {
        command: "agenda",
        meetings,
        backlog,
        problems: [...agendaProblems(meetings), ...(backlog?.problems ?? [])],
        warnings: [...agendaWarnings(meetings), ...(backlog?.warnings.map((w) => `backlog: ${w}`) ?? [])],
      };
    }
    case "calendar": {
      const calendar = await publishCalendar(ctx, loaded);
      return { command: "calendar", calendar, problems: [], warnings: calendar.warnings };
    }
    case "recap": {
      const recap = await publishRecaps(ctx, loaded, inputs.series ? { series: inputs.series } : {});
      return { command: "recap", recap, problems: [], warnings: recap.warnings };
    }
    case "site": {
      const read = await readSite(ctx, loaded);
      return { command: "site", site: { data: read.data, dir: inputs.siteDir ?? DEFAULT_SITE_DIR }, problems: read.problems, warnings: read.warnings };
    }
    default:
      throw new CommandError(`unknown command \`${String(inputs.command)}\` (expected one of ${ACTION_COMMANDS.join(", ")})`);
  }
}

/** A series or event that is over is no problem for a scheduled job; what people must fix (damaged markers, a truncated search) is. */
function agendaProblems(results: readonly AgendaSyncResult[]): string[] {
  return results.filter((r) => r.occurrence !== null).flatMap((r) => r.problems.map((p) => `meetings.${r.seriesId}: ${p}`));
}

function agendaWarnings(results: readonly AgendaSyncResult[]): string[] {
  return results.flatMap((r) => r.warnings.map((w) => `meetings.${r.seriesId}: ${w}`));
}
