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
 *   `write-config` is not implemented yet: the result is posted with a note.
 * Only people with triage permission or more may open or close a poll; others
 * get a short reply. Success is a 👍 on the command's comment. One job writes
 * at most `MAX_SLOTS` + 1 times (the slots and the 👍).
 */
import { mayTriage, parseCommands } from "../domain/commands.js";
import { MAX_SLOTS, parsePollCommand, tallyPoll, type PollSlot, type SlotVotes } from "../domain/poll.js";
import type { PollComment, RepoRef } from "../github/gateway.js";
import { codeSpan } from "../render/escape.js";
import { pollResultComment, readPollResult, readSlotComment, slotComment } from "../render/poll.js";
import type { JobContext } from "./context.js";

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

/** The writes one `/poll` comment may take: every slot, and the 👍 or a reply. */
export const POLL_WRITE_BUDGET = MAX_SLOTS + 1;

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

export async function handlePollCommands(ctx: JobContext, target: PollTarget, comment: PollCommandComment, bot: string | null): Promise<PollOutcome> {
  const outcome: PollOutcome = { posted: 0, result: null, replies: [] };
  const commands = parseCommands(comment.body).filter((c) => c.name === "poll");
  if (commands.length === 0) return outcome;
  const { gateway } = ctx;
  const at = target.repo;

  if (!mayTriage(await gateway.permission(at, comment.author))) {
    outcome.replies.push(
      `@${comment.author} only people with triage permission (or more) on ${codeSpan(`${at.owner}/${at.repo}`)} can open or close a poll; nothing was changed. Vote with 👍 on the slots that suit you.`,
    );
  } else {
    for (const cmd of commands) {
      const parsed = parsePollCommand(cmd);
      if (parsed.kind === "invalid") {
        outcome.replies.push(parsed.message);
        continue;
      }
      const comments = await gateway.pollComments(at, target.issueNumber);
      if (parsed.kind === "open") {
        const posted = new Set(comments.flatMap((c) => isOwnSlot(c, bot) ?? []).filter((s) => s.poll === parsed.id).map((s) => s.date));
        for (const slot of parsed.slots) {
          if (posted.has(slot.date)) continue;
          await gateway.comment(at, target.issueNumber, slotComment(slot, parsed.slots.length));
          posted.add(slot.date);
          outcome.posted++;
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
        outcome.replies.push("There is no poll to close in this issue: open one with `/poll slots <from>..<to> <HH:MM> <time zone> [weekdays]`.");
        continue;
      }
      // One entry per date: should a slot have been posted twice, its votes count once per person.
      const byDate = new Map<string, SlotVotes & { voters: Array<string | null> }>();
      for (const { slot, comment: c } of slots.filter((s) => s.slot.poll === latest)) {
        const entry = byDate.get(slot.date) ?? { slot, voters: [] };
        entry.voters.push(...c.thumbsUp);
        byDate.set(slot.date, entry);
        if (c.thumbsUpTotal > c.thumbsUp.length) ctx.log.warn({ comment: c.id, votes: c.thumbsUpTotal }, "a poll slot has more than 100 👍; the first 100 were counted");
      }
      const tally = tallyPoll([...byDate.values()].sort((a, b) => a.slot.index - b.slot.index), { exclude: bot === null ? [] : [bot, bot.replace(/\[bot\]$/i, "")] });
      let text = pollResultComment(tally, ctx.serverUrl ? { serverUrl: ctx.serverUrl } : {});
      if (parsed.writeConfig) text += "\n\n_`write-config` is not supported yet: copy the chosen dates into the series' `event:` in `.github/docket.yml`._";
      const already = comments.some((c) => c.byBot && readPollResult(c.body) === latest && c.body === text);
      if (!already) {
        await gateway.comment(at, target.issueNumber, text);
        outcome.result = text;
      }
    }
  }

  for (const reply of outcome.replies) await gateway.comment(at, target.issueNumber, reply);
  if (outcome.replies.length === 0) await gateway.reactToComment(at, comment.id, "+1");
  return outcome;
}
