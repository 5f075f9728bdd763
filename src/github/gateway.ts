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
import type { BoardItem, IterationConfig } from "../domain/board.js";
import type { Topic } from "../domain/types.js";
import { countVotes, labelTimes } from "../domain/topics.js";
import { draftAudience, outputAudience, parseVisibility, topicAudience, type Audience, type Visibility } from "../domain/visibility.js";
import { oversize, type WriteSizes } from "../domain/limits.js";
import { nextWindow, SEARCH_LIMIT, windowQuery } from "./search-windows.js";
import {
  AGENDA_INPUTS,
  BOARD_BY_ID,
  BOARD_ITEMS,
  DOCKET_ISSUES,
  ISSUES_WITH_LABEL_SINCE,
  LABELS_MATCHING,
  MILESTONES,
  PIN_ISSUE,
  POLL_COMMENTS,
  PULL_REQUESTS_FROM_BRANCH,
  REPOSITORY_VISIBILITY,
  SEARCH_SPRINT_ITEMS,
  SEARCH_TOPICS,
  TOPIC_LABEL_EVENTS,
  TOPIC_BOARDS,
  TOPICS_BY_ID,
} from "./queries.js";

/** What Docket needs of an Octokit instance (ProbotOctokit and the Action's Octokit both fit). */
export interface OctokitLike {
  request: (route: string, params?: Record<string, unknown>) => Promise<{ status: number; data: any; headers?: Record<string, unknown> }>;
  graphql: (query: string, variables?: Record<string, unknown>) => Promise<any>;
}

/**
 * The same Octokit with `signal` on every request: once it is aborted nothing more is sent, not
 * even a request already waiting in Octokit's throttling (fetch refuses an aborted signal).
 */
export function withSignal(octokit: OctokitLike, signal: AbortSignal): OctokitLike {
  const add = (params: Record<string, unknown> = {}) => ({ ...params, request: { ...(params.request as Record<string, unknown> | undefined), signal } });
  return {
    request: (route, params) => octokit.request(route, add(params)),
    graphql: (query, variables) => octokit.graphql(query, add(variables)),
  };
}

/**
 * Gives each request of a long-lived Octokit its own copy of the request options.
 * @octokit/plugin-retry counts a request's retries on `options.request`, which requests of one
 * Octokit share: after one request used up its retries, the next one's first retry waited 25 s
 * instead of 1 s. The app keeps one Octokit per installation.
 */
