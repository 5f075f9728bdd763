/**
 * publishBacklogPage: the idea backlog as a Markdown page at `backlog.path`
 * (in the backlog's repository), published like the minutes. It keeps the
 * backlog issue in sync first (syncBacklog) and renders the page from the very
 * ideas that sync read, so the page and the issue list the same ideas in the
 * same order.
 */
import { resolveRepository } from "../config/load.js";
import { backlogPage } from "../render/backlog.js";
import { syncBacklog, type BacklogSyncResult } from "./backlog.js";
import { CommandError } from "./command-error.js";
import type { JobContext, LoadedConfig } from "./context.js";
import { fillPath, publishFile, type PublishResult } from "./publish.js";

export interface BacklogPageResult {
  sync: BacklogSyncResult;
  markdown: string;
  published: PublishResult;
}

export async function publishBacklogPage(ctx: JobContext, loaded: LoadedConfig): Promise<BacklogPageResult> {
  const backlog = loaded.config.backlog;
  if (!backlog) throw new CommandError("no idea backlog is configured: add `backlog:` with a `label` and a `path`", "backlog");
  if (backlog.path === undefined || backlog.path.trim() === "") {
    throw new CommandError("the backlog has no `path`: set where its page is published, e.g. docs/backlog.md", "backlog.path");
  }
  const path = fillPath(backlog.path, {}, "backlog.path");
  const sync = await syncBacklog(ctx, loaded);
  const markdown = backlogPage(
    sync.ideas.map((topic) => ({ topic })),
    { label: backlog.label, title: backlog.title, ...(ctx.serverUrl ? { serverUrl: ctx.serverUrl } : {}) },
  );
  const published = await publishFile(ctx, {
    at: resolveRepository(backlog.repository ?? loaded.config.repository, loaded.home),
    path,
    text: markdown,
    mode: backlog.publish,
    message: `Update ${backlog.title}`,
    branch: "docket/backlog",
    pullRequest: {
      title: `Update ${backlog.title}`,
      body: `The idea backlog, written by Docket from the issues labelled \`${backlog.label}\`. Merge to publish it at \`${path}\`.`,
    },
  });
  return { sync, markdown, published };
}
