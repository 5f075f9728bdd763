/**
 * `/poll` in a comment: a time-slot poll (src/domain/poll.ts).
 *
 * - `/poll slots <from>..<to> <HH:MM> <zone> [weekdays]` posts one comment per
 *   candidate day (`slotComment`); slots already posted in the issue (found by
 *   `readSlotComment`, the poll id being the canonical spec) are skipped, so a
 *   redelivered or repeated command posts nothing twice and a run cut short
 *   is completed by the next one.
 * - `/poll close` reads the 👍 on the slot comments of the issue's latest poll
 *   (GraphQL, as GitHub sends no events for reactions), tallies them
 *   (`tallyPoll`, Docket's own bot excluded) and posts the ranking
 *   (`pollResultComment`), unless a result with the very same text is there.
 * - `/poll close write-config [<series>] [<n>d]` also writes the chosen dates
 *   (`planWriteConfig`: `bestRange` over the series' number of days) into the
 *   configuration Docket loaded: `setEventDates` edits `.github/docket.yml` of
 *   its home repository (where the file was found) and `publishFile` proposes
 *   it as a pull request from `docket/poll/<series>`. The result says which days
 *   and why, and links the pull request. A rerun finds the same branch and pull
 *   request and writes nothing new (the result text is the same, so it is not
 *   posted again either); another choice of days updates the branch and the
 *   pull request's title and body, and after a merged or closed pull request
 *   the branch starts again from the default branch. Only someone with write
 *   permission (or more) on the config's repository may have Docket write
 *   there: for anyone else the result carries the YAML to paste and says who
 *   may. The same YAML, and why, when GitHub answers 403 "Resource not
 *   accessible by integration" (an installation that has not accepted
 *   Contents and Pull requests: write; "… by personal access token" for a
 *   token without them); any other refusal (a rate limit, a protected branch)
 *   fails the job.
 *   When it cannot run at all (no valid configuration, no such event series,
 *   more days than the poll has, nobody voted, a file it cannot edit safely)
 *   it replies why, and the ranking is posted all the same.
 * Only people with triage permission or more may open or close a poll; others
 * get a short reply (at most one an hour per person and issue, then a 😕
 * reaction: applyCommandPlan). Success is a 👍 on the command's comment. The
 * commands decide first (a plan of posts, replies, refusals) and one function
 * writes it, as for `/agenda`. One job writes at most `POLL_WRITE_BUDGET` times.
 */
import { setEventDates } from "../config/edit.js";
import { meetingPlace } from "../config/load.js";
import { emptyPlan, mayTriage, mayWrite, parseCommands, type CommandLine, type CommandPlan } from "../domain/commands.js";
import {
  MAX_SLOTS,
  parsePollCommand,
  planWriteConfig,
  tallyPoll,
  type PollSlot,
  type PollTally,
  type SlotVotes,
  type WriteConfigRequest,
} from "../domain/poll.js";
import { CONFIG_PATH, repoKey, statusOf, type PollComment, type RepoRef } from "../github/gateway.js";
import { oneLine } from "../render/escape.js";
import { GITHUB } from "../render/format.js";
import { pollNotAllowed } from "../render/commands.js";
import {
  configPullRequest,
  pollResultComment,
  readPollResult,
  readSlotComment,
  slotComment,
  type ConfigChange,
  type PollResultOptions,
} from "../render/poll.js";
import { applyCommandPlan } from "./command-plan.js";
import type { JobContext, LoadedConfig } from "./context.js";
import { publishFile } from "./publish.js";

export interface PollTarget {
  repo: RepoRef;
  issueNumber: number;
}

export interface PollCommandComment {
  id: number;
  body: string;
  author: string;
}

export interface PollOutcome {
  /** Slot comments posted by this run. */
  posted: number;
  /** The result comment posted, if any. */
  result: string | null;
  replies: string[];
}

/**
 * The most writes of a `write-config` pull request (`publishFile`): with an
 * open pull request the file on its branch and the pull request's title and
 * body (2); without one the branch created or reset to the default branch,
 * the file on it and the new pull request (3).
 */
const CONFIG_PR_WRITES = 3;

/**
 * The writes one `/poll` comment may take: every slot, the pull request of
 * `write-config`, the result comment, and the 👍 or a reply.
 */
export const POLL_WRITE_BUDGET = MAX_SLOTS + CONFIG_PR_WRITES + 2;

