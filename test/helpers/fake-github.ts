/**
 * A small stateful GitHub for app tests, on top of the nock mock (so every
 * request is still checked against GitHub's published descriptions, and every
 * answer against its schemas). It holds issues, comments, labels, permissions
 * and config files, and answers exactly the requests Docket sends. Tests
 * assert on what a user would see (issue bodies, comments, labels) and on the
 * recorded requests.
 */
import * as queries from "../../src/github/queries.js";
import { issueNodeId } from "../fixtures/webhooks.js";
import { mockGitHub, type GitHubMock } from "./github-mock.js";
import { labelObject as labelJson } from "../fixtures/webhooks.js";
import { checkRunJson, commentJson, issueJson, permissionJson, reactionJson } from "./rest-json.js";

export interface FakeIssue {
  owner: string;
  repo: string;
  number: number;
  id: string;
  kind: "Issue" | "PullRequest";
  title: string;
  body: string;
  state: "OPEN" | "CLOSED";
  author: string;
  labels: Array<{ name: string; at: string }>;
  thumbsUp: number;
  createdAt: string;
  comments: Array<{ id: number; body: string; author: string }>;
  pinned: boolean;
}

export const BOT = "docket[bot]";

export class FakeGitHub {
  readonly gh: GitHubMock;
  readonly issues: FakeIssue[] = [];
  readonly files = new Map<string, string>();
  readonly permissions = new Map<string, string>();
  readonly checkRuns: Array<Record<string, any>> = [];
  readonly reactions: Array<{ commentId: number; content: string }> = [];
  /** Repository visibilities ("owner/name" -> PUBLIC | INTERNAL | PRIVATE); a repository not listed is public. */
  readonly visibility = new Map<string, "PUBLIC" | "INTERNAL" | "PRIVATE">();
  /** Node ids search does not return yet (GitHub's index lags writes). */
  readonly unindexed = new Set<string>();
  /** Search queries received, in order. */
  readonly searches: string[] = [];
  private clock = Date.parse("2023-11-29T10:00:00Z");
  private commentSeq = 5000;

  constructor() {
    this.gh = mockGitHub({ documents: Object.values(queries) });
    this.install();
  }

  /** A topic (or any issue) in a repository; labels given as [name, minute offset] or names. */
  issue(init: Partial<Omit<FakeIssue, "labels">> & { owner?: string; repo?: string; number: number; labels?: Array<string | [string, string]> }): FakeIssue {
    const owner = init.owner ?? "acme";
    const repo = init.repo ?? "infra";
    const issue: FakeIssue = {
      owner,
      repo,
      number: init.number,
      id: init.id ?? issueNodeId(owner, repo, init.number),
      kind: init.kind ?? "Issue",
      title: init.title ?? `Topic ${init.number}`,
      body: init.body ?? "",
      state: init.state ?? "OPEN",
      author: init.author ?? "alice",
      labels: (init.labels ?? []).map((l) => (typeof l === "string" ? { name: l, at: this.tick() } : { name: l[0], at: l[1] })),
      thumbsUp: init.thumbsUp ?? 0,
      createdAt: init.createdAt ?? "2023-11-01T10:00:00Z",
      comments: init.comments ?? [],
      pinned: false,
    };
    this.issues.push(issue);
    return issue;
  }

  find(owner: string, repo: string, number: number): FakeIssue | undefined {
    return this.issues.find((i) => i.owner === owner && i.repo === repo && i.number === number);
  }

  /** Docket's issues (meeting, backlog) in a repository, by label prefix. */
  docketIssues(label: string): FakeIssue[] {
    return this.issues.filter((i) => i.labels.some((l) => l.name === label));
  }

  config(owner: string, repo: string, text: string): void {
    this.files.set(`${owner}/${repo}:.github/docket.yml`, text);
  }

