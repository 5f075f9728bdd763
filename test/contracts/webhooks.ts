/**
 * Webhook payloads for app tests: GitHub's own examples (@octokit/webhooks-examples), checked
 * against GitHub's webhook description (@octokit/openapi-webhooks), and builders that start from
 * an example, set realistic fields and are guaranteed to pass that check.
 *
 * Names are `event.action` as Probot spells them ("issues.labeled", "pull_request.closed",
 * "issue_comment.created") or a bare event ("push").
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import type { Ajv2020 } from "ajv/dist/2020.js";
import type { ErrorObject, ValidateFunction } from "ajv";
import { formatAjvErrors, isObject, jsonPointer, newAjv2020, packageFile, type JsonObject } from "./json-schema.js";

/** What the builders return: a plain JSON payload, loosely typed so tests can read and tweak it. */
export type WebhookPayload = Record<string, any>;

// ---------------------------------------------------------------------------------------------
// Loading (lazy, once per test file / worker)

interface ExampleGroup {
  name: string;
  examples: JsonObject[];
}

let examplesCache: ExampleGroup[] | undefined;
function examples(): ExampleGroup[] {
  examplesCache ??= JSON.parse(readFileSync(packageFile("@octokit/webhooks-examples", "api.github.com/index.json"), "utf8")) as ExampleGroup[];
  return examplesCache;
}

let specCache: { webhooks: Record<string, JsonObject>; schemas: JsonObject; ajv: Ajv2020; validators: Map<string, ValidateFunction> } | undefined;
function spec() {
  if (!specCache) {
    const doc = JSON.parse(readFileSync(packageFile("@octokit/openapi-webhooks", "generated/api.github.com.json"), "utf8")) as JsonObject;
    const schemas = (doc.components as JsonObject).schemas as JsonObject;
    const ajv = newAjv2020();
    ajv.addSchema({ components: { schemas } }, "webhooks");
    specCache = { webhooks: doc.webhooks as Record<string, JsonObject>, schemas, ajv, validators: new Map() };
  }
  return specCache;
}

function parseName(name: string): { event: string; action?: string } {
  const [event, action, ...rest] = name.split(".");
  if (!event || rest.length) throw new Error(`webhook name must be "event" or "event.action", got ${JSON.stringify(name)}`);
  return action ? { event, action } : { event };
}

/** The key of an event in @octokit/openapi-webhooks' `webhooks` section, e.g. `issues-labeled`. */
export function webhookKey(event: string, action?: string): string {
  const e = event.replace(/_/g, "-");
  return action ? `${e}-${action.replace(/_/g, "-")}` : e;
}

function schemaRefFor(event: string, action: string | undefined): string | undefined {
  const hook = spec().webhooks[webhookKey(event, action)];
  const post = isObject(hook) ? (hook.post as JsonObject | undefined) : undefined;
  const schema = (((post?.requestBody as JsonObject | undefined)?.content as JsonObject | undefined)?.["application/json"] as JsonObject | undefined)?.schema;
  return isObject(schema) && typeof schema.$ref === "string" ? schema.$ref : undefined;
}

function validatorFor(event: string, action: string | undefined): { validate: ValidateFunction; ref: string } | undefined {
  const ref = schemaRefFor(event, action);
  if (!ref) return undefined;
  const s = spec();
  let validate = s.validators.get(ref);
  if (!validate) {
    validate = s.ajv.compile({ $ref: `webhooks${ref}` });
    s.validators.set(ref, validate);
  }
  return { validate, ref };
}

// ---------------------------------------------------------------------------------------------
// Examples and the check

/** A deep copy of the first example payload for `event` or `event.action`. */
export function examplePayload(name: string): any {
  const { event, action } = parseName(name);
  const group = examples().find((g) => g.name === event);
  if (!group) throw new Error(`@octokit/webhooks-examples has no "${event}" event`);
  const ex = group.examples.find((e) => action === undefined || e.action === action);
  if (!ex) {
    const actions = [...new Set(group.examples.map((e) => e.action))].join(", ");
    throw new Error(`@octokit/webhooks-examples has no "${name}" example (actions with examples: ${actions})`);
  }
  return structuredClone(ex);
}

/** Every example for an event or event.action (deep copies). */
export function examplePayloads(name: string): JsonObject[] {
  const { event, action } = parseName(name);
  return (examples().find((g) => g.name === event)?.examples ?? []).filter((e) => action === undefined || e.action === action).map((e) => structuredClone(e));
}

