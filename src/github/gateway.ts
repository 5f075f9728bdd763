/**
 * The only code that talks to GitHub, as one facade over an Octokit (Probot's in the app, the
 * Action's own in the Action). It is composed of:
 *
 * - ./client.ts: the small client: counted reads, GraphQL connections page by page, and the one
 *   `write()` chokepoint, where dry-run, the per-run write budget and GitHub's size limits are
 *   enforced and every write is logged;
 * - one module per resource: ./issues.ts (issues, comments, labels, reactions, pins),
 *   ./search.ts (topic and sprint searches, fresh reads, the agenda's combined first request),
 *   ./repos.ts (repositories, visibility, permissions, labels, milestones), ./files.ts (contents
 *   and branches), ./pulls.ts, ./checks.ts and ./boards.ts (Projects v2);
 * - ./wire.ts: what each GraphQL document (./queries.ts) selects, typed from GitHub's published
 *   schema. The modules map those shapes into the plain ones of src/domain.
 *
 * Callers use `GitHubGateway` and the types re-exported here; REST calls use Octokit's route
 * strings, so tests can check each against GitHub's OpenAPI description.
 */
import type { Topic } from "../domain/types.js";
import type { Audience, Visibility } from "../domain/visibility.js";
import { Boards, type BoardRead, type BoardRef } from "./boards.js";
import { Checks, type CheckRunInput } from "./checks.js";
import { GitHubClient, silentLogger, type GatewayOptions, type OctokitLike, type RepoRef, type WriteRecord } from "./client.js";
import { Files, type FileAtRef, type FilesRead } from "./files.js";
import { Issues, type DocketIssue, type IssueComment, type IssueDetails, type PollComment } from "./issues.js";
import { Pulls, type PullRequestRef } from "./pulls.js";
import { Repos, type MilestoneInfo, type RepositoryInfo } from "./repos.js";
import { Search, type SprintItemRecord } from "./search.js";

export {
  allowingNotFound,
  ownRequestOptions,
  parseRepo,
  repoKey,
  sameRepo,
  silentLogger,
  statusOf,
  withSignal,
  WriteBudgetExceeded,
  WriteTooLarge,
  type GatewayOptions,
  type Logger,
  type OctokitLike,
  type RepoRef,
  type WriteRecord,
} from "./client.js";
export { BoardNotFound, findBoardField, toBoardItem, type BoardField, type BoardRead, type BoardRef } from "./boards.js";
export type { CheckRunInput } from "./checks.js";
export { CONFIG_PATH, type FileAtRef, type FilesRead } from "./files.js";
export { toStateReason, type DocketIssue, type IssueComment, type IssueDetails, type PollComment, type StateReason } from "./issues.js";
export type { PullRequestRef } from "./pulls.js";
export type { MilestoneInfo, RepositoryInfo } from "./repos.js";
export { toSprintItem, toTopic, type SprintItemRecord } from "./search.js";
export { SEARCH_LIMIT } from "./search-windows.js";

export class GitHubGateway {
  private readonly client: GitHubClient;
  private readonly repos: Repos;
  private readonly issues: Issues;
  private readonly searches: Search;
  private readonly files: Files;
  private readonly pulls: Pulls;
  private readonly checks: Checks;
  private readonly boards: Boards;

  constructor(
    private readonly octokit: OctokitLike,
    private readonly options: GatewayOptions = {},
  ) {
    this.client = new GitHubClient(octokit, options);
    this.repos = new Repos(this.client);
    this.issues = new Issues(this.client, this.repos);
    this.searches = new Search(this.client, this.repos);
    this.files = new Files(this.client);
    this.pulls = new Pulls(this.client);
    this.checks = new Checks(this.client);
    this.boards = new Boards(this.client);
  }

  /** Every write of this run, dry or sent, in order. */
  get writes(): WriteRecord[] {
    return this.client.writes;
  }

  /** Requests sent so far (reads and writes). */
  get requests(): number {
    return this.client.requests;
  }

  set requests(n: number) {
    this.client.requests = n;
  }

  get dryRun(): boolean {
    return this.client.dryRun;
  }

  /**
   * A gateway over the same token that writes nothing (dry-run) and logs nothing of its dry
   * writes: for jobs that must only read but reuse code that writes (the meetings site computes
   * each agenda as `syncAgenda` would). Its writes are its own (`writes`), never this gateway's.
   */
  readOnly(): GitHubGateway {
    return new GitHubGateway(this.octokit, { ...this.options, dryRun: true, log: silentLogger });
  }

  // ---------------------------------------------------------------- files and branches (./files.ts)

  fileText(at: RepoRef, path: string, ref?: string): Promise<string | null> {
    return this.files.fileText(at, path, ref);
  }

  file(at: RepoRef, path: string, ref?: string): Promise<FileAtRef | null> {
    return this.files.file(at, path, ref);
  }

  /** Many files on the default branch in as few requests as possible (./files.ts); null when the repository cannot be read. */
  filesOnDefaultBranch(at: RepoRef, paths: readonly string[]): Promise<FilesRead | null> {
    return this.files.filesOnDefaultBranch(at, paths);
  }

  branchHead(at: RepoRef, branch: string): Promise<string | null> {
    return this.files.branchHead(at, branch);
  }

  putFile(at: RepoRef, input: { path: string; text: string; message: string; branch: string; sha?: string }): Promise<void> {
    return this.files.putFile(at, input);
  }

  createBranch(at: RepoRef, branch: string, sha: string): Promise<void> {
    return this.files.createBranch(at, branch, sha);
  }

