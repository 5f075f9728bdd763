/**
 * Issues and their comments, labels and reactions: the meeting and backlog issues Docket
 * maintains, follow-up issues, a poll's comments and 👍.
 */
import { repoKey, statusOf, type GitHubClient, type RepoRef } from "./client.js";
import type { Repos } from "./repos.js";
import { DOCKET_ISSUES, ISSUES_WITH_LABEL_SINCE, PIN_ISSUE, POLL_COMMENTS } from "./queries.js";
import type { DocketIssuesData, DocketIssuesRepository, IssueNode, IssuesWithLabelData, PollCommentsData } from "./wire.js";

/** An issue Docket maintains (a meeting issue or the backlog issue). */
export interface DocketIssue {
  id: string;
  number: number;
  title: string;
  url: string;
  body: string;
  state: "open" | "closed";
  /**
   * Why it was closed (GitHub's state_reason, lower-case): `not_planned` on a future meeting
   * issue means that meeting is cancelled, `completed` that the chair ended it; `reopened` or
   * null while open. Null when GitHub does not say.
   */
  stateReason: StateReason | null;
  /**
   * Listed without its body (`body` is ""): an older closed issue, beyond the newest that
   * `docketIssues` reads in full. Known by its title; read it (`issue`) before writing into it.
   */
  withoutBody?: true;
}

export type StateReason = "completed" | "not_planned" | "duplicate" | "reopened";

/** GitHub's state reason as REST (`not_planned`) or GraphQL (`NOT_PLANNED`) spells it; null for anything else. */
export function toStateReason(value: unknown): StateReason | null {
  const v = typeof value === "string" ? value.toLowerCase() : "";
  return v === "completed" || v === "not_planned" || v === "duplicate" || v === "reopened" ? v : null;
}

/** An issue read in full (a meeting issue the Action was pointed at). */
export interface IssueDetails extends DocketIssue {
  author: string | null;
  labels: string[];
  createdAt: string;
  closedAt: string | null;
  /** The issue is a pull request. */
  pullRequest: boolean;
}

/** A comment on an issue, as the minutes need it. */
export interface IssueComment {
  id: number;
  /** Login; null for a deleted user. */
  author: string | null;
  body: string;
  createdAt: string;
}

/** A comment with its 👍 (a time-slot poll's slot and its votes). */
export interface PollComment {
  id: number;
  body: string;
  /** Login as GraphQL gives it (a bot without "[bot]"); null for a deleted account. */
  author: string | null;
  /** Written by a GitHub App (Docket's slot comments are). */
  byBot: boolean;
  /** Logins of the first 100 people who gave a 👍 (null: a deleted account). */
  thumbsUp: Array<string | null>;
  /** All 👍, also beyond the first 100. */
  thumbsUpTotal: number;
}

/** What REST answers for an issue (GET and POST /repos/{owner}/{repo}/issues…), as far as Docket reads it. */
interface RestIssue {
  node_id: string;
  number: number;
  title: string;
  html_url: string;
  body?: string | null;
  state?: string;
  state_reason?: string | null;
  user?: { login?: string } | null;
  labels?: Array<string | { name?: string }>;
  created_at: string;
  closed_at?: string | null;
  pull_request?: unknown;
}

/** What REST answers for an issue comment, as far as Docket reads it. */
interface RestComment {
  id: number;
  user?: { login?: string } | null;
  body?: string | null;
  created_at?: string;
}

const labelNames = (labels: RestIssue["labels"]): string[] =>
  (labels ?? []).map((l) => (typeof l === "string" ? l : l.name)).filter((n): n is string => typeof n === "string");

/** An issue node (`id number title url body state stateReason`) as a DocketIssue. */
export function toDocketIssue(n: IssueNode): DocketIssue {
  return {
    id: n.id,
    number: n.number,
    title: n.title,
    url: n.url,
    body: n.body ?? "",
    state: n.state === "OPEN" ? "open" : "closed",
    stateReason: toStateReason(n.stateReason),
  };
}

/** DOCKET_ISSUES' (and AGENDA_INPUTS') meeting issues: the 30 newest in full, then the older closed ones (of the 100 newest closed) without their bodies. */
export function meetingIssues(repository: DocketIssuesRepository | null | undefined): DocketIssue[] {
  const full = (repository?.issues?.nodes ?? []).flatMap((n) => (n ? [toDocketIssue(n)] : []));
  const seen = new Set(full.map((i) => i.id));
  const older = (repository?.closed?.nodes ?? []).flatMap((n): DocketIssue[] => (n && !seen.has(n.id) ? [{ ...toDocketIssue(n), withoutBody: true }] : []));
  return [...full, ...older];
}