/**
 * Violations of a payload against GitHub's webhook schema for `name` (the action is taken from
 * the payload when `name` is a bare event name).
 */
export function checkWebhookPayload(name: string, payload: unknown): string[] {
  const { event, action: named } = parseName(name);
  const action = named ?? (isObject(payload) && typeof payload.action === "string" ? payload.action : undefined);
  if (isObject(payload) && named && payload.action !== undefined && payload.action !== named) {
    return [`${name}: payload.action is ${JSON.stringify(payload.action)}`];
  }
  const v = validatorFor(event, action);
  if (!v) return [`${name}: @octokit/openapi-webhooks has no schema "${webhookKey(event, action)}"`];
  if (v.validate(payload)) return [];
  return formatAjvErrors(v.validate.errors, `${webhookKey(event, action)} payload`);
}

// ---------------------------------------------------------------------------------------------
// Repair: fill what the (older) examples lack so the builders' output matches today's schema.

function resolveRef(schema: unknown): unknown {
  let cur = schema;
  for (let i = 0; isObject(cur) && typeof cur.$ref === "string" && i < 20; i++) {
    cur = jsonPointer({ components: { schemas: spec().schemas } }, cur.$ref);
  }
  return cur;
}

const SAMPLE_TIME = "2024-01-01T00:00:00Z";

/** A minimal valid value for a schema (null where null is allowed). */
function sample(schemaIn: unknown, depth = 0): unknown {
  const schema = resolveRef(schemaIn);
  if (!isObject(schema) || depth > 12) return null;
  if ("const" in schema) return schema.const;
  const types = Array.isArray(schema.type) ? (schema.type as string[]) : typeof schema.type === "string" ? [schema.type] : [];
  if (types.includes("null") || (Array.isArray(schema.enum) && schema.enum.includes(null))) return null;
  if (Array.isArray(schema.enum) && schema.enum.length) return schema.enum[0];
  for (const k of ["anyOf", "oneOf"] as const) {
    const list = schema[k];
    if (Array.isArray(list) && list.length) {
      const nullable = list.find((s) => isObject(resolveRef(s)) && (resolveRef(s) as JsonObject).type === "null");
      return nullable ? null : sample(list[0], depth + 1);
    }
  }
  if (Array.isArray(schema.allOf)) {
    return Object.assign({}, ...schema.allOf.map((s) => sample(s, depth + 1)).filter(isObject));
  }
  const type = types[0] ?? (isObject(schema.properties) ? "object" : undefined);
  switch (type) {
    case "object": {
      const out: JsonObject = {};
      const props = (schema.properties as JsonObject | undefined) ?? {};
      for (const r of (schema.required as string[] | undefined) ?? []) out[r] = sample(props[r], depth + 1);
      return out;
    }
    case "array":
      return [];
    case "integer":
    case "number":
      return typeof schema.minimum === "number" ? schema.minimum : 0;
    case "boolean":
      return false;
    case "string":
      switch (schema.format) {
        case "date-time":
          return SAMPLE_TIME;
        case "date":
          return SAMPLE_TIME.slice(0, 10);
        case "uri":
          return "https://github.com/";
        case "email":
          return "octocat@github.com";
        default:
          return "";
      }
    default:
      return null;
  }
}

function pointerParts(instancePath: string): string[] {
  return instancePath.split("/").slice(1).map((p) => p.replace(/~1/g, "/").replace(/~0/g, "~"));
}

function setAt(root: JsonObject, parts: string[], value: unknown): void {
  let cur: unknown = root;
  for (const p of parts.slice(0, -1)) cur = (cur as Record<string, unknown>)[p];
  const last = parts[parts.length - 1];
  if (last !== undefined && (isObject(cur) || Array.isArray(cur))) (cur as Record<string, unknown>)[last] = value;
}

