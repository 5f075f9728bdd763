/**
 * REST and webhook representations of the simulator's state: users, labels,
 * issues, comments, repositories, the app and its installations, check runs,
 * file contents. One shape serves REST answers (checked with checkRestResponse)
 * and webhook payloads (checked with checkWebhookPayload).
 */
import { organizationObject, userObject } from "../fixtures/webhooks.js";
import type { Account, App, CheckRun, Comment, Commit, FileBlob, Installation, Issue, LabelDef, Milestone, Reaction, Repo, State } from "./state.js";

export interface Urls {
  /** REST API base without trailing slash, e.g. https://api.github.com or http://127.0.0.1:3000/api/v3. */
  api: string;
  /** Web base without trailing slash, e.g. https://github.com. */
  web: string;
}

export const DEFAULT_URLS: Urls = { api: "https://api.github.com", web: "https://github.com" };

type Json = Record<string, unknown>;

const enc = encodeURIComponent;

export class Render {
  constructor(
    private readonly state: State,
    readonly urls: Urls = DEFAULT_URLS,
  ) {}

  // ------------------------------------------------------------------ accounts

  user(login: string): Json {
    const a = this.state.account(login);
    return a
      ? this.account(a)
      : this.account({
          login,
          id: 0,
          nodeId: "",
          type: login.endsWith("[bot]") ? "Bot" : "User",
          name: null,
          description: null,
          createdAt: "",
          members: new Map(),
          projects: new Map(),
        });
  }

  account(a: Account): Json {
    return userObject(a.login, a.type, { id: a.id, nodeId: a.nodeId, api: this.urls.api, web: this.urls.web });
  }

  organization(a: Account): Json {
    return organizationObject(a.login, { id: a.id, nodeId: a.nodeId, api: this.urls.api, description: a.description });
  }

  // ------------------------------------------------------------------ labels, reactions

  label(repo: Repo, def: LabelDef): Json {
    return {
      id: def.id,
      node_id: def.nodeId,
      url: `${this.repoApi(repo)}/labels/${enc(def.name)}`,
      name: def.name,
      color: def.color,
      default: def.default,
      description: def.description,
    };
  }

  labelByName(repo: Repo, name: string): Json {
    return this.label(repo, this.state.ensureLabel(repo, name));
  }

  milestone(repo: Repo, m: Milestone): Json {
    const api = `${this.repoApi(repo)}/milestones/${m.number}`;
    const issues = [...repo.issues.values()].filter((i) => i.milestone === m.number);
    return {
      url: api,
      html_url: `${this.urls.web}/${repo.fullName}/milestone/${m.number}`,
      labels_url: `${api}/labels`,
      id: m.id,
      node_id: m.nodeId,
      number: m.number,
      state: m.state,
      title: m.title,
      description: m.description,
      creator: this.user(m.creator),
      open_issues: issues.filter((i) => i.state === "open").length,
      closed_issues: issues.filter((i) => i.state === "closed").length,
      created_at: m.createdAt,
      updated_at: m.updatedAt,
      closed_at: m.closedAt,
      due_on: m.dueOn,
    };
  }

  /** An issue's milestone as REST answers show it (null without one). */
  issueMilestone(issue: Issue): Json | null {
    const m = issue.milestone === null ? undefined : issue.repo.milestones.get(issue.milestone);
    return m ? this.milestone(issue.repo, m) : null;
  }

  reactionRollup(url: string, reactions: Reaction[]): Json {
    const count = (c: string) => reactions.filter((r) => r.content === c).length;
    return {
      url: `${url}/reactions`,
      total_count: reactions.length,
      "+1": count("+1"),
      "-1": count("-1"),
      laugh: count("laugh"),
      hooray: count("hooray"),
      confused: count("confused"),
      heart: count("heart"),
      rocket: count("rocket"),
      eyes: count("eyes"),
    };
  }

  reaction(r: Reaction): Json {
    return { id: r.id, node_id: r.nodeId, user: this.user(r.user), content: r.content, created_at: r.createdAt };
  }

  // ------------------------------------------------------------------ issues

  repoApi(repo: Repo): string {
    return `${this.urls.api}/repos/${repo.fullName}`;
  }

  issueHtml(issue: Issue): string {
    return `${this.urls.web}/${issue.repo.fullName}/${issue.kind === "pull_request" ? "pull" : "issues"}/${issue.number}`;
  }