  /** All writes Docket sent (REST other than GET, and GraphQL mutations), as "METHOD /path". */
  writes(): string[] {
    return this.gh.requests
      .filter((r) => (r.method !== "GET" && !r.path.endsWith("graphql")) || r.operationName === "DocketPinIssue")
      .map((r) => (r.operationName ? `GraphQL ${r.operationName}` : `${r.method} ${r.path}`));
  }

  private tick(): string {
    this.clock += 60_000;
    return new Date(this.clock).toISOString();
  }

  private visibilityOf(owner: string, repo: string): "PUBLIC" | "INTERNAL" | "PRIVATE" {
    return this.visibility.get(`${owner}/${repo}`) ?? "PUBLIC";
  }

  private topicNode(i: FakeIssue): Record<string, unknown> {
    const url = `https://github.com/${i.owner}/${i.repo}/${i.kind === "Issue" ? "issues" : "pull"}/${i.number}`;
    return {
      __typename: i.kind,
      id: i.id,
      number: i.number,
      title: i.title,
      url,
      body: i.body,
      createdAt: i.createdAt,
      author: { __typename: "User", login: i.author },
      repository: { nameWithOwner: `${i.owner}/${i.repo}`, visibility: this.visibilityOf(i.owner, i.repo) },
      labels: { nodes: i.labels.map((l) => ({ name: l.name })) },
      // `thumbsUp` 👍 from as many distinct people (fan1, fan2, …), none the author.
      reactions: {
        totalCount: i.thumbsUp,
        nodes: Array.from({ length: Math.min(100, i.thumbsUp) }, (_, k) => ({ user: { __typename: "User", login: `fan${k + 1}` } })),
      },
      timelineItems: {
        pageInfo: { hasNextPage: false, endCursor: null },
        nodes: i.labels.map((l) => ({ __typename: "LabeledEvent", createdAt: l.at, label: { name: l.name } })),
      },
      ...(i.kind === "Issue" ? { issueState: i.state } : { pullRequestState: i.state }),
    };
  }

  private rest(i: FakeIssue): Record<string, unknown> {
    return issueJson({
      owner: i.owner,
      repo: i.repo,
      number: i.number,
      nodeId: i.id,
      title: i.title,
      body: i.body,
      state: i.state === "OPEN" ? "open" : "closed",
      author: i.author,
      labels: i.labels.map((l) => l.name),
      createdAt: i.createdAt,
    });
  }