function repair(name: string, payload: JsonObject): void {
  const { event } = parseName(name);
  const v = validatorFor(event, typeof payload.action === "string" ? payload.action : undefined);
  if (!v) return;
  for (let pass = 0; pass < 8 && !v.validate(payload); pass++) {
    const errors = (v.validate.errors ?? []) as ErrorObject[];
    for (const e of errors) {
      if (/(anyOf|oneOf)\//.test(e.schemaPath)) continue; // branch noise; the outer error is handled
      const parts = pointerParts(e.instancePath);
      if (e.keyword === "required") {
        const missing = (e.params as { missingProperty: string }).missingProperty;
        const parent = resolveRef(e.parentSchema) as JsonObject;
        setAt(payload, [...parts, missing], sample((parent.properties as JsonObject | undefined)?.[missing]));
      } else if (["type", "format", "enum", "anyOf", "oneOf", "minimum", "maximum"].includes(e.keyword) && parts.length) {
        setAt(payload, parts, sample(e.parentSchema));
      }
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Deterministic identities

function fnv(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0) % 2_000_000_000 + 1;
}

const b64 = (s: string) => Buffer.from(s).toString("base64url");
const sha1 = (s: string) => createHash("sha1").update(s).digest("hex");

/** Node id the builders give an issue; match it in GraphQL mocks. */
export function issueNodeId(owner: string, repo: string, number: number): string {
  return `I_${b64(`${owner}/${repo}#${number}`)}`;
}

/** Node id the builders give a pull request. */
export function pullRequestNodeId(owner: string, repo: string, number: number): string {
  return `PR_${b64(`${owner}/${repo}#${number}`)}`;
}

/** Deterministic numeric database id for anything ("issue:o/r#1", "user:login", ...). */
export function fakeId(key: string): number {
  return fnv(key);
}

export function installationObject(id = 1): { id: number; node_id: string } {
  return { id, node_id: Buffer.from(`IntegrationInstallation${id}`).toString("base64") };
}

/**
 * A webhook/REST style user object. Logins ending in `[bot]` become Bots. The
 * simulator passes its own ids and base URLs; tests take the defaults.
 */
export function userObject(
  login: string,
  type?: "User" | "Organization" | "Bot",
  o: { id?: number; nodeId?: string; api?: string; web?: string } = {},
): JsonObject {
  const kind = type ?? (login.endsWith("[bot]") ? "Bot" : "User");
  const id = o.id ?? fnv(`user:${login}`);
  const api = `${o.api ?? "https://api.github.com"}/users/${encodeURIComponent(login)}`;
  const web = o.web ?? "https://github.com";
  return {
    login,
    id,
    node_id: o.nodeId ?? `${kind === "Bot" ? "BOT" : kind === "Organization" ? "O" : "U"}_${b64(login)}`,
    avatar_url: `https://avatars.githubusercontent.com/u/${id}?v=4`,
    gravatar_id: "",
    url: api,
    html_url: kind === "Bot" ? `${web}/apps/${login.replace(/\[bot\]$/, "")}` : `${web}/${login}`,
    followers_url: `${api}/followers`,
    following_url: `${api}/following{/other_user}`,
    gists_url: `${api}/gists{/gist_id}`,
    starred_url: `${api}/starred{/owner}{/repo}`,
    subscriptions_url: `${api}/subscriptions`,
    organizations_url: `${api}/orgs`,
    repos_url: `${api}/repos`,
    events_url: `${api}/events{/privacy}`,
    received_events_url: `${api}/received_events`,
    type: kind,
    user_view_type: "public",
    site_admin: false,
  };
}

/**
 * An organisation as webhooks show it (`organization`); by default its id is the one userObject
 * gives the same login. The simulator passes its own ids, base URL and description.
 */
export function organizationObject(login: string, o: { id?: number; nodeId?: string; api?: string; description?: string | null } = {}): JsonObject {
  const api = `${o.api ?? "https://api.github.com"}/orgs/${encodeURIComponent(login)}`;
  const id = o.id ?? fnv(`user:${login}`);
  return {
    login,
    id,
    node_id: o.nodeId ?? `O_${b64(login)}`,
    url: api,
    repos_url: `${api}/repos`,
    events_url: `${api}/events`,
    hooks_url: `${api}/hooks`,
    issues_url: `${api}/issues`,
    members_url: `${api}/members{/member}`,
    public_members_url: `${api}/public_members{/member}`,
    avatar_url: `https://avatars.githubusercontent.com/u/${id}?v=4`,
    description: o.description ?? null,
  };
}

/** A label object as webhooks and REST show it. */
export function labelObject(owner: string, repo: string, name: string): JsonObject {
  return {
    id: fnv(`label:${owner}/${repo}:${name}`),
    node_id: `LA_${b64(`${owner}/${repo}:${name}`)}`,
    url: `https://api.github.com/repos/${owner}/${repo}/labels/${encodeURIComponent(name)}`,
    name,
    color: sha1(name).slice(0, 6),
    default: false,
    description: null,
  };
}

// ---------------------------------------------------------------------------------------------
// Builders

export interface RepoRef {
  owner: string;
  repo: string;
  /** Owner account type; default "User". */
  ownerType?: "User" | "Organization";
  installationId?: number;
}

/** Rewrites every string mentioning the example's repository, then sets the repository identity. */
function retarget(payload: JsonObject, r: RepoRef): void {
  const repoObj = payload.repository as JsonObject | undefined;
  const from = typeof repoObj?.full_name === "string" ? repoObj.full_name : "Codertocat/Hello-World";
  const to = `${r.owner}/${r.repo}`;
  const walk = (v: unknown): unknown => {
    if (typeof v === "string") return v.split(from).join(to);
    if (Array.isArray(v)) return v.map(walk);
    if (isObject(v)) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)]));
    return v;
  };
  Object.assign(payload, walk(payload));
  for (const repo of [payload.repository]) if (isObject(repo)) setRepository(repo, r);
  payload.installation = installationObject(r.installationId ?? 1);
  if (r.ownerType === "Organization") {
    payload.organization = organizationObject(r.owner);
  } else {
    delete payload.organization;
  }
}

