/**
 * The only code that talks to GitHub. A small typed gateway over an Octokit
 * (Probot's in the app, the Action's own in the Action): it turns GitHub's
 * answers into the plain shapes of src/domain/types.ts and funnels every write
 * through one place, where dry-run and the per-run write budget are enforced
 * and writes are counted.
 *
 * GraphQL documents live in ./queries.ts; REST calls use Octokit's route
 * strings, so tests can check each against GitHub's OpenAPI description.
 */
import type { Topic } from "../domain/types.js";
import { DOCKET_ISSUES, PIN_ISSUE, SEARCH_TOPICS, TOPICS_BY_ID } from "./queries.js";

/** What Docket needs of an Octokit instance (ProbotOctokit and the Action's Octokit both fit). */
export interface OctokitLike {
  request: (route: string, params?: Record<string, unknown>) => Promise<{ status: number; data: any; headers?: Record<string, unknown> }>;
  graphql: (query: string, variables?: Record<string, unknown>) => Promise<any>;
  config?: {
    get: (options: { owner: string; repo: string; path: string }) => Promise<{
      config: Record<string, unknown>;
      files: Array<{ owner: string; repo: string; path: string; url: string; config: Record<string, unknown> | null }>;
    }>;
  };
}

export interface Logger {
  debug(obj: unknown, msg?: string): void;
  info(obj: unknown, msg?: string): void;
  warn(obj: unknown, msg?: string): void;
  error(obj: unknown, msg?: string): void;
}

export const silentLogger: Logger = { debug() {}, info() {}, warn() {}, error() {} };

export interface RepoRef {
  owner: string;
  repo: string;
}

export const repoKey = (r: RepoRef): string => `${r.owner}/${r.repo}`;

export function parseRepo(nameWithOwner: string): RepoRef {
  const [owner = "", repo = ""] = nameWithOwner.split("/");
  return { owner, repo };
}

/** An issue Docket maintains (a meeting issue or the backlog issue). */
export interface DocketIssue {
  id: string;
  number: number;
  title: string;
  url: string;
  body: string;
  state: "open" | "closed";
}

export interface GatewayOptions {
  /** Log what would be written and write nothing. */
  dryRun?: boolean;
  /** Refuse writes past this many in one run (a runaway guard, as actions/stale's operations-per-run). */
  writeBudget?: number;
  log?: Logger;
}

export class WriteBudgetExceeded extends Error {
  constructor(budget: number) {
    super(`Docket stopped after ${budget} writes in one run (the write budget); the rest follows on the next run.`);
    this.name = "WriteBudgetExceeded";
  }
}

/** GitHub search returns at most 1,000 results for one query. */
export const SEARCH_LIMIT = 1000;
const NODES_PER_REQUEST = 100;
export const CONFIG_PATH = ".github/docket.yml";

export interface WriteRecord {
  kind: string;
  target: string;
  dryRun: boolean;
}

export class GitHubGateway {
  readonly writes: WriteRecord[] = [];
  requests = 0;
  private readonly log: Logger;

  constructor(
    private readonly octokit: OctokitLike,
    private readonly options: GatewayOptions = {},
  ) {
    this.log = options.log ?? silentLogger;
  }

  get dryRun(): boolean {
    return this.options.dryRun === true;
  }

  // ---------------------------------------------------------------- reads

  /**
   * `.github/docket.yml` of the repository, else of the owner's `.github`
   * repository, with `_extends` followed (Probot's config plugin). `home` is the
   * repository whose file was found first: the default home of meeting issues.
   */
  async loadConfig(at: RepoRef): Promise<{ raw: Record<string, unknown> | null; home: RepoRef | null }> {
    if (!this.octokit.config) throw new Error("this Octokit has no config plugin");
    this.requests++;
    const { config, files } = await this.octokit.config.get({ owner: at.owner, repo: at.repo, path: CONFIG_PATH });
    const found = files.find((f) => f.config !== null);
    if (!found) return { raw: null, home: null };
    return { raw: config, home: { owner: found.owner, repo: found.repo } };
  }

  /** A file's text at a ref; null when it does not exist. */
  async fileText(at: RepoRef, path: string, ref?: string): Promise<string | null> {
    try {
      const res = await this.read("GET /repos/{owner}/{repo}/contents/{path}", {
        owner: at.owner,
        repo: at.repo,
        path,
        ...(ref ? { ref } : {}),
        mediaType: { format: "raw" },
      });
      return typeof res.data === "string" ? res.data : null;
    } catch (error) {
      if (statusOf(error) === 404) return null;
      throw error;
    }
  }

  /** All issues and pull requests matching a search query (at most 1,000: GitHub's limit). */
  async searchTopics(query: string): Promise<{ topics: Topic[]; total: number; truncated: boolean }> {
    const topics: Topic[] = [];
    let after: string | null = null;
    let total = 0;
    for (;;) {
      this.requests++;
      const data: any = await this.octokit.graphql(SEARCH_TOPICS, { searchQuery: query, after });
      const search = data.search;
      total = search.issueCount;
      for (const node of search.nodes ?? []) {
        const topic = toTopic(node);
        if (topic) topics.push(topic);
      }
      if (!search.pageInfo.hasNextPage || topics.length >= SEARCH_LIMIT) break;
      after = search.pageInfo.endCursor;
    }
    const truncated = total > topics.length;
    if (truncated) this.log.warn({ query, total, read: topics.length }, "search returned more topics than GitHub lets one query read");
    return { topics, total, truncated };
  }

