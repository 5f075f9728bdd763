/**
 * The world file: what the simulator's GitHub holds when it starts (and after
 * `POST /_sim/reset`). YAML or JSON; the format is described in docs/simulator.md.
 *
 * Parsed with zod (strict: an unknown key is an error, so a typo never falls
 * back to a default silently); problems are reported with their path.
 */
import { readFileSync } from "node:fs";
import { parse as parseYaml } from "yaml";
import { z } from "zod";

export const ROLES = ["read", "triage", "write", "maintain", "admin"] as const;
export type Role = (typeof ROLES)[number];

/** REST reaction contents, as `POST …/reactions` takes them. */
export const REACTION_CONTENTS = ["+1", "-1", "laugh", "confused", "heart", "hooray", "rocket", "eyes"] as const;
export type ReactionContent = (typeof REACTION_CONTENTS)[number];

const login = z.string().regex(/^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})(?:\[bot\])?$/, "expected a GitHub login such as alice or renovate[bot]");
const isoTime = z.iso.datetime({ offset: true });
const role = z.enum(ROLES);
const repoName = z.string().regex(/^[A-Za-z0-9_.-]+$/, "expected a repository name such as meetings or .github");
const fullName = z.string().regex(/^[A-Za-z0-9-]+\/[A-Za-z0-9_.*-]+$|^\*$/, 'expected "owner/name", "owner/*" or "*"');
const hexColor = z.string().regex(/^[0-9a-fA-F]{6}$/, "expected a 6-digit hex colour without #");

const labelSpec = z.union([
  z.string().min(1).max(50),
  z.strictObject({ name: z.string().min(1).max(50), color: hexColor.optional(), description: z.string().nullable().optional() }),
]);

const issueLabelSpec = z.union([z.string().min(1).max(50), z.strictObject({ name: z.string().min(1).max(50), at: isoTime.optional(), by: login.optional() })]);

const reactionsSpec = z.partialRecord(z.enum(REACTION_CONTENTS), z.array(login));

const commentSpec = z.strictObject({
  author: login,
  body: z.string(),
  at: isoTime.optional(),
  reactions: reactionsSpec.optional(),
});

/** A milestone of a repository (Docket reads milestones as sprints). */
const milestoneSpec = z.strictObject({
  number: z.number().int().positive().optional(),
  title: z.string().min(1),
  description: z.string().nullable().optional(),
  state: z.enum(["open", "closed"]).default("open"),
  /** The due date, as GitHub stores it (an instant; the UI shows its date). */
  due_on: isoTime.nullable().optional(),
  created_at: isoTime.optional(),
  closed_at: isoTime.optional(),
  /** Who created it (default: the repository's owner). */
  creator: login.optional(),
});

const issueMilestoneSpec = z.union([z.string().min(1), z.strictObject({ title: z.string().min(1), at: isoTime.optional(), by: login.optional() })]);

const issueSpec = z.strictObject({
  number: z.number().int().positive().optional(),
  title: z.string().min(1),
  author: login,
  body: z.string().nullable().optional(),
  state: z.enum(["open", "closed"]).default("open"),
  state_reason: z.enum(["completed", "not_planned", "reopened"]).nullable().optional(),
  created_at: isoTime.optional(),
  closed_at: isoTime.optional(),
  labels: z.array(issueLabelSpec).default([]),
  /** The milestone (by title) and when it was set (`at`, default `created_at`) and by whom. */
  milestone: issueMilestoneSpec.optional(),
  /** People assigned to it. */
  assignees: z.array(login).default([]),
  reactions: reactionsSpec.optional(),
  comments: z.array(commentSpec).default([]),
  pinned: z.boolean().default(false),
  locked: z.boolean().default(false),
  /** Makes this a pull request: `true`, or its head/base branches. */
  pull_request: z
    .union([
      z.boolean(),
      z.strictObject({ head: z.string().optional(), base: z.string().optional(), draft: z.boolean().optional(), merged: z.boolean().optional() }),
    ])
    .optional(),
});

/** A field of a Projects (v2) board (Title and the other built-in fields are implied). */
const projectFieldSpec = z.discriminatedUnion("type", [
  z.strictObject({ name: z.string().min(1), type: z.literal("single_select"), options: z.array(z.string().min(1)).min(1) }),
  z.strictObject({ name: z.string().min(1), type: z.literal("number") }),
  z.strictObject({ name: z.string().min(1), type: z.literal("text") }),
  z.strictObject({
    name: z.string().min(1),
    type: z.literal("iteration"),
    /** Days per iteration (the field's default). */
    duration: z.number().int().positive().default(14),
    iterations: z.array(z.strictObject({ title: z.string().min(1), start_date: z.iso.date(), duration: z.number().int().positive().optional() })).default([]),
  }),
]);