function setRepository(repo: JsonObject, r: RepoRef): void {
  const ownerKept = isObject(repo.owner) ? repo.owner : {};
  repo.id = fnv(`repo:${r.owner}/${r.repo}`);
  repo.node_id = `R_${b64(`${r.owner}/${r.repo}`)}`;
  repo.name = r.repo;
  repo.full_name = `${r.owner}/${r.repo}`;
  repo.owner = { ...ownerKept, ...userObject(r.owner, r.ownerType ?? "User") };
  repo.private = false;
}

function issueUrls(owner: string, repo: string, number: number, pr: boolean): JsonObject {
  const api = `https://api.github.com/repos/${owner}/${repo}/issues/${number}`;
  return {
    url: api,
    repository_url: `https://api.github.com/repos/${owner}/${repo}`,
    labels_url: `${api}/labels{/name}`,
    comments_url: `${api}/comments`,
    events_url: `${api}/events`,
    html_url: `https://github.com/${owner}/${repo}/${pr ? "pull" : "issues"}/${number}`,
  };
}

function reactionsObject(url: string): JsonObject {
  return { url: `${url}/reactions`, total_count: 0, "+1": 0, "-1": 0, laugh: 0, hooray: 0, confused: 0, heart: 0, rocket: 0, eyes: 0 };
}

function finish<T extends JsonObject>(name: string, payload: T): T {
  repair(name, payload);
  const violations = checkWebhookPayload(name, payload);
  if (violations.length) throw new Error(`built ${name} payload does not match GitHub's schema:\n  ${violations.join("\n  ")}`);
  return payload;
}

function labelsFor(action: string, r: RepoRef, labels: string[] | undefined, label: string | undefined): { labels: JsonObject[]; label?: JsonObject } {
  if ((action === "labeled" || action === "unlabeled") && !label) throw new Error(`${action} needs a label`);
  let names = labels ?? (action === "labeled" && label ? [label] : []);
  if (action === "labeled" && label && !names.includes(label)) names = [...names, label];
  if (action === "unlabeled" && label) names = names.filter((n) => n !== label);
  return {
    labels: names.map((n) => labelObject(r.owner, r.repo, n)),
    ...(label && (action === "labeled" || action === "unlabeled") ? { label: labelObject(r.owner, r.repo, label) } : {}),
  };
}

const association = (login: string, owner: string) => (login === owner ? "OWNER" : "NONE");

export type IssuesAction = "labeled" | "unlabeled" | "opened" | "closed" | "reopened" | "edited" | "deleted" | "transferred";

export interface IssueOptions extends RepoRef {
  number: number;
  title?: string;
  body?: string | null;
  /** Issue author; default the owner. */
  user?: string;
  /** Label names on the issue after the event. */
  labels?: string[];
  /** The label added/removed (labeled/unlabeled). */
  label?: string;
  state?: "open" | "closed";
  /** Who triggered the event; default the issue author. */
  sender?: string;
  /** For `edited`: what changed. */
  changes?: { title?: { from: string }; body?: { from: string } };
}

