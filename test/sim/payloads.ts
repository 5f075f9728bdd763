/**
 * Webhook payloads built from the simulator's state at the moment of the event
 * (issues.*, pull_request.*, issue_comment.*, push). The server checks each
 * with checkWebhookPayload (GitHub's published webhook schemas) before it is
 * delivered; a payload that fails is a simulator bug.
 */
import type { Render } from "./render.js";
import type { Installation, SimEvent, State } from "./state.js";

type Json = Record<string, unknown>;

/**
 * The webhook schema (@octokit/openapi-webhooks) enumerates the events an app
 * subscribes to in `performed_via_github_app.events`, and its list predates
 * these; GitHub's REST schema takes any string. Webhooks leave them out, so a
 * payload stays within what GitHub publishes.
 */
const NOT_YET_IN_WEBHOOK_SCHEMA = new Set(["projects_v2_item"]);

function schemaApp(json: Json): Json {
  const app = json.performed_via_github_app as { events?: string[] } | null | undefined;
  if (!app || !Array.isArray(app.events)) return json;
  return { ...json, performed_via_github_app: { ...app, events: app.events.filter((e) => !NOT_YET_IN_WEBHOOK_SCHEMA.has(e)) } };
}

/** `event.action` (or the bare event) and the payload for one event, as the given installation receives it. */
export function webhookPayload(state: State, render: Render, e: SimEvent, inst: Installation): { name: string; payload: Json } {
  if (e.event === "projects_v2_item") return projectsV2ItemPayload(state, render, e, inst);
  const repo = e.repo;
  if (repo === null) throw new Error(`simulator: ${e.event} needs a repository`);
  const common: Json = {
    repository: render.repository(repo),
    sender: render.user(e.sender),
    installation: { id: inst.id, node_id: inst.nodeId },
    ...(repo.owner.type === "Organization" ? { organization: render.organization(repo.owner) } : {}),
  };
  const name = e.action ? `${e.event}.${e.action}` : e.event;
  switch (e.event) {
    case "issues": {
      const issue = e.issue!;
      const p: Json = { action: e.action, issue: schemaApp(render.issue(issue)), ...common };
      if (e.label) p.label = render.labelByName(repo, e.label);
      if (e.assignee) p.assignee = render.user(e.assignee);
      if (e.milestone) p.milestone = render.milestone(repo, e.milestone);
      if (e.action === "edited") p.changes = e.changes ?? {};
      if (e.action === "opened" && e.oldIssue) {
        p.changes = { old_issue: render.issue(e.oldIssue), old_repository: render.repository(e.oldIssue.repo) };
      }
      if (e.action === "transferred" && e.newIssue) {
        p.changes = { new_issue: render.issue(e.newIssue), new_repository: render.repository(e.newIssue.repo) };
      }
      return { name, payload: p };
    }
    case "pull_request": {
      const issue = e.issue!;
      const p: Json = { action: e.action, number: issue.number, pull_request: render.pullRequest(issue), ...common };
      if (e.label) p.label = render.labelByName(repo, e.label);
      if (e.assignee) p.assignee = render.user(e.assignee);
      if (e.milestone) p.milestone = render.milestone(repo, e.milestone);
      if (e.action === "edited") p.changes = e.changes ?? {};
      return { name, payload: p };
    }
    case "issue_comment": {
      const issue = e.issue!;
      const p: Json = { action: e.action, issue: schemaApp(render.issue(issue)), comment: schemaApp(render.comment(issue, e.comment!)), ...common };
      if (e.action === "edited") p.changes = e.changes ?? { body: { from: "" } };
      return { name, payload: p };
    }
    case "push": {
      const push = e.push!;
      const commits = push.commits.map((c) => render.pushCommit(repo, c));
      const web = render.urls.web;
      return {
        name: "push",
        payload: {
          ref: push.ref,
          before: push.before,
          after: push.after,
          created: false,
          deleted: false,
          forced: false,
          base_ref: null,
          compare: `${web}/${repo.fullName}/compare/${push.before.slice(0, 12)}...${push.after.slice(0, 12)}`,
          commits,
          head_commit: commits[commits.length - 1] ?? null,
          pusher: { name: push.pusher, email: render.noreplyEmail(push.pusher) },
          ...common,
          repository: render.pushRepository(repo),
        },
      };
    }
    default:
      throw new Error(`simulator: no payload builder for ${name}`);
  }
}

/** projects_v2_item.*: an organisation event (no repository); `changes` as thin as GitHub's. */
function projectsV2ItemPayload(state: State, render: Render, e: SimEvent, inst: Installation): { name: string; payload: Json } {
  const project = e.project!;
  const item = e.projectItem!;
  const issue = item.issueNodeId ? state.issueByNodeId(item.issueNodeId) : undefined;
  const payload: Json = {
    action: e.action,
    projects_v2_item: {
      id: item.id,
      node_id: item.nodeId,
      project_node_id: project.nodeId,
      content_node_id: item.draft?.nodeId ?? item.issueNodeId ?? "",
      content_type: item.draft ? "DraftIssue" : issue?.kind === "pull_request" ? "PullRequest" : "Issue",
      creator: render.user(item.creator),
      created_at: item.createdAt,
      updated_at: item.updatedAt,
      archived_at: item.archivedAt,
    },
    ...(e.changes ? { changes: e.changes } : {}),
    organization: render.organization(project.owner),
    sender: render.user(e.sender),
    installation: { id: inst.id, node_id: inst.nodeId },
  };
  return { name: `projects_v2_item.${e.action}`, payload };
}

/** Whether an installation receives an event (the app subscribes to it). */
export function subscribed(inst: Installation, event: string): boolean {
  return inst.events.includes(event);
}

export type { State };
