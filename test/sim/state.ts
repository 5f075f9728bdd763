/**
 * The simulator's in-memory GitHub: accounts, repositories, permissions,
 * labels, issues and pull requests (comments, reactions, label times and a
 * timeline), files with commits, check runs, the app and its installations.
 *
 * Loaded from a world (./world.ts) and changed only through the operations
 * below, which the REST and GraphQL layers and the `/_sim/act` user actions
 * share. Every operation that GitHub would announce emits a {@link SimEvent}
 * (synchronously, while the state is exactly as the event describes it); the
 * server turns events into webhook deliveries.
 *
 * Two clocks: the simulated clock (`Clock`) stamps everything stored
 * (created_at, label times, …) and can be set or frozen; the real clock
 * (`Date.now()`) drives what is about real elapsed time: token and JWT
 * expiry, rate-limit windows, the search index lag.
 *
 * Extending (e.g. Projects v2 later): add a collection to `State` (and to the
 * world schema), operations that emit events, and views in ./graphql.ts.
 */
import { createHash } from "node:crypto";
import { issueNodeId, pullRequestNodeId } from "../fixtures/webhooks.js";
import { ROLES, type PermissionLevel, type ProjectSpec, type ReactionContent, type RepoSpec, type Role, type WorldSpec } from "./world.js";

export type { Role, ReactionContent } from "./world.js";

// ------------------------------------------------------------------------------------ clock

export interface ClockSettings {
  /** Jump the simulated time here (ISO instant). */
  now?: string;
  /** Stop the clock at `now`; every change then advances it by `stepMs`. */
  frozen?: boolean;
  /** With a frozen clock: how far each change moves time on (default 1000 ms). */
  stepMs?: number;
  /** Move the simulated time on by this much. */
  advanceMs?: number;
}

/** Simulated time: the real clock plus an offset, or frozen and stepping once per change. */
export class Clock {
  private offsetMs = 0;
  private frozenAt: number | null = null;
  private stepMs = 1000;

  constructor(private readonly source: () => Date = () => new Date()) {}

  now(): Date {
    return new Date(this.frozenAt ?? this.source().getTime() + this.offsetMs);
  }

  iso(): string {
    return this.now()
      .toISOString()
      .replace(/\.\d{3}Z$/, "Z");
  }

  get frozen(): boolean {
    return this.frozenAt !== null;
  }

  /** Called once per change: a frozen clock steps on, so events stay ordered. */
  tick(): void {
    if (this.frozenAt !== null) this.frozenAt += this.stepMs;
  }

  set(s: ClockSettings): void {
    if (s.stepMs !== undefined) this.stepMs = s.stepMs;
    const target = s.now !== undefined ? Date.parse(s.now) : undefined;
    if (target !== undefined && Number.isNaN(target)) throw new Error(`clock: not an ISO instant: ${s.now}`);
    const frozen = s.frozen ?? this.frozen;
    const base = target ?? this.now().getTime();
    if (frozen) {
      this.frozenAt = base;
    } else {
      this.frozenAt = null;
      this.offsetMs = base - this.source().getTime();
    }
    if (s.advanceMs) {
      if (this.frozenAt !== null) this.frozenAt += s.advanceMs;
      else this.offsetMs += s.advanceMs;
    }
  }

  settings(): { now: string; frozen: boolean; stepMs: number } {
    return { now: this.iso(), frozen: this.frozen, stepMs: this.stepMs };
  }
}

/** Sets a clock to a world's `now` and `clock` settings (the server does this on every load and reset). */
export function applyWorldClock(clock: Clock, world: WorldSpec): void {
  if (!world.now && !world.clock) return;
  clock.set({ ...(world.now ? { now: world.now } : {}), frozen: world.clock?.frozen ?? false, stepMs: world.clock?.step_ms ?? 1000 });
}

// ------------------------------------------------------------------------------------ model

export type AccountType = "User" | "Organization" | "Bot";

export interface Account {
  login: string;
  id: number;
  nodeId: string;
  type: AccountType;
  name: string | null;
  description: string | null;
  createdAt: string;
  /** Organisations: members and their role on every repository of the organisation. */
  members: Map<string, Role>;
  /** Projects (v2) boards by number. */
  projects: Map<number, Project>;
}

export type ProjectFieldType = "single_select" | "number" | "text" | "iteration";

export interface ProjectField {
  nodeId: string;
  name: string;
  type: ProjectFieldType;
  /** single_select: options (name and node id). */
  options: Array<{ id: string; name: string }>;
  /** iteration: the iterations (title, first day, days). */
  iterations: Array<{ id: string; title: string; startDate: string; duration: number }>;
  duration: number;
}

export interface ProjectFieldValue {
  /** An option name, a number, an iteration title or text. */
  value: string | number;
  createdAt: string;
  updatedAt: string;
}

export interface ProjectItem {
  id: number;
  nodeId: string;
  /** An issue or pull request (followed by node id: it survives edits, not deletion), or a draft. */
  issueNodeId: string | null;
  draft: { nodeId: string; title: string; body: string } | null;
  /** Field name (lower case) -> value. */
  values: Map<string, ProjectFieldValue>;
  archivedAt: string | null;
  creator: string;
  createdAt: string;
  updatedAt: string;
}

export interface Project {
  id: number;
  nodeId: string;
  number: number;
  title: string;
  owner: Account;
  /** Anybody may read it (ProjectV2.public). */
  public: boolean;
  fields: ProjectField[];
  items: ProjectItem[];
  createdAt: string;
}

export interface LabelDef {
  id: number;
  nodeId: string;
  name: string;
  color: string;
  description: string | null;
  default: boolean;
  createdAt: string;
}

export interface IssueLabel {
  name: string;
  addedAt: string;
  by: string;
}

export type TimelineType = "labeled" | "unlabeled" | "closed" | "reopened" | "renamed" | "pinned" | "unpinned" | "transferred" | "milestoned" | "demilestoned";

export interface TimelineEvent {
  id: number;
  nodeId: string;
  type: TimelineType;
  actor: string;
  createdAt: string;
  label?: string;
  /** Milestone title (milestoned / demilestoned). */
  milestone?: string;
  from?: string;
  to?: string;
}

export interface Milestone {
  id: number;
  nodeId: string;
  number: number;
  title: string;
  description: string | null;
  state: "open" | "closed";
  /** ISO instant or null. */
  dueOn: string | null;
  createdAt: string;
  updatedAt: string;
  closedAt: string | null;
  creator: string;
}

export interface Reaction {
  id: number;
  nodeId: string;
  user: string;
  content: ReactionContent;
  createdAt: string;
}

export interface Comment {
  id: number;
  nodeId: string;
  author: string;
  body: string;
  createdAt: string;
  updatedAt: string;
  reactions: Reaction[];
  /** Written through an app installation token (performed_via_github_app). */
  viaApp: boolean;
}

export interface PullInfo {
  head: string;
  base: string;
  headSha: string;
  draft: boolean;
  merged: boolean;
  mergedAt: string | null;
  mergedBy: string | null;
}