export function ownRequestOptions<T extends { hook: { before(name: "request", hook: (options: { request?: object }) => void): void } }>(octokit: T): T {
  octokit.hook.before("request", (options) => {
    options.request = { ...options.request };
  });
  return octokit;
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

/** The same repository (GitHub's names are case-insensitive). */
export function sameRepo(a: RepoRef, b: RepoRef): boolean {
  return a.owner.toLowerCase() === b.owner.toLowerCase() && a.repo.toLowerCase() === b.repo.toLowerCase();
}

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

export interface RepositoryInfo {
  defaultBranch: string;
  /** Web URL, e.g. https://github.com/acme/meetings. */
  url: string;
  /** Whether the owner is an organisation or a user (search says `org:` or `user:`). */
  ownerType: "Organization" | "User";
  /** Who may read what Docket writes there (unknown visibility: public). */
  audience: Audience;
}

/** A file's text and blob sha (needed to update it). */
export interface FileAtRef {
  text: string;
  sha: string;
}

export interface PullRequestRef {
  number: number;
  url: string;
}

export interface MilestoneInfo {
  id: string;
  number: number;
  title: string;
  state: "open" | "closed";
  /** ISO instant; null when the milestone has no due date. */
  dueOn: string | null;
  createdAt: string;
  closedAt: string | null;
  url: string;
}

/** An issue or pull request of a sprint: when it was closed and when each label or milestone was (last) put on it. */
export interface SprintItemRecord {
  id: string;
  kind: "issue" | "pull_request";
  repo: string;
  number: number;
  title: string;
  url: string;
  author: string | null;
  labels: string[];
  state: "open" | "closed";
  createdAt: string;
  closedAt: string | null;
  labeledAt: Record<string, string>;
  milestonedAt: Record<string, string>;
  /** Who may read it: its repository's visibility and owner. */
  audience: Audience;
}

/** A Projects (v2) board as `board:` in the config names it. */
export interface BoardRef {
  owner: string;
  number: number;
}

/** A field of a board: its name, and its options when it is a single-select field. */
export interface BoardField {
  name: string;
  type: "single_select" | "iteration" | "number" | "other";
  /** Single-select: the option names. */
  options: string[];
  /** Iteration: the iterations, completed and active. */
  iterations: IterationConfig[];
}

export interface BoardRead {
  id: string;
  title: string;
  /** The board's web URL (links to draft items). */
  url: string;
  /** Who may read its drafts: whoever may read the board (`ProjectV2.public`, else its owner's private audience). */
  draftAudience: Audience;
  fields: BoardField[];
  /** Every item in board order, redacted ones included (src/domain/board.ts skips and counts them). */
  items: BoardItem[];
}

/** The board does not exist, or this installation or token may not see it. */
export class BoardNotFound extends Error {
  constructor(
    readonly board: BoardRef,
    /** What GitHub said when it refused (FORBIDDEN, INSUFFICIENT_SCOPES), if it did. */
    readonly refusal?: string,
  ) {
    super(
      `the Projects (v2) board ${board.owner}#${board.number} does not exist or Docket may not read it` +
        (refusal ? ` (GitHub answered: ${refusal})` : "") +
        ` (an organisation board needs the app's "organization_projects: read" permission, or a token that may read projects)`,
    );
    this.name = "BoardNotFound";
  }
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

/** A write GitHub would refuse for its size (../domain/limits.ts): a bug in the renderer that made it, never sent. */
export class WriteTooLarge extends Error {
  constructor(kind: string, target: string, why: string) {
    super(`Docket did not ${kind} (${target}): ${why}. This is a bug in Docket: what it writes must fit GitHub's limits.`);
    this.name = "WriteTooLarge";
  }
}

export { SEARCH_LIMIT } from "./search-windows.js";
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
  private readonly boardReads = new Map<string, Promise<BoardRead>>();
  /** Repository visibilities read in this job (by "owner/name", lower case; null: unknown): read once per job. */
  private readonly visibilities = new Map<string, Visibility | null>();

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

  /** All issues and pull requests matching a search query (past GitHub's 1,000 a query: ./search-windows.ts). */
  async searchTopics(query: string): Promise<{ topics: Topic[]; total: number; truncated: boolean }> {
    const { items, total, truncated } = await this.search(SEARCH_TOPICS, query, (n) => (n ?? null) as any, "topics");
    return { topics: await this.toTopics(items), total, truncated };
  }

  /** Search result nodes as topics, each with all its label events. */
  private async toTopics(items: readonly unknown[]): Promise<Topic[]> {
    const topics: Topic[] = [];
    for (const node of items) {
      const topic = toTopic(await this.withAllLabelEvents(node));
      if (topic) topics.push(topic);
    }
    return topics;
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
      for (const [k, id] of batch.entries()) out.set(id, toTopic(await this.withAllLabelEvents(nodes[k])));
    }
    return out;
  }

  /**
   * A topic node with every label event of its timeline: the query reads the first 100 (oldest
   * first); a topic with more (estimate toggles, say) is read on, 100 a page, so when its series
   * label was added is never guessed from a window (src/domain/topics.ts labelTimes).
   */
  private async withAllLabelEvents(node: unknown): Promise<unknown> {
    const n = node as any;
    let page = n?.timelineItems;
    if (!n || typeof n.id !== "string" || !page?.pageInfo?.hasNextPage) return node;
    const nodes: unknown[] = [...(page.nodes ?? [])];
    while (page?.pageInfo?.hasNextPage && page.pageInfo.endCursor) {
      this.requests++;
      const data = await this.octokit.graphql(TOPIC_LABEL_EVENTS, { id: n.id, after: page.pageInfo.endCursor });
      page = (data as any)?.node?.timelineItems;
      nodes.push(...(page?.nodes ?? []));
    }
    return { ...n, timelineItems: { nodes } };
  }

  /**
   * Issues carrying a Docket label in a repository, newest first (no search: no index lag): the
   * 30 newest in full, then older closed ones (of the 100 newest closed) without their bodies.
   */
  async docketIssues(at: RepoRef, label: string): Promise<DocketIssue[]> {
    this.requests++;
    const data = await this.octokit.graphql(DOCKET_ISSUES, { owner: at.owner, name: at.repo, label });
    if (data?.repository) this.rememberAudience(at, data.repository.visibility);
    return meetingIssues(data?.repository);
  }

  /**
   * What an agenda rebuild reads first, in one request (AGENDA_INPUTS): the series' meeting issues
   * (as `docketIssues`), with `searchQuery` all its results (as `searchTopics`: the first page comes
   * along, the others follow, the first page's total decides whether windows are needed) and the
   * fresh reads of `fresh` (as `readTopics`: the first 100 come along). Without `searchQuery`, no
   * search (`searched` is null).
   */
  async agendaInputs(
    at: RepoRef,
    label: string,
    searchQuery: string | null,
    fresh: readonly string[],
  ): Promise<{ issues: DocketIssue[]; searched: { topics: Topic[]; total: number; truncated: boolean } | null; fresh: Map<string, Topic | null> }> {
    const ids = [...new Set(fresh)];
    const batch = ids.slice(0, NODES_PER_REQUEST);
    this.requests++;
    const variables = { owner: at.owner, name: at.repo, label, searchQuery: searchQuery ?? "", withSearch: searchQuery !== null, ids: batch, withIds: batch.length > 0 };
    // A fresh read of a topic that is gone answers NOT_FOUND for it (as `readTopics`); the meeting's repository missing is an error, as in `docketIssues`.
    const data = await graphqlAllowingNotFound(this.octokit, AGENDA_INPUTS, variables, (path) => path[0] === "nodes");
    if (data?.repository) this.rememberAudience(at, data.repository.visibility);
    const issues = meetingIssues(data?.repository);
    const read = new Map<string, Topic | null>();
    const nodes: unknown[] = data?.nodes ?? [];
    for (const [k, id] of batch.entries()) read.set(id, toTopic(await this.withAllLabelEvents(nodes[k])));
    if (ids.length > batch.length) for (const [id, topic] of await this.readTopics(ids.slice(batch.length))) read.set(id, topic);
    let searched = null;
    if (searchQuery !== null) {
      const { items, total, truncated } = await this.search(SEARCH_TOPICS, searchQuery, (n) => (n ?? null) as any, "topics", data?.search);
      searched = { topics: await this.toTopics(items), total, truncated };
    }
    return { issues, searched, fresh: read };
  }

  /** Bodies of an issue's comments (to find a marker Docket left before). */
  async commentBodies(at: RepoRef, issueNumber: number): Promise<string[]> {
    return (await this.issueComments(at, issueNumber, 10)).map((c) => c.body);
  }

  /** An issue's comments in the order GitHub lists them (oldest first), 100 a page, at most `maxPages` pages; with `since`, only those updated at or after it. */
  async issueComments(at: RepoRef, issueNumber: number, maxPages = Number.POSITIVE_INFINITY, since?: string): Promise<IssueComment[]> {
    const comments: IssueComment[] = [];
    for (let page = 1; page <= maxPages; page++) {
      const res = await this.read("GET /repos/{owner}/{repo}/issues/{issue_number}/comments", {
        owner: at.owner,
        repo: at.repo,
        issue_number: issueNumber,
        per_page: 100,
        page,
        ...(since ? { since } : {}),
      });
      const items: any[] = res.data ?? [];
      for (const c of items) comments.push({ id: c.id, author: c.user?.login ?? null, body: c.body ?? "", createdAt: c.created_at ?? "" });
      if (items.length < 100) break;
    }
    return comments;
  }

  /** An issue (or pull request) by number; null when it does not exist (or is not visible). */
  async issue(at: RepoRef, issueNumber: number): Promise<IssueDetails | null> {
    try {
      const res = await this.read("GET /repos/{owner}/{repo}/issues/{issue_number}", { owner: at.owner, repo: at.repo, issue_number: issueNumber });
      const d = res.data;
      return {
        id: d.node_id,
        number: d.number,
        title: d.title,
        url: d.html_url,
        body: d.body ?? "",
        state: d.state === "closed" ? "closed" : "open",
        stateReason: toStateReason(d.state_reason),
        author: d.user?.login ?? null,
        labels: (d.labels ?? []).map((l: any) => (typeof l === "string" ? l : l.name)).filter((n: unknown): n is string => typeof n === "string"),
        createdAt: d.created_at,
        closedAt: d.closed_at ?? null,
        pullRequest: d.pull_request !== undefined && d.pull_request !== null,
      };
    } catch (error) {
      if (statusOf(error) === 404 || statusOf(error) === 410) return null;
      throw error;
    }
  }

  /** Issues with a label updated at or after `since` (no search: no index lag), oldest first. */
  async issuesWithLabelSince(at: RepoRef, label: string, since: string): Promise<DocketIssue[]> {
    const { items } = await this.pages(ISSUES_WITH_LABEL_SINCE, { owner: at.owner, name: at.repo, label, since }, (d) => d?.repository?.issues, toDocketIssue);
    return items;
  }

  /** The repository's default branch and web URL. */
  async repository(at: RepoRef): Promise<RepositoryInfo> {
    const res = await this.read("GET /repos/{owner}/{repo}", { owner: at.owner, repo: at.repo });
    const audience = this.rememberAudience(at, res.data.visibility ?? (res.data.private === false ? "public" : res.data.private === true ? "private" : null));
    return { defaultBranch: res.data.default_branch, url: res.data.html_url, ownerType: res.data.owner?.type === "User" ? "User" : "Organization", audience };
  }

  /**
   * Who may read what Docket writes in a repository (src/domain/visibility.ts), read once per
   * job: `docketIssues` and `repository` remember it as they go, so this costs a request only
   * for a repository the job has not read otherwise. Unknown (no such repository, not visible,
   * no answer) counts as public: the widest readership, so nothing private is shown there.
   */
  async repoAudience(at: RepoRef): Promise<Audience> {
    return outputAudience(at.owner, await this.repoVisibility(at));
  }

  /** A repository's visibility as GitHub reports it, read once per job; null when unknown (the caller picks the safe side). */
  async repoVisibility(at: RepoRef): Promise<Visibility | null> {
    const key = repoKey(at).toLowerCase();
    if (this.visibilities.has(key)) return this.visibilities.get(key)!;
    this.requests++;
    let visibility: unknown = null;
    try {
      visibility = (await graphqlAllowingNotFound(this.octokit, REPOSITORY_VISIBILITY, { owner: at.owner, name: at.repo }))?.repository?.visibility;
    } catch (error) {
      this.log.warn({ err: error, repo: repoKey(at) }, "could not read the repository's visibility");
    }
    this.rememberAudience(at, visibility);
    return this.visibilities.get(key)!;
  }

  private rememberAudience(at: RepoRef, visibility: unknown): Audience {
    this.visibilities.set(repoKey(at).toLowerCase(), parseVisibility(visibility));
    return outputAudience(at.owner, visibility);
  }

  /** A file's text and blob sha on a branch (or the default branch); null when it does not exist. */
  async file(at: RepoRef, path: string, ref?: string): Promise<FileAtRef | null> {
    try {
      const res = await this.read("GET /repos/{owner}/{repo}/contents/{path}", { owner: at.owner, repo: at.repo, path, ...(ref ? { ref } : {}) });
      const d = res.data;
      if (Array.isArray(d) || d?.type !== "file" || typeof d.content !== "string") return null;
      return { text: Buffer.from(d.content, "base64").toString("utf8"), sha: d.sha };
    } catch (error) {
      if (statusOf(error) === 404) return null;
      throw error;
    }
  }

  /** The commit a branch points at; null when there is no such branch. */
  async branchHead(at: RepoRef, branch: string): Promise<string | null> {
    try {
      const res = await this.read("GET /repos/{owner}/{repo}/git/ref/{ref}", { owner: at.owner, repo: at.repo, ref: `heads/${branch}` });
      return res.data?.object?.sha ?? null;
    } catch (error) {
      if (statusOf(error) === 404) return null;
      throw error;
    }
  }

  /** The newest open pull request from a branch of the repository, if any. */
  async openPullRequest(at: RepoRef, head: string): Promise<PullRequestRef | null> {
    this.requests++;
    const data: any = await this.octokit.graphql(PULL_REQUESTS_FROM_BRANCH, { owner: at.owner, name: at.repo, head });
    // A fork may open a pull request from a branch of the same name: that one is not Docket's.
    const node = (data?.repository?.pullRequests?.nodes ?? []).find((n: any) => n && n.isCrossRepository !== true);
    return node ? { number: node.number, url: node.url } : null;
  }

  /** A repository's milestones, by due date (those without one last). */
  async milestones(at: RepoRef): Promise<MilestoneInfo[]> {
    const { items } = await this.pages<MilestoneInfo>(
      MILESTONES,
      { owner: at.owner, name: at.repo },
      (d) => d?.repository?.milestones,
      (n) => ({ id: n.id, number: n.number, title: n.title, state: n.state === "CLOSED" ? "closed" : "open", dueOn: n.dueOn ?? null, createdAt: n.createdAt, closedAt: n.closedAt ?? null, url: n.url }),
    );
    return items;
  }

  /** A repository's labels whose name contains `text` (GitHub matches anywhere in the name), with their descriptions. */
  async labelsMatching(at: RepoRef, text: string): Promise<Array<{ name: string; description: string | null }>> {
    const { items } = await this.pages(LABELS_MATCHING, { owner: at.owner, name: at.repo, text }, (d) => d?.repository?.labels, (n) => ({ name: n.name, description: n.description ?? null }));
    return items;
  }

  /** Issues and pull requests of a sprint (a search), with when each label and milestone was put on them. */
  async searchSprintItems(query: string): Promise<{ items: SprintItemRecord[]; total: number; truncated: boolean }> {
    return this.search(SEARCH_SPRINT_ITEMS, query, toSprintItem, "sprint items");
  }

  /**
   * Every item of a Projects (v2) board, 100 a page (1,000 items: 10 requests). The owner may be an
   * organisation or a user: one query asks for both, and the kind the owner is not answers NOT_FOUND.
   */
  board(ref: BoardRef): Promise<BoardRead> {
    // One job may ask for the same board for several series and the backlog: it is read once.
    const key = `${ref.owner.toLowerCase()}#${ref.number}`;
    let read = this.boardReads.get(key);
    if (read === undefined) {
      read = this.readBoard(ref);
      this.boardReads.set(key, read);
      read.catch(() => this.boardReads.delete(key));
    }
    return read;
  }

  private async readBoard(ref: BoardRef): Promise<BoardRead> {
    let board: Omit<BoardRead, "items"> | null = null;
    const { items } = await this.pages<BoardItem>(
      BOARD_ITEMS,
      { owner: ref.owner, number: ref.number },
      (d) => {
        const project = boardProject(d, ref);
        board ??= { id: project.id, title: project.title, url: project.url, draftAudience: draftAudience(ref.owner, project.public), fields: toBoardFields(project.fields) };
        return project.items;
      },
      toBoardItem,
      Number.POSITIVE_INFINITY,
      (query, vars) => graphqlReadingBoard(this.octokit, query, { ...vars, withFields: vars.after === null }, ref),
    );
    return { ...board!, items };
  }

  /** The boards an issue or pull request is on; null when it does not resolve (deleted, or not visible). */
  async topicBoards(contentId: string): Promise<BoardRef[] | null> {
    this.requests++;
    const data = await graphqlAllowingNotFound(this.octokit, TOPIC_BOARDS, { id: contentId });
    const node = data?.node;
    if (!node || (node.__typename !== "Issue" && node.__typename !== "PullRequest")) return null;
    return (node.projectItems?.nodes ?? []).flatMap((n: any) =>
      n?.project && typeof n.project.owner?.login === "string" ? [{ owner: n.project.owner.login, number: n.project.number }] : [],
    );
  }

  /** The board a node id names (a `projects_v2_item` event's `project_node_id`); null when it does not resolve (deleted, or not visible). */
  async boardById(projectNodeId: string): Promise<BoardRef | null> {
    this.requests++;
    const data = await graphqlAllowingNotFound(this.octokit, BOARD_BY_ID, { projectId: projectNodeId });
    const project = data?.node;
    const login: unknown = project?.owner?.login;
    return project?.__typename === "ProjectV2" && typeof login === "string" ? { owner: login, number: project.number } : null;
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

  /** Opens an issue; `assignees` must be assignable (GitHub answers 422 otherwise). */
  async createIssue(at: RepoRef, input: { title: string; body: string; labels: string[]; assignees?: string[] }): Promise<DocketIssue | null> {
    const res = await this.write("create issue", `${repoKey(at)}: ${input.title}`, () =>
      this.octokit.request("POST /repos/{owner}/{repo}/issues", { owner: at.owner, repo: at.repo, ...input }),
      { title: input.title, body: input.body },
    );
    if (!res) return null;
    const d = res.data;
    const labels: string[] = (d.labels ?? []).map((l: any) => (typeof l === "string" ? l : l.name));
    // GitHub drops labels it will not set; Docket finds its issues by label, so make sure it is there.
    const missing = input.labels.filter((l) => !labels.some((x) => x.toLowerCase() === l.toLowerCase()));
    if (missing.length > 0) await this.addLabels(at, d.number, missing);
    return { id: d.node_id, number: d.number, title: d.title, url: d.html_url, body: d.body ?? "", state: d.state === "closed" ? "closed" : "open", stateReason: toStateReason(d.state_reason) };
  }

  /** Closes an issue with a reason (`not_planned`: a cancelled meeting), or reopens it. */
  async setIssueState(at: RepoRef, issueNumber: number, state: "open" | "closed", reason?: "completed" | "not_planned"): Promise<void> {
    await this.write(state === "closed" ? "close issue" : "reopen issue", `${repoKey(at)}#${issueNumber}${reason ? ` (${reason})` : ""}`, () =>
      this.octokit.request("PATCH /repos/{owner}/{repo}/issues/{issue_number}", { owner: at.owner, repo: at.repo, issue_number: issueNumber, state, ...(reason ? { state_reason: reason } : {}) }),
    );
  }

  async updateIssueBody(at: RepoRef, issueNumber: number, body: string): Promise<void> {
    await this.write("update issue", `${repoKey(at)}#${issueNumber}`, () =>
      this.octokit.request("PATCH /repos/{owner}/{repo}/issues/{issue_number}", { owner: at.owner, repo: at.repo, issue_number: issueNumber, body }),
      { body },
    );
  }

  async comment(at: RepoRef, issueNumber: number, body: string): Promise<void> {
    await this.write("comment", `${repoKey(at)}#${issueNumber}`, () =>
      this.octokit.request("POST /repos/{owner}/{repo}/issues/{issue_number}/comments", { owner: at.owner, repo: at.repo, issue_number: issueNumber, body }),
      { body },
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

  /** Creates or updates a file with one commit on `branch`; `sha` is the blob being replaced (none for a new file). */
  async putFile(at: RepoRef, input: { path: string; text: string; message: string; branch: string; sha?: string }): Promise<void> {
    await this.write(input.sha ? "update file" : "create file", `${repoKey(at)}:${input.branch}:${input.path}`, () =>
      this.octokit.request("PUT /repos/{owner}/{repo}/contents/{path}", {
        owner: at.owner,
        repo: at.repo,
        path: input.path,
        message: input.message,
        content: Buffer.from(input.text, "utf8").toString("base64"),
        branch: input.branch,
        ...(input.sha ? { sha: input.sha } : {}),
      }),
    );
  }

  async createBranch(at: RepoRef, branch: string, sha: string): Promise<void> {
    await this.write("create branch", `${repoKey(at)}:${branch}`, () =>
      this.octokit.request("POST /repos/{owner}/{repo}/git/refs", { owner: at.owner, repo: at.repo, ref: `refs/heads/${branch}`, sha }),
    );
  }

  async createPullRequest(at: RepoRef, input: { title: string; body: string; head: string; base: string }): Promise<PullRequestRef | null> {
    const res = await this.write("open pull request", `${repoKey(at)}: ${input.head} -> ${input.base}`, () =>
      this.octokit.request("POST /repos/{owner}/{repo}/pulls", { owner: at.owner, repo: at.repo, ...input }),
      { title: input.title, body: input.body },
    );
    return res ? { number: res.data.number, url: res.data.html_url } : null;
  }

  /** Points an existing branch at `sha`, whether or not that contains the branch's commits (a forced reset). */
  async resetBranch(at: RepoRef, branch: string, sha: string): Promise<void> {
    await this.write("reset branch", `${repoKey(at)}:${branch} -> ${sha.slice(0, 7)}`, () =>
      this.octokit.request("PATCH /repos/{owner}/{repo}/git/refs/{ref}", { owner: at.owner, repo: at.repo, ref: `heads/${branch}`, sha, force: true }),
    );
  }

  /** Sets a pull request's title and body. */
  async updatePullRequest(at: RepoRef, pullNumber: number, input: { title: string; body: string }): Promise<void> {
    await this.write("update pull request", `${repoKey(at)}#${pullNumber}`, () =>
      this.octokit.request("PATCH /repos/{owner}/{repo}/pulls/{pull_number}", { owner: at.owner, repo: at.repo, pull_number: pullNumber, title: input.title, body: input.body }),
      { title: input.title, body: input.body },
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
      { summary },
    );
  }

  // ---------------------------------------------------------------- plumbing

  /**
   * Every page of a GraphQL connection (100 a page, `$after` as cursor): `connection` picks it
   * out of the answer, `map` turns a node into a value (null: skip it). Stops after `limit` values
   * (a function: of the total the first page reports).
   */
  private async pages<T>(
    query: string,
    variables: Record<string, unknown>,
    connection: (data: any) => any,
    map: (node: any) => T | null,
    limit: number | ((total: number) => number) = Number.POSITIVE_INFINITY,
    /** How a page is asked for (default: plain `octokit.graphql`, any error thrown). */
    fetch: (query: string, variables: Record<string, unknown>) => Promise<any> = (q, v) => this.octokit.graphql(q, v),
    /** The first page, when another request brought it along (`agendaInputs`). */
    firstPage?: unknown,
  ): Promise<{ items: T[]; total: number }> {
    const items: T[] = [];
    let after: string | null = null;
    let given = firstPage;
    for (;;) {
      let conn: any = given;
      given = undefined;
      if (conn === undefined) {
        this.requests++;
        conn = connection(await fetch(query, { ...variables, after }));
      }
      for (const node of conn?.nodes ?? []) {
        const item = map(node);
        if (item !== null) items.push(item);
      }
      if (typeof limit === "function") limit = limit(conn?.issueCount ?? items.length);
      if (!conn?.pageInfo?.hasNextPage || items.length >= limit) return { items, total: conn?.issueCount ?? items.length };
      after = conn.pageInfo.endCursor;
    }
  }

  /**
   * All results of an issue search. One that reports more than GitHub lets one query read
   * (1,000) is read on in windows by creation time (./search-windows.ts), after its first page;
   * only more than 1,000 created in one second stay out (`truncated`, and a warning).
   */
  private async search<T>(query: string, searchQuery: string, map: (node: unknown) => T | null, what: string, firstPage?: unknown): Promise<{ items: T[]; total: number; truncated: boolean }> {
    const connection = (d: any) => d.search;
    const node = (n: any) => n ?? null;
    const first = await this.pages(query, { searchQuery }, connection, node, (total) => (total > SEARCH_LIMIT ? 1 : SEARCH_LIMIT), undefined, firstPage);
    let nodes: any[] = first.items;
    if (first.total > SEARCH_LIMIT) {
      const byId = new Map<unknown, any>(nodes.map((n) => [n.id, n]));
      let from: string | null = null;
      for (;;) {
        const window = await this.pages(query, { searchQuery: windowQuery(searchQuery, from) }, connection, node, SEARCH_LIMIT);
        for (const n of window.items) byId.set(n.id, n);
        const next = nextWindow(window.total, window.items.map((n) => n.createdAt));
        if (next.kind !== "from") break;
        from = next.from;
      }
      nodes = [...byId.values()];
    }
    const truncated = first.total > nodes.length;
    if (truncated) this.log.warn({ query: searchQuery, total: first.total, read: nodes.length }, `search reported more ${what} than Docket could read: GitHub reads 1,000 a query, and more than that were created in one second`);
    const items = nodes.map(map).filter((x): x is T => x !== null);
    return { items, total: first.total, truncated };
  }

  private async read(route: string, params: Record<string, unknown>) {
    this.requests++;
    return this.octokit.request(route, params);
  }

  /** The single place where Docket changes anything on GitHub. `sizes`: what it carries that GitHub limits (checked, never sent when over). */
  private async write<T>(kind: string, target: string, send: () => Promise<T>, sizes?: WriteSizes): Promise<T | null> {
    const tooLarge = sizes ? oversize(sizes) : null;
    if (tooLarge !== null) throw new WriteTooLarge(kind, target, tooLarge);
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

  /** The comments of an issue or pull request with who gave each a 👍 (POLL_COMMENTS), oldest first. */
  async pollComments(at: RepoRef, issueNumber: number): Promise<PollComment[]> {
    const { items } = await this.pages<PollComment>(
      POLL_COMMENTS,
      { owner: at.owner, name: at.repo, number: issueNumber },
      (d) => d?.repository?.issueOrPullRequest?.comments,
      (n) =>
        typeof n?.databaseId !== "number"
          ? null
          : {
              id: n.databaseId,
              body: n.body ?? "",
              author: n.author?.login ?? null,
              byBot: n.author?.__typename === "Bot",
              thumbsUp: (n.reactions?.nodes ?? []).map((r: any) => r?.user?.login ?? null),
              thumbsUpTotal: n.reactions?.totalCount ?? 0,
            },
    );
    return items;
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
async function graphqlAllowingNotFound(
  octokit: OctokitLike,
  query: string,
  variables: Record<string, unknown>,
  /** Which answers may be missing, by the path of the error (default: any). */
  where: (path: readonly unknown[]) => boolean = () => true,
): Promise<any> {
  try {
    return await octokit.graphql(query, variables);
  } catch (error) {
    const e = error as { errors?: Array<{ type?: string; path?: unknown }>; data?: unknown };
    if (Array.isArray(e.errors) && e.errors.length > 0 && e.errors.every((x) => x.type === "NOT_FOUND" && where(Array.isArray(x.path) ? x.path : [])) && e.data) return e.data;
    throw error;
  }
}

/** GraphQL error types that mean "this board may not be read", not "something broke". */
const BOARD_REFUSALS = new Set(["NOT_FOUND", "FORBIDDEN", "INSUFFICIENT_SCOPES"]);

/**
 * A board query asks for the organisation's and the user's board of that number: the kind the
 * owner is not answers NOT_FOUND, a board the token may not read FORBIDDEN ("Resource not
 * accessible by integration") or, for a classic token without `read:project`, INSUFFICIENT_SCOPES.
 * Those leave the data with no board, and `boardProject` throws BoardNotFound with GitHub's words.
 */
async function graphqlReadingBoard(octokit: OctokitLike, query: string, variables: Record<string, unknown>, ref: BoardRef): Promise<any> {
  try {
    return await octokit.graphql(query, variables);
  } catch (error) {
    const e = error as { errors?: Array<{ type?: string; message?: string }>; data?: unknown };
    if (!Array.isArray(e.errors) || e.errors.length === 0 || !e.errors.every((x) => BOARD_REFUSALS.has(x.type ?? ""))) throw error;
    const refusal = e.errors.find((x) => x.type !== "NOT_FOUND")?.message;
    return { ...((e.data as object | null) ?? {}), [REFUSAL]: refusal };
  }
}

const REFUSAL = Symbol("refusal");

function boardProject(data: any, ref: BoardRef): any {
  const project = data?.organization?.projectV2 ?? data?.user?.projectV2 ?? null;
  if (project === null) throw new BoardNotFound(ref, data?.[REFUSAL]);
  return project;
}

function toBoardFields(fields: any): BoardField[] {
  const nodes: any[] = fields?.nodes ?? [];
  return nodes.flatMap((f): BoardField[] => {
    if (!f || typeof f.name !== "string") return [];
    if (f.__typename === "ProjectV2SingleSelectField") return [{ name: f.name, type: "single_select" as const, options: (f.options ?? []).map((o: any) => String(o.name)), iterations: [] }];
    if (f.__typename === "ProjectV2IterationField") {
      const all: any[] = [...(f.configuration?.completedIterations ?? []), ...(f.configuration?.iterations ?? [])];
      return [{ name: f.name, type: "iteration" as const, options: [], iterations: all.map((i) => ({ title: i.title, startDate: i.startDate, duration: i.duration })) }];
    }
    return [{ name: f.name, type: f.dataType === "NUMBER" ? ("number" as const) : ("other" as const), options: [], iterations: [] }];
  });
}

/** A board's field by name, trimmed and case-insensitive (as the configuration names it). */
export function findBoardField(fields: readonly BoardField[], name: string): BoardField | undefined {
  const wanted = name.trim().toLowerCase();
  return fields.find((f) => f.name.trim().toLowerCase() === wanted);
}

/** DOCKET_ISSUES' (and AGENDA_INPUTS') meeting issues: the 30 newest in full, then the older closed ones (of the 100 newest closed) without their bodies. */
function meetingIssues(repository: { issues?: { nodes?: unknown[] }; closed?: { nodes?: unknown[] } } | null | undefined): DocketIssue[] {
  const full = ((repository?.issues?.nodes ?? []) as any[]).map(toDocketIssue);
  const seen = new Set(full.map((i) => i.id));
  const older = ((repository?.closed?.nodes ?? []) as any[]).filter((n) => !seen.has(n.id)).map((n): DocketIssue => ({ ...toDocketIssue(n), withoutBody: true }));
  return [...full, ...older];
}

/** An issue node (`id number title url body state stateReason`) as a DocketIssue. */
function toDocketIssue(n: any): DocketIssue {
  return { id: n.id, number: n.number, title: n.title, url: n.url, body: n.body ?? "", state: n.state === "OPEN" ? "open" : "closed", stateReason: toStateReason(n.stateReason) };
}

/** Label (or milestone) -> when it was last put on, from timeline events. */
function latestTimes(events: Array<{ name: string | undefined; at: string | undefined }>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const { name, at } of events) {
    if (!name || !at) continue;
    const prev = out[name];
    if (prev === undefined || Date.parse(at) > Date.parse(prev)) out[name] = at;
  }
  return out;
}

/** GitHub's GraphQL Issue / PullRequest of SEARCH_SPRINT_ITEMS as a record; anything else is null. */
export function toSprintItem(node: unknown): SprintItemRecord | null {
  const n = node as any;
  if (!n || (n.__typename !== "Issue" && n.__typename !== "PullRequest")) return null;
  const events: any[] = n.timelineItems?.nodes ?? [];
  return {
    id: n.id,
    kind: n.__typename === "Issue" ? "issue" : "pull_request",
    repo: n.repository?.nameWithOwner ?? "",
    number: n.number,
    title: n.title ?? "",
    url: n.url ?? "",
    author: n.author?.login ?? null,
    labels: (n.labels?.nodes ?? []).map((l: any) => l?.name).filter((x: unknown): x is string => typeof x === "string"),
    state: (n.issueState ?? n.pullRequestState) === "OPEN" ? "open" : "closed",
    createdAt: n.createdAt ?? "",
    closedAt: n.closedAt ?? null,
    labeledAt: latestTimes(events.map((e) => ({ name: e?.label?.name, at: e?.createdAt }))),
    milestonedAt: latestTimes(events.map((e) => ({ name: e?.milestoneTitle, at: e?.createdAt }))),
    audience: topicAudience(n.repository?.nameWithOwner ?? "", n.repository?.visibility),
  };
}

/**
 * A ProjectV2Item (the DocketBoardItem fragment) in the shape src/domain/board.ts reads: the
 * aliased issue and pull request states become `state`. A redacted item (content null) stays
 * as it is, to be skipped and counted there.
 */
export function toBoardItem(node: unknown): BoardItem | null {
  const n = node as any;
  if (!n || typeof n.id !== "string") return null;
  const c = n.content;
  let content: BoardItem["content"] = null;
  if (c && (c.__typename === "Issue" || c.__typename === "PullRequest")) {
    const { issueState, pullRequestState, ...rest } = c;
    content = { ...rest, body: c.body ?? "", state: issueState ?? pullRequestState ?? "OPEN" };
  } else if (c && c.__typename === "DraftIssue") {
    content = { ...c, body: c.body ?? "" };
  }
  const type = n.type === "ISSUE" || n.type === "PULL_REQUEST" || n.type === "DRAFT_ISSUE" ? n.type : "REDACTED";
  return {
    id: n.id,
    type: content === null ? "REDACTED" : type,
    fullDatabaseId: n.fullDatabaseId ?? null,
    isArchived: n.isArchived === true,
    ...(n.createdAt ? { createdAt: n.createdAt } : {}),
    ...(n.updatedAt ? { updatedAt: n.updatedAt } : {}),
    content,
    fieldValues: { nodes: (n.fieldValues?.nodes ?? []).filter((v: unknown) => v !== null && typeof v === "object") },
  };
}

/** GitHub's GraphQL Issue / PullRequest (the DocketTopic fragment) as a Topic; anything else is null. */
export function toTopic(node: unknown): Topic | null {
  const n = node as any;
  if (!n || (n.__typename !== "Issue" && n.__typename !== "PullRequest")) return null;
  const labeledAt = labelTimes(
    (n.timelineItems?.nodes ?? []).flatMap((ev: any) =>
      typeof ev?.label?.name === "string" && typeof ev?.createdAt === "string" && (ev.__typename === "LabeledEvent" || ev.__typename === "UnlabeledEvent")
        ? [{ label: ev.label.name, at: ev.createdAt, added: ev.__typename === "LabeledEvent" }]
        : [],
    ),
  );
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
    thumbsUp: countVotes(
      (n.reactions?.nodes ?? []).map((r: any) => ({ login: r?.user?.login ?? null, bot: r?.user?.__typename === "Bot" })),
      n.author?.login ?? null,
    ),
    audience: topicAudience(n.repository?.nameWithOwner ?? "", n.repository?.visibility),
  };
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