function issueObject(base: JsonObject, o: IssueOptions, state: "open" | "closed", extra: { labels: JsonObject[]; pr?: boolean }): JsonObject {
  const user = o.user ?? o.owner;
  const urls = issueUrls(o.owner, o.repo, o.number, extra.pr ?? false);
  const issue: JsonObject = {
    ...base,
    ...urls,
    id: fnv(`issue:${o.owner}/${o.repo}#${o.number}`),
    node_id: issueNodeId(o.owner, o.repo, o.number),
    number: o.number,
    title: o.title ?? `Topic ${o.number}`,
    body: o.body === undefined ? "" : o.body,
    user: userObject(user),
    labels: extra.labels,
    state,
    state_reason: state === "closed" ? "completed" : null,
    locked: false,
    active_lock_reason: null,
    assignee: null,
    assignees: [],
    milestone: null,
    comments: 0,
    closed_at: state === "closed" ? "2024-01-02T00:00:00Z" : null,
    author_association: association(user, o.owner),
    performed_via_github_app: null,
    reactions: reactionsObject(urls.url as string),
  };
  if ("timeline_url" in base) issue.timeline_url = `${urls.url as string}/timeline`;
  if (!extra.pr) delete issue.pull_request;
  return issue;
}

/** An `issues` webhook payload, valid against GitHub's schema. */
export function issuesPayload(action: IssuesAction, o: IssueOptions): WebhookPayload {
  const name = `issues.${action}`;
  // There is no "closed" example; "reopened" has the same shape.
  const p = examplePayload(action === "closed" ? "issues.reopened" : name) as JsonObject;
  retarget(p, o);
  const state = o.state ?? (action === "closed" ? "closed" : "open");
  const { labels, label } = labelsFor(action, o, o.labels, o.label);
  p.action = action;
  p.issue = issueObject(p.issue as JsonObject, o, state, { labels });
  if (label) p.label = label;
  else delete p.label;
  if (action === "edited") p.changes = o.changes ?? p.changes ?? {};
  p.sender = userObject(o.sender ?? o.user ?? o.owner);
  return finish(name, p);
}

export type PullRequestAction = "labeled" | "unlabeled" | "closed";

export interface PullRequestOptions extends IssueOptions {
  /** For `closed`: merged or just closed; default false. */
  merged?: boolean;
  /** Head branch; default `docket/pr-<number>`. */
  head?: string;
  /** Base branch; default `main`. */
  base?: string;
  headSha?: string;
}

/** A `pull_request` webhook payload, valid against GitHub's schema. */
export function pullRequestPayload(action: PullRequestAction, o: PullRequestOptions): WebhookPayload {
  const name = `pull_request.${action}`;
  const p = examplePayload(name) as JsonObject;
  retarget(p, o);
  const state = o.state ?? (action === "closed" ? "closed" : "open");
  const { labels, label } = labelsFor(action, o, o.labels, o.label);
  const user = o.user ?? o.owner;
  const merged = action === "closed" && o.merged === true;
  const repoApi = `https://api.github.com/repos/${o.owner}/${o.repo}`;
  const api = `${repoApi}/pulls/${o.number}`;
  const html = `https://github.com/${o.owner}/${o.repo}/pull/${o.number}`;
  const headRef = o.head ?? `docket/pr-${o.number}`;
  const headSha = o.headSha ?? sha1(`head:${o.owner}/${o.repo}#${o.number}`);
  const base = p.pull_request as JsonObject;
  const side = (kept: unknown, ref: string, sha: string): JsonObject => {
    const s = { ...(isObject(kept) ? kept : {}) };
    s.label = `${o.owner}:${ref}`;
    s.ref = ref;
    s.sha = sha;
    s.user = userObject(o.owner, o.ownerType ?? "User");
    if (isObject(s.repo)) {
      s.repo = { ...s.repo };
      setRepository(s.repo as JsonObject, o);
    }
    return s;
  };
  p.action = action;
  p.number = o.number;
  p.pull_request = {
    ...base,
    url: api,
    id: fnv(`pr:${o.owner}/${o.repo}#${o.number}`),
    node_id: pullRequestNodeId(o.owner, o.repo, o.number),
    html_url: html,
    diff_url: `${html}.diff`,
    patch_url: `${html}.patch`,
    issue_url: `${repoApi}/issues/${o.number}`,
    commits_url: `${api}/commits`,
    review_comments_url: `${api}/comments`,
    review_comment_url: `${repoApi}/pulls/comments{/number}`,
    comments_url: `${repoApi}/issues/${o.number}/comments`,
    statuses_url: `${repoApi}/statuses/${headSha}`,
    number: o.number,
    state,
    locked: false,
    title: o.title ?? `Change ${o.number}`,
    user: userObject(user),
    body: o.body === undefined ? "" : o.body,
    labels,
    milestone: null,
    assignee: null,
    assignees: [],
    requested_reviewers: [],
    requested_teams: [],
    closed_at: state === "closed" ? "2024-01-02T00:00:00Z" : null,
    merged_at: merged ? "2024-01-02T00:00:00Z" : null,
    merge_commit_sha: merged ? sha1(`merge:${o.owner}/${o.repo}#${o.number}`) : null,
    merged,
    merged_by: merged ? userObject(o.sender ?? o.owner) : null,
    draft: false,
    author_association: association(user, o.owner),
    auto_merge: null,
    active_lock_reason: null,
    head: side(base.head, headRef, headSha),
    base: side(base.base, o.base ?? "main", sha1(`base:${o.owner}/${o.repo}#${o.number}`)),
    _links: {
      self: { href: api },
      html: { href: html },
      issue: { href: `${repoApi}/issues/${o.number}` },
      comments: { href: `${repoApi}/issues/${o.number}/comments` },
      review_comments: { href: `${api}/comments` },
      review_comment: { href: `${repoApi}/pulls/comments{/number}` },
      commits: { href: `${api}/commits` },
      statuses: { href: `${repoApi}/statuses/${headSha}` },
    },
  };
  if (label) p.label = label;
  else delete p.label;
  p.sender = userObject(o.sender ?? user);
  return finish(name, p);
}

