/** Pull requests: the one Docket opens to publish minutes or a calendar through a branch. */
import { repoKey, type GitHubClient, type RepoRef } from "./client.js";
import { PULL_REQUESTS_FROM_BRANCH } from "./queries.js";
import type { PullRequestsFromBranchData } from "./wire.js";

export interface PullRequestRef {
  number: number;
  url: string;
}

export class Pulls {
  constructor(private readonly client: GitHubClient) {}

  /** The newest open pull request from a branch of the repository, if any. */
  async openPullRequest(at: RepoRef, head: string): Promise<PullRequestRef | null> {
    const data = await this.client.graphql<PullRequestsFromBranchData | null>(PULL_REQUESTS_FROM_BRANCH, { owner: at.owner, name: at.repo, head });
    // A fork may open a pull request from a branch of the same name: that one is not Docket's.
    const node = (data?.repository?.pullRequests?.nodes ?? []).find((n) => n && n.isCrossRepository !== true);
    return node ? { number: node.number, url: node.url } : null;
  }

  async createPullRequest(at: RepoRef, input: { title: string; body: string; head: string; base: string }): Promise<PullRequestRef | null> {
    const res = await this.client.write(
      "open pull request",
      `${repoKey(at)}: ${input.head} -> ${input.base}`,
      (octokit) => octokit.request("POST /repos/{owner}/{repo}/pulls", { owner: at.owner, repo: at.repo, ...input }),
      { title: input.title, body: input.body },
    );
    if (!res) return null;
    const d = res.data as { number: number; html_url: string };
    return { number: d.number, url: d.html_url };
  }

  /** Sets a pull request's title and body. */
  async updatePullRequest(at: RepoRef, pullNumber: number, input: { title: string; body: string }): Promise<void> {
    await this.client.write(
      "update pull request",
      `${repoKey(at)}#${pullNumber}`,
      (octokit) =>
        octokit.request("PATCH /repos/{owner}/{repo}/pulls/{pull_number}", {
          owner: at.owner,
          repo: at.repo,
          pull_number: pullNumber,
          title: input.title,
          body: input.body,
        }),
      { title: input.title, body: input.body },
    );
  }
}