/** GitHub's 403 for an installation or token that lacks a permission the request needs. */
const NOT_ACCESSIBLE = /^Resource not accessible by (integration|personal access token)\b/;

/** Same account, whether spelled as REST (`docket[bot]`) or GraphQL (`docket`) spells it. */
function sameAccount(a: string | null, b: string | null): boolean {
  if (a === null || b === null) return false;
  const bare = (s: string) => s.toLowerCase().replace(/\[bot\]$/, "");
  return bare(a) === bare(b);
}

/** A slot comment Docket wrote: by a GitHub App, and by Docket's own when its login is known. */
function isOwnSlot(c: PollComment, bot: string | null): PollSlot | null {
  if (!c.byBot || (bot !== null && !sameAccount(c.author, bot))) return null;
  return readSlotComment(c.body);
}

/**
 * Runs the `/poll` commands of one comment. `config` is the configuration
 * loaded for the issue's repository (null when it is missing or invalid):
 * only `write-config` needs it.
 */
export async function handlePollCommands(
  ctx: JobContext,
  target: PollTarget,
  comment: PollCommandComment,
  bot: string | null,
  config: LoadedConfig | null,
): Promise<PollOutcome> {
  const commands = parseCommands(comment.body).filter((c) => c.name === "poll");
  if (commands.length === 0) return { posted: 0, result: null, replies: [] };
  const plan = await planPollCommands(ctx, target, comment, bot, config, commands);
  const refusal = await applyCommandPlan(ctx, target, comment, plan.plan);
  return { posted: plan.slots, result: plan.result, replies: [...plan.plan.replies, ...(refusal === "reply" ? plan.plan.refusals : [])] };
}

/**
 * Decides what the comment's `/poll` commands post, reading the issue's comments; only `write-config`
 * writes while deciding (its pull request, `publishFile`). Slots planned by an earlier command of the same
 * comment count as posted; a `/poll close` sees only what is on GitHub, so it closes the poll before.
 */
async function planPollCommands(
  ctx: JobContext,
  target: PollTarget,
  comment: PollCommandComment,
  bot: string | null,
  config: LoadedConfig | null,
  commands: readonly CommandLine[],
): Promise<{ plan: CommandPlan; slots: number; result: string | null }> {
  const plan = emptyPlan();
  const { gateway } = ctx;
  const at = target.repo;
  let slotCount = 0;
  let result: string | null = null;

  if (!mayTriage(await gateway.permission(at, comment.author))) {
    plan.refusals.push(pollNotAllowed(comment.author, at));
    return { plan, slots: 0, result };
  }
  plan.acknowledge = true;
  const planned = new Set<string>();
  for (const cmd of commands) {
    const parsed = parsePollCommand(cmd);
    if (parsed.kind === "invalid") {
      plan.refusals.push(parsed.message);
      continue;
    }
    const comments = await gateway.pollComments(at, target.issueNumber);
    if (parsed.kind === "open") {
      const posted = new Set(comments.flatMap((c) => isOwnSlot(c, bot) ?? []).map((s) => `${s.poll}\n${s.date}`));
      for (const slot of parsed.slots) {
        const key = `${parsed.id}\n${slot.date}`;
        if (posted.has(key) || planned.has(key)) continue;
        plan.posts.push(slotComment(slot, parsed.slots.length));
        planned.add(key);
        slotCount++;
      }
      continue;
    }
    // close: the latest poll of the issue (the poll of the last slot comment).
    const slots = comments.flatMap((c) => {
      const slot = isOwnSlot(c, bot);
      return slot === null ? [] : [{ slot, comment: c }];
    });
    const latest = slots.at(-1)?.slot.poll;
    if (latest === undefined) {
      plan.refusals.push("There is no poll to close in this issue: open one with `/poll slots <from>..<to> <HH:MM> <time zone> [weekdays]`.");
      continue;
    }
    // One entry per date: should a slot have been posted twice, its votes count once per person.
    const byDate = new Map<string, SlotVotes & { voters: Array<string | null> }>();
    for (const { slot, comment: c } of slots.filter((s) => s.slot.poll === latest)) {
      const entry = byDate.get(slot.date) ?? { slot, voters: [] };
      entry.voters.push(...c.thumbsUp);
      byDate.set(slot.date, entry);
      if (c.thumbsUpTotal > c.thumbsUp.length)
        ctx.log.warn({ comment: c.id, votes: c.thumbsUpTotal }, "a poll slot has more than 100 👍; the first 100 were counted");
    }
    const tally = tallyPoll(
      [...byDate.values()].sort((a, b) => a.slot.index - b.slot.index),
      { exclude: bot === null ? [] : [bot, bot.replace(/\[bot\]$/i, "")] },
    );
    const options: PollResultOptions = ctx.serverUrl ? { serverUrl: ctx.serverUrl } : {};
    if (parsed.writeConfig) {
      const change = await writeConfig(ctx, config, parsed.writeConfig, tally, target, comment.author);
      if ("problem" in change) {
        plan.replies.push(`\`/poll close write-config\` cannot run: ${change.problem}. The ranking is posted all the same.`);
      } else {
        const series = config?.config.meetings[change.plan.series];
        Object.assign(options, {
          range: change.plan.range,
          dailyBudget: change.plan.event["daily-budget"],
          configChange: change,
          ...(series ? { place: meetingPlace(series) } : {}),
        });
      }
    }
    const text = pollResultComment(tally, options);
    const already = comments.some((c) => c.byBot && readPollResult(c.body) === latest && c.body === text) || plan.posts.includes(text);
    if (!already) {
      plan.posts.push(text);
      result = text;
    }
  }
  return { plan, slots: slotCount, result };
}

