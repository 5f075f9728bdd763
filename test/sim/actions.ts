/**
 * User actions (`POST /_sim/act`): a person does something on "GitHub" —
 * labels, comments, closes, pushes a file… Each action checks that the person
 * may do it (as GitHub's repository roles decide), changes the state, and the
 * events it causes become webhook deliveries (see server.ts).
 */
import { atLeast, SimError, type Issue, type Repo, type Role, type State } from "./state.js";
import { REACTION_CONTENTS, type ReactionContent } from "./world.js";

export const ACTIONS = ["label", "unlabel", "open", "close", "reopen", "edit", "comment", "react", "unreact", "delete", "transfer", "push-file", "pin", "unpin"] as const;
export type ActionName = (typeof ACTIONS)[number];

export interface ActRequest {
  /** Login of the person acting. */
  as: string;
  action: ActionName;
  /** "owner/name". */
  repo: string;
  /** Issue or pull request number (all issue actions). */
  number?: number;
  /** label / unlabel: one label; open: `labels` too. */
  label?: string;
  labels?: string[];
  /** open / edit. */
  title?: string;
  body?: string | null;
  /** open: make it a pull request (head/base branches optional). */
  pullRequest?: boolean | { head?: string; base?: string; draft?: boolean };
  /** react / unreact: the reaction, e.g. "+1"; `comment` reacts to a comment (its id) instead of the issue. */
  content?: ReactionContent;
  comment?: number;
  /** close: "completed" (default) or "not_planned". */
  reason?: "completed" | "not_planned";
  /** transfer: the target repository, "owner/name". */
  to?: string;
  /** push-file: the file, its new text (null deletes it), the commit message and branch. */
  path?: string;
  text?: string | null;
  message?: string;
  branch?: string;
}

export interface ActOutcome {
  issue?: Issue;
  comment?: { id: number };
  commit?: string;
  changed: boolean;
}

const deny = (message: string) => new SimError(403, message);

function need(role: Role | null, min: Role, who: string, what: string, repo: Repo): void {
  if (!atLeast(role, min)) throw deny(`${who} cannot ${what} in ${repo.fullName}: that needs the ${min} role or more (has ${role ?? "none"})`);
}

