/**
 * `/agenda` in a comment: lets people who cannot set labels propose a topic.
 *
 * - `/agenda <series> [estimate]` adds the series label (and `time/<estimate>`,
 *   replacing other estimate labels) to the issue the comment is on;
 * - `/agenda remove [<series>]` takes the series label(s) off.
 * The issue's author may do this on their own issue; anybody else needs triage
 * permission or more on the repository. The state stays in labels, like
 * everything else Docket knows, so a chair sees and can undo what happened.
 * Docket answers a refused or malformed command with a short reply and a
 * successful one with a 👍 reaction on the comment.
 */
import { seriesLabel } from "../config/load.js";
import { interpretAgendaCommand, mayTriage, parseCommands } from "../domain/commands.js";
import { formatDuration } from "../domain/duration.js";
import { estimateFromLabels } from "../domain/estimate.js";
import { hasLabel } from "../domain/topics.js";
import type { RepoRef } from "../github/gateway.js";
import { codeSpan } from "../render/escape.js";
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
  const outcome: CommandOutcome = { touched: [], replies: [] };
  const commands = parseCommands(comment.body).filter((c) => c.name === "agenda");
  if (commands.length === 0) return outcome;
  const seriesIds = Object.keys(loaded.config.meetings);
  const prefix = loaded.config["estimate-label-prefix"];

  if (target.isDocketIssue) {
    outcome.replies.push("`/agenda` works on the issue or pull request you want to discuss, not on a meeting issue.");
  } else if (!(await allowed(ctx, target, comment.author))) {
    outcome.replies.push(
      `@${comment.author} only the author of this issue or people with triage permission (or more) on ${codeSpan(`${target.repo.owner}/${target.repo.repo}`)} can change its agenda; nothing was changed. Ask a maintainer to add the label, or to comment the command for you.`,
    );
  } else {
    let labels = [...target.labels];
    for (const cmd of commands) {
      const parsed = interpretAgendaCommand(cmd, seriesIds);
      if (parsed.kind === "invalid") {
        outcome.replies.push(parsed.message);
        continue;
      }
      if (parsed.kind === "add") {
        const series = loaded.config.meetings[parsed.series]!;
        const add: string[] = [];
        const label = seriesLabel(parsed.series, series);
        if (!hasLabel({ labels }, label)) add.push(label);
        if (parsed.minutes !== null) {
          const wanted = `${prefix}${formatDuration(parsed.minutes)}`;
          for (const old of labels.filter((l) => l.toLowerCase().startsWith(prefix.toLowerCase()) && l.toLowerCase() !== wanted.toLowerCase())) {
            if (estimateFromLabels([old], prefix) === null) continue; // not an estimate label after all
            await ctx.gateway.removeLabel(target.repo, target.issueNumber, old);
            labels = labels.filter((l) => l !== old);
          }
          if (!hasLabel({ labels }, wanted)) add.push(wanted);
        }
        await ctx.gateway.addLabels(target.repo, target.issueNumber, add);
        labels.push(...add);
        outcome.touched.push(parsed.series);
      } else {
        const ids = parsed.series === null ? seriesIds : [parsed.series];
        for (const id of ids) {
          const label = seriesLabel(id, loaded.config.meetings[id]!);
          const present = labels.find((l) => l.toLowerCase() === label.toLowerCase());
          if (present === undefined) continue;
          await ctx.gateway.removeLabel(target.repo, target.issueNumber, present);
          labels = labels.filter((l) => l !== present);
          outcome.touched.push(id);
        }
      }
    }
  }

  for (const reply of outcome.replies) await ctx.gateway.comment(target.repo, target.issueNumber, reply);
  if (outcome.replies.length === 0) await ctx.gateway.reactToComment(target.repo, comment.id, "+1");
  outcome.touched = [...new Set(outcome.touched)];
  return outcome;
}

async function allowed(ctx: JobContext, target: CommandTarget, user: string): Promise<boolean> {
  if (target.issueAuthor !== null && target.issueAuthor.toLowerCase() === user.toLowerCase()) return true;
  return mayTriage(await ctx.gateway.permission(target.repo, user));
}
