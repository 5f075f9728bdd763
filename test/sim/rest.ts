/**
 * REST handlers for the vendored operations (test/contracts/rest-operations.txt).
 * The server has already matched the route, checked the request against
 * GitHub's OpenAPI description and authenticated the caller; a handler checks
 * what the caller may do, changes state through its operations and answers
 * with GitHub's shapes (./render.ts).
 */
import type { RestOperationMatch } from "../contracts/rest.js";
import { canSeeRepo, hasPermission, actorOf, installationCovers, type Principal, type TokenStore } from "./auth.js";
import type { AppHook } from "./deliveries.js";
import type { Render } from "./render.js";
import { atLeast, sha1, SimError, type Issue, type Repo, type State } from "./state.js";
import { REACTION_CONTENTS, type PermissionLevel, type ReactionContent } from "./world.js";

export interface RestContext {
  state: State;
  render: Render;
  tokens: TokenStore;
  /** The app's webhook: its delivery attempts and redeliveries. */
  hook: AppHook;
  principal: Principal;
  match: RestOperationMatch;
  /** Coerced path and query parameters. */
  params: Record<string, any>;
  body: any;
  /** The Accept header (for `application/vnd.github.raw`). */
  accept: string;
  /** The If-None-Match header ("" when none): a conditional request, answered 304 when an ETag matches. */
  ifNoneMatch: string;
  /** The URL the request came to, for Link headers. */
  requestUrl: URL;
}