  /** Fresh reads by node id. A topic that is gone (deleted, or not visible) maps to null. */
  async readTopics(ids: readonly string[]): Promise<Map<string, Topic | null>> {
    const out = new Map<string, Topic | null>();
    const unique = [...new Set(ids)];
    for (let i = 0; i < unique.length; i += NODES_PER_REQUEST) {
      const batch = unique.slice(i, i + NODES_PER_REQUEST);
      this.requests++;
      const data = await graphqlAllowingNotFound(this.octokit, TOPICS_BY_ID, { ids: batch });
      const nodes: unknown[] = data?.nodes ?? [];
      batch.forEach((id, k) => out.set(id, toTopic(nodes[k])));
    }
    return out;
  }

  /** Issues carrying a Docket label in a repository, newest first (no search: no index lag). */
  async docketIssues(at: RepoRef, label: string): Promise<DocketIssue[]> {
    this.requests++;
    const data = await this.octokit.graphql(DOCKET_ISSUES, { owner: at.owner, name: at.repo, label });
    const nodes: any[] = data?.repository?.issues?.nodes ?? [];
    return nodes.map((n) => ({
      id: n.id,
      number: n.number,
      title: n.title,
      url: n.url,
      body: n.body ?? "",
      state: n.state === "OPEN" ? "open" : "closed",
    }));
  }

  /** Bodies of an issue's comments (to find a marker Docket left before). */
  async commentBodies(at: RepoRef, issueNumber: number): Promise<string[]> {
    const bodies: string[] = [];
    for (let page = 1; page <= 10; page++) {
      const res = await this.read("GET /repos/{owner}/{repo}/issues/{issue_number}/comments", {
        owner: at.owner,
        repo: at.repo,
        issue_number: issueNumber,
        per_page: 100,
        page,
      });
      const items: any[] = res.data ?? [];
      for (const c of items) bodies.push(c.body ?? "");
      if (items.length < 100) break;
    }
    return bodies;
  }

  /** A person's role on a repository (role_name: admin, maintain, write, triage, read, or custom). */
  async permission(at: RepoRef, username: string): Promise<{ role_name: string | null; permission: string | null }> {
    try {
      const res = await this.read("GET /repos/{owner}/{repo}/collaborators/{username}/permission", { owner: at.owner, repo: at.repo, username });
      return { role_name: res.data?.role_name ?? null, permission: res.data?.permission ?? null };
    } catch (error) {
      // 404: not a collaborator (or not a user at all): no permission.
      if (statusOf(error) === 404) return { role_name: null, permission: "none" };
      throw error;
    }
  }

  // ---------------------------------------------------------------- writes

  async createIssue(at: RepoRef, input: { title: string; body: string; labels: string[] }): Promise<DocketIssue | null> {
    const res = await this.write("create issue", `${repoKey(at)}: ${input.title}`, () =>
      this.octokit.request("POST /repos/{owner}/{repo}/issues", { owner: at.owner, repo: at.repo, ...input }),
    );
    if (!res) return null;
    const d = res.data;
    const labels: string[] = (d.labels ?? []).map((l: any) => (typeof l === "string" ? l : l.name));
    // GitHub drops labels it will not set; Docket finds its issues by label, so make sure it is there.
    const missing = input.labels.filter((l) => !labels.some((x) => x.toLowerCase() === l.toLowerCase()));
    if (missing.length > 0) await this.addLabels(at, d.number, missing);
    return { id: d.node_id, number: d.number, title: d.title, url: d.html_url, body: d.body ?? "", state: d.state === "closed" ? "closed" : "open" };
  }

  async updateIssueBody(at: RepoRef, issueNumber: number, body: string): Promise<void> {
    await this.write("update issue", `${repoKey(at)}#${issueNumber}`, () =>
      this.octokit.request("PATCH /repos/{owner}/{repo}/issues/{issue_number}", { owner: at.owner, repo: at.repo, issue_number: issueNumber, body }),
    );
  }

  async comment(at: RepoRef, issueNumber: number, body: string): Promise<void> {
    await this.write("comment", `${repoKey(at)}#${issueNumber}`, () =>
      this.octokit.request("POST /repos/{owner}/{repo}/issues/{issue_number}/comments", { owner: at.owner, repo: at.repo, issue_number: issueNumber, body }),
    );
  }

  async addLabels(at: RepoRef, issueNumber: number, labels: string[]): Promise<void> {
    if (labels.length === 0) return;
    await this.write("add labels", `${repoKey(at)}#${issueNumber}: ${labels.join(", ")}`, () =>
      this.octokit.request("POST /repos/{owner}/{repo}/issues/{issue_number}/labels", { owner: at.owner, repo: at.repo, issue_number: issueNumber, labels }),
    );
  }

