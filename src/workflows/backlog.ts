/**
 * syncBacklog: the idea backlog issue (one per configuration, pinned when it is
 * created) lists every open idea alphabetically: labelled issues and pull
 * requests and, with a `board`, its items that hold the value (drafts too).
 * Like the agenda it is derived from a search merged with fresh reads (and the
 * board, read directly), and written only when it changed.
 */
import { resolveRepository } from "../config/load.js";
import type { BacklogConfig } from "../config/schema.js";
import { backlogIdeas } from "../domain/backlog.js";
import { mergeIdeas } from "../domain/board.js";
import type { Topic } from "../domain/types.js";
import type { Audience } from "../domain/visibility.js";
import type { DocketIssue } from "../github/gateway.js";
import { BACKLOG_SECTION, backlogBody, backlogSection, fitBacklog, type BacklogOptions } from "../render/backlog.js";
import { searchUrl } from "../render/format.js";
import { mergeSections, readState } from "../render/markers.js";
import { labelQualifier, scopeQualifier, type JobContext, type LoadedConfig } from "./context.js";
import { gatherTopics } from "./gather.js";

export const BACKLOG_ISSUE_LABEL = "docket/backlog";

export interface BacklogSyncResult {
  issue: DocketIssue | null;
  created: boolean;
  updated: boolean;
  ideas: Topic[];
  problems: string[];
  /** Worth a look, not a failure (e.g. board items hidden from Docket). */
  warnings: string[];
  /** Ideas left out because some readers of the backlog may not read them (counted, never named). */
  hidden: number;
}

/**
 * The open ideas in backlog order (alphabetical): the idea label's search,
 * fresh reads of `fresh` (the issues the triggering events named) and of what
 * was `listed` before, and the backlog's board if it has one (./gather.ts);
 * only those `output`'s readers may read (src/domain/visibility.ts).
 */
export async function readBacklogIdeas(
  ctx: JobContext,
  loaded: LoadedConfig,
  backlog: BacklogConfig,
  known: { listed: readonly string[]; fresh: readonly string[] },
  output: Audience,
): Promise<{ ideas: Topic[]; problems: string[]; warnings: string[]; hidden: number }> {
  const { labelled, board, problems, warnings, hidden } = await gatherTopics(ctx, loaded, {
    output,
    label: backlog.label,
    board: backlog.board ? { source: backlog.board, configPath: "backlog.board" } : undefined,
    fresh: known.fresh,
    listed: known.listed,
    what: "ideas",
  });
  const ideas = board ? mergeIdeas(labelled, backlog.label, board, backlog.locale) : backlogIdeas(labelled, backlog.label, backlog.locale);
  if (hidden > 0) ctx.log.info({ hidden }, "ideas left out of the backlog: some readers of the backlog may not read them");
  return { ideas, problems, warnings, hidden };
}

export async function syncBacklog(ctx: JobContext, loaded: LoadedConfig, options: { fresh?: readonly string[] } = {}): Promise<BacklogSyncResult> {
  const backlog = loaded.config.backlog;
  const result: BacklogSyncResult = { issue: null, created: false, updated: false, ideas: [], problems: [], warnings: [], hidden: 0 };
  if (!backlog) return result;
  const at = resolveRepository(backlog.repository ?? loaded.config.repository, loaded.home);

  const issues = await ctx.gateway.docketIssues(at, BACKLOG_ISSUE_LABEL);
  const issue = issues.find((i) => i.state === "open") ?? null;
  const previous = issue ? readState(issue.body, BACKLOG_SECTION) : null;

  const output = await ctx.gateway.repoAudience(at);
  const { ideas, problems, warnings, hidden } = await readBacklogIdeas(
    ctx,
    loaded,
    backlog,
    { listed: previous?.scheduled ?? [], fresh: options.fresh ?? [] },
    output,
  );
  result.ideas = ideas;
  result.hidden = hidden;
  result.problems.push(...problems);
  result.warnings.push(...warnings);

  const render: BacklogOptions = {
    label: backlog.label,
    ...(ctx.serverUrl ? { serverUrl: ctx.serverUrl } : {}),
    allIdeasUrl: searchUrl(`${scopeQualifier(loaded.scope)} ${labelQualifier(backlog.label)} is:open`, ctx.serverUrl),
  };
  const entries = ideas.map((topic) => ({ topic }));

  if (!issue) {
    const body = fitBacklog(entries, render, (opts) => backlogBody(entries, opts));
    if (body === null)
      return {
        ...result,
        problems: [...result.problems, "the backlog issue was not opened: it does not fit GitHub's limit of 65,536 characters even without listing ideas"],
      };
    const created = await ctx.gateway.createIssue(at, { title: backlog.title, body, labels: [BACKLOG_ISSUE_LABEL] });
    if (created) {
      try {
        await ctx.gateway.pinIssue(created.id);
      } catch (error) {
        // Pinning needs a free pin slot (three per repository); the backlog works unpinned.
        ctx.log.warn({ err: error, issue: created.url }, "could not pin the backlog issue");
      }
    }
    return { ...result, issue: created, created: true, updated: true };
  }

  // People's text outside the section counts toward GitHub's limit too and stays as it is.
  const merge = (opts: BacklogOptions) => mergeSections(issue.body, [{ name: BACKLOG_SECTION, content: backlogSection(entries, opts) }]);
  result.issue = issue;
  result.problems.push(...merge(render).problems);
  const body = fitBacklog(entries, render, (opts) => merge(opts).body);
  if (body === null) {
    result.problems.push(
      `${issue.url} was not updated: the text outside Docket's section leaves no room for the ideas within GitHub's limit of 65,536 characters; shorten that text and Docket writes the list again`,
    );
  } else if (body !== issue.body) {
    await ctx.gateway.updateIssueBody(at, issue.number, body);
    result.updated = true;
  }
  return result;
}