export interface IssueCommentOptions extends RepoRef {
  number: number;
  body: string;
  commenter: string;
  issueAuthor: string;
  isPullRequest?: boolean;
  action?: "created" | "edited" | "deleted";
  commentId?: number;
  title?: string;
  issueBody?: string;
  labels?: string[];
  state?: "open" | "closed";
}

/** An `issue_comment` webhook payload (default action `created`), valid against GitHub's schema. */
export function issueCommentPayload(o: IssueCommentOptions): WebhookPayload {
  const action = o.action ?? "created";
  const name = `issue_comment.${action}`;
  const p = examplePayload(name) as JsonObject;
  retarget(p, o);
  const pr = o.isPullRequest === true;
  const issue = issueObject(
    p.issue as JsonObject,
    { ...o, user: o.issueAuthor, body: o.issueBody ?? "", title: o.title },
    o.state ?? "open",
    { labels: (o.labels ?? []).map((n) => labelObject(o.owner, o.repo, n)), pr },
  );
  issue.comments = 1;
  if (pr) {
    const html = `https://github.com/${o.owner}/${o.repo}/pull/${o.number}`;
    issue.pull_request = {
      url: `https://api.github.com/repos/${o.owner}/${o.repo}/pulls/${o.number}`,
      html_url: html,
      diff_url: `${html}.diff`,
      patch_url: `${html}.patch`,
      merged_at: null,
    };
  }
  const id = o.commentId ?? fnv(`comment:${o.owner}/${o.repo}#${o.number}:${o.commenter}:${o.body}`);
  const commentApi = `https://api.github.com/repos/${o.owner}/${o.repo}/issues/comments/${id}`;
  p.action = action;
  p.issue = issue;
  p.comment = {
    ...(p.comment as JsonObject),
    id,
    node_id: `IC_${b64(String(id))}`,
    url: commentApi,
    html_url: `${issue.html_url as string}#issuecomment-${id}`,
    issue_url: issue.url,
    user: userObject(o.commenter),
    body: o.body,
    author_association: association(o.commenter, o.owner),
    performed_via_github_app: null,
    reactions: reactionsObject(commentApi),
  };
  p.sender = userObject(o.commenter);
  if (action === "edited" && !isObject(p.changes)) p.changes = { body: { from: "" } };
  return finish(name, p);
}

export interface PushCommit {
  id: string;
  message?: string;
  added?: string[];
  modified?: string[];
  removed?: string[];
  author?: string;
}

export interface PushOptions extends RepoRef {
  after: string;
  before?: string;
  commits: PushCommit[];
  /** Full ref; default `refs/heads/main`. */
  ref?: string;
  pusher?: string;
  defaultBranch?: string;
}