export interface Issue {
  /** Database id (REST `id`). */
  id: number;
  nodeId: string;
  repo: Repo;
  number: number;
  kind: "issue" | "pull_request";
  title: string;
  body: string | null;
  state: "open" | "closed";
  stateReason: "completed" | "not_planned" | "reopened" | null;
  author: string;
  createdAt: string;
  updatedAt: string;
  closedAt: string | null;
  closedBy: string | null;
  labels: IssueLabel[];
  /** Number of the issue's milestone in its repository, or null. */
  milestone: number | null;
  /** Logins assigned to it. */
  assignees: string[];
  timeline: TimelineEvent[];
  reactions: Reaction[];
  comments: Comment[];
  pinned: boolean;
  locked: boolean;
  viaApp: boolean;
  pull: PullInfo | null;
}

export interface FileBlob {
  text: string;
  sha: string;
}

export interface Commit {
  sha: string;
  treeSha: string;
  nodeId: string;
  parents: string[];
  message: string;
  author: string;
  date: string;
  files: Map<string, FileBlob>;
  added: string[];
  modified: string[];
  removed: string[];
}

export interface CheckRun {
  id: number;
  nodeId: string;
  name: string;
  headSha: string;
  status: "queued" | "in_progress" | "completed";
  conclusion: string | null;
  startedAt: string;
  completedAt: string | null;
  externalId: string | null;
  detailsUrl: string | null;
  output: { title: string | null; summary: string | null; text: string | null; annotations: unknown[] };
  appId: number | null;
  by: string;
}

export interface Repo {
  id: number;
  nodeId: string;
  owner: Account;
  name: string;
  fullName: string;
  description: string | null;
  visibility: "public" | "private" | "internal";
  defaultBranch: string;
  hasIssues: boolean;
  createdAt: string;
  updatedAt: string;
  pushedAt: string;
  /** Outside collaborators (and explicit roles beyond the organisation's). */
  collaborators: Map<string, Role>;
  /** By lower-cased name. */
  labels: Map<string, LabelDef>;
  issues: Map<number, Issue>;
  nextNumber: number;
  milestones: Map<number, Milestone>;
  branches: Map<string, string>;
  commits: Map<string, Commit>;
  checkRuns: CheckRun[];
}

export interface Installation {
  id: number;
  nodeId: string;
  account: Account;
  selection: "all" | "selected";
  /** Lower-cased full names of the selected repositories. */
  repos: Set<string>;
  permissions: Record<string, PermissionLevel>;
  events: string[];
  createdAt: string;
}

export interface App {
  id: number;
  slug: string;
  name: string;
  nodeId: string;
  clientId: string;
  owner: Account;
  description: string | null;
  permissions: Record<string, PermissionLevel>;
  events: string[];
  createdAt: string;
  bot: Account;
  publicKeyPem: string | null;
  installations: Map<number, Installation>;
}

export interface PlainToken {
  token: string;
  login: string;
  repos: string[];
  permissions: Record<string, PermissionLevel>;
}

/** What an operation announces; the server turns it into a webhook delivery. */
export interface SimEvent {
  /** `issues`, `pull_request`, `issue_comment` or `push`. */
  event: string;
  action?: string;
  /** Null only for organisation events (projects_v2_item). */
  repo: Repo | null;
  sender: string;
  issue?: Issue;
  label?: string;
  /** Login (assigned / unassigned). */
  assignee?: string;
  /** The milestone (milestoned / demilestoned). */
  milestone?: Milestone;
  comment?: Comment;
  changes?: Record<string, unknown>;
  /** projects_v2_item: the board and its item (the event has no repository: `repo` is null). */
  project?: Project;
  projectItem?: ProjectItem;
  /** For transfers: the issue in its new repository (on `transferred`) and as it was (on the new repository's `opened`). */
  newIssue?: Issue;
  oldIssue?: Issue;
  push?: { ref: string; before: string; after: string; commits: Commit[]; pusher: string };
}

/** What search sees of an issue: the state it had when it was last indexed. */
export interface SearchDoc {
  id: number;
  repo: string;
  owner: string;
  kind: "issue" | "pull_request";
  number: number;
  state: "open" | "closed";
  merged: boolean;
  title: string;
  body: string;
  author: string;
  labels: string[];
  /** Milestone title, or null. */
  milestone: string | null;
  comments: string[];
  createdAt: string;
  updatedAt: string;
  reactionsPlusOne: number;
}

/** GitHub's longest label name. */
export const LABEL_NAME_MAX = 50;

const LABEL_DOCS = "https://docs.github.com/rest/issues/labels#add-labels-to-an-issue";

export class SimError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = "SimError";
  }
}

// ------------------------------------------------------------------------------------ helpers

export const ROLE_RANK: Record<Role | "none", number> = { none: 0, read: 1, triage: 2, write: 3, maintain: 4, admin: 5 };
export const atLeast = (role: Role | null, min: Role): boolean => ROLE_RANK[role ?? "none"] >= ROLE_RANK[min];

export const sha1 = (s: string): string => createHash("sha1").update(s).digest("hex");
const b64 = (s: string) => Buffer.from(s).toString("base64url");
export const blobSha = (text: string): string => sha1(`blob ${Buffer.byteLength(text)}\0${text}`);
const key = (s: string) => s.toLowerCase();

export function userNodeId(login: string, type: AccountType): string {
  return `${type === "Bot" ? "BOT" : type === "Organization" ? "O" : "U"}_${b64(login)}`;
}

// ------------------------------------------------------------------------------------ state

export class State {
  readonly accounts = new Map<string, Account>();
  readonly repos = new Map<string, Repo>();
  readonly tokens = new Map<string, PlainToken>();
  app: App | null = null;
  /** Issues by node id (current ones only). */
  private readonly byNodeId = new Map<string, Issue>();
  /** The search index: per issue database id, the documents it had and when (real ms). */
  private readonly index = new Map<number, Array<{ at: number; doc: SearchDoc | null }>>();
  /** How long superseded search documents are kept: at least the longest search lag in use. */
  indexHorizonMs = 60_000;
  private idCounter = 1;
  private listeners: Array<(e: SimEvent) => void> = [];

  constructor(
    world: WorldSpec,
    readonly clock: Clock,
    private readonly realNow: () => number = Date.now,
  ) {
    this.load(world);
  }

  nextId(): number {
    return this.idCounter++;
  }

  onEvent(listener: (e: SimEvent) => void): () => void {
    this.listeners.push(listener);
    return () => {
      this.listeners = this.listeners.filter((l) => l !== listener);
    };
  }

  private emit(e: SimEvent): void {
    for (const l of this.listeners) l(e);
  }

  /** Stamp for a change: the simulated time, then the (frozen) clock steps on. */
  private stamp(): string {
    const t = this.clock.iso();
    this.clock.tick();
    return t;
  }

  // -------------------------------------------------------------------------------- loading