  issue(issue: Issue): Json {
    const api = `${this.repoApi(issue.repo)}/issues/${issue.number}`;
    const out: Json = {
      url: api,
      repository_url: this.repoApi(issue.repo),
      labels_url: `${api}/labels{/name}`,
      comments_url: `${api}/comments`,
      events_url: `${api}/events`,
      html_url: this.issueHtml(issue),
      id: issue.id,
      node_id: issue.nodeId,
      number: issue.number,
      title: issue.title,
      user: this.user(issue.author),
      labels: issue.labels.map((l) => this.labelByName(issue.repo, l.name)),
      state: issue.state,
      locked: issue.locked,
      assignee: issue.assignees[0] === undefined ? null : this.user(issue.assignees[0]),
      assignees: issue.assignees.map((a) => this.user(a)),
      milestone: this.issueMilestone(issue),
      comments: issue.comments.length,
      created_at: issue.createdAt,
      updated_at: issue.updatedAt,
      closed_at: issue.closedAt,
      author_association: this.state.association(issue.author, issue.repo),
      active_lock_reason: null,
      body: issue.body,
      closed_by: issue.closedBy ? this.user(issue.closedBy) : null,
      reactions: this.reactionRollup(api, issue.reactions),
      timeline_url: `${api}/timeline`,
      performed_via_github_app: issue.viaApp && this.state.app ? this.integration(this.state.app) : null,
      state_reason: issue.stateReason,
    };
    if (issue.kind === "pull_request") {
      out.draft = issue.pull?.draft ?? false;
      out.pull_request = {
        url: `${this.repoApi(issue.repo)}/pulls/${issue.number}`,
        html_url: this.issueHtml(issue),
        diff_url: `${this.issueHtml(issue)}.diff`,
        patch_url: `${this.issueHtml(issue)}.patch`,
        merged_at: issue.pull?.mergedAt ?? null,
      };
    }
    return out;
  }

  comment(issue: Issue, c: Comment): Json {
    const api = `${this.repoApi(issue.repo)}/issues/comments/${c.id}`;
    return {
      id: c.id,
      node_id: c.nodeId,
      url: api,
      html_url: `${this.issueHtml(issue)}#issuecomment-${c.id}`,
      body: c.body,
      user: this.user(c.author),
      created_at: c.createdAt,
      updated_at: c.updatedAt,
      issue_url: `${this.repoApi(issue.repo)}/issues/${issue.number}`,
      author_association: this.state.association(c.author, issue.repo),
      performed_via_github_app: c.viaApp && this.state.app ? this.integration(this.state.app) : null,
      reactions: this.reactionRollup(api, c.reactions),
    };
  }

  /** The `pull_request` object of webhooks (and `pulls` REST answers). */
  pullRequest(issue: Issue): Json {
    const pr = issue.pull!;
    const repo = issue.repo;
    const repoApi = this.repoApi(repo);
    const api = `${repoApi}/pulls/${issue.number}`;
    const html = this.issueHtml(issue);
    const side = (ref: string, sha: string): Json => ({
      label: `${repo.owner.login}:${ref}`,
      ref,
      sha,
      user: this.account(repo.owner),
      repo: this.repository(repo),
    });
    const base = this.state.resolveRef(repo, pr.base)?.sha ?? this.state.headCommit(repo).sha;
    return {
      url: api,
      id: issue.id,
      node_id: issue.nodeId,
      html_url: html,
      diff_url: `${html}.diff`,
      patch_url: `${html}.patch`,
      issue_url: `${repoApi}/issues/${issue.number}`,
      commits_url: `${api}/commits`,
      review_comments_url: `${api}/comments`,
      review_comment_url: `${repoApi}/pulls/comments{/number}`,
      comments_url: `${repoApi}/issues/${issue.number}/comments`,
      statuses_url: `${repoApi}/statuses/${pr.headSha}`,
      number: issue.number,
      state: issue.state,
      locked: issue.locked,
      title: issue.title,
      user: this.user(issue.author),
      body: issue.body,
      labels: issue.labels.map((l) => this.labelByName(repo, l.name)),
      milestone: this.issueMilestone(issue),
      active_lock_reason: null,
      created_at: issue.createdAt,
      updated_at: issue.updatedAt,
      closed_at: issue.closedAt,
      merged_at: pr.mergedAt,
      merge_commit_sha: pr.merged ? this.state.headCommit(repo).sha : null,
      assignee: issue.assignees[0] === undefined ? null : this.user(issue.assignees[0]),
      assignees: issue.assignees.map((a) => this.user(a)),
      requested_reviewers: [],
      requested_teams: [],
      head: side(pr.head, pr.headSha),
      base: side(pr.base, base),
      _links: {
        self: { href: api },
        html: { href: html },
        issue: { href: `${repoApi}/issues/${issue.number}` },
        comments: { href: `${repoApi}/issues/${issue.number}/comments` },
        review_comments: { href: `${api}/comments` },
        review_comment: { href: `${repoApi}/pulls/comments{/number}` },
        commits: { href: `${api}/commits` },
        statuses: { href: `${repoApi}/statuses/${pr.headSha}` },
      },
      author_association: this.state.association(issue.author, repo),
      auto_merge: null,
      draft: pr.draft,
      merged: pr.merged,
      mergeable: issue.state === "open" ? true : null,
      rebaseable: issue.state === "open" ? true : null,
      mergeable_state: issue.state === "open" ? "clean" : "unknown",
      merged_by: pr.mergedBy ? this.user(pr.mergedBy) : null,
      comments: issue.comments.length,
      review_comments: 0,
      maintainer_can_modify: false,
      commits: 1,
      additions: 1,
      deletions: 0,
      changed_files: 1,
    };
  }