  private install(): void {
    const gh = this.gh;
    const persist = { persist: true };

    gh.rest(
      "GET /repos/{owner}/{repo}/contents/{path}",
      (p) => {
        const text = this.files.get(`${p.owner}/${p.repo}:${decodeURIComponent(String(p.path))}`);
        return text === undefined ? [404, { message: "Not Found", documentation_url: "https://docs.github.com/rest" }] : [200, text];
      },
      persist,
    );

    gh.graphql(
      "DocketOwnerFiles",
      (v) => {
        const owner = String(v.owner);
        const path = String(v.expression).replace(/^HEAD:/, "");
        // The owner's repositories this fake knows of: those with files or issues.
        const names = new Set(
          [...this.files.keys()]
            .map((k) => k.split(":")[0]!)
            .filter((r) => r.startsWith(`${owner}/`))
            .map((r) => r.slice(owner.length + 1)),
        );
        for (const i of this.issues) if (i.owner === owner) names.add(i.repo);
        const nodes = [...names].sort().map((name) => {
          const text = this.files.get(`${owner}/${name}:${path}`);
          return { name, object: text === undefined ? null : { __typename: "Blob", oid: "0".repeat(40) } };
        });
        return { repositoryOwner: { __typename: "Organization", repositories: { pageInfo: { hasNextPage: false, endCursor: null }, nodes } } };
      },
      persist,
    );

    const searchTopics = (v: Record<string, any>) => {
      const q = String(v.searchQuery);
      this.searches.push(q);
      const label = /label:"([^"]+)"/.exec(q)?.[1]?.toLowerCase();
      const scope = /\b(org|user|repo):(\S+)/.exec(q);
      const hits = this.issues.filter(
        (i) =>
          !this.unindexed.has(i.id) &&
          (!q.includes("is:open") || i.state === "OPEN") &&
          (label === undefined || i.labels.some((l) => l.name.toLowerCase() === label)) &&
          (!scope || (scope[1] === "repo" ? `${i.owner}/${i.repo}` === scope[2] : i.owner === scope[2])),
      );
      const start = v.after ? Number(v.after) : 0;
      const page = hits.slice(start, start + 100);
      const more = start + 100 < hits.length;
      return {
        search: {
          issueCount: hits.length,
          pageInfo: { hasNextPage: more, endCursor: more ? String(start + 100) : null },
          nodes: page.map((i) => this.topicNode(i)),
        },
      };
    };
    gh.graphql("DocketSearchTopics", searchTopics, persist);

    const topicsById = (v: Record<string, any>) => {
      const ids: string[] = v.ids;
      const nodes = ids.map((id) => this.issues.find((i) => i.id === id) ?? null);
      const data = { nodes: nodes.map((n) => (n ? this.topicNode(n) : null)) };
      const missing = ids.filter((_, k) => nodes[k] === null);
      if (missing.length === 0) return data;
      return {
        data,
        errors: missing.map((id) => ({
          type: "NOT_FOUND",
          path: ["nodes", ids.indexOf(id)],
          message: `Could not resolve to a node with the global id of '${id}'`,
        })),
      };
    };
    gh.graphql("DocketTopicsById", topicsById, persist);

    const docketIssues = (v: Record<string, any>) => {
      const label = String(v.label).toLowerCase();
      const labelled = this.issues
        .filter((i) => i.owner === v.owner && i.repo === v.name && i.labels.some((l) => l.name.toLowerCase() === label))
        .sort((a, b) => b.number - a.number);
      const node = (i: FakeIssue) => ({
        id: i.id,
        number: i.number,
        title: i.title,
        url: `https://github.com/${i.owner}/${i.repo}/issues/${i.number}`,
        state: i.state,
      });
      return {
        repository: {
          id: `R_${v.owner}/${v.name}`,
          visibility: this.visibilityOf(String(v.owner), String(v.name)),
          issues: { nodes: labelled.slice(0, 30).map((i) => ({ ...node(i), body: i.body })) },
          closed: {
            nodes: labelled
              .filter((i) => i.state === "CLOSED")
              .slice(0, 100)
              .map(node),
          },
        },
      };
    };
    gh.graphql("DocketIssues", docketIssues, persist);

    // The three above in one request, as GitHub answers aliased root fields (the search and the ids when asked for).
    gh.graphql(
      "DocketAgendaInputs",
      (v) => {
        const data: Record<string, unknown> = { ...docketIssues(v), ...(v.withSearch ? searchTopics(v) : {}) };
        if (!v.withIds) return data;
        const read = topicsById(v);
        return "errors" in read ? { data: { ...data, ...read.data }, errors: read.errors } : { ...data, ...read };
      },
      persist,
    );

    gh.graphql(
      "DocketPinIssue",
      (v) => {
        const issue = this.issues.find((i) => i.id === v.issueId);
        if (issue) issue.pinned = true;
        return { pinIssue: { issue: { id: v.issueId } } };
      },
      persist,
    );

    gh.rest(
      "POST /repos/{owner}/{repo}/issues",
      (p, body) => {
        const owner = String(p.owner);
        const repo = String(p.repo);
        const number = 1 + Math.max(0, ...this.issues.filter((i) => i.owner === owner && i.repo === repo).map((i) => i.number));
        const issue = this.issue({
          owner,
          repo,
          number,
          title: body.title,
          body: body.body ?? "",
          author: BOT,
          labels: body.labels ?? [],
          createdAt: this.tick(),
        });
        return [201, this.rest(issue)];
      },
      persist,
    );

    gh.rest(
      "GET /repos/{owner}/{repo}/issues/{issue_number}",
      (p) => {
        const issue = this.find(String(p.owner), String(p.repo), Number(p.issue_number));
        if (!issue) return [404, { message: "Not Found", documentation_url: "https://docs.github.com/rest" }];
        return [200, this.rest(issue)];
      },
      persist,
    );

    gh.rest(
      "PATCH /repos/{owner}/{repo}/issues/{issue_number}",
      (p, body) => {
        const issue = this.find(String(p.owner), String(p.repo), Number(p.issue_number));
        if (!issue) return [404, { message: "Not Found", documentation_url: "https://docs.github.com/rest" }];
        if (typeof body.body === "string") issue.body = body.body;
        return [200, this.rest(issue)];
      },
      persist,
    );

    gh.rest(
      "GET /repos/{owner}/{repo}/issues/{issue_number}/comments",
      (p) => {
        const issue = this.find(String(p.owner), String(p.repo), Number(p.issue_number));
        // Every comment here is from NOW (commentJson), so `since` keeps all of them unless it is later; pages of per_page.
        const all = typeof p.since === "string" && p.since > "2023-11-29T10:00:00Z" ? [] : (issue?.comments ?? []);
        const size = Number(p.per_page ?? 30);
        const page = all.slice((Number(p.page ?? 1) - 1) * size, Number(p.page ?? 1) * size);
        return [200, page.map((c) => commentJson(String(p.owner), String(p.repo), Number(p.issue_number), c.id, c.body, c.author))];
      },
      persist,
    );

    gh.rest(
      "POST /repos/{owner}/{repo}/issues/{issue_number}/comments",
      (p, body) => {
        const issue = this.find(String(p.owner), String(p.repo), Number(p.issue_number));
        const comment = { id: ++this.commentSeq, body: body.body, author: BOT };
        issue?.comments.push(comment);
        return [201, commentJson(String(p.owner), String(p.repo), Number(p.issue_number), comment.id, comment.body, comment.author)];
      },
      persist,
    );

    gh.rest(
      "POST /repos/{owner}/{repo}/issues/{issue_number}/labels",
      (p, body) => {
        const issue = this.find(String(p.owner), String(p.repo), Number(p.issue_number));
        for (const name of body.labels as string[]) if (issue && !issue.labels.some((l) => l.name === name)) issue.labels.push({ name, at: this.tick() });
        return [200, (issue?.labels ?? []).map((l) => labelJson(String(p.owner), String(p.repo), l.name))];
      },
      persist,
    );

    gh.rest(
      "DELETE /repos/{owner}/{repo}/issues/{issue_number}/labels/{name}",
      (p) => {
        const issue = this.find(String(p.owner), String(p.repo), Number(p.issue_number));
        const name = decodeURIComponent(String(p.name));
        if (!issue?.labels.some((l) => l.name === name)) return [404, { message: "Label does not exist", documentation_url: "https://docs.github.com/rest" }];
        issue.labels = issue.labels.filter((l) => l.name !== name);
        return [200, issue.labels.map((l) => labelJson(String(p.owner), String(p.repo), l.name))];
      },
      persist,
    );

    gh.rest(
      "GET /repos/{owner}/{repo}/collaborators/{username}/permission",
      (p) => {
        const role = this.permissions.get(`${p.owner}/${p.repo}:${p.username}`);
        return role === undefined
          ? [404, { message: "Not Found", documentation_url: "https://docs.github.com/rest" }]
          : [200, permissionJson(String(p.username), role)];
      },
      persist,
    );

    gh.rest(
      "POST /repos/{owner}/{repo}/issues/comments/{comment_id}/reactions",
      (p, body) => {
        this.reactions.push({ commentId: Number(p.comment_id), content: body.content });
        return [201, reactionJson(body.content, BOT)];
      },
      persist,
    );

    gh.rest(
      "POST /repos/{owner}/{repo}/check-runs",
      (p, body) => {
        this.checkRuns.push(body);
        return [201, checkRunJson(String(p.owner), String(p.repo), body)];
      },
      persist,
    );
  }
}