/** A `push` webhook payload, valid against GitHub's schema. */
export function pushPayload(o: PushOptions): WebhookPayload {
  const p = examplePayload("push") as JsonObject;
  retarget(p, o);
  const pusher = o.pusher ?? o.owner;
  const before = o.before ?? sha1(`before:${o.after}`);
  const html = `https://github.com/${o.owner}/${o.repo}`;
  const person = (login: string) => ({ name: login, email: `${login}@users.noreply.github.com`, username: login });
  const commits = o.commits.map((c) => ({
    id: c.id,
    tree_id: sha1(`tree:${c.id}`),
    distinct: true,
    message: c.message ?? `Update ${[...(c.added ?? []), ...(c.modified ?? []), ...(c.removed ?? [])].join(", ") || "files"}`,
    timestamp: "2024-01-02T00:00:00Z",
    url: `${html}/commit/${c.id}`,
    author: person(c.author ?? pusher),
    committer: person(c.author ?? pusher),
    added: c.added ?? [],
    removed: c.removed ?? [],
    modified: c.modified ?? [],
  }));
  p.ref = o.ref ?? "refs/heads/main";
  p.before = before;
  p.after = o.after;
  p.created = false;
  p.deleted = false;
  p.forced = false;
  p.base_ref = null;
  p.compare = `${html}/compare/${before.slice(0, 12)}...${o.after.slice(0, 12)}`;
  p.commits = commits;
  p.head_commit = commits[commits.length - 1] ?? null;
  p.pusher = { name: pusher, email: `${pusher}@users.noreply.github.com` };
  p.sender = userObject(pusher);
  const repo = p.repository as JsonObject;
  repo.default_branch = o.defaultBranch ?? "main";
  if ("master_branch" in repo) repo.master_branch = repo.default_branch;
  return finish("push", p);
}

export interface ProjectsV2ItemOptions {
  /** The organisation that owns the board (the event has no repository). */
  org: string;
  projectNodeId: string;
  itemNodeId: string;
  /** The node id of the item's issue, pull request or draft. */
  contentNodeId: string;
  contentType?: "Issue" | "PullRequest" | "DraftIssue";
  sender?: string;
  installationId?: number;
  /** `edited`: the field that changed, as newer payloads name it (`changes.field_value`). */
  field?: { name: string; projectNumber: number };
}

/**
 * A `projects_v2_item` webhook payload (`created`, `edited`, `archived`, `restored`,
 * `converted`, `reordered`, `deleted`), built on GitHub's example of that action and valid
 * against GitHub's schema. `edited` keeps the example's thin `changes.field_value`.
 */
export function projectsV2ItemPayload(action: string, o: ProjectsV2ItemOptions): WebhookPayload {
  const name = `projects_v2_item.${action}`;
  // GitHub's examples have no `deleted`: it is `created`'s shape with another action (the schema checks it).
  const p = examplePayload(action === "deleted" ? "projects_v2_item.created" : name) as JsonObject;
  p.action = action;
  const item = p.projects_v2_item as JsonObject;
  item.node_id = o.itemNodeId;
  item.id = fnv(`item:${o.itemNodeId}`);
  item.project_node_id = o.projectNodeId;
  item.content_node_id = o.contentNodeId;
  item.content_type = o.contentType ?? "Issue";
  item.creator = userObject(o.sender ?? "alice");
  p.organization = organizationObject(o.org);
  p.installation = installationObject(o.installationId ?? 1);
  p.sender = userObject(o.sender ?? "alice");
  if (o.field && action === "edited") {
    const changes = (p.changes ?? {}) as JsonObject;
    p.changes = { ...changes, field_value: { ...(changes.field_value as JsonObject), field_name: o.field.name, project_number: o.field.projectNumber } };
  }
  return finish(name, p);
}

/**
 * `{ id, name, payload }` for `probot.receive()` (the name is the event part of `name`), typed
 * loosely so it can be passed without a cast. The payload is checked first: throws if invalid.
 */
export function webhookEvent(name: string, payload: unknown, id = "00000000-0000-4000-8000-000000000000"): { id: string; name: any; payload: any } {
  const violations = checkWebhookPayload(name, payload);
  if (violations.length) throw new Error(`webhookEvent(${JSON.stringify(name)}): payload does not match GitHub's schema:\n  ${violations.join("\n  ")}`);
  return { id, name: parseName(name).event, payload };
}