  resetBranch(at: RepoRef, branch: string, sha: string): Promise<void> {
    return this.files.resetBranch(at, branch, sha);
  }

  // ---------------------------------------------------------------- topics and searches (./search.ts)

  searchTopics(query: string): Promise<{ topics: Topic[]; total: number; truncated: boolean }> {
    return this.searches.searchTopics(query);
  }

  readTopics(ids: readonly string[]): Promise<Map<string, Topic | null>> {
    return this.searches.readTopics(ids);
  }

  agendaInputs(
    at: RepoRef,
    label: string,
    searchQuery: string | null,
    fresh: readonly string[],
  ): Promise<{ issues: DocketIssue[]; searched: { topics: Topic[]; total: number; truncated: boolean } | null; fresh: Map<string, Topic | null> }> {
    return this.searches.agendaInputs(at, label, searchQuery, fresh);
  }

  searchSprintItems(query: string): Promise<{ items: SprintItemRecord[]; total: number; truncated: boolean }> {
    return this.searches.searchSprintItems(query);
  }

  // ---------------------------------------------------------------- issues, comments, labels, reactions (./issues.ts)

  docketIssues(at: RepoRef, label: string): Promise<DocketIssue[]> {
    return this.issues.docketIssues(at, label);
  }

  issuesWithLabelSince(at: RepoRef, label: string, since: string): Promise<DocketIssue[]> {
    return this.issues.issuesWithLabelSince(at, label, since);
  }

  issue(at: RepoRef, issueNumber: number): Promise<IssueDetails | null> {
    return this.issues.issue(at, issueNumber);
  }

  commentBodies(at: RepoRef, issueNumber: number): Promise<string[]> {
    return this.issues.commentBodies(at, issueNumber);
  }

  issueComments(at: RepoRef, issueNumber: number, maxPages?: number, since?: string): Promise<IssueComment[]> {
    return this.issues.issueComments(at, issueNumber, maxPages, since);
  }

  pollComments(at: RepoRef, issueNumber: number): Promise<PollComment[]> {
    return this.issues.pollComments(at, issueNumber);
  }

  createIssue(at: RepoRef, input: { title: string; body: string; labels: string[]; assignees?: string[] }): Promise<DocketIssue | null> {
    return this.issues.createIssue(at, input);
  }

  setIssueState(at: RepoRef, issueNumber: number, state: "open" | "closed", reason?: "completed" | "not_planned"): Promise<void> {
    return this.issues.setIssueState(at, issueNumber, state, reason);
  }

  updateIssueBody(at: RepoRef, issueNumber: number, body: string): Promise<void> {
    return this.issues.updateIssueBody(at, issueNumber, body);
  }

  comment(at: RepoRef, issueNumber: number, body: string): Promise<void> {
    return this.issues.comment(at, issueNumber, body);
  }

  addLabels(at: RepoRef, issueNumber: number, labels: string[]): Promise<void> {
    return this.issues.addLabels(at, issueNumber, labels);
  }

  removeLabel(at: RepoRef, issueNumber: number, name: string): Promise<void> {
    return this.issues.removeLabel(at, issueNumber, name);
  }

  reactToComment(at: RepoRef, commentId: number, content: "+1" | "confused" | "eyes"): Promise<void> {
    return this.issues.reactToComment(at, commentId, content);
  }

  pinIssue(issueId: string): Promise<void> {
    return this.issues.pinIssue(issueId);
  }

  // ---------------------------------------------------------------- repositories (./repos.ts)

  repository(at: RepoRef): Promise<RepositoryInfo> {
    return this.repos.repository(at);
  }

  ownerProfile(login: string): Promise<{ name: string | null; description: string | null }> {
    return this.repos.ownerProfile(login);
  }

  repoAudience(at: RepoRef): Promise<Audience> {
    return this.repos.repoAudience(at);
  }

  repoVisibility(at: RepoRef): Promise<Visibility | null> {
    return this.repos.repoVisibility(at);
  }

  permission(at: RepoRef, username: string): Promise<{ role_name: string | null; permission: string | null }> {
    return this.repos.permission(at, username);
  }

  milestones(at: RepoRef): Promise<MilestoneInfo[]> {
    return this.repos.milestones(at);
  }

  labelsMatching(at: RepoRef, text: string): Promise<Array<{ name: string; description: string | null }>> {
    return this.repos.labelsMatching(at, text);
  }

  // ---------------------------------------------------------------- pull requests and checks (./pulls.ts, ./checks.ts)

  openPullRequest(at: RepoRef, head: string): Promise<PullRequestRef | null> {
    return this.pulls.openPullRequest(at, head);
  }

  createPullRequest(at: RepoRef, input: { title: string; body: string; head: string; base: string }): Promise<PullRequestRef | null> {
    return this.pulls.createPullRequest(at, input);
  }

  updatePullRequest(at: RepoRef, pullNumber: number, input: { title: string; body: string }): Promise<void> {
    return this.pulls.updatePullRequest(at, pullNumber, input);
  }

  createCheckRun(at: RepoRef, run: CheckRunInput): Promise<void> {
    return this.checks.createCheckRun(at, run);
  }

  // ---------------------------------------------------------------- boards (./boards.ts)

  board(ref: BoardRef): Promise<BoardRead> {
    return this.boards.board(ref);
  }

  topicBoards(contentId: string): Promise<BoardRef[] | null> {
    return this.boards.topicBoards(contentId);
  }

  boardById(projectNodeId: string): Promise<BoardRef | null> {
    return this.boards.boardById(projectNodeId);
  }
}