  // ------------------------------------------------------------------ repositories

  repository(repo: Repo): Json {
    const api = this.repoApi(repo);
    const html = `${this.urls.web}/${repo.fullName}`;
    const host = new URL(this.urls.web).host;
    const openIssues = [...repo.issues.values()].filter((i) => i.state === "open").length;
    return {
      id: repo.id,
      node_id: repo.nodeId,
      name: repo.name,
      full_name: repo.fullName,
      private: repo.visibility !== "public",
      owner: this.account(repo.owner),
      html_url: html,
      description: repo.description,
      fork: false,
      url: api,
      archive_url: `${api}/{archive_format}{/ref}`,
      assignees_url: `${api}/assignees{/user}`,
      blobs_url: `${api}/git/blobs{/sha}`,
      branches_url: `${api}/branches{/branch}`,
      collaborators_url: `${api}/collaborators{/collaborator}`,
      comments_url: `${api}/comments{/number}`,
      commits_url: `${api}/commits{/sha}`,
      compare_url: `${api}/compare/{base}...{head}`,
      contents_url: `${api}/contents/{+path}`,
      contributors_url: `${api}/contributors`,
      deployments_url: `${api}/deployments`,
      downloads_url: `${api}/downloads`,
      events_url: `${api}/events`,
      forks_url: `${api}/forks`,
      git_commits_url: `${api}/git/commits{/sha}`,
      git_refs_url: `${api}/git/refs{/sha}`,
      git_tags_url: `${api}/git/tags{/sha}`,
      git_url: `git://${host}/${repo.fullName}.git`,
      issue_comment_url: `${api}/issues/comments{/number}`,
      issue_events_url: `${api}/issues/events{/number}`,
      issues_url: `${api}/issues{/number}`,
      keys_url: `${api}/keys{/key_id}`,
      labels_url: `${api}/labels{/name}`,
      languages_url: `${api}/languages`,
      merges_url: `${api}/merges`,
      milestones_url: `${api}/milestones{/number}`,
      notifications_url: `${api}/notifications{?since,all,participating}`,
      pulls_url: `${api}/pulls{/number}`,
      releases_url: `${api}/releases{/id}`,
      ssh_url: `git@${host}:${repo.fullName}.git`,
      stargazers_url: `${api}/stargazers`,
      statuses_url: `${api}/statuses/{sha}`,
      subscribers_url: `${api}/subscribers`,
      subscription_url: `${api}/subscription`,
      tags_url: `${api}/tags`,
      teams_url: `${api}/teams`,
      trees_url: `${api}/git/trees{/sha}`,
      clone_url: `${html}.git`,
      mirror_url: null,
      hooks_url: `${api}/hooks`,
      svn_url: html,
      homepage: null,
      language: null,
      forks_count: 0,
      stargazers_count: 0,
      watchers_count: 0,
      size: 0,
      default_branch: repo.defaultBranch,
      open_issues_count: openIssues,
      is_template: false,
      topics: [],
      has_issues: repo.hasIssues,
      has_projects: true,
      has_wiki: false,
      has_pages: false,
      has_downloads: true,
      has_discussions: false,
      archived: false,
      disabled: false,
      visibility: repo.visibility,
      pushed_at: repo.pushedAt,
      created_at: repo.createdAt,
      updated_at: repo.updatedAt,
      allow_forking: true,
      web_commit_signoff_required: false,
      license: null,
      forks: 0,
      open_issues: openIssues,
      watchers: 0,
    };
  }