export interface RestResult {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

type Handler = (ctx: RestContext) => RestResult;

export const DOCS = "https://docs.github.com/rest";

const notFound = (documentation_url = DOCS): SimError => new SimError(404, "Not Found", { documentation_url });

/** Routes that need the app's JWT rather than an installation or plain token. */
export const APP_ROUTES = new Set([
  "GET /app",
  "POST /app/installations/{installation_id}/access_tokens",
  "GET /repos/{owner}/{repo}/installation",
  "GET /orgs/{org}/installation",
  "GET /users/{username}/installation",
  "GET /app/installations",
  "GET /app/hook/deliveries",
  "POST /app/hook/deliveries/{delivery_id}/attempts",
]);

/** Whether a request creates content (counts toward the secondary rate limit). */
export function isContentCreating(route: string): boolean {
  return !route.startsWith("GET ") && !route.startsWith("HEAD ") && !APP_ROUTES.has(route);
}

function repoFor(ctx: RestContext): Repo {
  const repo = ctx.state.repo(String(ctx.params.owner), String(ctx.params.repo));
  if (!repo || !canSeeRepo(ctx.state, ctx.principal, repo)) throw notFound();
  return repo;
}

function forbidden(ctx: RestContext): SimError {
  return new SimError(403, `Resource not accessible by ${ctx.principal.kind === "installation" ? "integration" : "personal access token"}`, {
    documentation_url: DOCS,
  });
}

function need(ctx: RestContext, permission: string, level: PermissionLevel): void {
  if (!hasPermission(ctx.principal, permission, level)) throw forbidden(ctx);
}

function issueFor(ctx: RestContext, repo: Repo, level: PermissionLevel): Issue {
  const issue = ctx.state.issue(repo, Number(ctx.params.issue_number));
  // Issues endpoints work on pull requests too; either permission will do.
  const ok = hasPermission(ctx.principal, "issues", level) || (issue?.kind === "pull_request" && hasPermission(ctx.principal, "pull_requests", level));
  if (!ok) {
    if (level === "read") throw notFound();
    throw forbidden(ctx);
  }
  if (!issue) throw notFound();
  return issue;
}

function actor(ctx: RestContext): string {
  return actorOf(ctx.principal) ?? "ghost";
}

const viaApp = (ctx: RestContext) => ctx.principal.kind === "installation";

function labelNames(body: unknown): string[] {
  const list = Array.isArray(body)
    ? body
    : typeof body === "string"
      ? [body]
      : Array.isArray((body as { labels?: unknown })?.labels)
        ? (body as { labels: unknown[] }).labels
        : [];
  return list.map((l) => (typeof l === "string" ? l : String((l as { name?: unknown }).name ?? ""))).filter((n) => n !== "");
}

/** `per_page`/`page` paging with GitHub's Link header. */
function paginate<T>(ctx: RestContext, items: T[]): { page: T[]; headers: Record<string, string> } {
  const perPage = Math.min(100, Math.max(1, Number(ctx.params.per_page ?? 30)));
  const page = Math.max(1, Number(ctx.params.page ?? 1));
  const last = Math.max(1, Math.ceil(items.length / perPage));
  const slice = items.slice((page - 1) * perPage, page * perPage);
  const link = (p: number, rel: string) => {
    const u = new URL(ctx.requestUrl);
    u.searchParams.set("per_page", String(perPage));
    u.searchParams.set("page", String(p));
    return `<${u.toString()}>; rel="${rel}"`;
  };
  const links: string[] = [];
  if (page > 1) links.push(link(page - 1, "prev"));
  if (page < last) links.push(link(page + 1, "next"), link(last, "last"));
  if (page > 1) links.push(link(1, "first"));
  return { page: slice, headers: links.length ? { link: links.join(", ") } : {} };
}

/**
 * GitHub's conditional requests: an answer carries an ETag, and a request whose If-None-Match
 * names it (weakly compared, a list or `*` allowed) is answered 304 with no body. A 304 does not
 * count against the rate limit (server.ts).
 */
function conditional(ctx: RestContext, etag: string, answer: () => RestResult): RestResult {
  const bare = (t: string) => t.trim().replace(/^W\//, "");
  const asked = ctx.ifNoneMatch
    .split(",")
    .map(bare)
    .filter((t) => t !== "");
  if (asked.includes("*") || asked.includes(bare(etag))) return { status: 304, headers: { etag } };
  const result = answer();
  return { ...result, headers: { ...result.headers, etag } };
}

function wantsRaw(accept: string): boolean {
  return /application\/vnd\.github(\.v3)?\.raw/i.test(accept);
}

function validationFailed(resource: string, field: string, value: unknown, docs: string): SimError {
  return new SimError(422, "Validation Failed", { errors: [{ value, resource, field, code: "invalid" }], documentation_url: docs });
}

/**
 * Assignees of a new or edited issue: GitHub answers 422 for a login that cannot
 * be assigned (no role on the repository), and silently drops all of them when
 * the caller may not assign (no push access: here, without issues write).
 */
function checkAssignees(ctx: RestContext, repo: Repo, logins: unknown[]): string[] {
  const names = logins.map(String);
  for (const login of names) {
    if (!ctx.state.assignable(login, repo)) throw validationFailed("Issue", "assignees", login, `${DOCS}/issues/issues#create-an-issue`);
  }
  return hasPermission(ctx.principal, "issues", "write") ? names : [];
}

/** A milestone number (or null to clear it); 422 when the repository has no such milestone. */
function checkMilestone(repo: Repo, value: unknown): number | null {
  if (value === undefined || value === null) return null;
  const n = Number(value);
  if (!Number.isInteger(n) || !repo.milestones.has(n)) throw validationFailed("Issue", "milestone", value, `${DOCS}/issues/issues#create-an-issue`);
  return n;
}

const PERMISSION_OF_ROLE = { admin: "admin", maintain: "write", write: "write", triage: "read", read: "read" } as const;

// ------------------------------------------------------------------------------------ handlers

export const HANDLERS: Record<string, Handler> = {
  // ---------------------------------------------------------------- issues
  "GET /repos/{owner}/{repo}/issues/{issue_number}": (ctx) => {
    const repo = repoFor(ctx);
    const issue = issueFor(ctx, repo, "read");
    return { status: 200, body: ctx.render.issue(issue) };
  },

  "POST /repos/{owner}/{repo}/issues": (ctx) => {
    const repo = repoFor(ctx);
    need(ctx, "issues", "write");
    if (!repo.hasIssues) throw new SimError(410, "Issues are disabled for this repo", { documentation_url: `${DOCS}/issues/issues#create-an-issue` });
    const b = ctx.body ?? {};
    const assignees = checkAssignees(ctx, repo, [...(Array.isArray(b.assignees) ? b.assignees : []), ...(typeof b.assignee === "string" ? [b.assignee] : [])]);
    const milestone = checkMilestone(repo, b.milestone);
    const issue = ctx.state.createIssue(repo, {
      title: String(b.title),
      body: b.body ?? null,
      labels: labelNames(b.labels ?? []),
      author: actor(ctx),
      viaApp: viaApp(ctx),
      assignees,
      milestone,
    });
    return { status: 201, body: ctx.render.issue(issue), headers: { location: `${ctx.render.repoApi(repo)}/issues/${issue.number}` } };
  },

  "PATCH /repos/{owner}/{repo}/issues/{issue_number}": (ctx) => {
    const repo = repoFor(ctx);
    const issue = issueFor(ctx, repo, "write");
    const b = ctx.body ?? {};
    const who = actor(ctx);
    // GitHub refuses a label it cannot create before changing anything.
    if (Array.isArray(b.labels)) ctx.state.checkLabelNames(repo, labelNames(b.labels), `${DOCS}/issues/issues#update-an-issue`);
    const edit: { title?: string; body?: string | null } = {};
    if (b.title !== undefined && b.title !== null) edit.title = String(b.title);
    if (b.body !== undefined) edit.body = b.body;
    ctx.state.editIssue(issue, edit, who);
    if (Array.isArray(b.labels)) ctx.state.setLabels(issue, labelNames(b.labels), who);
    if (Array.isArray(b.assignees)) ctx.state.setAssignees(issue, checkAssignees(ctx, repo, b.assignees), who);
    if (b.milestone !== undefined) ctx.state.setMilestone(issue, checkMilestone(repo, b.milestone), who);
    if (b.state === "open" || b.state === "closed") ctx.state.setIssueState(issue, b.state, who, b.state_reason ?? null);
    return { status: 200, body: ctx.render.issue(issue) };
  },

  "GET /repos/{owner}/{repo}/issues/{issue_number}/comments": (ctx) => {
    const repo = repoFor(ctx);
    const issue = issueFor(ctx, repo, "read");
    const since = typeof ctx.params.since === "string" ? ctx.params.since : undefined;
    const comments = issue.comments.filter((c) => !since || c.updatedAt >= since);
    const { page, headers } = paginate(ctx, comments);
    return { status: 200, body: page.map((c) => ctx.render.comment(issue, c)), headers };
  },

  "POST /repos/{owner}/{repo}/issues/{issue_number}/comments": (ctx) => {
    const repo = repoFor(ctx);
    const issue = issueFor(ctx, repo, "write");
    if (issue.locked) throw new SimError(403, "Unable to create comment because issue is locked.", { documentation_url: DOCS });
    const c = ctx.state.addComment(issue, String(ctx.body.body), actor(ctx), viaApp(ctx));
    return { status: 201, body: ctx.render.comment(issue, c), headers: { location: `${ctx.render.repoApi(repo)}/issues/comments/${c.id}` } };
  },

  "POST /repos/{owner}/{repo}/issues/{issue_number}/labels": (ctx) => {
    const repo = repoFor(ctx);
    const issue = issueFor(ctx, repo, "write");
    ctx.state.addLabels(issue, labelNames(ctx.body), actor(ctx));
    return { status: 200, body: issue.labels.map((l) => ctx.render.labelByName(repo, l.name)) };
  },

  "DELETE /repos/{owner}/{repo}/issues/{issue_number}/labels/{name}": (ctx) => {
    const repo = repoFor(ctx);
    const issue = issueFor(ctx, repo, "write");
    if (!ctx.state.removeLabel(issue, String(ctx.params.name), actor(ctx))) {
      throw new SimError(404, "Label does not exist", { documentation_url: `${DOCS}/issues/labels#remove-a-label-from-an-issue` });
    }
    return { status: 200, body: issue.labels.map((l) => ctx.render.labelByName(repo, l.name)) };
  },

  "POST /repos/{owner}/{repo}/issues/{issue_number}/reactions": (ctx) => {
    const repo = repoFor(ctx);
    const issue = issueFor(ctx, repo, "write");
    const { reaction, created } = ctx.state.react({ issue }, actor(ctx), ctx.body.content as ReactionContent);
    return { status: created ? 201 : 200, body: ctx.render.reaction(reaction) };
  },

  "POST /repos/{owner}/{repo}/issues/comments/{comment_id}/reactions": (ctx) => {
    const repo = repoFor(ctx);
    need(ctx, "issues", "write");
    const found = ctx.state.comment(repo, Number(ctx.params.comment_id));
    if (!found) throw notFound();
    if (!REACTION_CONTENTS.includes(ctx.body.content)) throw new SimError(422, "Validation Failed");
    const { reaction, created } = ctx.state.react(found, actor(ctx), ctx.body.content as ReactionContent);
    return { status: created ? 201 : 200, body: ctx.render.reaction(reaction) };
  },

  // ---------------------------------------------------------------- permissions, checks
  "GET /repos/{owner}/{repo}/collaborators/{username}/permission": (ctx) => {
    const repo = repoFor(ctx);
    const account = ctx.state.account(String(ctx.params.username));
    if (!account || account.type === "Organization") throw notFound(`${DOCS}/collaborators/collaborators#get-repository-permissions-for-a-user`);
    const role = ctx.state.effectiveRole(account.login, repo);
    const permission = role ? PERMISSION_OF_ROLE[role] : "none";
    return {
      status: 200,
      body: {
        permission,
        role_name: role ?? "none",
        user: {
          ...ctx.render.account(account),
          permissions: {
            admin: atLeast(role, "admin"),
            maintain: atLeast(role, "maintain"),
            push: atLeast(role, "write"),
            triage: atLeast(role, "triage"),
            pull: atLeast(role, "read"),
          },
          role_name: role ?? "none",
        },
      },
    };
  },

  "POST /repos/{owner}/{repo}/check-runs": (ctx) => {
    const repo = repoFor(ctx);
    need(ctx, "checks", "write");
    const b = ctx.body;
    const commit = ctx.state.resolveRef(repo, String(b.head_sha));
    if (!commit || commit.sha !== String(b.head_sha).toLowerCase()) {
      throw new SimError(422, `No commit found for SHA: ${b.head_sha}`, { documentation_url: `${DOCS}/checks/runs#create-a-check-run` });
    }
    const status = b.conclusion && !b.status ? "completed" : (b.status ?? "queued");
    const run = ctx.state.createCheckRun(repo, {
      name: String(b.name),
      headSha: commit.sha,
      status,
      conclusion: b.conclusion ?? null,
      externalId: b.external_id ?? null,
      detailsUrl: b.details_url ?? null,
      output: { title: b.output?.title ?? null, summary: b.output?.summary ?? null, text: b.output?.text ?? null, annotations: b.output?.annotations ?? [] },
      appId: ctx.state.app?.id ?? null,
      by: actor(ctx),
      ...(b.started_at ? { startedAt: b.started_at } : {}),
      ...(b.completed_at ? { completedAt: b.completed_at } : {}),
    });
    return { status: 201, body: ctx.render.checkRun(repo, run) };
  },

  // ---------------------------------------------------------------- app auth
  "GET /app": (ctx) => {
    return { status: 200, body: ctx.render.integration(ctx.state.app!) };
  },

  "POST /app/installations/{installation_id}/access_tokens": (ctx) => {
    const app = ctx.state.app!;
    const inst = app.installations.get(Number(ctx.params.installation_id));
    if (!inst) throw notFound(`${DOCS}/apps/apps#create-an-installation-access-token-for-an-app`);
    const b = ctx.body ?? {};
    let permissions = inst.permissions;
    if (b.permissions && typeof b.permissions === "object") {
      const order = { read: 1, write: 2, admin: 3 } as Record<string, number>;
      for (const [k, v] of Object.entries(b.permissions as Record<string, string>)) {
        if ((order[inst.permissions[k] ?? ""] ?? 0) < (order[v] ?? 9))
          throw new SimError(422, "The permissions requested are not granted to this installation.", { documentation_url: DOCS });
      }
      permissions = b.permissions as Record<string, PermissionLevel>;
    }
    let repos: Set<string> | null = null;
    const named: string[] = [];
    if (Array.isArray(b.repositories) || Array.isArray(b.repository_ids)) {
      repos = new Set();
      for (const name of (b.repositories ?? []) as string[]) {
        const repo = ctx.state.repo(inst.account.login, name);
        if (!repo || !installationCovers(inst, repo))
          throw new SimError(422, `There is at least one repository that does not exist or is not accessible to the parent installation.`, {
            documentation_url: DOCS,
          });
        repos.add(repo.fullName.toLowerCase());
        named.push(repo.fullName);
      }
      for (const id of (b.repository_ids ?? []) as number[]) {
        const repo = [...ctx.state.repos.values()].find((r) => r.id === id);
        if (!repo || !installationCovers(inst, repo))
          throw new SimError(422, `There is at least one repository that does not exist or is not accessible to the parent installation.`, {
            documentation_url: DOCS,
          });
        repos.add(repo.fullName.toLowerCase());
        named.push(repo.fullName);
      }
    }
    const t = ctx.tokens.issue(inst.id, permissions, repos);
    const body: Record<string, unknown> = {
      token: t.token,
      expires_at: new Date(t.expiresAt).toISOString().replace(/\.\d{3}Z$/, "Z"),
      permissions,
      repository_selection: repos ? "selected" : inst.selection,
    };
    if (repos) body.repositories = named.map((n) => ctx.render.repository(ctx.state.repoByFullName(n)!));
    return { status: 201, body };
  },

  "GET /repos/{owner}/{repo}/installation": (ctx) => {
    const app = ctx.state.app!;
    const repo = ctx.state.repo(String(ctx.params.owner), String(ctx.params.repo));
    const inst = repo ? ctx.state.installationsFor(repo)[0] : undefined;
    if (!inst) throw notFound(`${DOCS}/apps/apps#get-a-repository-installation-for-the-authenticated-app`);
    return { status: 200, body: ctx.render.installation(app, inst) };
  },

  "GET /orgs/{org}/installation": (ctx) => {
    const app = ctx.state.app!;
    const inst = [...app.installations.values()].find(
      (i) => i.account.type === "Organization" && i.account.login.toLowerCase() === String(ctx.params.org).toLowerCase(),
    );
    if (!inst) throw notFound(`${DOCS}/apps/apps#get-an-organization-installation-for-the-authenticated-app`);
    return { status: 200, body: ctx.render.installation(app, inst) };
  },

  "GET /users/{username}/installation": (ctx) => {
    const app = ctx.state.app!;
    const inst = [...app.installations.values()].find((i) => i.account.login.toLowerCase() === String(ctx.params.username).toLowerCase());
    if (!inst) throw notFound(`${DOCS}/apps/apps#get-a-user-installation-for-the-authenticated-app`);
    return { status: 200, body: ctx.render.installation(app, inst) };
  },

  "GET /app/installations": (ctx) => {
    const app = ctx.state.app!;
    const since = typeof ctx.params.since === "string" ? Date.parse(ctx.params.since) : Number.NaN;
    // An installation's updated_at is its created_at here (installations do not change).
    const list = [...app.installations.values()].filter((i) => Number.isNaN(since) || Date.parse(i.createdAt) > since).sort((a, b) => a.id - b.id);
    const { page, headers } = paginate(ctx, list);
    return { status: 200, body: page.map((i) => ctx.render.installation(app, i)), headers };
  },

  // ---------------------------------------------------------------- the app's webhook deliveries (./deliveries.ts)
  "GET /app/hook/deliveries": (ctx) => {
    const status = ctx.params.status === "success" || ctx.params.status === "failure" ? (ctx.params.status as "success" | "failure") : undefined;
    const perPage = Number(ctx.params.per_page ?? 30);
    const { attempts, next } = ctx.hook.list({
      perPage,
      ...(ctx.params.cursor !== undefined ? { cursor: String(ctx.params.cursor) } : {}),
      ...(status ? { status } : {}),
    });
    const headers: Record<string, string> = {};
    if (next) {
      const u = new URL(ctx.requestUrl);
      u.searchParams.set("per_page", String(Math.min(100, Math.max(1, perPage))));
      u.searchParams.set("cursor", next);
      headers.link = `<${u.toString()}>; rel="next"`;
    }
    return { status: 200, body: attempts, headers };
  },

  "POST /app/hook/deliveries/{delivery_id}/attempts": (ctx) => {
    // Accepted: the redelivery goes through the delivery queue (sim.settled() waits for it).
    void ctx.hook.redeliver(Number(ctx.params.delivery_id));
    return { status: 202, body: {} };
  },

  // ---------------------------------------------------------------- repository, contents
  "GET /repos/{owner}/{repo}": (ctx) => {
    const repo = repoFor(ctx);
    const p = ctx.principal;
    let viewer = { admin: false, maintain: false, push: false, triage: false, pull: true };
    if (p.kind === "installation" || p.kind === "token") {
      const write = hasPermission(p, "contents", "write");
      viewer = { admin: false, maintain: false, push: write, triage: write, pull: true };
    }
    return { status: 200, body: ctx.render.fullRepository(repo, viewer) };
  },

  "GET /repos/{owner}/{repo}/contents/{path}": (ctx) => {
    const repo = repoFor(ctx);
    need(ctx, "contents", "read");
    const ref = typeof ctx.params.ref === "string" && ctx.params.ref !== "" ? ctx.params.ref : undefined;
    const commit = ctx.state.resolveRef(repo, ref);
    if (!commit) throw new SimError(404, `No commit found for the ref ${ref}`, { documentation_url: `${DOCS}/repos/contents#get-repository-content` });
    const path = String(ctx.params.path).replace(/^\/+|\/+$/g, "");
    const refName = ref ?? repo.defaultBranch;
    const blob = commit.files.get(path);
    if (blob) {
      // As GitHub: the raw form's ETag is the blob's SHA; the JSON form's is weak (it also names the ref).
      if (wantsRaw(ctx.accept))
        return conditional(ctx, `"${blob.sha}"`, () => ({ status: 200, body: blob.text, headers: { "content-type": "text/plain; charset=utf-8" } }));
      return conditional(ctx, `W/"${sha1(`${refName}:${path}:${blob.sha}`)}"`, () => ({
        status: 200,
        body: ctx.render.contentFile(repo, path, blob, refName),
      }));
    }
    const dir = ctx.render.contentDirectory(repo, path, commit, refName);
    if (dir.length) return { status: 200, body: dir };
    throw notFound(`${DOCS}/repos/contents#get-repository-content`);
  },

  "PUT /repos/{owner}/{repo}/contents/{path}": (ctx) => {
    const repo = repoFor(ctx);
    need(ctx, "contents", "write");
    const b = ctx.body;
    const path = String(ctx.params.path).replace(/^\/+|\/+$/g, "");
    const branch = typeof b.branch === "string" ? b.branch : repo.defaultBranch;
    const head = ctx.state.resolveRef(repo, branch);
    if (!head || !repo.branches.has(branch))
      throw new SimError(404, `Branch ${branch} not found`, { documentation_url: `${DOCS}/repos/contents#create-or-update-file-contents` });
    const existing = head.files.get(path);
    if (existing && !b.sha)
      throw new SimError(422, `Invalid request.\n\n"sha" wasn't supplied.`, { documentation_url: `${DOCS}/repos/contents#create-or-update-file-contents` });
    if (existing && b.sha !== existing.sha)
      throw new SimError(409, `${path} does not match ${b.sha}`, { documentation_url: `${DOCS}/repos/contents#create-or-update-file-contents` });
    const text = Buffer.from(String(b.content), "base64").toString("utf8");
    const commit = ctx.state.commitFiles(repo, [{ path, text }], { actor: actor(ctx), message: String(b.message), branch });
    return { status: existing ? 200 : 201, body: ctx.render.fileCommit(repo, commit, path) };
  },

  // ---------------------------------------------------------------- git refs, commits, pull requests
  "GET /repos/{owner}/{repo}/git/ref/{ref}": (ctx) => {
    const repo = repoFor(ctx);
    need(ctx, "contents", "read");
    const ref = String(ctx.params.ref);
    const branch = ref.replace(/^heads\//, "");
    const sha = ref.startsWith("heads/") ? repo.branches.get(branch) : undefined;
    if (!sha) throw notFound(`${DOCS}/git/refs#get-a-reference`);
    return { status: 200, body: ctx.render.gitRef(repo, branch, sha) };
  },

  "POST /repos/{owner}/{repo}/git/refs": (ctx) => {
    const repo = repoFor(ctx);
    need(ctx, "contents", "write");
    const ref = String(ctx.body.ref);
    if (!/^refs\/heads\/.+/.test(ref))
      throw new SimError(422, "Reference name must start with 'refs/heads/' (the simulator keeps branches only)", {
        documentation_url: `${DOCS}/git/refs#create-a-reference`,
      });
    const branch = ref.slice("refs/heads/".length);
    ctx.state.createBranch(repo, branch, String(ctx.body.sha));
    return {
      status: 201,
      body: ctx.render.gitRef(repo, branch, String(ctx.body.sha)),
      headers: { location: `${ctx.render.repoApi(repo)}/git/refs/heads/${branch}` },
    };
  },

  "PATCH /repos/{owner}/{repo}/git/refs/{ref}": (ctx) => {
    const repo = repoFor(ctx);
    need(ctx, "contents", "write");
    const ref = String(ctx.params.ref).replace(/^refs\//, "");
    if (!ref.startsWith("heads/")) throw new SimError(422, "Reference does not exist");
    const branch = ref.slice("heads/".length);
    const sha = String(ctx.body.sha).toLowerCase();
    ctx.state.moveBranch(repo, branch, sha, ctx.body.force === true);
    return { status: 200, body: ctx.render.gitRef(repo, branch, sha) };
  },

  "GET /repos/{owner}/{repo}/commits/{ref}": (ctx) => {
    const repo = repoFor(ctx);
    need(ctx, "contents", "read");
    const commit = ctx.state.resolveRef(repo, String(ctx.params.ref));
    if (!commit) throw new SimError(422, `No commit found for SHA: ${ctx.params.ref}`, { documentation_url: `${DOCS}/commits/commits#get-a-commit` });
    return { status: 200, body: ctx.render.commit(repo, commit) };
  },

  "GET /repos/{owner}/{repo}/compare/{basehead}": (ctx) => {
    const repo = repoFor(ctx);
    need(ctx, "contents", "read");
    const [baseRef = "", headRef = ""] = String(ctx.params.basehead).split("...");
    const base = ctx.state.resolveRef(repo, baseRef);
    const head = ctx.state.resolveRef(repo, headRef);
    if (!base || !head) throw notFound(`${DOCS}/commits/commits#compare-two-commits`);
    const headLine = ctx.state.ancestry(repo, head.sha);
    const baseLine = ctx.state.ancestry(repo, base.sha);
    const baseShas = new Set(baseLine.map((c) => c.sha));
    const headShas = new Set(headLine.map((c) => c.sha));
    const mergeBase = headLine.find((c) => baseShas.has(c.sha)) ?? base;
    const ahead = headLine.filter((c) => !baseShas.has(c.sha)).reverse();
    const behind = baseLine.filter((c) => !headShas.has(c.sha)).length;
    const status = ahead.length === 0 && behind === 0 ? "identical" : behind === 0 ? "ahead" : ahead.length === 0 ? "behind" : "diverged";
    const web = `${ctx.render.urls.web}/${repo.fullName}/compare/${baseRef}...${headRef}`;
    return {
      status: 200,
      body: {
        url: `${ctx.render.repoApi(repo)}/compare/${baseRef}...${headRef}`,
        html_url: web,
        permalink_url: `${ctx.render.urls.web}/${repo.fullName}/compare/${base.sha.slice(0, 7)}...${head.sha.slice(0, 7)}`,
        diff_url: `${web}.diff`,
        patch_url: `${web}.patch`,
        base_commit: ctx.render.commit(repo, base, false),
        merge_base_commit: ctx.render.commit(repo, mergeBase, false),
        status,
        ahead_by: ahead.length,
        behind_by: behind,
        total_commits: ahead.length,
        commits: ahead.map((c) => ctx.render.commit(repo, c, false)),
        files: ctx.render.diffEntries(repo, mergeBase.files, head.files, head.sha),
      },
    };
  },

  "POST /repos/{owner}/{repo}/pulls": (ctx) => {
    const repo = repoFor(ctx);
    need(ctx, "pull_requests", "write");
    const b = ctx.body;
    const head = String(b.head).replace(/^[^:]+:/, "");
    const base = String(b.base);
    const invalid = (field: string) =>
      new SimError(422, "Validation Failed", {
        errors: [{ resource: "PullRequest", field, code: "invalid" }],
        documentation_url: `${DOCS}/pulls/pulls#create-a-pull-request`,
      });
    const headSha = repo.branches.get(head);
    if (!headSha) throw invalid("head");
    if (!repo.branches.has(base)) throw invalid("base");
    if (headSha === repo.branches.get(base))
      throw new SimError(422, "Validation Failed", {
        errors: [{ resource: "PullRequest", code: "custom", message: `No commits between ${base} and ${head}` }],
      });
    const open = [...repo.issues.values()].find((i) => i.pull && i.state === "open" && i.pull.head === head && i.pull.base === base);
    if (open)
      throw new SimError(422, "Validation Failed", {
        errors: [{ resource: "PullRequest", code: "custom", message: `A pull request already exists for ${repo.owner.login}:${head}.` }],
      });
    const pr = ctx.state.createIssue(repo, {
      title: String(b.title ?? head),
      body: b.body ?? null,
      author: actor(ctx),
      viaApp: viaApp(ctx),
      pullRequest: { head, base, draft: b.draft === true, headSha },
    });
    return { status: 201, body: ctx.render.pullRequest(pr), headers: { location: `${ctx.render.repoApi(repo)}/pulls/${pr.number}` } };
  },

  "PATCH /repos/{owner}/{repo}/pulls/{pull_number}": (ctx) => {
    const repo = repoFor(ctx);
    need(ctx, "pull_requests", "write");
    const pr = ctx.state.issue(repo, Number(ctx.params.pull_number));
    if (!pr?.pull) throw notFound(`${DOCS}/pulls/pulls#update-a-pull-request`);
    const b = ctx.body ?? {};
    const who = actor(ctx);
    if (b.base !== undefined && b.base !== pr.pull.base)
      throw new SimError(422, "Changing the base branch is not simulated", { documentation_url: `${DOCS}/pulls/pulls#update-a-pull-request` });
    ctx.state.editIssue(pr, { ...(typeof b.title === "string" ? { title: b.title } : {}), ...(b.body !== undefined ? { body: b.body } : {}) }, who);
    if (b.state === "open" || b.state === "closed") ctx.state.setIssueState(pr, b.state, who);
    return { status: 200, body: ctx.render.pullRequest(pr) };
  },
};

/** Routes whose principal must be the app (JWT); all others need an installation or plain token. */
export function needsApp(route: string): boolean {
  return APP_ROUTES.has(route);
}
