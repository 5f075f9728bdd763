/**
 * User actions (`POST /_sim/act`): a person does something on "GitHub" —
 * labels, comments, closes, pushes a file… Each action checks that the person
 * may do it (as GitHub's repository roles decide), changes the state, and the
 * events it causes become webhook deliveries (see server.ts).
 */
import { atLeast, SimError, type Issue, type ProjectItem, type Repo, type Role, type State } from "./state.js";
import { REACTION_CONTENTS, type ReactionContent } from "./world.js";

export const ACTIONS = [
  "label",
  "unlabel",
  "open",
  "close",
  "reopen",
  "edit",
  "comment",
  "react",
  "unreact",
  "delete",
  "transfer",
  "push-file",
  "pin",
  "unpin",
  "board-add",
  "board-set",
  "board-archive",
  "board-remove",
] as const;
export type ActionName = (typeof ACTIONS)[number];

export interface ActRequest {
  /** Login of the person acting. */
  as: string;
  action: ActionName;
  /** "owner/name" (every action but the board ones). */
  repo?: string;
  /** board-*: the board, "owner/number" (organisation or user). */
  board?: string;
  /** board-*: the item's issue or pull request, "owner/name#number"; or (board-set, -archive, -remove) the item's node id in `item`. */
  issue?: string;
  item?: string;
  /** board-add: a draft item instead of an issue. */
  draft?: { title: string; body?: string };
  /** board-add / board-set: field values to set, field name -> option name, number, iteration title or text (null clears). */
  values?: Record<string, string | number | null>;
  /** board-archive: false restores. */
  archived?: boolean;
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
  /** board-*: the item's node id. */
  projectItem?: string;
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
  if (a.action.startsWith("board-")) return boardAction(state, a, who);
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
      const commit = state.commitFiles(repo, [{ path, text: a.text }], {
        actor: who,
        ...(a.message ? { message: a.message } : {}),
        ...(a.branch ? { branch: a.branch } : {}),
      });
      return { commit: commit.sha, changed: true };
    }
    default:
      throw new SimError(422, `unknown action ${JSON.stringify(a.action)}`);
  }
}

/**
 * Board actions. Who may change a board: for an organisation board its members (any role), for a
 * user board its owner. Organisation boards announce each change as a `projects_v2_item` webhook
 * (created, edited per field, archived / restored, deleted); user boards send none, as on GitHub.
 */
function boardAction(state: State, a: ActRequest, who: string): ActOutcome {
  const m = typeof a.board === "string" ? /^([^/]+)\/(\d+)$/.exec(a.board) : null;
  if (!m) throw new SimError(422, `${a.action} needs "board": "owner/number"`);
  const project = state.project(m[1]!, Number(m[2]));
  if (!project) throw new SimError(404, `board ${a.board} not found`);
  const owner = project.owner;
  const allowed = owner.type === "Organization" ? owner.members.has(who.toLowerCase()) : owner.login.toLowerCase() === who.toLowerCase();
  if (!allowed)
    throw deny(`${who} cannot change the board ${a.board}: ${owner.type === "Organization" ? "only members of the organisation" : "only its owner"} may`);
  const issueOf = (ref: string): Issue => {
    const [full = "", num = ""] = ref.split("#");
    const repo = state.repoByFullName(full);
    const i = repo ? state.issue(repo, Number(num)) : undefined;
    if (!i) throw new SimError(404, `${ref} not found`);
    return i;
  };
  const setValues = (item: ProjectItem) => {
    let changed = false;
    for (const [field, value] of Object.entries(a.values ?? {})) changed = state.editProjectItem(project, item, field, value, who) || changed;
    return changed;
  };
  if (a.action === "board-add") {
    let added: ReturnType<State["addProjectItem"]>;
    if (a.draft) added = state.addProjectItem(project, { draft: { title: a.draft.title, body: a.draft.body ?? "" } }, who);
    else if (typeof a.issue === "string") added = state.addProjectItem(project, { issue: issueOf(a.issue) }, who);
    else throw new SimError(422, 'board-add needs "issue": "owner/name#number" or "draft": { title, body }');
    const changed = setValues(added.item);
    return { projectItem: added.item.nodeId, changed: added.created || changed };
  }
  const item =
    typeof a.item === "string"
      ? project.items.find((i) => i.nodeId === a.item)
      : typeof a.issue === "string"
        ? project.items.find((i) => i.issueNodeId === issueOf(a.issue!).nodeId)
        : undefined;
  if (!item) throw new SimError(404, `${a.action} needs "item" (node id) or "issue" of an item on ${a.board}`);
  switch (a.action) {
    case "board-set":
      return { projectItem: item.nodeId, changed: setValues(item) };
    case "board-archive":
      return { projectItem: item.nodeId, changed: state.archiveProjectItem(project, item, a.archived !== false, who) };
    default:
      state.removeProjectItem(project, item, who);
      return { projectItem: item.nodeId, changed: true };
  }
}
