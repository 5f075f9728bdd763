/** Check runs: what the configuration check reports on a commit. */
import { repoKey, type GitHubClient, type RepoRef } from "./client.js";

export interface CheckRunInput {
  name: string;
  head_sha: string;
  conclusion: "success" | "failure" | "neutral";
  title: string;
  summary: string;
  annotations?: Array<{
    path: string;
    start_line: number;
    end_line: number;
    annotation_level: "failure" | "warning" | "notice";
    message: string;
    title?: string;
  }>;
}

export class Checks {
  constructor(private readonly client: GitHubClient) {}

  /** A completed check run (at most 50 annotations: GitHub's limit per request). */
  async createCheckRun(at: RepoRef, run: CheckRunInput): Promise<void> {
    const { name, head_sha, conclusion, title, summary, annotations } = run;
    await this.client.write(
      "check run",
      `${repoKey(at)}@${head_sha.slice(0, 7)}: ${conclusion}`,
      (octokit) =>
        octokit.request("POST /repos/{owner}/{repo}/check-runs", {
          owner: at.owner,
          repo: at.repo,
          name,
          head_sha,
          status: "completed",
          conclusion,
          output: { title, summary, ...(annotations && annotations.length > 0 ? { annotations: annotations.slice(0, 50) } : {}) },
        }),
      { summary },
    );
  }
}