  /** `GET /repos/{owner}/{repo}`: the repository with counts, permissions and the organisation. */
  fullRepository(repo: Repo, viewer: { admin: boolean; maintain: boolean; push: boolean; triage: boolean; pull: boolean }): Json {
    return {
      ...this.repository(repo),
      permissions: viewer,
      allow_rebase_merge: true,
      allow_squash_merge: true,
      allow_merge_commit: true,
      allow_auto_merge: false,
      delete_branch_on_merge: false,
      allow_update_branch: false,
      network_count: 0,
      subscribers_count: 0,
      ...(repo.owner.type === "Organization" ? { organization: this.account(repo.owner) } : {}),
    };
  }

  /** The repository as push payloads carry it (times as epoch seconds, as GitHub sends them there). */
  pushRepository(repo: Repo): Json {
    const r = this.repository(repo);
    const epoch = (iso: string) => Math.floor(Date.parse(iso) / 1000);
    return {
      ...r,
      owner: { ...(r.owner as Json), name: repo.owner.login, email: null },
      created_at: epoch(repo.createdAt),
      pushed_at: epoch(repo.pushedAt),
      stargazers: 0,
      master_branch: repo.defaultBranch,
      ...(repo.owner.type === "Organization" ? { organization: repo.owner.login } : {}),
    };
  }

  // ------------------------------------------------------------------ apps

  integration(app: App): Json {
    return {
      id: app.id,
      slug: app.slug,
      node_id: app.nodeId,
      client_id: app.clientId,
      owner: this.account(app.owner),
      name: app.name,
      description: app.description,
      external_url: `${this.urls.web}/apps/${app.slug}`,
      html_url: `${this.urls.web}/apps/${app.slug}`,
      created_at: app.createdAt,
      updated_at: app.createdAt,
      permissions: app.permissions,
      events: app.events,
      installations_count: app.installations.size,
    };
  }

  installation(app: App, inst: Installation): Json {
    return {
      id: inst.id,
      account: this.account(inst.account),
      repository_selection: inst.selection,
      access_tokens_url: `${this.urls.api}/app/installations/${inst.id}/access_tokens`,
      repositories_url: `${this.urls.api}/installation/repositories`,
      html_url: `${this.urls.web}/${inst.account.type === "Organization" ? `organizations/${inst.account.login}/` : ""}settings/installations/${inst.id}`,
      app_id: app.id,
      app_slug: app.slug,
      client_id: app.clientId,
      target_id: inst.account.id,
      target_type: inst.account.type === "Organization" ? "Organization" : "User",
      permissions: inst.permissions,
      events: inst.events,
      created_at: inst.createdAt,
      updated_at: inst.createdAt,
      single_file_name: null,
      has_multiple_single_files: false,
      single_file_paths: [],
      suspended_by: null,
      suspended_at: null,
    };
  }

  // ------------------------------------------------------------------ checks, contents, commits

  checkRun(repo: Repo, run: CheckRun): Json {
    const api = `${this.repoApi(repo)}/check-runs/${run.id}`;
    return {
      id: run.id,
      node_id: run.nodeId,
      head_sha: run.headSha,
      external_id: run.externalId ?? "",
      url: api,
      html_url: `${this.urls.web}/${repo.fullName}/runs/${run.id}`,
      details_url: run.detailsUrl ?? `${this.urls.web}/${repo.fullName}/runs/${run.id}`,
      status: run.status,
      conclusion: run.conclusion,
      started_at: run.startedAt,
      completed_at: run.completedAt,
      output: {
        title: run.output.title,
        summary: run.output.summary,
        text: run.output.text,
        annotations_count: run.output.annotations.length,
        annotations_url: `${api}/annotations`,
      },
      name: run.name,
      check_suite: { id: run.id + 1_000_000 },
      app: this.state.app && run.appId === this.state.app.id ? this.integration(this.state.app) : null,
      pull_requests: [],
    };
  }