/** Validates and performs one action; returns what changed. Throws SimError (403/404/422) when it may not happen. */
export function performAction(state: State, a: ActRequest): ActOutcome {
  if (!a || typeof a !== "object") throw new SimError(422, "expected a JSON object { as, action, repo, ... }");
  if (!ACTIONS.includes(a.action)) throw new SimError(422, `unknown action ${JSON.stringify(a.action)} (one of ${ACTIONS.join(", ")})`);
  const user = typeof a.as === "string" ? state.account(a.as) : undefined;
  if (!user) throw new SimError(404, `unknown user ${JSON.stringify(a.as)} (list it in the world file)`);
  const who = user.login;
  const repo = typeof a.repo === "string" ? state.repoByFullName(a.repo) : undefined;
  const role = repo ? state.effectiveRole(who, repo) : null;
  if (!repo || !role) throw new SimError(404, `repository ${JSON.stringify(a.repo)} not found (or not visible to ${who})`);
  const issue = (): Issue => {
    if (typeof a.number !== "number") throw new SimError(422, `${a.action} needs "number"`);
    const i = state.issue(repo, a.number);
    if (!i) throw new SimError(404, `${repo.fullName}#${a.number} not found`);
    return i;
  };
  const isAuthor = (i: Issue) => i.author.toLowerCase() === who.toLowerCase();
  const str = (v: unknown, field: string): string => {
    if (typeof v !== "string" || v === "") throw new SimError(422, `${a.action} needs "${field}"`);
    return v;
  };

  switch (a.action) {
    case "label": {
      const i = issue();
      need(role, "triage", who, "label issues", repo);
      const names = [...(a.label ? [a.label] : []), ...(a.labels ?? [])];
      if (!names.length) throw new SimError(422, 'label needs "label" (or "labels")');
      return { issue: i, changed: state.addLabels(i, names, who).length > 0 };
    }
    case "unlabel": {
      const i = issue();
      need(role, "triage", who, "remove labels", repo);
      return { issue: i, changed: state.removeLabel(i, str(a.label, "label"), who) };
    }
    case "open": {
      if (a.pullRequest && !atLeast(role, "read")) throw deny(`${who} cannot open pull requests in ${repo.fullName}`);
      if (!repo.hasIssues && !a.pullRequest) throw new SimError(410, `issues are disabled in ${repo.fullName}`);
      // As on GitHub: labels chosen by someone without triage are silently dropped.
      const labels = atLeast(role, "triage") ? [...(a.label ? [a.label] : []), ...(a.labels ?? [])] : [];
      const i = state.createIssue(repo, {
        title: str(a.title, "title"),
        body: a.body ?? null,
        labels,
        author: who,
        ...(a.pullRequest ? { pullRequest: typeof a.pullRequest === "object" ? a.pullRequest : {} } : {}),
      });
      return { issue: i, changed: true };
    }
    case "close":
    case "reopen": {
      const i = issue();
      if (!isAuthor(i)) need(role, "triage", who, `${a.action} others' issues`, repo);
      const changed = state.setIssueState(i, a.action === "close" ? "closed" : "open", who, a.action === "close" ? (a.reason ?? "completed") : null);
      return { issue: i, changed };
    }
    case "edit": {
      const i = issue();
      if (!isAuthor(i)) need(role, "write", who, "edit others' issues", repo);
      const edit: { title?: string; body?: string | null } = {};
      if (a.title !== undefined) edit.title = str(a.title, "title");
      if (a.body !== undefined) edit.body = a.body;
      return { issue: i, changed: state.editIssue(i, edit, who) };
    }
    case "comment": {
      const i = issue();
      if (i.locked) need(role, "write", who, "comment on a locked issue", repo);
      const c = state.addComment(i, str(a.body, "body"), who);
      return { issue: i, comment: { id: c.id }, changed: true };
    }
    case "react":
    case "unreact": {
      const i = issue();
      const content = a.content ?? "+1";
      if (!REACTION_CONTENTS.includes(content)) throw new SimError(422, `content must be one of ${REACTION_CONTENTS.join(", ")}`);
      const target: { issue: Issue; comment?: (typeof i.comments)[number] } = { issue: i };
      if (a.comment !== undefined) {
        const c = i.comments.find((x) => x.id === a.comment);
        if (!c) throw new SimError(404, `comment ${a.comment} not found on ${repo.fullName}#${i.number}`);
        target.comment = c;
      }
      const changed = a.action === "react" ? state.react(target, who, content).created : state.unreact(target, who, content);
      return { issue: i, changed };
    }
    case "delete": {
      const i = issue();
      need(role, "admin", who, "delete issues", repo);
      state.deleteIssue(i, who);
      return { changed: true };
    }
    case "transfer": {
      const i = issue();
      const to = state.repoByFullName(str(a.to, "to"));
      if (!to) throw new SimError(404, `repository ${a.to} not found`);
      if (to.owner !== repo.owner) throw new SimError(422, "issues can only be transferred between repositories of the same owner");
      need(role, "write", who, "transfer issues", repo);
      need(state.effectiveRole(who, to), "write", who, "transfer issues into", to);
      return { issue: state.transferIssue(i, to, who), changed: true };
    }
    case "pin":
    case "unpin": {
      const i = issue();
      need(role, "write", who, `${a.action} issues`, repo);
      return { issue: i, changed: state.setPinned(i, a.action === "pin", who) };
    }
    case "push-file": {
      need(role, "write", who, "push", repo);
      const path = str(a.path, "path").replace(/^\/+/, "");
      if (a.text === undefined) throw new SimError(422, 'push-file needs "text" (null deletes the file)');
      const commit = state.commitFiles(repo, [{ path, text: a.text }], { actor: who, ...(a.message ? { message: a.message } : {}), ...(a.branch ? { branch: a.branch } : {}) });
      return { commit: commit.sha, changed: true };
    }
  }
}
