/**
 * The topics (or ideas) of one label and, optionally, one board, as the
 * agenda and the backlog both read them:
 *
 * - the board first (read directly: no index lag, so what it lists needs no
 *   fresh read; see ./board.ts for its errors and warnings);
 * - one search for the label (100 a page, at most 1,000: more is a problem);
 * - fresh reads by id of `fresh` (the issues the triggering events named) and
 *   of what was `listed` before that neither search nor board returned, so a
 *   lagging search index can neither resurrect nor drop a topic; a topic read
 *   fresh that has moved out of the search scope is dropped.
 *
 * The labelled topics still need the label checked (`candidatesFor`,
 * `backlogIdeas`): fresh reads return whatever the ids are now.
 */
import type { BoardTopic } from "../domain/board.js";
import { mergeFresh } from "../domain/topics.js";
import type { Topic } from "../domain/types.js";
import { readBoardTopics, type BoardSource } from "./board.js";
import { inScope, labelQualifier, scopeQualifier, type JobContext, type LoadedConfig } from "./context.js";

export interface GatherRequest {
  label: string;
  /** The board and its config path (for errors), if any. */
  board?: { source: BoardSource; configPath: string } | undefined;
  /** Node ids to read fresh: the topics the triggering events named. */
  fresh: readonly string[];
  /** Node ids the last written list held. */
  listed: readonly string[];
  /** "topics" or "ideas", for the problem when search is truncated. */
  what: string;
}

export interface Gathered {
  /** Open or not, labelled or not: whatever search and the fresh reads returned, in scope. */
  labelled: Topic[];
  /** The board's topics holding the value; null without a board. */
  board: BoardTopic[] | null;
  problems: string[];
  warnings: string[];
}

export async function gatherTopics(ctx: JobContext, loaded: LoadedConfig, req: GatherRequest): Promise<Gathered> {
  const board = req.board ? await readBoardTopics(ctx, req.board.source, req.board.configPath) : null;
  const onBoard = new Set(board?.topics.map((b) => b.topic.id) ?? []);
  const searched = await ctx.gateway.searchTopics(`${scopeQualifier(loaded.scope)} ${labelQualifier(req.label)} is:open`);
  const seen = new Set([...searched.topics.map((t) => t.id), ...onBoard]);
  const recheck = [...req.fresh.filter((id) => !onBoard.has(id)), ...req.listed.filter((id) => !seen.has(id))];
  const fresh = recheck.length > 0 ? await ctx.gateway.readTopics(recheck) : new Map<string, Topic | null>();
  return {
    labelled: mergeFresh(searched.topics, fresh).filter((t) => inScope(t, loaded.scope)),
    board: board?.topics ?? null,
    problems: searched.truncated ? [`more than ${searched.topics.length} ${req.what} carry \`${req.label}\`; GitHub search reads at most 1,000`] : [],
    warnings: board?.warnings ?? [],
  };
}