  private load(w: WorldSpec): void {
    const t0 = this.clock.iso();
    for (const u of w.users) {
      const spec = typeof u === "string" ? { login: u, type: "User" as const, repos: [] as RepoSpec[] } : u;
      this.addAccount(spec.login, spec.type, "name" in spec ? (spec.name ?? null) : null, t0);
    }
    for (const o of w.orgs) {
      const org = this.addAccount(o.login, "Organization", o.name ?? null, t0);
      org.description = o.description ?? null;
      for (const [m, r] of Object.entries(o.members)) org.members.set(key(m), r);
    }
    if (w.app) {
      const a = w.app;
      const bot = this.addAccount(`${a.slug}[bot]`, "Bot", null, t0);
      const owner = this.mustAccount(a.owner);
      this.app = {
        id: a.id,
        slug: a.slug,
        name: a.name,
        nodeId: `A_${b64(String(a.id))}`,
        clientId: a.client_id ?? `Iv1.${sha1(`client:${a.id}`).slice(0, 16)}`,
        owner,
        description: a.description ?? null,
        permissions: a.permissions,
        events: a.events,
        createdAt: t0,
        bot,
        publicKeyPem: a.public_key ?? null,
        installations: new Map(),
      };
    }
    const repoSpecs: Array<{ owner: string; spec: RepoSpec }> = [
      ...w.orgs.flatMap((o) => o.repos.map((spec) => ({ owner: o.login, spec }))),
      ...w.users.flatMap((u) => (typeof u === "object" ? u.repos.map((spec) => ({ owner: u.login, spec })) : [])),
    ];
    for (const { owner, spec } of repoSpecs) this.loadRepo(this.mustAccount(owner), spec, t0);
    const projectSpecs = [
      ...w.orgs.map((o) => ({ owner: o.login, projects: o.projects })),
      ...w.users.flatMap((u) => (typeof u === "object" ? [{ owner: u.login, projects: u.projects }] : [])),
    ];
    for (const { owner, projects } of projectSpecs) for (const p of projects) this.loadProject(this.mustAccount(owner), p, t0);
    if (w.app && this.app) {
      for (const i of w.app.installations) {
        const account = this.mustAccount(i.account);
        this.app.installations.set(i.id, {
          id: i.id,
          nodeId: Buffer.from(`IntegrationInstallation${i.id}`).toString("base64"),
          account,
          selection: i.repositories === "all" ? "all" : "selected",
          repos: new Set(i.repositories === "all" ? [] : i.repositories.map((r) => key(`${account.login}/${r}`))),
          permissions: i.permissions ?? this.app.permissions,
          events: i.events ?? this.app.events,
          createdAt: t0,
        });
      }
    }
    for (const t of w.tokens) {
      this.tokens.set(t.token, { token: t.token, login: t.login, repos: t.repos, permissions: t.permissions });
      if (!this.account(t.login)) this.addAccount(t.login, t.login.endsWith("[bot]") ? "Bot" : "User", null, t0);
    }
    for (const r of this.repos.values()) for (const i of r.issues.values()) this.reindex(i, 0);
  }

  private addAccount(login: string, type: AccountType, name: string | null, createdAt: string): Account {
    const a: Account = {
      login,
      id: this.nextId(),
      nodeId: userNodeId(login, type),
      type,
      name,
      description: null,
      createdAt,
      members: new Map(),
      projects: new Map(),
    };
    this.accounts.set(key(login), a);
    return a;
  }

  private loadRepo(owner: Account, spec: RepoSpec, t0: string): void {
    const fullName = `${owner.login}/${spec.name}`;
    const created = spec.created_at ?? t0;
    const repo: Repo = {
      id: this.nextId(),
      nodeId: `R_${b64(fullName)}`,
      owner,
      name: spec.name,
      fullName,
      description: spec.description ?? null,
      visibility: spec.visibility,
      defaultBranch: spec.default_branch,
      hasIssues: spec.has_issues,
      createdAt: created,
      updatedAt: created,
      pushedAt: created,
      collaborators: new Map(Object.entries(spec.permissions).map(([l, r]) => [key(l), r])),
      labels: new Map(),
      issues: new Map(),
      nextNumber: 1,
      milestones: new Map(),
      branches: new Map(),
      commits: new Map(),
      checkRuns: [],
    };
    this.repos.set(key(fullName), repo);
    for (const l of spec.labels) {
      const def = typeof l === "string" ? { name: l } : l;
      this.ensureLabel(repo, def.name, { color: def.color, description: def.description ?? null, at: created });
    }
    const explicitMilestones = new Set(spec.milestones.map((m) => m.number).filter((n): n is number => n !== undefined));
    let nextMilestone = 1;
    for (const m of spec.milestones) {
      let number = m.number;
      if (number === undefined) {
        while (explicitMilestones.has(nextMilestone)) nextMilestone++;
        number = nextMilestone++;
      }
      const createdAt = m.created_at ?? created;
      const closedAt = m.state === "closed" ? (m.closed_at ?? m.due_on ?? createdAt) : null;
      repo.milestones.set(number, {
        id: this.nextId(),
        nodeId: `MI_${b64(`${fullName}#${number}`)}`,
        number,
        title: m.title,
        description: m.description ?? null,
        state: m.state,
        dueOn: m.due_on ?? null,
        createdAt,
        updatedAt: closedAt ?? createdAt,
        closedAt,
        creator: m.creator ?? owner.login,
      });
    }
    // The initial commit holds the world's files.
    const files = new Map(Object.entries(spec.files).map(([p, text]) => [p, { text, sha: blobSha(text) }]));
    const commit = this.makeCommit(repo, [], "Initial commit", owner.login, created, files, [...files.keys()], [], []);
    repo.branches.set(repo.defaultBranch, commit.sha);

    const explicit = new Set(spec.issues.map((i) => i.number).filter((n): n is number => n !== undefined));
    let next = 1;
    for (const s of spec.issues) {
      let number = s.number;
      if (number === undefined) {
        while (explicit.has(next)) next++;
        number = next++;
      }
      const createdAt = s.created_at ?? t0;
      const isPr = s.pull_request !== undefined && s.pull_request !== false;
      const prSpec = typeof s.pull_request === "object" ? s.pull_request : {};
      const issue = this.newIssue(repo, number, {
        kind: isPr ? "pull_request" : "issue",
        title: s.title,
        body: s.body ?? null,
        author: s.author,
        createdAt,
        viaApp: false,
        pull: isPr
          ? { head: prSpec.head ?? `topic-${number}`, base: prSpec.base ?? repo.defaultBranch, draft: prSpec.draft ?? false, merged: prSpec.merged ?? false }
          : null,
      });
      for (const l of s.labels) {
        const spec2 = typeof l === "string" ? { name: l } : l;
        const def = this.ensureLabel(repo, spec2.name, { at: createdAt });
        const at = spec2.at ?? createdAt;
        const by = spec2.by ?? s.author;
        if (!issue.labels.some((x) => key(x.name) === key(def.name))) issue.labels.push({ name: def.name, addedAt: at, by });
        issue.timeline.push(this.timelineEvent("labeled", by, at, { label: def.name }));
      }
      if (s.milestone !== undefined) {
        const ms = typeof s.milestone === "string" ? { title: s.milestone } : s.milestone;
        const m = this.milestoneByTitle(repo, ms.title)!;
        issue.milestone = m.number;
        issue.timeline.push(this.timelineEvent("milestoned", ("by" in ms && ms.by) || s.author, ("at" in ms && ms.at) || createdAt, { milestone: m.title }));
      }
      issue.assignees = [...s.assignees];
      for (const [content, users] of Object.entries(s.reactions ?? {})) {
        for (const u of users ?? []) issue.reactions.push(this.newReaction(u, content as ReactionContent, createdAt));
      }
      for (const c of s.comments) {
        const at = c.at ?? createdAt;
        const comment: Comment = { id: this.nextId(), nodeId: "", author: c.author, body: c.body, createdAt: at, updatedAt: at, reactions: [], viaApp: false };
        comment.nodeId = `IC_${b64(String(comment.id))}`;
        for (const [content, users] of Object.entries(c.reactions ?? {})) {
          for (const u of users ?? []) comment.reactions.push(this.newReaction(u, content as ReactionContent, at));
        }
        issue.comments.push(comment);
      }
      if (s.state === "closed") {
        const at = s.closed_at ?? createdAt;
        issue.state = "closed";
        issue.stateReason = s.state_reason ?? "completed";
        issue.closedAt = at;
        issue.closedBy = s.author;
        issue.timeline.push(this.timelineEvent("closed", s.author, at));
        if (issue.pull?.merged) {
          issue.pull.mergedAt = at;
          issue.pull.mergedBy = s.author;
        }
      }
      issue.pinned = s.pinned;
      issue.locked = s.locked;
      issue.timeline.sort((a, b) => a.createdAt.localeCompare(b.createdAt));
      const times = [createdAt, ...issue.timeline.map((e) => e.createdAt), ...issue.comments.map((c) => c.updatedAt)];
      // biome-ignore lint/complexity/useMathMinMax: ISO timestamps (strings), the latest; Math.max would give NaN
      issue.updatedAt = times.reduce((a, b) => (a > b ? a : b));
    }
    repo.nextNumber = Math.max(0, ...repo.issues.keys()) + 1;
  }