export class Issues {
  constructor(
    private readonly client: GitHubClient,
    private readonly repos: Repos,
  ) {}

  /**
   * Issues carrying a Docket label in a repository, newest first (no search: no index lag): the
   * 30 newest in full, then older closed ones (of the 100 newest closed) without their bodies.
   */
  async docketIssues(at: RepoRef, label: string): Promise<DocketIssue[]> {
    const data = await this.client.graphql<DocketIssuesData | null>(DOCKET_ISSUES, { owner: at.owner, name: at.repo, label });
    if (data?.repository) this.repos.rememberAudience(at, data.repository.visibility);
    return meetingIssues(data?.repository);
  }

  /** Issues with a label updated at or after `since` (no search: no index lag), oldest first. */
  async issuesWithLabelSince(at: RepoRef, label: string, since: string): Promise<DocketIssue[]> {
    const { items } = await this.client.pages(
      ISSUES_WITH_LABEL_SINCE,
      { owner: at.owner, name: at.repo, label, since },
      (d: IssuesWithLabelData | null) => d?.repository?.issues,
      toDocketIssue,
    );
    return items;
  }

  /** An issue (or pull request) by number; null when it does not exist (or is not visible). */
  async issue(at: RepoRef, issueNumber: number): Promise<IssueDetails | null> {
    try {
      const res = await this.client.rest("GET /repos/{owner}/{repo}/issues/{issue_number}", { owner: at.owner, repo: at.repo, issue_number: issueNumber });
      const d = res.data as RestIssue;
      return {
        id: d.node_id,
        number: d.number,
        title: d.title,
        url: d.html_url,
        body: d.body ?? "",
        state: d.state === "closed" ? "closed" : "open",
        stateReason: toStateReason(d.state_reason),
        author: d.user?.login ?? null,
        labels: labelNames(d.labels),
        createdAt: d.created_at,
        closedAt: d.closed_at ?? null,
        pullRequest: d.pull_request !== undefined && d.pull_request !== null,
      };
    } catch (error) {
      if (statusOf(error) === 404 || statusOf(error) === 410) return null;
      throw error;
    }
  }

  /** Bodies of an issue's comments (to find a marker Docket left before). */
  async commentBodies(at: RepoRef, issueNumber: number): Promise<string[]> {
    return (await this.issueComments(at, issueNumber, 10)).map((c) => c.body);
  }

  /** An issue's comments in the order GitHub lists them (oldest first), 100 a page, at most `maxPages` pages; with `since`, only those updated at or after it. */
  async issueComments(at: RepoRef, issueNumber: number, maxPages = Number.POSITIVE_INFINITY, since?: string): Promise<IssueComment[]> {
    const comments: IssueComment[] = [];
    for (let page = 1; page <= maxPages; page++) {
      const res = await this.client.rest("GET /repos/{owner}/{repo}/issues/{issue_number}/comments", {
        owner: at.owner,
        repo: at.repo,
        issue_number: issueNumber,
        per_page: 100,
        page,
        ...(since ? { since } : {}),
      });
      const items = (res.data ?? []) as RestComment[];
      for (const c of items) comments.push({ id: c.id, author: c.user?.login ?? null, body: c.body ?? "", createdAt: c.created_at ?? "" });
      if (items.length < 100) break;
    }
    return comments;
  }

  /** The comments of an issue or pull request with who gave each a 👍 (POLL_COMMENTS), oldest first. */
  async pollComments(at: RepoRef, issueNumber: number): Promise<PollComment[]> {
    const { items } = await this.client.pages(
      POLL_COMMENTS,
      { owner: at.owner, name: at.repo, number: issueNumber },
      (d: PollCommentsData | null) => d?.repository?.issueOrPullRequest?.comments,
      (n): PollComment | null =>
        typeof n.databaseId !== "number"
          ? null
          : {
              id: n.databaseId,
              body: n.body ?? "",
              author: n.author?.login ?? null,
              byBot: n.author?.__typename === "Bot",
              thumbsUp: (n.reactions?.nodes ?? []).map((r) => r?.user?.login ?? null),
              thumbsUpTotal: n.reactions?.totalCount ?? 0,
            },
    );
    return items;
  }

