/**
 * The topics (or ideas) of one label and, optionally, one board, as the
 * agenda and the backlog both read them:
 *
 * - the board first (read directly: no index lag, so what it lists needs no
 *   fresh read; see ./board.ts for its errors and warnings);
 * - one search for the label (100 a page; past GitHub's 1,000 a query in windows by creation
 *   time, src/github/search-windows.ts: only more than 1,000 created in one second are a problem);
 * - fresh reads by id of `fresh` (the issues the triggering events named) and
 *   of what was `listed` before that neither search nor board returned, so a
 *   lagging search index can neither resurrect nor drop a topic; a topic read
 *   fresh that has moved out of the search scope is dropped.
 *
 * The labelled topics still need the label checked (`candidatesFor`,
 * `backlogIdeas`): fresh reads return whatever the ids are now.
 *
 * Only what the output's readers may read comes back (src/domain/visibility.ts):
 * an installation's `org:` search and the board also return private and
 * internal repositories' issues. What was left out is counted, never named.
 */
import type { BoardTopic } from "../domain/board.js";
import { mergeFresh } from "../domain/topics.js";
import type { Topic } from "../domain/types.js";
import { canShow, partitionVisible, type Audience } from "../domain/visibility.js";
import { readBoardTopics, type BoardSource } from "./board.js";
import { inScope, labelQualifier, scopeQualifier, type JobContext, type LoadedConfig } from "./context.js";

export interface GatherRequest {
  /** The label, or several (a multi-track gathering's: topics with any of them). */
  label: string | readonly string[];
  /** The board and its config path (for errors), if any. */
  board?: { source: BoardSource; configPath: string } | undefined;
  /** Node ids to read fresh: the topics the triggering events named. */
  fresh: readonly string[];
  /** Node ids the last written list held. */
  listed: readonly string[];
  /** "topics" or "ideas", for the problem when search is truncated. */
  what: string;
  /** Who may read the output the topics go to (its repository's visibility). */
  output: Audience;
  /**
   * What was read already in the rebuild's first request (`GitHubGateway.agendaInputs`): the
   * search (all of it) and fresh reads of ids (`fresh` among them); only the rest is read here.
   */
  read?: { searched?: Searched; fresh: ReadonlyMap<string, Topic | null> } | undefined;
}

type Searched = Awaited<ReturnType<JobContext["gateway"]["searchTopics"]>>;

/** The search for a label's open topics in the configuration's scope (several labels: topics with any of them). */
export function topicQuery(loaded: LoadedConfig, label: string | readonly string[]): string {
  return `${scopeQualifier(loaded.scope)} ${labelQualifier(label)} is:open`;
}

export interface Gathered {
  /** Open or not, labelled or not: whatever search and the fresh reads returned, in scope. */
  labelled: Topic[];
  /** The board's topics holding the value; null without a board. */
  board: BoardTopic[] | null;
  problems: string[];
  warnings: string[];
  /** Topics (labelled or on the board) left out because some readers of the output may not read them. */
  hidden: number;
}

export async function gatherTopics(ctx: JobContext, loaded: LoadedConfig, req: GatherRequest): Promise<Gathered> {
  const board = req.board ? await readBoardTopics(ctx, req.board.source, req.board.configPath) : null;
  const onBoard = new Set(board?.topics.map((b) => b.topic.id) ?? []);
  const searched = req.read?.searched ?? (await ctx.gateway.searchTopics(topicQuery(loaded, req.label)));
  const seen = new Set([...searched.topics.map((t) => t.id), ...onBoard]);
  const already = req.read?.fresh ?? new Map<string, Topic | null>();
  const recheck = [...req.fresh.filter((id) => !onBoard.has(id)), ...req.listed.filter((id) => !seen.has(id))].filter((id) => !already.has(id));
  const fresh = new Map([...already, ...(recheck.length > 0 ? await ctx.gateway.readTopics(recheck) : [])]);
  const found = mergeFresh(searched.topics, fresh).filter((t) => inScope(t, loaded.scope));
  const labelled = partitionVisible(found, (t) => t.audience, req.output);
  const boardShown = board ? partitionVisible(board.topics, (b) => b.topic.audience, req.output) : null;
  // A topic both labelled and on the board is one topic left out, not two.
  const hidden = new Set([...found, ...(board?.topics.map((b) => b.topic) ?? [])].filter((t) => !canShow(t.audience, req.output)).map((t) => t.id));
  return {
    labelled: labelled.shown,
    hidden: hidden.size,
    board: boardShown?.shown ?? null,
    problems: searched.truncated
      ? [
          `${searched.total} ${req.what} carry ${typeof req.label === "string" ? `\`${req.label}\`` : req.label.map((l) => `\`${l}\``).join(" or ")} and only ${searched.topics.length} could be read: GitHub search reads 1,000 a query, and more than that were created in one second`,
        ]
      : [],
    warnings: board?.warnings ?? [],
  };
}