  private loadProject(owner: Account, spec: ProjectSpec, t0: string): void {
    const createdAt = spec.created_at ?? t0;
    const project: Project = {
      id: this.nextId(),
      nodeId: `PVT_${b64(`${owner.login}/${spec.number}`)}`,
      number: spec.number,
      title: spec.title,
      owner,
      public: spec.public,
      fields: [],
      items: [],
      createdAt,
    };
    for (const f of spec.fields) {
      const fid = `PVTF_${b64(`${owner.login}/${spec.number}/${f.name}`)}`;
      project.fields.push({
        nodeId: fid,
        name: f.name,
        type: f.type,
        options: f.type === "single_select" ? f.options.map((o) => ({ id: sha1(`${fid}/${o}`).slice(0, 8), name: o })) : [],
        iterations:
          f.type === "iteration"
            ? f.iterations.map((i) => ({
                id: sha1(`${fid}/${i.title}`).slice(0, 8),
                title: i.title,
                startDate: i.start_date,
                duration: i.duration ?? f.duration,
              }))
            : [],
        duration: f.type === "iteration" ? f.duration : 0,
      });
    }
    owner.projects.set(spec.number, project);
    for (const it of spec.items) {
      const at = it.created_at ?? createdAt;
      let issueNodeId: string | null = null;
      if (it.content) {
        const [full = "", num = ""] = it.content.split("#");
        const repo = this.repoByFullName(full);
        const issue = repo ? this.issue(repo, Number(num)) : undefined;
        if (!issue) throw new Error(`project ${owner.login}/${spec.number}: no issue or pull request ${it.content}`);
        issueNodeId = issue.nodeId;
      }
      const item = this.newProjectItem(project, { issueNodeId, draft: it.draft ?? null, creator: it.creator ?? owner.login, at });
      for (const [name, value] of Object.entries(it.values)) this.setProjectValue(project, item, name, value, at);
      if (it.archived) item.archivedAt = at;
    }
  }

  private newProjectItem(
    project: Project,
    o: { issueNodeId: string | null; draft: { title: string; body: string } | null; creator: string; at: string },
  ): ProjectItem {
    const id = this.nextId();
    const item: ProjectItem = {
      id,
      nodeId: `PVTI_${b64(`${project.owner.login}/${project.number}/${id}`)}`,
      issueNodeId: o.issueNodeId,
      draft: o.draft ? { nodeId: `DI_${b64(String(id))}`, title: o.draft.title, body: o.draft.body } : null,
      values: new Map(),
      archivedAt: null,
      creator: o.creator,
      createdAt: o.at,
      updatedAt: o.at,
    };
    project.items.push(item);
    return item;
  }

  /** The board field of that name (case-insensitive), or a 422. */
  projectField(project: Project, name: string): ProjectField {
    const f = project.fields.find((x) => key(x.name) === key(name));
    if (!f) throw new SimError(422, `the board ${project.owner.login}/${project.number} has no field ${JSON.stringify(name)}`);
    return f;
  }

  /** Sets (or, with null, clears) a field value; the value is checked against the field. Returns the value before. */
  setProjectValue(
    project: Project,
    item: ProjectItem,
    name: string,
    value: string | number | null,
    at?: string,
  ): { field: ProjectField; from: ProjectFieldValue | null } {
    const field = this.projectField(project, name);
    const from = item.values.get(key(field.name)) ?? null;
    const t = at ?? this.stamp();
    if (value === null) item.values.delete(key(field.name));
    else {
      let v: string | number = value;
      if (field.type === "number") {
        if (typeof value !== "number" || !Number.isFinite(value)) throw new SimError(422, `${field.name} takes a number`);
      } else if (field.type === "single_select") {
        const o = field.options.find((x) => key(x.name) === key(String(value)));
        if (!o) throw new SimError(422, `${field.name} has no option ${JSON.stringify(value)}`);
        v = o.name;
      } else if (field.type === "iteration") {
        const o = field.iterations.find((x) => key(x.title) === key(String(value)));
        if (!o) throw new SimError(422, `${field.name} has no iteration ${JSON.stringify(value)}`);
        v = o.title;
      } else v = String(value);
      item.values.set(key(field.name), { value: v, createdAt: from?.createdAt ?? t, updatedAt: t });
    }
    item.updatedAt = t;
    return { field, from };
  }

  /** Adds an issue, pull request or draft to a board (an issue already on it keeps its item). */
  addProjectItem(
    project: Project,
    content: { issue: Issue } | { draft: { title: string; body: string } },
    actor: string,
  ): { item: ProjectItem; created: boolean } {
    if ("issue" in content) {
      const existing = project.items.find((i) => i.issueNodeId === content.issue.nodeId);
      if (existing) return { item: existing, created: false };
    }
    const item = this.newProjectItem(project, {
      issueNodeId: "issue" in content ? content.issue.nodeId : null,
      draft: "draft" in content ? content.draft : null,
      creator: actor,
      at: this.stamp(),
    });
    this.emitProjectItem(project, item, "created", actor);
    return { item, created: true };
  }