  async removeLabel(at: RepoRef, issueNumber: number, name: string): Promise<void> {
    try {
      await this.write("remove label", `${repoKey(at)}#${issueNumber}: ${name}`, () =>
        this.octokit.request("DELETE /repos/{owner}/{repo}/issues/{issue_number}/labels/{name}", { owner: at.owner, repo: at.repo, issue_number: issueNumber, name }),
      );
    } catch (error) {
      if (statusOf(error) !== 404) throw error; // already gone: the goal is reached
    }
  }

  async reactToComment(at: RepoRef, commentId: number, content: "+1" | "confused" | "eyes"): Promise<void> {
    await this.write("reaction", `${repoKey(at)} comment ${commentId}`, () =>
      this.octokit.request("POST /repos/{owner}/{repo}/issues/comments/{comment_id}/reactions", { owner: at.owner, repo: at.repo, comment_id: commentId, content }),
    );
  }

  async pinIssue(issueId: string): Promise<void> {
    await this.write("pin issue", issueId, () => this.octokit.graphql(PIN_ISSUE, { issueId }));
  }

  async createCheckRun(
    at: RepoRef,
    run: {
      name: string;
      head_sha: string;
      conclusion: "success" | "failure" | "neutral";
      title: string;
      summary: string;
      annotations?: Array<{ path: string; start_line: number; end_line: number; annotation_level: "failure" | "warning" | "notice"; message: string; title?: string }>;
    },
  ): Promise<void> {
    const { name, head_sha, conclusion, title, summary, annotations } = run;
    await this.write("check run", `${repoKey(at)}@${head_sha.slice(0, 7)}: ${conclusion}`, () =>
      this.octokit.request("POST /repos/{owner}/{repo}/check-runs", {
        owner: at.owner,
        repo: at.repo,
        name,
        head_sha,
        status: "completed",
        conclusion,
        output: { title, summary, ...(annotations && annotations.length > 0 ? { annotations: annotations.slice(0, 50) } : {}) },
      }),
    );
  }

  // ---------------------------------------------------------------- plumbing

  private async read(route: string, params: Record<string, unknown>) {
    this.requests++;
    return this.octokit.request(route, params);
  }

  /** The single place where Docket changes anything on GitHub. */
  private async write<T>(kind: string, target: string, send: () => Promise<T>): Promise<T | null> {
    const budget = this.options.writeBudget;
    const done = this.writes.filter((w) => !w.dryRun).length;
    if (budget !== undefined && done >= budget) throw new WriteBudgetExceeded(budget);
    this.writes.push({ kind, target, dryRun: this.dryRun });
    if (this.dryRun) {
      this.log.info({ kind, target }, "dry run: would write");
      return null;
    }
    this.requests++;
    return send();
  }
}

export function statusOf(error: unknown): number | undefined {
  const status = (error as { status?: unknown } | null)?.status;
  return typeof status === "number" ? status : undefined;
}

/**
 * `nodes(ids:)` answers null plus a NOT_FOUND error for an id that no longer
 * resolves (deleted, transferred away, or not visible to this installation).
 * Octokit throws on any error; for NOT_FOUND alone the partial data is the answer.
 */
async function graphqlAllowingNotFound(octokit: OctokitLike, query: string, variables: Record<string, unknown>): Promise<any> {
  try {
    return await octokit.graphql(query, variables);
  } catch (error) {
    const e = error as { errors?: Array<{ type?: string }>; data?: unknown };
    if (Array.isArray(e.errors) && e.errors.length > 0 && e.errors.every((x) => x.type === "NOT_FOUND") && e.data) return e.data;
    throw error;
  }
}

/** GitHub's GraphQL Issue / PullRequest (the DocketTopic fragment) as a Topic; anything else is null. */
export function toTopic(node: unknown): Topic | null {
  const n = node as any;
  if (!n || (n.__typename !== "Issue" && n.__typename !== "PullRequest")) return null;
  const labeledAt: Record<string, string> = {};
  for (const ev of n.timelineItems?.nodes ?? []) {
    const name: string | undefined = ev?.label?.name;
    if (!name || !ev.createdAt) continue;
    const prev = labeledAt[name];
    if (prev === undefined || Date.parse(ev.createdAt) > Date.parse(prev)) labeledAt[name] = ev.createdAt;
  }
  return {
    id: n.id,
    kind: n.__typename === "Issue" ? "issue" : "pull_request",
    repo: n.repository?.nameWithOwner ?? "",
    number: n.number ?? null,
    title: n.title ?? "",
    url: n.url ?? "",
    author: n.author?.login ?? null,
    state: (n.issueState ?? n.pullRequestState) === "OPEN" ? "open" : "closed",
    labels: (n.labels?.nodes ?? []).map((l: any) => l?.name).filter((x: unknown): x is string => typeof x === "string"),
    body: n.body ?? "",
    createdAt: n.createdAt ?? "",
    labeledAt,
    thumbsUp: n.reactions?.totalCount ?? 0,
  };
}