  contentFile(repo: Repo, path: string, blob: FileBlob, ref: string): Json {
    const api = `${this.repoApi(repo)}/contents/${path}?ref=${enc(ref)}`;
    const html = `${this.urls.web}/${repo.fullName}/blob/${ref}/${path}`;
    const git = `${this.repoApi(repo)}/git/blobs/${blob.sha}`;
    return {
      type: "file",
      encoding: "base64",
      size: Buffer.byteLength(blob.text),
      name: path.split("/").pop()!,
      path,
      content: `${(
        Buffer.from(blob.text)
          .toString("base64")
          .match(/.{1,60}/g) ?? [""]
      ).join("\n")}\n`,
      sha: blob.sha,
      url: api,
      git_url: git,
      html_url: html,
      download_url: `https://raw.githubusercontent.com/${repo.fullName}/${ref}/${path}`,
      _links: { self: api, git, html },
    };
  }

  contentDirectory(repo: Repo, dir: string, commit: Commit, ref: string): Json[] {
    const prefix = dir === "" ? "" : `${dir.replace(/\/$/, "")}/`;
    const entries = new Map<string, Json>();
    for (const [path, blob] of commit.files) {
      if (!path.startsWith(prefix)) continue;
      const rest = path.slice(prefix.length);
      const [first, ...more] = rest.split("/");
      const full = `${prefix}${first}`;
      if (entries.has(full)) continue;
      const api = `${this.repoApi(repo)}/contents/${full}?ref=${enc(ref)}`;
      const html = `${this.urls.web}/${repo.fullName}/${more.length ? "tree" : "blob"}/${ref}/${full}`;
      const sha = more.length ? sha1ish(`dir:${full}:${commit.treeSha}`) : blob.sha;
      const git = `${this.repoApi(repo)}/git/${more.length ? "trees" : "blobs"}/${sha}`;
      entries.set(full, {
        type: more.length ? "dir" : "file",
        size: more.length ? 0 : Buffer.byteLength(blob.text),
        name: first,
        path: full,
        sha,
        url: api,
        git_url: git,
        html_url: html,
        download_url: more.length ? null : `https://raw.githubusercontent.com/${repo.fullName}/${ref}/${full}`,
        _links: { self: api, git, html },
      });
    }
    return [...entries.values()];
  }

  fileCommit(repo: Repo, commit: Commit, path: string): Json {
    const blob = commit.files.get(path);
    const c = this.commitSummary(repo, commit);
    if (!blob) return { content: null, commit: c };
    const file = this.contentFile(repo, path, blob, repo.defaultBranch);
    delete file.content;
    delete file.encoding;
    return { content: file, commit: c };
  }

  commitSummary(repo: Repo, commit: Commit): Json {
    const person = (login: string) => ({ name: login, email: this.noreplyEmail(login), date: commit.date });
    return {
      sha: commit.sha,
      node_id: commit.nodeId,
      url: `${this.repoApi(repo)}/git/commits/${commit.sha}`,
      html_url: `${this.urls.web}/${repo.fullName}/commit/${commit.sha}`,
      author: person(commit.author),
      committer: person(commit.author),
      message: commit.message,
      tree: { url: `${this.repoApi(repo)}/git/trees/${commit.treeSha}`, sha: commit.treeSha },
      parents: commit.parents.map((p) => ({
        url: `${this.repoApi(repo)}/git/commits/${p}`,
        html_url: `${this.urls.web}/${repo.fullName}/commit/${p}`,
        sha: p,
      })),
      verification: { verified: false, reason: "unsigned", signature: null, payload: null, verified_at: null },
    };
  }

  gitRef(repo: Repo, branch: string, sha: string): Json {
    return {
      ref: `refs/heads/${branch}`,
      node_id: `REF_${Buffer.from(`${repo.fullName}:refs/heads/${branch}`).toString("base64url")}`,
      url: `${this.repoApi(repo)}/git/refs/heads/${branch}`,
      object: { type: "commit", sha, url: `${this.repoApi(repo)}/git/commits/${sha}` },
    };
  }