  /** Sets a field value of an item and announces it (edited, with GitHub's `changes.field_value`). */
  editProjectItem(project: Project, item: ProjectItem, name: string, value: string | number | null, actor: string): boolean {
    const before = item.values.get(key(this.projectField(project, name).name))?.value ?? null;
    const { field } = this.setProjectValue(project, item, name, value);
    if (before === value) return false;
    this.emitProjectItem(project, item, "edited", actor, {
      field_value: { field_node_id: field.nodeId, field_type: field.type, field_name: field.name, project_number: project.number },
    });
    return true;
  }

  archiveProjectItem(project: Project, item: ProjectItem, archived: boolean, actor: string): boolean {
    if ((item.archivedAt !== null) === archived) return false;
    item.archivedAt = archived ? this.stamp() : null;
    item.updatedAt = item.archivedAt ?? this.stamp();
    this.emitProjectItem(project, item, archived ? "archived" : "restored", actor, {
      archived_at: { from: archived ? null : item.updatedAt, to: item.archivedAt },
    });
    return true;
  }

  removeProjectItem(project: Project, item: ProjectItem, actor: string): void {
    project.items = project.items.filter((i) => i !== item);
    this.emitProjectItem(project, item, "deleted", actor);
  }

  /** GitHub sends projects_v2_item events for organisation boards only. */
  private emitProjectItem(project: Project, item: ProjectItem, action: string, actor: string, changes?: Record<string, unknown>): void {
    if (project.owner.type !== "Organization") return;
    this.emit({ event: "projects_v2_item", action, repo: null, sender: actor, project, projectItem: item, ...(changes ? { changes } : {}) });
  }

  /** A board by owner and number. */
  project(owner: string, number: number): Project | undefined {
    return this.account(owner)?.projects.get(number);
  }

  /** A board or a board item by node id. */
  projectNode(id: string): { project: Project; item?: ProjectItem } | undefined {
    for (const a of this.accounts.values()) {
      for (const p of a.projects.values()) {
        if (p.nodeId === id) return { project: p };
        const item = p.items.find((i) => i.nodeId === id);
        if (item) return { project: p, item };
      }
    }
    return undefined;
  }

  /** Installations of the app on an account (organisation events). */
  installationsForAccount(account: Account): Installation[] {
    if (!this.app) return [];
    return [...this.app.installations.values()].filter((i) => key(i.account.login) === key(account.login));
  }

  private mustAccount(login: string): Account {
    const a = this.accounts.get(key(login));
    if (!a) throw new Error(`unknown account ${login}`);
    return a;
  }

  // -------------------------------------------------------------------------------- lookups

  account(login: string): Account | undefined {
    return this.accounts.get(key(login));
  }

  repo(owner: string, name: string): Repo | undefined {
    return this.repos.get(key(`${owner}/${name}`));
  }

  repoByFullName(fullName: string): Repo | undefined {
    return this.repos.get(key(fullName));
  }

  issue(repo: Repo, number: number): Issue | undefined {
    return repo.issues.get(number);
  }

  issueByNodeId(id: string): Issue | undefined {
    return this.byNodeId.get(id);
  }

  allIssues(): Issue[] {
    return [...this.repos.values()].flatMap((r) => [...r.issues.values()]);
  }

  milestoneByTitle(repo: Repo, title: string): Milestone | undefined {
    return [...repo.milestones.values()].find((m) => key(m.title) === key(title));
  }

  /** Whether a person can be assigned to issues of a repository (GitHub: collaborators and members with a role on it). */
  assignable(login: string, repo: Repo): boolean {
    const a = this.account(login);
    return a !== undefined && a.type !== "Organization" && this.roleOf(login, repo) !== null;
  }

  comment(repo: Repo, id: number): { issue: Issue; comment: Comment } | undefined {
    for (const issue of repo.issues.values()) {
      const comment = issue.comments.find((c) => c.id === id);
      if (comment) return { issue, comment };
    }
    return undefined;
  }

  /** A person's role on a repository (the highest of owner, organisation member and collaborator), or null. */
  roleOf(login: string, repo: Repo): Role | null {
    const k = key(login);
    if (key(repo.owner.login) === k) return "admin";
    let best: Role | null = null;
    const consider = (r: Role | undefined) => {
      if (r && ROLE_RANK[r] > ROLE_RANK[best ?? "none"]) best = r;
    };
    if (repo.owner.type === "Organization") consider(repo.owner.members.get(k));
    consider(repo.collaborators.get(k));
    return best;
  }

  /** What a person may do: their role, or read on a public repository. */
  effectiveRole(login: string, repo: Repo): Role | null {
    return this.roleOf(login, repo) ?? (repo.visibility === "public" && this.account(login) ? "read" : null);
  }

  association(login: string, repo: Repo): "OWNER" | "MEMBER" | "COLLABORATOR" | "CONTRIBUTOR" | "NONE" {
    const k = key(login);
    if (key(repo.owner.login) === k) return "OWNER";
    if (repo.owner.type === "Organization" && repo.owner.members.has(k)) return "MEMBER";
    if (repo.collaborators.has(k)) return "COLLABORATOR";
    return "NONE";
  }

