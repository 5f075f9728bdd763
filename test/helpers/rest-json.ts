/**
 * REST answers shaped like GitHub's (they validate against the vendored
 * OpenAPI 2xx schemas, which the mock checks on every answer).
 */
import { labelObject, userObject } from "../fixtures/webhooks.js";

const API = "https://api.github.com";
const simpleUser = userObject;
const labelJson = labelObject;
const WEB = "https://github.com";

let seq = 1000;
export const nextId = (): number => ++seq;

export interface IssueJsonInput {
  owner: string;
  repo: string;
  number: number;
  nodeId: string;
  title: string;
  body: string;
  state: "open" | "closed";
  author: string;
  labels: string[];
  createdAt?: string;
}

export function issueJson(i: IssueJsonInput): Record<string, unknown> {
  const base = `${API}/repos/${i.owner}/${i.repo}`;
  const url = `${base}/issues/${i.number}`;
  const at = i.createdAt ?? "2023-11-01T10:00:00Z";
  return {
    id: Math.abs(hash(i.nodeId)),
    node_id: i.nodeId,
    url,
    repository_url: base,
    labels_url: `${url}/labels{/name}`,
    comments_url: `${url}/comments`,
    events_url: `${url}/events`,
    html_url: `${WEB}/${i.owner}/${i.repo}/issues/${i.number}`,
    number: i.number,
    state: i.state,
    title: i.title,
    body: i.body,
    user: simpleUser(i.author),
    labels: i.labels.map((l) => labelJson(i.owner, i.repo, l)),
    assignee: null,
    assignees: [],
    milestone: null,
    locked: false,
    comments: 0,
    closed_at: i.state === "closed" ? at : null,
    created_at: at,
    updated_at: at,
    author_association: "MEMBER",
  };
}

export function commentJson(owner: string, repo: string, issueNumber: number, id: number, body: string, author: string): Record<string, unknown> {
  return {
    id,
    node_id: `IC_${id}`,
    url: `${API}/repos/${owner}/${repo}/issues/comments/${id}`,
    html_url: `${WEB}/${owner}/${repo}/issues/${issueNumber}#issuecomment-${id}`,
    issue_url: `${API}/repos/${owner}/${repo}/issues/${issueNumber}`,
    body,
    user: simpleUser(author, author.endsWith("[bot]") ? "Bot" : "User"),
    created_at: "2023-11-29T10:00:00Z",
    updated_at: "2023-11-29T10:00:00Z",
    author_association: "NONE",
  };
}

export function reactionJson(content: string, by: string): Record<string, unknown> {
  const id = nextId();
  return { id, node_id: `REA_${id}`, user: simpleUser(by, "Bot"), content, created_at: "2023-11-29T10:00:00Z" };
}

export function permissionJson(login: string, role: string): Record<string, unknown> {
  const legacy = role === "admin" ? "admin" : role === "maintain" || role === "write" ? "write" : role === "none" ? "none" : "read";
  return {
    permission: legacy,
    role_name: role,
    user: {
      ...simpleUser(login),
      role_name: role,
      permissions: {
        admin: legacy === "admin",
        maintain: role === "maintain",
        push: legacy !== "read" && legacy !== "none",
        triage: role === "triage",
        pull: legacy !== "none",
      },
    },
  };
}

export function checkRunJson(
  owner: string,
  repo: string,
  body: { name: string; head_sha: string; conclusion?: string; output?: { title?: string; summary?: string; annotations?: unknown[] } },
): Record<string, unknown> {
  const id = nextId();
  const at = "2023-11-29T10:00:00Z";
  return {
    id,
    node_id: `CR_${id}`,
    head_sha: body.head_sha,
    external_id: null,
    url: `${API}/repos/${owner}/${repo}/check-runs/${id}`,
    html_url: `${WEB}/${owner}/${repo}/runs/${id}`,
    details_url: null,
    status: "completed",
    conclusion: body.conclusion ?? null,
    started_at: at,
    completed_at: at,
    output: {
      title: body.output?.title ?? null,
      summary: body.output?.summary ?? null,
      text: null,
      annotations_count: body.output?.annotations?.length ?? 0,
      annotations_url: `${API}/repos/${owner}/${repo}/check-runs/${id}/annotations`,
    },
    name: body.name,
    check_suite: { id: nextId() },
    app: null,
    pull_requests: [],
  };
}

function hash(text: string): number {
  let h = 7;
  for (let i = 0; i < text.length; i++) h = (h * 31 + text.charCodeAt(i)) | 0;
  return h === 0 ? 1 : h;
}
