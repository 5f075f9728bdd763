/**
 * The one function that carries out a command plan (src/domain/commands.ts),
 * for `/agenda` and `/poll` alike: labels off, labels on, the commands' posts,
 * answers, then refusals, then the 👍.
 *
 * Refusals cannot be farmed: a person gets at most one refusal reply per issue
 * per hour (all of one comment's refusals in it); after that Docket only puts
 * a 😕 ("confused") reaction on their comment, which notifies nobody and adds
 * nothing to the issue. There is no database, so the hour is read back from
 * GitHub: each refusal reply ends with a hidden marker naming whom it answered
 * (src/render/commands.ts), and one request, the issue's comments updated in
 * the last hour (`since`), finds Docket's own earlier reply. Only comments by a
 * GitHub App (`…[bot]`, a login no person can take) count, so nobody can
 * silence the replies to someone else by pasting the marker. Should that hour
 * hold more than REFUSAL_PAGES pages of comments, the issue is being flooded:
 * Docket reacts rather than reads on.
 */
import { refusalReplyDue, REFUSAL_WINDOW_MS, type CommandPlan, type EarlierRefusal } from "../domain/commands.js";
import type { RepoRef } from "../github/gateway.js";
import { readRefusal, refusalReply } from "../render/commands.js";
import type { JobContext } from "./context.js";

/** Pages of an hour's comments read to find an earlier refusal reply (100 a page). */
export const REFUSAL_PAGES = 3;

export interface PlanTarget {
  repo: RepoRef;
  issueNumber: number;
}

export interface PlanComment {
  id: number;
  author: string;
}

/** What became of the plan's refusals: one reply, a reaction instead, or there were none. */
export type RefusalOutcome = "reply" | "reaction" | "none";

export async function applyCommandPlan(ctx: JobContext, target: PlanTarget, comment: PlanComment, plan: CommandPlan): Promise<RefusalOutcome> {
  const { gateway } = ctx;
  const at = target.repo;
  for (const label of plan.removeLabels) await gateway.removeLabel(at, target.issueNumber, label);
  await gateway.addLabels(at, target.issueNumber, plan.addLabels);
  for (const text of [...plan.posts, ...plan.replies]) await gateway.comment(at, target.issueNumber, text);

  let refusal: RefusalOutcome = "none";
  if (plan.refusals.length > 0) {
    if (await replyDue(ctx, target, comment.author)) {
      await gateway.comment(at, target.issueNumber, refusalReply(comment.author, plan.refusals));
      refusal = "reply";
    } else {
      ctx.log.info({ issue: `${at.owner}/${at.repo}#${target.issueNumber}`, person: comment.author }, "refused again within the hour: a reaction, no reply");
      await gateway.reactToComment(at, comment.id, "confused");
      refusal = "reaction";
    }
  }
  if (plan.quietRefusal && plan.refusals.length === 0) {
    await gateway.reactToComment(at, comment.id, "confused");
    refusal = "reaction";
  }
  if (plan.acknowledge && plan.replies.length === 0 && plan.refusals.length === 0 && !plan.quietRefusal) await gateway.reactToComment(at, comment.id, "+1");
  return refusal;
}

async function replyDue(ctx: JobContext, target: PlanTarget, person: string): Promise<boolean> {
  const since = new Date(ctx.now.getTime() - REFUSAL_WINDOW_MS).toISOString();
  const comments = await ctx.gateway.issueComments(target.repo, target.issueNumber, REFUSAL_PAGES, since);
  if (comments.length >= REFUSAL_PAGES * 100) return false;
  const earlier: EarlierRefusal[] = [];
  for (const c of comments) {
    if (!c.author?.toLowerCase().endsWith("[bot]")) continue;
    const to = readRefusal(c.body);
    if (to !== null) earlier.push({ to, at: c.createdAt });
  }
  return refusalReplyDue(earlier, person, ctx.now);
}
