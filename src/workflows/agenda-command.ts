/**
 * `/agenda` in a comment: lets people who cannot set labels propose a topic.
 *
 * - `/agenda <series> [estimate]` adds the series label (and `time/<estimate>`,
 *   replacing other estimate labels) to the issue the comment is on;
 * - `/agenda remove [<series>]` takes the series label(s) off.
 * The issue's author may do this on their own issue; anybody else needs triage
 * permission or more on the repository. The state stays in labels, like
 * everything else Docket knows, so a chair sees and can undo what happened.
 * Docket decides first (planAgendaCommands), then writes (applyCommandPlan):
 * a refused or malformed command gets a short reply (at most one per person
 * per issue per hour, then a 😕 reaction), a successful one a 👍, and one that
 * changes nothing (the labels are already as asked) nothing at all.
 */
import { seriesLabel } from "../config/load.js";
import { mayTriage, parseCommands, planAgendaCommands } from "../domain/commands.js";
import { trackLabel } from "../domain/tracks.js";
import type { RepoRef } from "../github/gateway.js";
import { agendaNotAllowed, agendaOnDocketIssue } from "../render/commands.js";
import { applyCommandPlan } from "./command-plan.js";
import type { JobContext, LoadedConfig } from "./context.js";

export interface CommandTarget {
  repo: RepoRef;
  issueNumber: number;
  issueAuthor: string | null;
  labels: readonly string[];
  /** True when the comment is on one of Docket's own issues (a meeting or the backlog). */
  isDocketIssue: boolean;
}

export interface CommandComment {
  id: number;
  body: string;
  author: string;
}

export interface CommandOutcome {
  /** Series whose agenda must be rebuilt because a label changed. */
  touched: string[];
  replies: string[];
}

export async function handleAgendaCommands(ctx: JobContext, loaded: LoadedConfig, target: CommandTarget, comment: CommandComment): Promise<CommandOutcome> {
  const commands = parseCommands(comment.body).filter((c) => c.name === "agenda");
  if (commands.length === 0) return { touched: [], replies: [] };
  // The permission is read only when it decides something: not for the author, nor on Docket's own issues.
  const allowed = target.isDocketIssue || (await mayUse(ctx, target, comment.author));
  const plan = planAgendaCommands(
    {
      commands,
      series: Object.entries(loaded.config.meetings).map(([id, series]) => ({
        id,
        label: seriesLabel(id, series),
        tracks: series.event?.tracks?.map((t) => ({ id: t.id, label: trackLabel(id, t) })),
      })),
      estimatePrefix: loaded.config["estimate-label-prefix"],
      labels: target.labels,
      isDocketIssue: target.isDocketIssue,
      allowed,
    },
    { onDocketIssue: agendaOnDocketIssue(), notAllowed: agendaNotAllowed(comment.author, target.repo) },
  );
  const refusal = await applyCommandPlan(ctx, target, comment, plan);
  return { touched: plan.touched, replies: refusal === "reply" ? [...plan.refusals] : [] };
}

async function mayUse(ctx: JobContext, target: CommandTarget, user: string): Promise<boolean> {
  if (target.issueAuthor !== null && target.issueAuthor.toLowerCase() === user.toLowerCase()) return true;
  return mayTriage(await ctx.gateway.permission(target.repo, user));
}