/**
 * `write-config`: plans the dates, edits the config Docket loaded and proposes
 * it as a pull request in the config's repository, when `author` may write
 * there; otherwise, or when GitHub refuses the write as not accessible, the
 * YAML to paste.
 */
async function writeConfig(
  ctx: JobContext,
  config: LoadedConfig | null,
  request: WriteConfigRequest,
  tally: PollTally,
  target: PollTarget,
  author: string,
): Promise<ConfigChange | { problem: string }> {
  if (config === null) {
    return {
      problem: `Docket's configuration (\`${CONFIG_PATH}\`) is missing or has problems; a maintainer can see them in the "Docket configuration" check of the last change to that file`,
    };
  }
  const plan = planWriteConfig(config.config.meetings, request, tally);
  if ("problem" in plan) return plan;
  const at = config.home;
  const where = { plan, repository: repoKey(at), path: CONFIG_PATH };
  const ref = `${repoKey(target.repo)}#${target.issueNumber}`;
  const pull = configPullRequest(plan, tally, { ref, url: `${ctx.serverUrl ?? GITHUB}/${repoKey(target.repo)}/issues/${target.issueNumber}` }, ctx.serverUrl);
  try {
    const file = await ctx.gateway.file(at, CONFIG_PATH);
    if (file === null) return { problem: `\`${CONFIG_PATH}\` is no longer in ${repoKey(at)}` };
    const edit = setEventDates(file.text, plan.series, plan.event);
    if ("problem" in edit) return { problem: `\`${CONFIG_PATH}\` in ${repoKey(at)} cannot be edited: ${edit.problem}` };
    // Docket writes to the config's repository only for someone who may write there (not just triage the poll's).
    if (edit.text !== file.text && !mayWrite(await ctx.gateway.permission(at, author))) {
      return {
        kind: "paste",
        ...where,
        reason: `${author} may not write to ${repoKey(at)}, and only people with write, maintain or admin permission there may have Docket open a pull request in it`,
      };
    }
    const published = await publishFile(ctx, {
      at,
      path: CONFIG_PATH,
      text: edit.text,
      mode: "pull-request",
      message: pull.message,
      branch: `docket/poll/${plan.series}`,
      pullRequest: { title: pull.title, body: pull.body },
    });
    if (published.status === "unchanged") return { kind: "up-to-date", ...where, url: published.fileUrl };
    return { kind: "pull-request", ...where, url: published.url, number: published.pullRequest?.number ?? null };
  } catch (error) {
    const said = oneLine(error instanceof Error ? error.message : String(error)).split(" - ")[0];
    // Only this 403 means a missing permission; a rate limit or a protected branch is no reason to paste.
    if (statusOf(error) !== 403 || !NOT_ACCESSIBLE.test(said ?? "")) throw error;
    ctx.log.warn({ err: error, repo: repoKey(at) }, "write-config: GitHub refused the pull request; the result carries the YAML instead");
    return {
      kind: "paste",
      ...where,
      reason: `GitHub refused Docket's write to ${repoKey(at)} (403: ${said}); it needs Contents and Pull requests: write there, which an owner grants the app by accepting its new permissions in the installation's settings`,
    };
  }
}