/** An item of a board: an issue or pull request ("owner/name#number") or a draft (`draft`). */
const projectItemSpec = z.strictObject({
  content: z
    .string()
    .regex(/^[A-Za-z0-9-]+\/[A-Za-z0-9_.-]+#\d+$/, 'expected "owner/name#number"')
    .optional(),
  draft: z.strictObject({ title: z.string().min(1), body: z.string().default("") }).optional(),
  /** Field name -> value: an option name, a number, an iteration title or text. */
  values: z.record(z.string(), z.union([z.string(), z.number()])).default({}),
  archived: z.boolean().default(false),
  /** Who added it (default: the board's first member or owner). */
  creator: login.optional(),
  created_at: isoTime.optional(),
});

/** A Projects (v2) board of an organisation or a user. */
const projectSpec = z.strictObject({
  number: z.number().int().positive(),
  title: z.string().min(1),
  /** A public board may be read by anybody (`ProjectV2.public`); a private one by its owner's members. */
  public: z.boolean().default(false),
  fields: z.array(projectFieldSpec).default([]),
  items: z.array(projectItemSpec).default([]),
  created_at: isoTime.optional(),
});

const repoSpec = z.strictObject({
  name: repoName,
  description: z.string().nullable().optional(),
  visibility: z.enum(["public", "private", "internal"]).default("public"),
  default_branch: z.string().default("main"),
  created_at: isoTime.optional(),
  /** Repository roles of people beyond the organisation's members (outside collaborators). */
  permissions: z.record(login, role).default({}),
  labels: z.array(labelSpec).default([]),
  milestones: z.array(milestoneSpec).default([]),
  /** Files on the default branch: path -> text. */
  files: z.record(z.string().min(1), z.string()).default({}),
  issues: z.array(issueSpec).default([]),
  has_issues: z.boolean().default(true),
});

const orgSpec = z.strictObject({
  login,
  name: z.string().optional(),
  description: z.string().nullable().optional(),
  /** Organisation members and the role each has on every repository of the organisation. */
  members: z.record(login, role).default({}),
  repos: z.array(repoSpec).default([]),
  /** Projects (v2) boards; their item events are delivered as `projects_v2_item` webhooks. */
  projects: z.array(projectSpec).default([]),
});

const userWithRepos = z.strictObject({
  login,
  name: z.string().optional(),
  type: z.enum(["User", "Bot"]).default("User"),
  repos: z.array(repoSpec).default([]),
  /** Projects (v2) boards of the user (GitHub sends no webhooks for user boards). */
  projects: z.array(projectSpec).default([]),
});

const permissionLevel = z.enum(["read", "write", "admin"]);

const installationSpec = z.strictObject({
  id: z.number().int().positive(),
  account: login,
  /** "all", or the names of the selected repositories of the account. */
  repositories: z.union([z.literal("all"), z.array(repoName)]).default("all"),
  permissions: z.record(z.string(), permissionLevel).optional(),
  events: z.array(z.string()).optional(),
});

const appSpec = z.strictObject({
  id: z.number().int().positive(),
  slug: z.string().regex(/^[a-z0-9][a-z0-9-]*$/),
  name: z.string().min(1),
  owner: login,
  description: z.string().nullable().optional(),
  client_id: z.string().optional(),
  permissions: z
    .record(z.string(), permissionLevel)
    .default({ issues: "write", pull_requests: "write", contents: "write", organization_projects: "read", checks: "write", metadata: "read" }),
  events: z.array(z.string()).default(["issues", "issue_comment", "pull_request", "push", "projects_v2_item"]),
  /** PEM of the app's public key (or a path to a .pem file); usually given to startSimulator instead. */
  public_key: z.string().optional(),
  installations: z.array(installationSpec).default([]),
});

const tokenSpec = z.strictObject({
  token: z.string().min(8),
  /** Who the token acts as (a user, or a bot such as github-actions[bot]). */
  login,
  /** Repositories it may use: "owner/name", "owner/*" or "*". */
  repos: z.array(fullName).default(["*"]),
  permissions: z.record(z.string(), permissionLevel).default({ issues: "write", contents: "write", pull_requests: "write", checks: "write", metadata: "read" }),
});

export const worldSchema = z.strictObject({
  /** The simulated clock's start (ISO); default: the real time when the world is loaded. */
  now: isoTime.optional(),
  /** Freeze the simulated clock at `now`, advancing `step_ms` per change (deterministic timestamps). */
  clock: z.strictObject({ frozen: z.boolean().default(false), step_ms: z.number().int().nonnegative().default(1000) }).optional(),
  /** People (and bots): a login, or `{ login, name?, type?, repos? }`. */
  users: z.array(z.union([login, userWithRepos])).default([]),
  orgs: z.array(orgSpec).default([]),
  app: appSpec.optional(),
  tokens: z.array(tokenSpec).default([]),
});

export type World = z.input<typeof worldSchema>;
export type WorldSpec = z.output<typeof worldSchema>;
export type RepoSpec = z.output<typeof repoSpec>;
export type IssueSpec = z.output<typeof issueSpec>;
export type MilestoneSpec = z.output<typeof milestoneSpec>;
export type AppSpec = z.output<typeof appSpec>;
export type ProjectSpec = z.output<typeof projectSpec>;
export type ProjectItemSpec = z.output<typeof projectItemSpec>;
export type PermissionLevel = z.output<typeof permissionLevel>;

export class WorldError extends Error {
  constructor(
    message: string,
    readonly problems: string[],
  ) {
    super(`${message}\n  ${problems.join("\n  ")}`);
    this.name = "WorldError";
  }
}

/** Validates a world (an object as written in a world file); throws a WorldError listing every problem. */
export function parseWorld(input: unknown, source = "world"): WorldSpec {
  const result = worldSchema.safeParse(input ?? {});
  if (!result.success) {
    const problems = result.error.issues.map((i) => `${i.path.map(String).join(".") || "(root)"}: ${i.message}`);
    throw new WorldError(`${source} is not a valid world file`, problems);
  }
  const world = result.data;
  const problems = crossCheck(world);
  if (problems.length) throw new WorldError(`${source} is not a valid world file`, problems);
  return world;
}

/** Reads a world file (`.yml`, `.yaml` or `.json`). */
export function loadWorldFile(path: string): WorldSpec {
  const text = readFileSync(path, "utf8");
  const raw: unknown = /\.json$/i.test(path) ? JSON.parse(text) : parseYaml(text);
  return parseWorld(raw, path);
}

/** A world given as an object, or the path of a world file. */
export function resolveWorld(world: World | WorldSpec | string): WorldSpec {
  return typeof world === "string" ? loadWorldFile(world) : parseWorld(world);
}

function crossCheck(w: WorldSpec): string[] {
  const problems: string[] = [];
  const logins = new Set<string>();
  const add = (l: string, where: string) => {
    const k = l.toLowerCase();
    if (logins.has(k)) problems.push(`${where}: the login ${l} is used twice`);
    logins.add(k);
  };
  w.users.forEach((u, i) => {
    add(typeof u === "string" ? u : u.login, `users.${i}`);
  });
  w.orgs.forEach((o, i) => {
    add(o.login, `orgs.${i}`);
  });
  if (w.app) add(`${w.app.slug}[bot]`, "app.slug");
  const known = (l: string) => logins.has(l.toLowerCase());
  const repos = new Map<string, RepoSpec>();
  const owners: Array<{ login: string; repos: RepoSpec[]; where: string }> = [
    ...w.orgs.map((o, i) => ({ login: o.login, repos: o.repos, where: `orgs.${i}` })),
    ...w.users.flatMap((u, i) => (typeof u === "object" && "repos" in u ? [{ login: u.login, repos: u.repos, where: `users.${i}` }] : [])),
  ];
  for (const o of owners) {
    o.repos.forEach((r, j) => {
      const key = `${o.login}/${r.name}`.toLowerCase();
      if (repos.has(key)) problems.push(`${o.where}.repos.${j}: ${o.login}/${r.name} is defined twice`);
      repos.set(key, r);
      for (const p of Object.keys(r.permissions)) if (!known(p)) problems.push(`${o.where}.repos.${j}.permissions.${p}: unknown user (list it under users)`);
      const numbers = new Set<number>();
      const milestoneTitles = new Set<string>();
      const milestoneNumbers = new Set<number>();
      r.milestones.forEach((m, k) => {
        const where = `${o.where}.repos.${j}.milestones.${k}`;
        if (milestoneTitles.has(m.title.toLowerCase())) problems.push(`${where}.title: the milestone ${m.title} is defined twice`);
        milestoneTitles.add(m.title.toLowerCase());
        if (m.number !== undefined) {
          if (milestoneNumbers.has(m.number)) problems.push(`${where}.number: ${m.number} is used twice`);
          milestoneNumbers.add(m.number);
        }
        if (m.creator && !known(m.creator)) problems.push(`${where}.creator: unknown user ${m.creator}`);
      });
      r.issues.forEach((iss, k) => {
        const where = `${o.where}.repos.${j}.issues.${k}`;
        if (!known(iss.author)) problems.push(`${where}.author: unknown user ${iss.author}`);
        if (iss.milestone !== undefined) {
          const m = typeof iss.milestone === "string" ? { title: iss.milestone } : iss.milestone;
          if (!milestoneTitles.has(m.title.toLowerCase()))
            problems.push(`${where}.milestone: no milestone ${m.title} in ${o.login}/${r.name} (list it under milestones)`);
          if ("by" in m && m.by && !known(m.by)) problems.push(`${where}.milestone: unknown user ${m.by}`);
        }
        for (const a of iss.assignees) if (!known(a)) problems.push(`${where}.assignees: unknown user ${a}`);
        if (iss.number !== undefined) {
          if (numbers.has(iss.number)) problems.push(`${where}.number: #${iss.number} is used twice`);
          numbers.add(iss.number);
        }
        for (const c of iss.comments) if (!known(c.author)) problems.push(`${where}.comments: unknown user ${c.author}`);
        for (const l of iss.labels) if (typeof l === "object" && l.by && !known(l.by)) problems.push(`${where}.labels: unknown user ${l.by}`);
        for (const users of Object.values(iss.reactions ?? {}))
          for (const u of users ?? []) if (!known(u)) problems.push(`${where}.reactions: unknown user ${u}`);
      });
    });
  }
  const boards: Array<{ projects: ProjectSpec[]; where: string }> = [
    ...w.orgs.map((o, i) => ({ projects: o.projects, where: `orgs.${i}` })),
    ...w.users.flatMap((u, i) => (typeof u === "object" ? [{ projects: u.projects, where: `users.${i}` }] : [])),
  ];
  for (const b of boards) {
    const numbers = new Set<number>();
    b.projects.forEach((p, j) => {
      const where = `${b.where}.projects.${j}`;
      if (numbers.has(p.number)) problems.push(`${where}.number: ${p.number} is used twice`);
      numbers.add(p.number);
      p.items.forEach((it, k) => {
        const at = `${where}.items.${k}`;
        if ((it.content === undefined) === (it.draft === undefined)) problems.push(`${at}: give either content ("owner/name#number") or draft`);
        if (it.content) {
          const [full = "", num = ""] = it.content.split("#");
          const r = repos.get(full.toLowerCase());
          if (!r) problems.push(`${at}.content: no repository ${full} in the world`);
          else if (!/^\d+$/.test(num)) problems.push(`${at}.content: expected "owner/name#number"`);
        }
        if (it.creator && !known(it.creator)) problems.push(`${at}.creator: unknown user ${it.creator}`);
        for (const [name, value] of Object.entries(it.values)) {
          const f = p.fields.find((x) => x.name.toLowerCase() === name.toLowerCase());
          if (!f) problems.push(`${at}.values.${name}: no field ${name} on the board`);
          else if (f.type === "single_select" && !f.options.some((o) => o.toLowerCase() === String(value).toLowerCase()))
            problems.push(`${at}.values.${name}: no option ${value} (options: ${f.options.join(", ")})`);
          else if (f.type === "iteration" && !f.iterations.some((o) => o.title.toLowerCase() === String(value).toLowerCase()))
            problems.push(`${at}.values.${name}: no iteration ${value}`);
          else if (f.type === "number" && typeof value !== "number") problems.push(`${at}.values.${name}: expected a number`);
        }
      });
    });
  }
  w.orgs.forEach((o, i) => {
    for (const m of Object.keys(o.members)) if (!known(m)) problems.push(`orgs.${i}.members.${m}: unknown user (list it under users)`);
  });
  if (w.app) {
    if (!known(w.app.owner)) problems.push(`app.owner: unknown account ${w.app.owner}`);
    const ids = new Set<number>();
    w.app.installations.forEach((inst, i) => {
      if (ids.has(inst.id)) problems.push(`app.installations.${i}.id: ${inst.id} is used twice`);
      ids.add(inst.id);
      if (!known(inst.account)) problems.push(`app.installations.${i}.account: unknown account ${inst.account}`);
      if (Array.isArray(inst.repositories)) {
        for (const r of inst.repositories)
          if (!repos.has(`${inst.account}/${r}`.toLowerCase())) problems.push(`app.installations.${i}.repositories: ${inst.account}/${r} is not in the world`);
      }
    });
  }
  return problems;
}