  // ---------------------------------------------------------------- writes

  /** Opens an issue; `assignees` must be assignable (GitHub answers 422 otherwise). */
  async createIssue(at: RepoRef, input: { title: string; body: string; labels: string[]; assignees?: string[] }): Promise<DocketIssue | null> {
    const res = await this.client.write(
      "create issue",
      `${repoKey(at)}: ${input.title}`,
      (octokit) => octokit.request("POST /repos/{owner}/{repo}/issues", { owner: at.owner, repo: at.repo, ...input }),
      { title: input.title, body: input.body },
    );
    if (!res) return null;
    const d = res.data as RestIssue;
    const labels = (d.labels ?? []).map((l) => (typeof l === "string" ? l : l.name));
    // GitHub drops labels it will not set; Docket finds its issues by label, so make sure it is there.
    const missing = input.labels.filter((l) => !labels.some((x) => x?.toLowerCase() === l.toLowerCase()));
    if (missing.length > 0) await this.addLabels(at, d.number, missing);
    return {
      id: d.node_id,
      number: d.number,
      title: d.title,
      url: d.html_url,
      body: d.body ?? "",
      state: d.state === "closed" ? "closed" : "open",
      stateReason: toStateReason(d.state_reason),
    };
  }

  /** Closes an issue with a reason (`not_planned`: a cancelled meeting), or reopens it. */
  async setIssueState(at: RepoRef, issueNumber: number, state: "open" | "closed", reason?: "completed" | "not_planned"): Promise<void> {
    await this.client.write(state === "closed" ? "close issue" : "reopen issue", `${repoKey(at)}#${issueNumber}${reason ? ` (${reason})` : ""}`, (octokit) =>
      octokit.request("PATCH /repos/{owner}/{repo}/issues/{issue_number}", {
        owner: at.owner,
        repo: at.repo,
        issue_number: issueNumber,
        state,
        ...(reason ? { state_reason: reason } : {}),
      }),
    );
  }

  async updateIssueBody(at: RepoRef, issueNumber: number, body: string): Promise<void> {
    await this.client.write(
      "update issue",
      `${repoKey(at)}#${issueNumber}`,
      (octokit) => octokit.request("PATCH /repos/{owner}/{repo}/issues/{issue_number}", { owner: at.owner, repo: at.repo, issue_number: issueNumber, body }),
      { body },
    );
  }

  async comment(at: RepoRef, issueNumber: number, body: string): Promise<void> {
    await this.client.write(
      "comment",
      `${repoKey(at)}#${issueNumber}`,
      (octokit) =>
        octokit.request("POST /repos/{owner}/{repo}/issues/{issue_number}/comments", { owner: at.owner, repo: at.repo, issue_number: issueNumber, body }),
      { body },
    );
  }

  async addLabels(at: RepoRef, issueNumber: number, labels: string[]): Promise<void> {
    if (labels.length === 0) return;
    await this.client.write("add labels", `${repoKey(at)}#${issueNumber}: ${labels.join(", ")}`, (octokit) =>
      octokit.request("POST /repos/{owner}/{repo}/issues/{issue_number}/labels", { owner: at.owner, repo: at.repo, issue_number: issueNumber, labels }),
    );
  }

  async removeLabel(at: RepoRef, issueNumber: number, name: string): Promise<void> {
    try {
      await this.client.write("remove label", `${repoKey(at)}#${issueNumber}: ${name}`, (octokit) =>
        octokit.request("DELETE /repos/{owner}/{repo}/issues/{issue_number}/labels/{name}", {
          owner: at.owner,
          repo: at.repo,
          issue_number: issueNumber,
          name,
        }),
      );
    } catch (error) {
      if (statusOf(error) !== 404) throw error; // already gone: the goal is reached
    }
  }

  async reactToComment(at: RepoRef, commentId: number, content: "+1" | "confused" | "eyes"): Promise<void> {
    await this.client.write("reaction", `${repoKey(at)} comment ${commentId}`, (octokit) =>
      octokit.request("POST /repos/{owner}/{repo}/issues/comments/{comment_id}/reactions", { owner: at.owner, repo: at.repo, comment_id: commentId, content }),
    );
  }

  async pinIssue(issueId: string): Promise<void> {
    await this.client.write("pin issue", issueId, (octokit) => octokit.graphql(PIN_ISSUE, { issueId }));
  }
}