  /** The commit a ref names: a branch, `refs/heads/<branch>`, or a commit sha (7+ hex digits). */
  resolveRef(repo: Repo, ref?: string): Commit | undefined {
    const r = ref ?? repo.defaultBranch;
    const branch = repo.branches.get(r.replace(/^refs\/heads\//, ""));
    if (branch) return repo.commits.get(branch);
    if (/^[0-9a-f]{7,40}$/i.test(r)) {
      for (const c of repo.commits.values()) if (c.sha.startsWith(r.toLowerCase())) return c;
    }
    return undefined;
  }

  headCommit(repo: Repo): Commit {
    return this.resolveRef(repo)!;
  }

  // -------------------------------------------------------------------------------- builders

  private timelineEvent(type: TimelineType, actor: string, at: string, extra: Partial<TimelineEvent> = {}): TimelineEvent {
    const id = this.nextId();
    const prefix = {
      labeled: "LE",
      unlabeled: "UNLE",
      closed: "CE",
      reopened: "REE",
      renamed: "RTE",
      pinned: "PIE",
      unpinned: "UPE",
      transferred: "TE",
      milestoned: "MIE",
      demilestoned: "DMIE",
    }[type];
    return { id, nodeId: `${prefix}_${b64(String(id))}`, type, actor, createdAt: at, ...extra };
  }

  private newReaction(user: string, content: ReactionContent, at: string): Reaction {
    const id = this.nextId();
    return { id, nodeId: `REA_${b64(String(id))}`, user, content, createdAt: at };
  }

  private newIssue(
    repo: Repo,
    number: number,
    o: {
      kind: Issue["kind"];
      title: string;
      body: string | null;
      author: string;
      createdAt: string;
      viaApp: boolean;
      pull: Omit<PullInfo, "headSha" | "mergedAt" | "mergedBy"> | null;
    },
  ): Issue {
    const issue: Issue = {
      id: this.nextId(),
      nodeId: o.kind === "issue" ? issueNodeId(repo.owner.login, repo.name, number) : pullRequestNodeId(repo.owner.login, repo.name, number),
      repo,
      number,
      kind: o.kind,
      title: o.title,
      body: o.body,
      state: "open",
      stateReason: null,
      author: o.author,
      createdAt: o.createdAt,
      updatedAt: o.createdAt,
      closedAt: null,
      closedBy: null,
      labels: [],
      milestone: null,
      assignees: [],
      timeline: [],
      reactions: [],
      comments: [],
      pinned: false,
      locked: false,
      viaApp: o.viaApp,
      pull: o.pull ? { ...o.pull, headSha: sha1(`head:${repo.fullName}#${number}`), mergedAt: null, mergedBy: null } : null,
    };
    repo.issues.set(number, issue);
    this.byNodeId.set(issue.nodeId, issue);
    return issue;
  }

  /**
   * Refuses, before anything changes, a name among `names` that would create a label GitHub does
   * not allow (longer than 50 characters): 422 as GitHub answers adding labels to an issue
   * (creating a label says `name is too long (maximum is 50 characters)` instead).
   */
  checkLabelNames(repo: Repo, names: readonly string[], docs = LABEL_DOCS): void {
    const bad = names.find((n) => !repo.labels.has(key(n)) && n.length > LABEL_NAME_MAX);
    if (bad !== undefined)
      throw new SimError(422, "Validation Failed", { errors: [{ value: bad, resource: "Label", field: "name", code: "invalid" }], documentation_url: docs });
  }

  /** The repository's label of that name (case-insensitive), created when missing (as add-labels does; at most 50 characters). */
  ensureLabel(repo: Repo, name: string, o: { color?: string | undefined; description?: string | null; at?: string } = {}): LabelDef {
    const existing = repo.labels.get(key(name));
    if (existing) return existing;
    this.checkLabelNames(repo, [name]);
    const id = this.nextId();
    const def: LabelDef = {
      id,
      nodeId: `LA_${b64(`${repo.fullName}:${name}`)}`,
      name,
      color: (o.color ?? sha1(name).slice(0, 6)).toLowerCase(),
      description: o.description ?? null,
      default: false,
      createdAt: o.at ?? this.clock.iso(),
    };
    repo.labels.set(key(name), def);
    return def;
  }

  private makeCommit(
    repo: Repo,
    parents: string[],
    message: string,
    author: string,
    date: string,
    files: Map<string, FileBlob>,
    added: string[],
    modified: string[],
    removed: string[],
  ): Commit {
    const treeSha = sha1(
      `tree:${[...files]
        .map(([p, b]) => `${p}:${b.sha}`)
        .sort()
        .join(",")}`,
    );
    const sha = sha1(`commit:${repo.fullName}:${treeSha}:${parents.join(",")}:${message}:${author}:${date}:${this.idCounter}`);
    const c: Commit = { sha, treeSha, nodeId: `C_${b64(`${repo.fullName}@${sha}`)}`, parents, message, author, date, files, added, modified, removed };
    repo.commits.set(sha, c);
    return c;
  }

  // -------------------------------------------------------------------------------- search index

  private searchDoc(i: Issue): SearchDoc {
    return {
      id: i.id,
      repo: i.repo.fullName,
      owner: i.repo.owner.login,
      kind: i.kind,
      number: i.number,
      state: i.state,
      merged: i.pull?.merged ?? false,
      title: i.title,
      body: i.body ?? "",
      author: i.author,
      labels: i.labels.map((l) => l.name),
      milestone: i.milestone === null ? null : (i.repo.milestones.get(i.milestone)?.title ?? null),
      comments: i.comments.map((c) => c.body),
      createdAt: i.createdAt,
      updatedAt: i.updatedAt,
      reactionsPlusOne: i.reactions.filter((r) => r.content === "+1").length,
    };
  }

  /** Records what search will see of an issue (null: gone), from now (real time). */
  private reindex(issue: Issue, at = this.realNow(), gone = false): void {
    const history = this.index.get(issue.id) ?? [];
    history.push({ at, doc: gone ? null : this.searchDoc(issue) });
    // Entries older than the horizon are superseded by the newest of them (no search lag reaches back further).
    const horizon = this.realNow() - this.indexHorizonMs;
    while (history.length > 1 && history[1]!.at <= horizon) history.shift();
    this.index.set(issue.id, history);
  }

  /** The search index as it was `lagMs` ago: one document per issue that search can find. */
  searchIndex(lagMs = 0): SearchDoc[] {
    const cutoff = this.realNow() - lagMs;
    const out: SearchDoc[] = [];
    for (const history of this.index.values()) {
      let doc: SearchDoc | null = null;
      for (const h of history) if (h.at <= cutoff) doc = h.doc;
      if (doc) out.push(doc);
    }
    return out;
  }

  /** The current issue for a search document (it may have moved or gone since). */
  issueForDoc(doc: SearchDoc): Issue | undefined {
    const repo = this.repoByFullName(doc.repo);
    const i = repo?.issues.get(doc.number);
    return i && i.id === doc.id ? i : undefined;
  }

  // -------------------------------------------------------------------------------- operations

  private touch(issue: Issue, at: string): void {
    issue.updatedAt = at;
    issue.repo.updatedAt = at;
  }

  private issueEvent(issue: Issue, action: string, sender: string, extra: Partial<SimEvent> = {}): void {
    this.emit({ event: issue.kind === "pull_request" ? "pull_request" : "issues", action, repo: issue.repo, issue, sender, ...extra });
  }

  createIssue(
    repo: Repo,
    o: {
      title: string;
      body?: string | null;
      labels?: string[];
      author: string;
      viaApp?: boolean;
      pullRequest?: { head?: string; base?: string; draft?: boolean; headSha?: string };
      /** Logins to assign (the caller checked they are assignable). */
      assignees?: string[];
      /** Milestone number (the caller checked it exists). */
      milestone?: number | null;
    },
  ): Issue {
    this.checkLabelNames(repo, o.labels ?? [], "https://docs.github.com/rest/issues/issues#create-an-issue");
    const at = this.stamp();
    const number = repo.nextNumber++;
    const issue = this.newIssue(repo, number, {
      kind: o.pullRequest ? "pull_request" : "issue",
      title: o.title,
      body: o.body ?? null,
      author: o.author,
      createdAt: at,
      viaApp: o.viaApp ?? false,
      pull: o.pullRequest
        ? { head: o.pullRequest.head ?? `topic-${number}`, base: o.pullRequest.base ?? repo.defaultBranch, draft: o.pullRequest.draft ?? false, merged: false }
        : null,
    });
    if (issue.pull && o.pullRequest?.headSha) issue.pull.headSha = o.pullRequest.headSha;
    const names = dedupe(o.labels ?? []);
    for (const n of names) {
      const def = this.ensureLabel(repo, n, { at });
      issue.labels.push({ name: def.name, addedAt: at, by: o.author });
      issue.timeline.push(this.timelineEvent("labeled", o.author, at, { label: def.name }));
    }
    issue.assignees = dedupe(o.assignees ?? []).map((l) => this.account(l)?.login ?? l);
    const milestone = o.milestone === undefined || o.milestone === null ? undefined : repo.milestones.get(o.milestone);
    if (milestone) {
      issue.milestone = milestone.number;
      issue.timeline.push(this.timelineEvent("milestoned", o.author, at, { milestone: milestone.title }));
    }
    this.touch(issue, at);
    this.reindex(issue);
    this.issueEvent(issue, "opened", o.author);
    // GitHub follows `opened` with one `labeled` per label the issue was created with.
    for (const l of issue.labels) this.issueEvent(issue, "labeled", o.author, { label: l.name });
    for (const a of issue.assignees) this.issueEvent(issue, "assigned", o.author, { assignee: a });
    if (milestone) this.issueEvent(issue, "milestoned", o.author, { milestone });
    return issue;
  }

  editIssue(issue: Issue, o: { title?: string; body?: string | null }, actor: string): boolean {
    const changes: Record<string, { from: string }> = {};
    if (o.title !== undefined && o.title !== issue.title) changes.title = { from: issue.title };
    if (o.body !== undefined && (o.body ?? "") !== (issue.body ?? "")) changes.body = { from: issue.body ?? "" };
    if (Object.keys(changes).length === 0) return false;
    const at = this.stamp();
    if (changes.title) issue.timeline.push(this.timelineEvent("renamed", actor, at, { from: issue.title, to: o.title! }));
    if (o.title !== undefined) issue.title = o.title;
    if (o.body !== undefined) issue.body = o.body;
    this.touch(issue, at);
    this.reindex(issue);
    this.issueEvent(issue, "edited", actor, { changes });
    return true;
  }

  setIssueState(issue: Issue, state: "open" | "closed", actor: string, reason?: "completed" | "not_planned" | "reopened" | null): boolean {
    if (issue.state === state) {
      if (state === "closed" && reason && reason !== issue.stateReason) issue.stateReason = reason;
      return false;
    }
    const at = this.stamp();
    issue.state = state;
    if (state === "closed") {
      issue.closedAt = at;
      issue.closedBy = actor;
      issue.stateReason = reason ?? "completed";
    } else {
      issue.closedAt = null;
      issue.closedBy = null;
      issue.stateReason = "reopened";
    }
    issue.timeline.push(this.timelineEvent(state === "closed" ? "closed" : "reopened", actor, at));
    this.touch(issue, at);
    this.reindex(issue);
    this.issueEvent(issue, state === "closed" ? "closed" : "reopened", actor);
    return true;
  }

  /** Adds labels (creating repository labels that are missing); returns the names that were new on the issue. */
  addLabels(issue: Issue, names: string[], actor: string): string[] {
    this.checkLabelNames(issue.repo, names);
    const added: string[] = [];
    for (const n of dedupe(names)) {
      if (issue.labels.some((l) => key(l.name) === key(n))) continue;
      const at = this.stamp();
      const def = this.ensureLabel(issue.repo, n, { at });
      issue.labels.push({ name: def.name, addedAt: at, by: actor });
      issue.timeline.push(this.timelineEvent("labeled", actor, at, { label: def.name }));
      this.touch(issue, at);
      this.reindex(issue);
      this.issueEvent(issue, "labeled", actor, { label: def.name });
      added.push(def.name);
    }
    return added;
  }

  removeLabel(issue: Issue, name: string, actor: string): boolean {
    const idx = issue.labels.findIndex((l) => key(l.name) === key(name));
    if (idx < 0) return false;
    const [removed] = issue.labels.splice(idx, 1);
    const at = this.stamp();
    issue.timeline.push(this.timelineEvent("unlabeled", actor, at, { label: removed!.name }));
    this.touch(issue, at);
    this.reindex(issue);
    this.issueEvent(issue, "unlabeled", actor, { label: removed!.name });
    return true;
  }

  /** Sets (a number) or clears (null) an issue's milestone; false when nothing changed. */
  setMilestone(issue: Issue, number: number | null, actor: string): boolean {
    if (issue.milestone === number) return false;
    const at = this.stamp();
    const before = issue.milestone === null ? undefined : issue.repo.milestones.get(issue.milestone);
    if (before) issue.timeline.push(this.timelineEvent("demilestoned", actor, at, { milestone: before.title }));
    const after = number === null ? undefined : issue.repo.milestones.get(number);
    issue.milestone = after ? after.number : null;
    if (after) issue.timeline.push(this.timelineEvent("milestoned", actor, at, { milestone: after.title }));
    this.touch(issue, at);
    this.reindex(issue);
    if (before) this.issueEvent(issue, "demilestoned", actor, { milestone: before });
    if (after) this.issueEvent(issue, "milestoned", actor, { milestone: after });
    return true;
  }

  /** Replaces the assignees (the caller checked they are assignable). */
  setAssignees(issue: Issue, logins: string[], actor: string): void {
    const wanted = dedupe(logins).map((l) => this.account(l)?.login ?? l);
    const removed = issue.assignees.filter((a) => !wanted.some((w) => key(w) === key(a)));
    const added = wanted.filter((w) => !issue.assignees.some((a) => key(a) === key(w)));
    if (removed.length === 0 && added.length === 0) return;
    const at = this.stamp();
    issue.assignees = wanted;
    this.touch(issue, at);
    this.reindex(issue);
    for (const a of removed) this.issueEvent(issue, "unassigned", actor, { assignee: a });
    for (const a of added) this.issueEvent(issue, "assigned", actor, { assignee: a });
  }

  /** Replaces all labels (PATCH with `labels`). */
  setLabels(issue: Issue, names: string[], actor: string): void {
    const wanted = dedupe(names);
    this.checkLabelNames(issue.repo, wanted, "https://docs.github.com/rest/issues/issues#update-an-issue");
    for (const l of [...issue.labels]) if (!wanted.some((n) => key(n) === key(l.name))) this.removeLabel(issue, l.name, actor);
    this.addLabels(issue, wanted, actor);
  }

  addComment(issue: Issue, body: string, actor: string, viaApp = false): Comment {
    const at = this.stamp();
    const id = this.nextId();
    const comment: Comment = { id, nodeId: `IC_${b64(String(id))}`, author: actor, body, createdAt: at, updatedAt: at, reactions: [], viaApp };
    issue.comments.push(comment);
    this.touch(issue, at);
    this.reindex(issue);
    this.emit({ event: "issue_comment", action: "created", repo: issue.repo, issue, comment, sender: actor });
    return comment;
  }

  /** A reaction by a user (one per user and content, as GitHub); `created` is false when it existed. No webhook: GitHub sends none. */
  react(target: { issue: Issue; comment?: Comment }, user: string, content: ReactionContent): { reaction: Reaction; created: boolean } {
    const list = target.comment ? target.comment.reactions : target.issue.reactions;
    const existing = list.find((r) => key(r.user) === key(user) && r.content === content);
    if (existing) return { reaction: existing, created: false };
    const reaction = this.newReaction(user, content, this.stamp());
    list.push(reaction);
    this.reindex(target.issue);
    return { reaction, created: true };
  }

  unreact(target: { issue: Issue; comment?: Comment }, user: string, content: ReactionContent): boolean {
    const list = target.comment ? target.comment.reactions : target.issue.reactions;
    const idx = list.findIndex((r) => key(r.user) === key(user) && r.content === content);
    if (idx < 0) return false;
    list.splice(idx, 1);
    this.reindex(target.issue);
    return true;
  }

  setPinned(issue: Issue, pinned: boolean, actor: string): boolean {
    if (issue.pinned === pinned) return false;
    if (pinned && [...issue.repo.issues.values()].filter((i) => i.pinned).length >= 3) {
      throw new SimError(422, "Repository can have at most 3 pinned issues.", { type: "UNPROCESSABLE" });
    }
    const at = this.stamp();
    issue.pinned = pinned;
    issue.timeline.push(this.timelineEvent(pinned ? "pinned" : "unpinned", actor, at));
    this.touch(issue, at);
    this.issueEvent(issue, pinned ? "pinned" : "unpinned", actor);
    return true;
  }

  deleteIssue(issue: Issue, actor: string): void {
    if (issue.kind === "pull_request") throw new SimError(422, "Pull requests cannot be deleted.");
    this.stamp();
    // The event describes the issue as it was; then it is gone.
    this.issueEvent(issue, "deleted", actor);
    issue.repo.issues.delete(issue.number);
    this.byNodeId.delete(issue.nodeId);
    this.reindex(issue, undefined, true);
  }

  /** Moves an issue to another repository: a new number and node id there; labels the target knows are kept. */
  transferIssue(issue: Issue, to: Repo, actor: string): Issue {
    if (issue.kind === "pull_request") throw new SimError(422, "Pull requests cannot be transferred.");
    if (to === issue.repo) throw new SimError(422, "The issue is already in this repository.");
    const at = this.stamp();
    const number = to.nextNumber++;
    const moved = this.newIssue(to, number, {
      kind: "issue",
      title: issue.title,
      body: issue.body,
      author: issue.author,
      createdAt: issue.createdAt,
      viaApp: issue.viaApp,
      pull: null,
    });
    moved.state = issue.state;
    moved.stateReason = issue.stateReason;
    moved.closedAt = issue.closedAt;
    moved.closedBy = issue.closedBy;
    moved.labels = issue.labels.filter((l) => to.labels.has(key(l.name))).map((l) => ({ ...l, name: to.labels.get(key(l.name))!.name }));
    moved.timeline = [
      ...issue.timeline.filter((e) => e.type !== "labeled" || moved.labels.some((l) => key(l.name) === key(e.label ?? ""))),
      this.timelineEvent("transferred", actor, at, { from: issue.repo.fullName, to: to.fullName }),
    ];
    moved.reactions = issue.reactions;
    moved.assignees = issue.assignees.filter((a) => this.assignable(a, to));
    moved.comments = issue.comments;
    moved.pinned = false;
    moved.updatedAt = at;
    this.reindex(moved);
    // GitHub announces both: `transferred` in the old repository, `opened` (with the old issue in `changes`) in the new one.
    this.issueEvent(issue, "transferred", actor, { newIssue: moved });
    this.issueEvent(moved, "opened", actor, { oldIssue: issue });
    issue.repo.issues.delete(issue.number);
    this.byNodeId.delete(issue.nodeId);
    this.reindex(issue, undefined, true);
    return moved;
  }

  /** Writes (text) or deletes (null) files on a branch as one commit, and announces the push. */
  commitFiles(repo: Repo, changes: Array<{ path: string; text: string | null }>, o: { actor: string; message?: string; branch?: string }): Commit {
    const branch = o.branch ?? repo.defaultBranch;
    const parentSha = repo.branches.get(branch);
    if (!parentSha) throw new SimError(404, `Branch ${branch} not found`);
    const parent = repo.commits.get(parentSha)!;
    const files = new Map(parent.files);
    const added: string[] = [];
    const modified: string[] = [];
    const removed: string[] = [];
    for (const ch of changes) {
      const had = files.get(ch.path);
      if (ch.text === null) {
        if (!had) throw new SimError(404, `${ch.path} not found`);
        files.delete(ch.path);
        removed.push(ch.path);
      } else {
        if (had?.text === ch.text) continue;
        files.set(ch.path, { text: ch.text, sha: blobSha(ch.text) });
        (had ? modified : added).push(ch.path);
      }
    }
    const at = this.stamp();
    const message = o.message ?? `Update ${[...added, ...modified, ...removed].join(", ") || "files"}`;
    const commit = this.makeCommit(repo, [parentSha], message, o.actor, at, files, added, modified, removed);
    repo.branches.set(branch, commit.sha);
    repo.pushedAt = at;
    repo.updatedAt = at;
    this.emit({
      event: "push",
      repo,
      sender: o.actor,
      push: { ref: `refs/heads/${branch}`, before: parentSha, after: commit.sha, commits: [commit], pusher: o.actor },
    });
    return commit;
  }

  /** Creates a branch at a commit (POST git/refs). */
  createBranch(repo: Repo, name: string, sha: string): void {
    if (repo.branches.has(name)) throw new SimError(422, "Reference already exists");
    if (!repo.commits.has(sha)) throw new SimError(422, "Object does not exist");
    repo.branches.set(name, sha);
  }

  /**
   * Points an existing branch at another commit (PATCH git/refs), as GitHub
   * does: a fast-forward (the commit contains the branch's head) unless forced.
   * Like a new branch, it sends no webhook.
   */
  moveBranch(repo: Repo, name: string, sha: string, force: boolean): void {
    const head = repo.branches.get(name);
    if (head === undefined) throw new SimError(422, "Reference does not exist");
    if (!repo.commits.has(sha)) throw new SimError(422, "Object does not exist");
    if (!force && !this.ancestry(repo, sha).some((c) => c.sha === head)) throw new SimError(422, "Update is not a fast forward");
    repo.branches.set(name, sha);
  }

  /** Commits reachable from `sha`, newest first (first parents and merges alike). */
  ancestry(repo: Repo, sha: string): Commit[] {
    const out: Commit[] = [];
    const seen = new Set<string>();
    const queue = [sha];
    while (queue.length) {
      const c = repo.commits.get(queue.shift()!);
      if (!c || seen.has(c.sha)) continue;
      seen.add(c.sha);
      out.push(c);
      queue.push(...c.parents);
    }
    return out;
  }

  createCheckRun(repo: Repo, o: Omit<CheckRun, "id" | "nodeId" | "startedAt" | "completedAt"> & { startedAt?: string; completedAt?: string | null }): CheckRun {
    const at = this.stamp();
    const id = this.nextId();
    const run: CheckRun = {
      ...o,
      id,
      nodeId: `CR_${b64(String(id))}`,
      startedAt: o.startedAt ?? at,
      completedAt: o.completedAt ?? (o.status === "completed" ? at : null),
    };
    repo.checkRuns.push(run);
    return run;
  }

  /** Installations of the app that can see a repository. */
  installationsFor(repo: Repo): Installation[] {
    if (!this.app) return [];
    return [...this.app.installations.values()].filter(
      (i) => key(i.account.login) === key(repo.owner.login) && (i.selection === "all" || i.repos.has(key(repo.fullName))),
    );
  }
}

function dedupe(names: string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const n of names) {
    const k = key(n.trim());
    if (!k || seen.has(k)) continue;
    seen.add(k);
    out.push(n.trim());
  }
  return out;
}

export { ROLES };