  /** A commit as `GET /repos/{owner}/{repo}/commits/{ref}` answers it (files compared with its first parent). */
  commit(repo: Repo, commit: Commit, withFiles = true): Json {
    const summary = this.commitSummary(repo, commit);
    const parent = commit.parents[0] ? repo.commits.get(commit.parents[0]) : undefined;
    const files = withFiles ? this.diffEntries(repo, parent?.files ?? new Map(), commit.files, commit.sha) : undefined;
    const user = this.state.account(commit.author);
    return {
      url: `${this.repoApi(repo)}/commits/${commit.sha}`,
      sha: commit.sha,
      node_id: commit.nodeId,
      html_url: `${this.urls.web}/${repo.fullName}/commit/${commit.sha}`,
      comments_url: `${this.repoApi(repo)}/commits/${commit.sha}/comments`,
      commit: {
        url: summary.url,
        author: summary.author,
        committer: summary.committer,
        message: commit.message,
        comment_count: 0,
        tree: summary.tree,
        verification: summary.verification,
      },
      author: user ? this.account(user) : null,
      committer: user ? this.account(user) : null,
      parents: commit.parents.map((p) => ({ sha: p, url: `${this.repoApi(repo)}/commits/${p}`, html_url: `${this.urls.web}/${repo.fullName}/commit/${p}` })),
      ...(files
        ? {
            files,
            stats: {
              additions: files.reduce((n, f) => n + (f.additions as number), 0),
              deletions: files.reduce((n, f) => n + (f.deletions as number), 0),
              total: files.reduce((n, f) => n + (f.changes as number), 0),
            },
          }
        : {}),
    };
  }

  /** File differences between two trees, as diff entries (line counts, no patch). */
  diffEntries(repo: Repo, before: Map<string, FileBlob>, after: Map<string, FileBlob>, ref: string): Array<Record<string, unknown>> {
    const lines = (t: string | undefined) => (t ? t.split("\n").length - (t.endsWith("\n") ? 1 : 0) : 0);
    const out: Array<Record<string, unknown>> = [];
    for (const path of [...new Set([...before.keys(), ...after.keys()])].sort()) {
      const a = before.get(path);
      const b = after.get(path);
      if (a?.sha === b?.sha) continue;
      const status = !a ? "added" : !b ? "removed" : "modified";
      const additions = status === "removed" ? 0 : lines(b?.text);
      const deletions = status === "added" ? 0 : lines(a?.text);
      out.push({
        sha: (b ?? a)!.sha,
        filename: path,
        status,
        additions,
        deletions,
        changes: additions + deletions,
        blob_url: `${this.urls.web}/${repo.fullName}/blob/${ref}/${path}`,
        raw_url: `${this.urls.web}/${repo.fullName}/raw/${ref}/${path}`,
        contents_url: `${this.repoApi(repo)}/contents/${path}?ref=${ref}`,
      });
    }
    return out;
  }

  /** GitHub's noreply address, `ID+login@users.noreply.github.com` (without `[bot]`, which is no valid address). */
  noreplyEmail(login: string): string {
    const id = this.state.account(login)?.id ?? 0;
    return `${id}+${login.replace(/\[bot\]$/, "")}@users.noreply.github.com`;
  }

  /** A commit as push payloads list it. */
  pushCommit(repo: Repo, commit: Commit): Json {
    const person = (login: string) => ({ name: login, email: this.noreplyEmail(login), username: login });
    return {
      id: commit.sha,
      tree_id: commit.treeSha,
      distinct: true,
      message: commit.message,
      timestamp: commit.date,
      url: `${this.urls.web}/${repo.fullName}/commit/${commit.sha}`,
      author: person(commit.author),
      committer: person(commit.author),
      added: commit.added,
      removed: commit.removed,
      modified: commit.modified,
    };
  }
}

function sha1ish(s: string): string {
  // Deterministic 40-hex id for synthetic git objects (directories).
  let h1 = 0x811c9dc5;
  let out = "";
  for (let round = 0; round < 5; round++) {
    for (let i = 0; i < s.length; i++) {
      h1 ^= s.charCodeAt(i) + round;
      h1 = Math.imul(h1, 0x01000193);
    }
    out += (h1 >>> 0).toString(16).padStart(8, "0");
  }
  return out;
}
