/**
 * Publishing a generated Markdown file (minutes, a sprint review, the backlog
 * page) in a repository, the one way every Action command does it:
 *
 * - `commit`: one commit on the default branch, only when the text differs
 *   from what is there (nothing at all when it is the same: a rerun publishes
 *   nothing new).
 * - `pull-request`: when the default branch already has this text, nothing.
 *   Otherwise the file is committed on a branch of its own and a pull request
 *   from that branch is found again or opened:
 *   - an open pull request from the branch: the file on the branch is updated
 *     when its text differs, and then the pull request's title and body too
 *     when they differ (a title or body edited by hand is kept as long as the
 *     file is);
 *   - no open pull request (none yet, or the last one was merged or closed):
 *     the branch is created from the default branch's head, or an existing one
 *     is reset to it (forced: its old commits are dropped, so the new pull
 *     request carries no stale history and cannot conflict), the file is
 *     committed on it and a new pull request is opened; a closed one is not
 *     reopened.
 *
 * Every step checks what is there before it writes, so a run cut short
 * (branch created, no pull request yet) is completed by the next one; one
 * cut short between the file and the pull request's title leaves the old
 * title until the text changes again. At most three writes.
 */
import type { PullRequestRef, RepoRef } from "../github/gateway.js";
import { repoKey } from "../github/gateway.js";
import { CommandError } from "./command-error.js";
import type { JobContext } from "./context.js";

export type PublishMode = "commit" | "pull-request";

export interface PublishRequest {
  at: RepoRef;
  path: string;
  text: string;
  mode: PublishMode;
  /** The commit message. */
  message: string;
  /** For `pull-request`: the branch, and the pull request's title and body. */
  branch: string;
  pullRequest: { title: string; body: string };
}

export type PublishStatus = "created" | "updated" | "unchanged" | "pull-request-opened" | "pull-request-updated" | "pull-request-unchanged";

export interface PublishResult {
  status: PublishStatus;
  /** "owner/name" the file is published in. */
  repository: string;
  path: string;
  /** Where people read it: the file on the default branch, or the pull request. */
  url: string;
  /** The file on the default branch (where it is, or will be once the pull request is merged). */
  fileUrl: string;
  pullRequest: PullRequestRef | null;
  /** A dry run: nothing was written, the status says what would have been. */
  dryRun: boolean;
}

/** Publishes `text` at `path`; writes nothing when it is already published. */
export async function publishFile(ctx: JobContext, req: PublishRequest): Promise<PublishResult> {
  const { gateway } = ctx;
  const repo = await gateway.repository(req.at);
  const base = repo.defaultBranch;
  const blob = (branch: string) => blobUrl({ url: repo.url, defaultBranch: branch }, req.path);
  const result = (status: PublishStatus, pullRequest: PullRequestRef | null = null): PublishResult => ({
    status,
    repository: repoKey(req.at),
    path: req.path,
    url: pullRequest?.url ?? blob(status.startsWith("pull-request") ? req.branch : base),
    fileUrl: blob(base),
    pullRequest,
    dryRun: gateway.dryRun,
  });

  const current = await gateway.file(req.at, req.path, base);
  if (current !== null && current.text === req.text) return result("unchanged");

  if (req.mode === "commit") {
    await gateway.putFile(req.at, { path: req.path, text: req.text, message: req.message, branch: base, ...(current ? { sha: current.sha } : {}) });
    return result(current ? "updated" : "created");
  }

  const head = await gateway.branchHead(req.at, req.branch);
  const open = head === null ? null : await gateway.openPullRequest(req.at, req.branch);
  let onBranch = current;
  if (open !== null) {
    onBranch = await gateway.file(req.at, req.path, req.branch);
  } else {
    const baseSha = await gateway.branchHead(req.at, base);
    if (baseSha === null) throw new Error(`${repoKey(req.at)}: the default branch ${base} has no commit`);
    if (head === null) await gateway.createBranch(req.at, req.branch, baseSha);
    else if (head !== baseSha) await gateway.resetBranch(req.at, req.branch, baseSha);
  }
  const wrote = onBranch === null || onBranch.text !== req.text;
  if (wrote) {
    await gateway.putFile(req.at, { path: req.path, text: req.text, message: req.message, branch: req.branch, ...(onBranch ? { sha: onBranch.sha } : {}) });
  }
  if (open !== null) {
    if (!wrote) return result("pull-request-unchanged", open);
    const { title, body } = req.pullRequest;
    const shown = await gateway.issue(req.at, open.number);
    if (shown === null || shown.title !== title || shown.body !== body) await gateway.updatePullRequest(req.at, open.number, { title, body });
    return result("pull-request-updated", open);
  }
  const opened = await gateway.createPullRequest(req.at, { title: req.pullRequest.title, body: req.pullRequest.body, head: req.branch, base });
  return result("pull-request-opened", opened);
}

/** Where a file is read on the web: on the repository's default branch (or the branch given as `defaultBranch`). */
export function blobUrl(repo: { url: string; defaultBranch: string }, path: string): string {
  return `${repo.url}/blob/${encodePath(repo.defaultBranch)}/${encodePath(path)}`;
}

/** Each segment of a path or branch percent-encoded, the slashes kept. */
function encodePath(path: string): string {
  return path.split("/").map(encodeURIComponent).join("/");
}

/**
 * A configured path with its placeholders filled (`{date}`, `{series}`,
 * `{sprint}`), checked to be a plain relative path in the repository.
 */
export function fillPath(template: string, values: Readonly<Record<string, string>>, configPath: string): string {
  const filled = template.replace(/\{([a-z]+)\}/g, (whole, name: string) => values[name] ?? whole);
  const unknown = /\{([a-z]+)\}/.exec(filled);
  if (unknown) {
    const names = Object.keys(values)
      .map((n) => `{${n}}`)
      .join(", ");
    throw new CommandError(`\`${template}\` names {${unknown[1]}}, which is not known here (expected ${names})`, configPath);
  }
  const path = filled
    .trim()
    .replace(/^(\.\/)+/, "")
    .replace(/^\/+/, "");
  if (path === "" || path.endsWith("/") || path.split("/").some((s) => s === "" || s === "." || s === "..")) {
    throw new CommandError(`expected a file path in the repository such as minutes/{date}.md, got \`${template}\``, configPath);
  }
  return path;
}
