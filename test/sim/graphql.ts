/**
 * GraphQL over the simulator's state, executed by graphql@16 against GitHub's
 * published schema (`githubSchema()` of test/contracts/graphql.ts): a document
 * GitHub would reject is rejected here, with GitHub's wording where we know it.
 *
 * Resolution: every object handed to graphql-js is a *view* — a plain object
 * with a `__typename` and one property per implemented field (a value, or a
 * function of the field's arguments). A field a view lacks is answered with
 * an error of type SIMULATOR_NOT_IMPLEMENTED (and reported as a contract
 * violation), so growing the simulator is adding a property to a view.
 */
import {
  execute,
  getVariableValues,
  GraphQLError,
  Kind,
  parse,
  validate,
  type DocumentNode,
  type GraphQLFieldResolver,
  type GraphQLTypeResolver,
  type OperationDefinitionNode,
} from "graphql";
import { checkGraphQLRequest, githubSchema } from "../contracts/graphql.js";
import { canSeeRepo, hasPermission, actorOf, type Principal } from "./auth.js";
import type { Urls } from "./render.js";
import { matchesSearch, parseSearchQuery, sortSearch } from "./search.js";
import { graphqlLimitRefusal } from "./limits.js";
import {
  SimError,
  type Account,
  type Comment,
  type Issue,
  type LabelDef,
  type Milestone,
  type Project,
  type ProjectField,
  type ProjectItem,
  type Reaction,
  type Repo,
  type State,
  type TimelineEvent,
} from "./state.js";
import type { ReactionContent } from "./world.js";

type View = Record<string, unknown>;
type Args = Record<string, any>;

export interface GraphQLEnv {
  state: State;
  urls: Urls;
  principal: Principal;
  searchLagMs: number;
  /** Points used by this principal in the current hour and when the window resets (for `rateLimit`). */
  points: { used: number; limit: number; resetAt: string };
}

export interface GraphQLRequestBody {
  query?: unknown;
  variables?: unknown;
  operationName?: unknown;
}

export interface GraphQLOutcome {
  status: number;
  body: { data?: unknown; errors?: unknown[] };
  operationName?: string;
  isMutation: boolean;
  /** Contract violations of the request (a document or variables GitHub would reject). */
  violations: string[];
  /** Fields the query asked for that the simulator does not implement yet. */
  unimplemented: string[];
}

/** An error GitHub reports with a top-level `type` (NOT_FOUND, FORBIDDEN, …). */
export class TypedGraphQLError extends Error {
  constructor(
    readonly type: string,
    message: string,
  ) {
    super(message);
  }
}

/** A mutation whose input GitHub's size limits refuse (./limits.ts): answered UNPROCESSABLE, recorded as a violation. */
class LimitExceeded extends TypedGraphQLError {
  constructor(
    message: string,
    readonly violation: string,
  ) {
    super("UNPROCESSABLE", message);
  }
}

class NotImplemented extends TypedGraphQLError {
  constructor(readonly field: string) {
    super("SIMULATOR_NOT_IMPLEMENTED", `The Docket simulator does not implement ${field} yet (add it to the view in test/sim/graphql.ts)`);
  }
}

// ------------------------------------------------------------------------------------ request

/**
 * `parse(query)`, remembered: the app sends the same few documents again and again (the AST is
 * never changed by validation or execution). A syntax error is thrown each time.
 */
const parsed = new Map<string, DocumentNode | GraphQLError>();
function parseOnce(query: string): DocumentNode {
  let doc = parsed.get(query);
  if (doc === undefined) {
    try {
      doc = parse(query);
    } catch (e) {
      if (!(e instanceof GraphQLError)) throw e;
      doc = e;
    }
    if (parsed.size >= 500) parsed.clear();
    parsed.set(query, doc);
  }
  if (doc instanceof GraphQLError) throw doc;
  return doc;
}

/** "mutation", "query" or "subscription" for the operation a request would run (undefined when it cannot tell). */
export function operationType(query: string, operationName?: string): string | undefined {
  try {
    const ops = parseOnce(query).definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
    const op = operationName ? ops.find((o) => o.name?.value === operationName) : ops.length === 1 ? ops[0] : undefined;
    return op?.operation;
  } catch {
    return undefined;
  }
}

export function runGraphQL(env: GraphQLEnv, body: GraphQLRequestBody): GraphQLOutcome {
  const query = typeof body.query === "string" ? body.query : "";
  const variables = body.variables && typeof body.variables === "object" && !Array.isArray(body.variables) ? (body.variables as Record<string, unknown>) : {};
  const explicitName = typeof body.operationName === "string" && body.operationName !== "" ? body.operationName : undefined;
  const fail = (errors: unknown[], violations: string[], operationName?: string, isMutation = false): GraphQLOutcome => ({
    status: 200,
    body: { errors },
    ...(operationName ? { operationName } : {}),
    isMutation,
    violations,
    unimplemented: [],
  });
  if (!query) return fail([{ message: "A query attribute must be specified and must be a string." }], ["GraphQL: no query in the request body"]);

  let document: DocumentNode;
  try {
    document = parseOnce(query);
  } catch (e) {
    const err = e as GraphQLError;
    const loc = err.locations?.[0];
    return fail(
      [
        {
          message: `Parse error on ${err.message.replace(/^Syntax Error: /, "")}${loc ? ` at [${loc.line}, ${loc.column}]` : ""}`,
          locations: err.locations ?? [],
        },
      ],
      [`GraphQL syntax: ${err.message}`],
    );
  }
  const ops = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  const op = explicitName ? ops.find((o) => o.name?.value === explicitName) : ops.length === 1 ? ops[0] : undefined;
  const operationName = op?.name?.value ?? explicitName;
  const isMutation = op?.operation === "mutation";
  const violations = checkGraphQLRequest(query, variables, explicitName);
  if (violations.length) return fail(githubStyleErrors(document, variables, violations, op), violations, operationName, isMutation);
  if (!op) return fail([{ message: "An operation name is required" }], ["GraphQL: no operation to run"], operationName);

  const root = op.operation === "mutation" ? mutationRoot(env) : queryRoot(env);
  const result = execute({
    schema: githubSchema(),
    document,
    rootValue: root,
    contextValue: env,
    variableValues: variables,
    operationName: explicitName,
    fieldResolver,
    typeResolver,
  });
  if (result instanceof Promise) throw new Error("simulator resolvers must be synchronous");
  const unimplemented: string[] = [];
  const refused: string[] = [];
  const errors = (result.errors ?? []).map((e) => {
    const orig = e.originalError;
    if (orig instanceof NotImplemented) unimplemented.push(orig.field);
    if (orig instanceof LimitExceeded) refused.push(orig.violation);
    const out: Record<string, unknown> = {};
    if (orig instanceof TypedGraphQLError) out.type = orig.type;
    else if (orig instanceof SimError) out.type = orig.status === 404 ? "NOT_FOUND" : orig.status === 403 ? "FORBIDDEN" : "UNPROCESSABLE";
    if (e.path) out.path = e.path;
    if (e.locations) out.locations = e.locations;
    out.message = e.message;
    return out;
  });
  return {
    status: 200,
    body: { data: result.data ?? null, ...(errors.length ? { errors } : {}) },
    ...(operationName ? { operationName } : {}),
    isMutation,
    violations: refused,
    unimplemented,
  };
}

/** GitHub's wording for the validation errors we can recognise; the kit's text for the rest. */
function githubStyleErrors(
  document: DocumentNode,
  variables: Record<string, unknown>,
  violations: string[],
  op: OperationDefinitionNode | undefined,
): unknown[] {
  const errors: unknown[] = [];
  for (const e of validate(githubSchema(), document)) {
    const locations = e.locations ?? [];
    let m: RegExpExecArray | null;
    if ((m = /^Cannot query field "(\w+)" on type "(\w+)"/.exec(e.message))) {
      errors.push({
        path: [],
        extensions: { code: "undefinedField", typeName: m[2], fieldName: m[1] },
        locations,
        message: `Field '${m[1]}' doesn't exist on type '${m[2]}'`,
      });
    } else if ((m = /^Unknown argument "(\w+)" on field "(\w+)\.(\w+)"/.exec(e.message))) {
      errors.push({
        extensions: { code: "argumentNotAccepted", name: m[3], typeName: "Field", argumentName: m[1] },
        locations,
        message: `Field '${m[3]}' doesn't accept argument '${m[1]}'`,
      });
    } else if ((m = /^Field "(\w+)" argument "(\w+)" of type "(.+)" is required/.exec(e.message))) {
      errors.push({
        extensions: { code: "missingRequiredArguments", className: "Field", name: m[1], arguments: m[2] },
        locations,
        message: `Field '${m[1]}' is missing required arguments: ${m[2]}`,
      });
    } else if ((m = /^Unknown type "(\w+)"/.exec(e.message))) {
      errors.push({ extensions: { code: "undefinedType", typeName: m[1] }, locations, message: `No such type ${m[1]}, so it can't be a fragment condition` });
    } else if ((m = /^Variable "\$(\w+)" is never used/.exec(e.message))) {
      errors.push({
        extensions: { code: "variableNotUsed", variableName: m[1] },
        locations,
        message: `Variable $${m[1]} is declared by ${op?.name?.value ?? "anonymous query"} but not used`,
      });
    } else {
      errors.push({ locations, message: e.message });
    }
  }
  if (errors.length) return errors;
  if (op) {
    const coerced = getVariableValues(githubSchema(), op.variableDefinitions ?? [], variables);
    for (const e of coerced.errors ?? []) {
      const name = /\$(\w+)/.exec(e.message)?.[1] ?? "?";
      const def = op.variableDefinitions?.find((v) => v.variable.name.value === name);
      const type = def ? printType(def.type) : "?";
      errors.push({
        extensions: { value: variables[name] ?? null, problems: [{ path: [], explanation: e.message }] },
        locations: e.locations ?? [],
        message: `Variable $${name} of type ${type} was provided invalid value`,
      });
    }
    if (errors.length) return errors;
  }
  for (const v of violations) {
    let m: RegExpExecArray | null;
    if ((m = /connection \w+\.(\w+) \(\w+\) at [\d:?]+ must pass first or last/.exec(v))) {
      errors.push({
        type: "MISSING_PAGINATION_BOUNDARIES",
        path: [],
        message: `You must provide a \`first\` or \`last\` value to properly paginate the \`${m[1]}\` connection.`,
      });
    } else if ((m = /connection \w+\.(\w+) \(\w+\) at [\d:?]+: (first|last): (?:\$\w+ = )?(-?\d+) is outside/.exec(v))) {
      errors.push({
        type: "EXCESSIVE_PAGINATION",
        path: [],
        message: `Requesting ${m[3]} records on the \`${m[1]}\` connection exceeds the \`${m[2]}\` limit of 100 records.`,
      });
    } else {
      errors.push({ message: v });
    }
  }
  return errors;
}

function printType(t: import("graphql").TypeNode): string {
  if (t.kind === Kind.NON_NULL_TYPE) return `${printType(t.type)}!`;
  if (t.kind === Kind.LIST_TYPE) return `[${printType(t.type)}]`;
  return t.name.value;
}

const fieldResolver: GraphQLFieldResolver<unknown, GraphQLEnv> = (source, args, _ctx, info) => {
  if (source === null || typeof source !== "object") return null;
  const view = source as View;
  if (!(info.fieldName in view)) throw new NotImplemented(`${info.parentType.name}.${info.fieldName}`);
  const v = view[info.fieldName];
  return typeof v === "function" ? (v as (a: Args) => unknown)(args) : v;
};

const typeResolver: GraphQLTypeResolver<unknown, GraphQLEnv> = (value, _ctx, _info, abstractType) => {
  const t = (value as View | null)?.__typename;
  if (typeof t === "string") return t;
  throw new Error(`simulator: a ${abstractType.name} value has no __typename`);
};

// ------------------------------------------------------------------------------------ connections

const cursorOf = (index: number) => Buffer.from(`cursor:${index + 1}`).toString("base64");

function decodeCursor(c: unknown, what: string): number {
  if (typeof c !== "string") return 0;
  const m = /^cursor:(\d+)$/.exec(Buffer.from(c, "base64").toString("utf8"));
  if (!m) throw new TypedGraphQLError("INVALID_CURSOR_ARGUMENTS", `\`${c}\` does not appear to be a valid cursor.`);
  void what;
  return Number(m[1]);
}

/** A connection (`nodes`, `edges`, `pageInfo`, `totalCount`) over `all`, paged by first/last/after/before. */
function connection<T>(all: T[], args: Args, toNode: (t: T) => unknown, extra: View = {}): View {
  let start = args.after ? decodeCursor(args.after, "after") : 0;
  let end = args.before ? decodeCursor(args.before, "before") - 1 : all.length;
  start = Math.max(0, Math.min(start, all.length));
  end = Math.max(start, Math.min(end, all.length));
  if (typeof args.first === "number") end = Math.min(end, start + args.first);
  if (typeof args.last === "number") start = Math.max(start, end - args.last);
  const slice = all.slice(start, end);
  const nodes = slice.map(toNode);
  return {
    totalCount: all.length,
    nodes,
    edges: nodes.map((node, i) => ({ __typename: "Edge", cursor: cursorOf(start + i), node })),
    pageInfo: {
      hasNextPage: end < all.length,
      hasPreviousPage: start > 0,
      startCursor: slice.length ? cursorOf(start) : null,
      endCursor: slice.length ? cursorOf(end - 1) : null,
    },
    ...extra,
  };
}

// ------------------------------------------------------------------------------------ access

const REACTION_TO_GRAPHQL: Record<ReactionContent, string> = {
  "+1": "THUMBS_UP",
  "-1": "THUMBS_DOWN",
  laugh: "LAUGH",
  hooray: "HOORAY",
  confused: "CONFUSED",
  heart: "HEART",
  rocket: "ROCKET",
  eyes: "EYES",
};
const REACTION_FROM_GRAPHQL = Object.fromEntries(Object.entries(REACTION_TO_GRAPHQL).map(([k, v]) => [v, k])) as Record<string, ReactionContent>;

const TIMELINE_TYPES: Record<string, TimelineEvent["type"] | "comment"> = {
  LABELED_EVENT: "labeled",
  UNLABELED_EVENT: "unlabeled",
  CLOSED_EVENT: "closed",
  REOPENED_EVENT: "reopened",
  RENAMED_TITLE_EVENT: "renamed",
  PINNED_EVENT: "pinned",
  UNPINNED_EVENT: "unpinned",
  TRANSFERRED_EVENT: "transferred",
  MILESTONED_EVENT: "milestoned",
  DEMILESTONED_EVENT: "demilestoned",
  ISSUE_COMMENT: "comment",
};

const notFound = (id: string) => new TypedGraphQLError("NOT_FOUND", `Could not resolve to a node with the global id of '${id}'.`);

function canReadIssue(env: GraphQLEnv, issue: Issue): boolean {
  return canSeeRepo(env.state, env.principal, issue.repo) && hasPermission(env.principal, issue.kind === "pull_request" ? "pull_requests" : "issues", "read");
}

function requireWrite(env: GraphQLEnv, issue: Issue): void {
  if (!canReadIssue(env, issue) && !(canSeeRepo(env.state, env.principal, issue.repo) && hasPermission(env.principal, "issues", "read")))
    throw notFound(issue.nodeId);
  if (!hasPermission(env.principal, "issues", "write")) {
    throw new TypedGraphQLError("FORBIDDEN", `Resource not accessible by ${env.principal.kind === "installation" ? "integration" : "personal access token"}`);
  }
}

// ------------------------------------------------------------------------------------ views

class Views {
  constructor(private readonly env: GraphQLEnv) {}

  private get state(): State {
    return this.env.state;
  }

  private web(path: string): string {
    return `${this.env.urls.web}${path}`;
  }

  actor(login: string | null): View | null {
    if (!login) return null;
    const a = this.state.account(login);
    if (!a)
      return {
        __typename: "User",
        login,
        id: "",
        databaseId: null,
        url: this.web(`/${login}`),
        resourcePath: `/${login}`,
        avatarUrl: () => "https://avatars.githubusercontent.com/u/0?v=4",
        name: null,
      };
    return this.account(a);
  }

  account(a: Account): View {
    const typename = a.type;
    const path = a.type === "Bot" ? `/apps/${a.login.replace(/\[bot\]$/, "")}` : `/${a.login}`;
    const v: View = {
      __typename: typename,
      id: a.nodeId,
      databaseId: a.id,
      login: a.login,
      name: a.name,
      url: this.web(path),
      resourcePath: path,
      avatarUrl: () => `https://avatars.githubusercontent.com/u/${a.id}?v=4`,
      createdAt: a.createdAt,
      updatedAt: a.createdAt,
    };
    if (a.type === "Organization") {
      v.description = a.description;
      v.repository = (args: Args) => this.repositoryByName(a.login, String(args.name));
    }
    if (a.type === "User") {
      v.repository = (args: Args) => this.repositoryByName(a.login, String(args.name));
    }
    if (a.type !== "Bot") {
      // The owner's repositories the principal can see, oldest first (ownerAffiliations: only OWNER is served).
      v.repositories = (args: Args) => {
        const repos = [...this.state.repos.values()].filter((r) => r.owner === a && canSeeRepo(this.state, this.env.principal, r)).sort((x, y) => x.id - y.id);
        return connection(repos, args, (r) => this.repository(r));
      };
      v.projectV2 = (args: Args) => {
        const p = a.projects.get(Number(args.number));
        if (!p) throw new TypedGraphQLError("NOT_FOUND", `Could not resolve to a ProjectV2 with the number ${args.number}.`);
        // As GitHub: a board that exists but may not be read is refused in the words of the principal's kind.
        if (!this.canReadProject(p))
          throw new TypedGraphQLError(
            "FORBIDDEN",
            `Resource not accessible by ${this.env.principal.kind === "installation" ? "integration" : "personal access token"}`,
          );
        return this.project(p);
      };
    }
    return v;
  }

  /**
   * Organisation boards: an installation or token with \`organization_projects: read\`. User boards:
   * tokens only (a GitHub App installation cannot read a user's boards).
   */
  canReadProject(p: Project): boolean {
    if (p.owner.type === "Organization") return hasPermission(this.env.principal, "organization_projects", "read");
    return this.env.principal.kind === "token";
  }

  project(p: Project): View {
    const path = `/${p.owner.type === "Organization" ? "orgs" : "users"}/${p.owner.login}/projects/${p.number}`;
    return {
      __typename: "ProjectV2",
      id: p.nodeId,
      databaseId: p.id,
      fullDatabaseId: String(p.id),
      number: p.number,
      title: p.title,
      shortDescription: null,
      readme: null,
      public: p.public,
      closed: false,
      closedAt: null,
      template: false,
      createdAt: p.createdAt,
      // biome-ignore lint/complexity/useMathMinMax: ISO timestamps (strings), the latest; Math.max would give NaN
      updatedAt: p.items.reduce((t, i) => (i.updatedAt > t ? i.updatedAt : t), p.createdAt),
      url: this.web(path),
      resourcePath: path,
      owner: () => this.account(p.owner),
      creator: () => this.actor(p.owner.login),
      field: (args: Args) => {
        const f = p.fields.find((x) => x.name.toLowerCase() === String(args.name).toLowerCase());
        return f ? this.projectField(p, f) : null;
      },
      fields: (args: Args) => connection(p.fields, args, (f) => this.projectField(p, f)),
      items: (args: Args) => connection(p.items, args, (i) => this.projectItem(p, i)),
    };
  }

  private projectField(p: Project, f: ProjectField): View {
    const base = { id: f.nodeId, databaseId: 0, name: f.name, createdAt: p.createdAt, updatedAt: p.createdAt, project: () => this.project(p) };
    if (f.type === "single_select") {
      return {
        __typename: "ProjectV2SingleSelectField",
        ...base,
        dataType: "SINGLE_SELECT",
        options: () =>
          f.options.map((o) => ({
            __typename: "ProjectV2SingleSelectFieldOption",
            id: o.id,
            name: o.name,
            nameHTML: o.name,
            color: "GRAY",
            description: "",
            descriptionHTML: "",
          })),
      };
    }
    if (f.type === "iteration") {
      const today = this.state.clock.iso().slice(0, 10);
      const end = (i: ProjectField["iterations"][number]) =>
        new Date(Date.parse(`${i.startDate}T00:00:00Z`) + i.duration * 86_400_000).toISOString().slice(0, 10);
      const view = (i: ProjectField["iterations"][number]) => ({
        __typename: "ProjectV2IterationFieldIteration",
        id: i.id,
        title: i.title,
        titleHTML: i.title,
        startDate: i.startDate,
        duration: i.duration,
      });
      const sorted = [...f.iterations].sort((a, b) => a.startDate.localeCompare(b.startDate));
      return {
        __typename: "ProjectV2IterationField",
        ...base,
        dataType: "ITERATION",
        configuration: {
          __typename: "ProjectV2IterationFieldConfiguration",
          duration: f.duration,
          startDay: 1,
          iterations: sorted.filter((i) => end(i) > today).map(view),
          completedIterations: sorted
            .filter((i) => end(i) <= today)
            .reverse()
            .map(view),
        },
      };
    }
    return { __typename: "ProjectV2Field", ...base, dataType: f.type === "number" ? "NUMBER" : "TEXT" };
  }

  /** An item; its content redacted (type REDACTED, content null) when this principal may not see the issue. */
  projectItem(p: Project, item: ProjectItem): View {
    const issue = item.issueNodeId ? this.state.issueByNodeId(item.issueNodeId) : undefined;
    const visible = issue ? canReadIssue(this.env, issue) : item.draft !== null;
    const type = !visible ? "REDACTED" : item.draft ? "DRAFT_ISSUE" : issue!.kind === "pull_request" ? "PULL_REQUEST" : "ISSUE";
    const self = (): View => this.projectItem(p, item);
    const values = visible
      ? p.fields.flatMap((f) => {
          const v = item.values.get(f.name.toLowerCase());
          return v ? [this.fieldValue(p, f, v, self)] : [];
        })
      : [];
    return {
      __typename: "ProjectV2Item",
      id: item.nodeId,
      databaseId: item.id,
      fullDatabaseId: String(item.id),
      type,
      isArchived: item.archivedAt !== null,
      createdAt: item.createdAt,
      updatedAt: item.updatedAt,
      creator: () => this.actor(item.creator),
      project: () => this.project(p),
      content: () => (!visible ? null : item.draft ? this.draftIssue(p, item) : this.issue(issue!)),
      fieldValues: (args: Args) => connection(values, args, (v) => v),
      fieldValueByName: (args: Args) => values.find((v) => ((v.field as View).name as string).toLowerCase() === String(args.name).toLowerCase()) ?? null,
    };
  }

  private draftIssue(p: Project, item: ProjectItem): View {
    const d = item.draft!;
    return {
      __typename: "DraftIssue",
      id: d.nodeId,
      title: d.title,
      body: d.body,
      bodyText: d.body,
      bodyHTML: d.body,
      createdAt: item.createdAt,
      updatedAt: item.updatedAt,
      creator: () => this.actor(item.creator),
      assignees: (args: Args) => connection([], args, (x) => x),
      projectV2Items: (args: Args) => connection([item], args, (i) => this.projectItem(p, i)),
    };
  }

  private fieldValue(p: Project, f: ProjectField, v: { value: string | number; createdAt: string; updatedAt: string }, item: () => View): View {
    const base = {
      id: `PVTFV_${Buffer.from(`${f.nodeId}/${v.createdAt}`).toString("base64url")}`,
      databaseId: 0,
      createdAt: v.createdAt,
      updatedAt: v.updatedAt,
      creator: null,
      field: this.projectField(p, f),
      item,
    };
    switch (f.type) {
      case "single_select": {
        const o = f.options.find((x) => x.name === v.value)!;
        return {
          __typename: "ProjectV2ItemFieldSingleSelectValue",
          ...base,
          name: o.name,
          nameHTML: o.name,
          optionId: o.id,
          color: "GRAY",
          description: "",
          descriptionHTML: "",
        };
      }
      case "number":
        return { __typename: "ProjectV2ItemFieldNumberValue", ...base, number: v.value };
      case "iteration": {
        const i = f.iterations.find((x) => x.title === v.value)!;
        return {
          __typename: "ProjectV2ItemFieldIterationValue",
          ...base,
          title: i.title,
          titleHTML: i.title,
          startDate: i.startDate,
          duration: i.duration,
          iterationId: i.id,
        };
      }
      default:
        return { __typename: "ProjectV2ItemFieldTextValue", ...base, text: String(v.value) };
    }
  }

  repositoryByName(owner: string, name: string): View | null {
    const repo = this.state.repo(owner, name);
    if (!repo || !canSeeRepo(this.state, this.env.principal, repo)) {
      throw new TypedGraphQLError("NOT_FOUND", `Could not resolve to a Repository with the name '${owner}/${name}'.`);
    }
    return this.repository(repo);
  }

  repository(repo: Repo): View {
    const env = this.env;
    const issuesOf = (kind: Issue["kind"]) => [...repo.issues.values()].filter((i) => i.kind === kind && canReadIssue(env, i));
    const role = (() => {
      const login = actorOf(env.principal);
      if (env.principal.kind === "installation") return hasPermission(env.principal, "issues", "write") ? "WRITE" : "READ";
      const r = login ? this.state.effectiveRole(login, repo) : null;
      return r ? r.toUpperCase() : null;
    })();
    const headSha = this.state.headCommit(repo).sha;
    return {
      __typename: "Repository",
      id: repo.nodeId,
      databaseId: repo.id,
      name: repo.name,
      nameWithOwner: repo.fullName,
      owner: this.account(repo.owner),
      url: this.web(`/${repo.fullName}`),
      resourcePath: `/${repo.fullName}`,
      description: repo.description,
      isPrivate: repo.visibility !== "public",
      visibility: repo.visibility.toUpperCase(),
      isArchived: false,
      isFork: false,
      isTemplate: false,
      hasIssuesEnabled: repo.hasIssues,
      createdAt: repo.createdAt,
      updatedAt: repo.updatedAt,
      pushedAt: repo.pushedAt,
      viewerPermission: role,
      defaultBranchRef: {
        __typename: "Ref",
        id: `REF_${Buffer.from(`${repo.fullName}:${repo.defaultBranch}`).toString("base64url")}`,
        name: repo.defaultBranch,
        prefix: "refs/heads/",
        target: { __typename: "Commit", oid: headSha, id: `C_${headSha}`, abbreviatedOid: headSha.slice(0, 7) },
      },
      // "<ref>:<path>" (HEAD: the default branch): the file there as a Blob; null when there is none (a directory is not served).
      object: (args: Args) => {
        const m = /^([^:]*):(.*)$/.exec(String(args.expression ?? ""));
        if (!m) return null;
        if (!hasPermission(env.principal, "contents", "read")) throw new TypedGraphQLError("FORBIDDEN", "Resource not accessible by integration");
        const commit = this.state.resolveRef(repo, m[1] === "HEAD" || m[1] === "" ? undefined : m[1]);
        const blob = commit?.files.get(m[2]!.replace(/^\/+|\/+$/g, ""));
        return blob
          ? {
              __typename: "Blob",
              id: `B_${blob.sha}`,
              oid: blob.sha,
              abbreviatedOid: blob.sha.slice(0, 7),
              byteSize: Buffer.byteLength(blob.text),
              isBinary: false,
              isTruncated: false,
              text: blob.text,
            }
          : null;
      },
      issues: (args: Args) => this.issueConnection(issuesOf("issue"), args),
      pullRequests: (args: Args) => this.issueConnection(issuesOf("pull_request"), args),
      issue: (args: Args) => {
        const i = repo.issues.get(args.number);
        if (i?.kind !== "issue" || !canReadIssue(env, i))
          throw new TypedGraphQLError("NOT_FOUND", `Could not resolve to an Issue with the number of ${args.number}.`);
        return this.issue(i);
      },
      pullRequest: (args: Args) => {
        const i = repo.issues.get(args.number);
        if (i?.kind !== "pull_request" || !canReadIssue(env, i))
          throw new TypedGraphQLError("NOT_FOUND", `Could not resolve to a PullRequest with the number of ${args.number}.`);
        return this.issue(i);
      },
      issueOrPullRequest: (args: Args) => {
        const i = repo.issues.get(args.number);
        if (!i || !canReadIssue(env, i))
          throw new TypedGraphQLError("NOT_FOUND", `Could not resolve to an issue or pull request with the number of ${args.number}.`);
        return this.issue(i);
      },
      labels: (args: Args) => {
        let labels = [...repo.labels.values()];
        if (typeof args.query === "string" && args.query) labels = labels.filter((l) => l.name.toLowerCase().includes(String(args.query).toLowerCase()));
        const field = args.orderBy?.field ?? "CREATED_AT";
        const dir = args.orderBy?.direction === "DESC" ? -1 : 1;
        labels.sort((a, b) => (field === "NAME" ? a.name.localeCompare(b.name) : a.createdAt.localeCompare(b.createdAt) || a.id - b.id) * dir);
        return connection(labels, args, (l) => this.label(repo, l));
      },
      label: (args: Args) => {
        const l = repo.labels.get(String(args.name).toLowerCase());
        return l ? this.label(repo, l) : null;
      },
      milestones: (args: Args) => {
        let list = [...repo.milestones.values()];
        const states: string[] | undefined = args.states;
        if (states?.length) list = list.filter((m) => states.includes(m.state.toUpperCase()));
        if (typeof args.query === "string" && args.query) list = list.filter((m) => m.title.toLowerCase().includes(String(args.query).toLowerCase()));
        const field: string = args.orderBy?.field ?? "NUMBER";
        const dir = args.orderBy?.direction === "DESC" ? -1 : 1;
        const sortKey = (m: Milestone): string | number =>
          field === "DUE_DATE" ? (m.dueOn ?? "\uffff") : field === "CREATED_AT" ? m.createdAt : field === "UPDATED_AT" ? m.updatedAt : m.number;
        list.sort((a, b) => {
          const ka = sortKey(a);
          const kb = sortKey(b);
          return (ka === kb ? a.number - b.number : ka < kb ? -1 : 1) * dir;
        });
        return connection(list, args, (m) => this.milestone(repo, m));
      },
      milestone: (args: Args) => {
        const m = repo.milestones.get(Number(args.number));
        return m ? this.milestone(repo, m) : null;
      },
      pinnedIssues: (args: Args) =>
        connection(
          issuesOf("issue").filter((i) => i.pinned),
          args,
          (i) => ({
            __typename: "PinnedIssue",
            id: `PIN_${i.nodeId}`,
            issue: this.issue(i),
            pinnedBy: this.actor(i.author),
            repository: this.repository(repo),
            fullDatabaseId: String(i.id),
            databaseId: i.id,
            isPinned: true,
          }),
        ),
    };
  }

  private issueConnection(all: Issue[], args: Args): View {
    let list = all;
    if (typeof args.headRefName === "string") list = list.filter((i) => i.pull?.head === args.headRefName);
    if (typeof args.baseRefName === "string") list = list.filter((i) => i.pull?.base === args.baseRefName);
    const labels: string[] | undefined = args.labels ?? args.filterBy?.labels;
    if (labels?.length) {
      const wanted = labels.map((l) => l.toLowerCase());
      list = list.filter((i) => i.labels.some((l) => wanted.includes(l.name.toLowerCase())));
    }
    const states: string[] | undefined = args.states ?? args.filterBy?.states;
    if (states?.length) list = list.filter((i) => states.includes(this.stateOf(i)));
    const createdBy: string | undefined = args.filterBy?.createdBy;
    if (createdBy) list = list.filter((i) => i.author.toLowerCase() === createdBy.toLowerCase());
    const since: string | undefined = args.filterBy?.since;
    if (since) list = list.filter((i) => i.updatedAt >= since);
    const field: string = args.orderBy?.field ?? "CREATED_AT";
    const dir = args.orderBy?.direction === "DESC" ? -1 : 1;
    const key = (i: Issue): string | number => (field === "UPDATED_AT" ? i.updatedAt : field === "COMMENTS" ? i.comments.length : i.createdAt);
    list = [...list].sort((a, b) => {
      const ka = key(a);
      const kb = key(b);
      return (ka === kb ? a.number - b.number : ka < kb ? -1 : 1) * dir;
    });
    return connection(list, args, (i) => this.issue(i));
  }

  private stateOf(i: Issue): string {
    if (i.kind === "pull_request" && i.pull?.merged) return "MERGED";
    return i.state.toUpperCase();
  }

  label(repo: Repo, l: LabelDef): View {
    return {
      __typename: "Label",
      id: l.nodeId,
      name: l.name,
      color: l.color,
      description: l.description,
      isDefault: l.default,
      createdAt: l.createdAt,
      updatedAt: l.createdAt,
      url: this.web(`/${repo.fullName}/labels/${encodeURIComponent(l.name)}`),
      resourcePath: `/${repo.fullName}/labels/${encodeURIComponent(l.name)}`,
      repository: () => this.repository(repo),
    };
  }

  milestone(repo: Repo, m: Milestone): View {
    const path = `/${repo.fullName}/milestone/${m.number}`;
    const items = (kind: Issue["kind"]) => [...repo.issues.values()].filter((i) => i.kind === kind && i.milestone === m.number && canReadIssue(this.env, i));
    const all = [...repo.issues.values()].filter((i) => i.milestone === m.number);
    const closed = all.filter((i) => i.state === "closed").length;
    return {
      __typename: "Milestone",
      id: m.nodeId,
      number: m.number,
      title: m.title,
      description: m.description,
      state: m.state.toUpperCase(),
      closed: m.state === "closed",
      closedAt: m.closedAt,
      createdAt: m.createdAt,
      updatedAt: m.updatedAt,
      dueOn: m.dueOn,
      creator: this.actor(m.creator),
      progressPercentage: all.length === 0 ? 0 : (closed / all.length) * 100,
      url: this.web(path),
      resourcePath: path,
      repository: () => this.repository(repo),
      issues: (args: Args) => this.issueConnection(items("issue"), args),
      pullRequests: (args: Args) => this.issueConnection(items("pull_request"), args),
    };
  }

  private labelByName(repo: Repo, name: string): View {
    return this.label(repo, this.state.ensureLabel(repo, name));
  }

  private reactions(list: Reaction[], args: Args, subject: () => View): View {
    let items = list;
    if (args.content) {
      const c = REACTION_FROM_GRAPHQL[args.content as string];
      items = items.filter((r) => r.content === c);
    }
    const dir = args.orderBy?.direction === "DESC" ? -1 : 1;
    items = [...items].sort((a, b) => (a.createdAt.localeCompare(b.createdAt) || a.id - b.id) * dir);
    const me = actorOf(this.env.principal)?.toLowerCase();
    return connection(items, args, (r) => this.reaction(r, subject), { viewerHasReacted: me ? list.some((r) => r.user.toLowerCase() === me) : false });
  }

  private reaction(r: Reaction, subject: () => View): View {
    return {
      __typename: "Reaction",
      id: r.nodeId,
      databaseId: r.id,
      content: REACTION_TO_GRAPHQL[r.content],
      createdAt: r.createdAt,
      user: this.actor(r.user),
      reactable: subject,
    };
  }

  comment(issue: Issue, c: Comment): View {
    const url = `${this.web(`/${issue.repo.fullName}/${issue.kind === "pull_request" ? "pull" : "issues"}/${issue.number}`)}#issuecomment-${c.id}`;
    const self = (): View => this.comment(issue, c);
    return {
      __typename: "IssueComment",
      id: c.nodeId,
      databaseId: c.id,
      fullDatabaseId: String(c.id),
      body: c.body,
      bodyText: c.body,
      createdAt: c.createdAt,
      updatedAt: c.updatedAt,
      publishedAt: c.createdAt,
      lastEditedAt: c.updatedAt === c.createdAt ? null : c.updatedAt,
      includesCreatedEdit: false,
      isMinimized: false,
      minimizedReason: null,
      author: this.actor(c.author),
      authorAssociation: this.state.association(c.author, issue.repo),
      url,
      resourcePath: new URL(url).pathname + new URL(url).hash,
      issue: () => this.issue(issue),
      pullRequest: () => (issue.kind === "pull_request" ? this.issue(issue) : null),
      repository: () => this.repository(issue.repo),
      reactions: (args: Args) => this.reactions(c.reactions, args, self),
      viewerDidAuthor: actorOf(this.env.principal)?.toLowerCase() === c.author.toLowerCase(),
    };
  }

  private timelineItem(issue: Issue, e: TimelineEvent): View {
    const base = { id: e.nodeId, createdAt: e.createdAt, actor: this.actor(e.actor) };
    const subject = () => this.issue(issue);
    switch (e.type) {
      case "labeled":
        return { __typename: "LabeledEvent", ...base, label: this.labelByName(issue.repo, e.label!), labelable: subject };
      case "unlabeled":
        return { __typename: "UnlabeledEvent", ...base, label: this.labelByName(issue.repo, e.label!), labelable: subject };
      case "closed":
        return {
          __typename: "ClosedEvent",
          ...base,
          closable: subject,
          closer: null,
          stateReason: issue.stateReason === "not_planned" ? "NOT_PLANNED" : "COMPLETED",
          url: this.web(`/${issue.repo.fullName}/issues/${issue.number}#event-${e.id}`),
          resourcePath: `/${issue.repo.fullName}/issues/${issue.number}#event-${e.id}`,
        };
      case "reopened":
        return { __typename: "ReopenedEvent", ...base, closable: subject, stateReason: "REOPENED" };
      case "renamed":
        return { __typename: "RenamedTitleEvent", ...base, previousTitle: e.from ?? "", currentTitle: e.to ?? "", subject };
      case "pinned":
        return { __typename: "PinnedEvent", ...base, issue: subject };
      case "unpinned":
        return { __typename: "UnpinnedEvent", ...base, issue: subject };
      case "milestoned":
        return { __typename: "MilestonedEvent", ...base, milestoneTitle: e.milestone ?? "", subject };
      case "demilestoned":
        return { __typename: "DemilestonedEvent", ...base, milestoneTitle: e.milestone ?? "", subject };
      case "transferred":
        return {
          __typename: "TransferredEvent",
          ...base,
          issue: subject,
          fromRepository: () => (e.from ? (this.state.repoByFullName(e.from) ? this.repository(this.state.repoByFullName(e.from)!) : null) : null),
        };
    }
  }

  issue(i: Issue): View {
    const env = this.env;
    const isPr = i.kind === "pull_request";
    const path = `/${i.repo.fullName}/${isPr ? "pull" : "issues"}/${i.number}`;
    const self = (): View => this.issue(i);
    const v: View = {
      __typename: isPr ? "PullRequest" : "Issue",
      id: i.nodeId,
      databaseId: i.id,
      fullDatabaseId: String(i.id),
      number: i.number,
      title: i.title,
      body: i.body ?? "",
      bodyText: i.body ?? "",
      url: this.web(path),
      resourcePath: path,
      state: this.stateOf(i),
      closed: i.state === "closed",
      closedAt: i.closedAt,
      createdAt: i.createdAt,
      updatedAt: i.updatedAt,
      publishedAt: i.createdAt,
      lastEditedAt: null,
      includesCreatedEdit: false,
      author: this.actor(i.author),
      authorAssociation: this.state.association(i.author, i.repo),
      repository: () => this.repository(i.repo),
      locked: i.locked,
      activeLockReason: null,
      milestone: () => {
        const m = i.milestone === null ? undefined : i.repo.milestones.get(i.milestone);
        return m ? this.milestone(i.repo, m) : null;
      },
      isPinned: i.pinned,
      labels: (args: Args) => {
        const labels = i.labels.map((l) => this.state.ensureLabel(i.repo, l.name));
        if (args.orderBy?.field === "NAME") labels.sort((a, b) => a.name.localeCompare(b.name) * (args.orderBy?.direction === "DESC" ? -1 : 1));
        return connection(labels, args, (l) => this.label(i.repo, l));
      },
      reactions: (args: Args) => this.reactions(i.reactions, args, self),
      // The board items that hold this issue, on boards this principal may read (GitHub leaves the others out).
      projectItems: (args: Args) => {
        const held = [...this.state.accounts.values()].flatMap((a) =>
          [...a.projects.values()]
            .filter((p) => this.canReadProject(p))
            .flatMap((p) =>
              p.items.filter((it) => it.issueNodeId === i.nodeId && (args.includeArchived !== false || it.archivedAt === null)).map((it) => ({ p, it })),
            ),
        );
        return connection(held, args, ({ p, it }) => this.projectItem(p, it));
      },
      comments: (args: Args) => connection(i.comments, args, (c) => this.comment(i, c)),
      assignees: (args: Args) => connection(i.assignees, args, (login) => this.actor(login)),
      timelineItems: (args: Args) => {
        type Item = { at: string; id: number; view: () => View };
        const wanted: Array<TimelineEvent["type"] | "comment"> | null =
          Array.isArray(args.itemTypes) && args.itemTypes.length
            ? args.itemTypes.map((t: string) => TIMELINE_TYPES[t]).filter((t: unknown): t is TimelineEvent["type"] | "comment" => t !== undefined)
            : null;
        let items: Item[] = [
          ...i.timeline.filter((e) => !wanted || wanted.includes(e.type)).map((e) => ({ at: e.createdAt, id: e.id, view: () => this.timelineItem(i, e) })),
          ...(!wanted || wanted.includes("comment") ? i.comments.map((c) => ({ at: c.createdAt, id: c.id, view: () => this.comment(i, c) })) : []),
        ];
        items.sort((a, b) => a.at.localeCompare(b.at) || a.id - b.id);
        const total = items.length;
        if (typeof args.since === "string") items = items.filter((x) => x.at >= args.since);
        const conn = connection(items, args, (x) => x.view());
        return { ...conn, totalCount: total, filteredCount: items.length, pageCount: (conn.nodes as unknown[]).length, updatedAt: i.updatedAt };
      },
      viewerCanUpdate: hasPermission(env.principal, "issues", "write"),
    };
    if (!isPr) {
      v.stateReason = i.state === "closed" ? (i.stateReason === "not_planned" ? "NOT_PLANNED" : "COMPLETED") : i.stateReason === "reopened" ? "REOPENED" : null;
    } else {
      const pr = i.pull!;
      Object.assign(v, {
        merged: pr.merged,
        mergedAt: pr.mergedAt,
        mergedBy: this.actor(pr.mergedBy),
        isDraft: pr.draft,
        headRefName: pr.head,
        baseRefName: pr.base,
        // The simulator has no forks: every pull request comes from a branch of its own repository.
        isCrossRepository: false,
        headRefOid: pr.headSha,
        permalink: this.web(path),
        additions: 1,
        deletions: 0,
        changedFiles: 1,
      });
    }
    return v;
  }

  /** Any node by its global id, if this principal may see it. */
  node(id: string): View | null {
    const st = this.state;
    const issue = st.issueByNodeId(id);
    if (issue) return canReadIssue(this.env, issue) ? this.issue(issue) : null;
    for (const repo of st.repos.values()) {
      if (repo.nodeId === id) return canSeeRepo(st, this.env.principal, repo) ? this.repository(repo) : null;
    }
    for (const a of st.accounts.values()) if (a.nodeId === id) return this.account(a);
    if (id.startsWith("PVT")) {
      const found = st.projectNode(id);
      if (!found || !this.canReadProject(found.project)) return null;
      return found.item ? this.projectItem(found.project, found.item) : this.project(found.project);
    }
    if (id.startsWith("LA_") || id.startsWith("IC_")) {
      for (const repo of st.repos.values()) {
        if (!canSeeRepo(st, this.env.principal, repo)) continue;
        for (const l of repo.labels.values()) if (l.nodeId === id) return this.label(repo, l);
        for (const i of repo.issues.values()) for (const c of i.comments) if (c.nodeId === id) return canReadIssue(this.env, i) ? this.comment(i, c) : null;
      }
    }
    return null;
  }
}

// ------------------------------------------------------------------------------------ roots

function queryRoot(env: GraphQLEnv): View {
  const views = new Views(env);
  const st = env.state;
  return {
    node: (args: Args) => {
      const v = views.node(String(args.id));
      if (!v) throw notFound(String(args.id));
      return v;
    },
    nodes: (args: Args) => (args.ids as string[]).map((id) => views.node(id) ?? notFound(id)),
    repository: (args: Args) => views.repositoryByName(String(args.owner), String(args.name)),
    organization: (args: Args) => {
      const a = st.account(String(args.login));
      if (a?.type !== "Organization") throw new TypedGraphQLError("NOT_FOUND", `Could not resolve to an Organization with the login of '${args.login}'.`);
      return views.account(a);
    },
    user: (args: Args) => {
      const a = st.account(String(args.login));
      if (a?.type !== "User") throw new TypedGraphQLError("NOT_FOUND", `Could not resolve to a User with the login of '${args.login}'.`);
      return views.account(a);
    },
    repositoryOwner: (args: Args) => {
      const a = st.account(String(args.login));
      return a && a.type !== "Bot" ? views.account(a) : null;
    },
    viewer: () => {
      const login = actorOf(env.principal);
      const a = login ? st.account(login) : undefined;
      if (!a) throw new TypedGraphQLError("FORBIDDEN", "This endpoint requires you to be authenticated.");
      return { ...views.account(a), __typename: "User" };
    },
    rateLimit: () => ({
      cost: 1,
      limit: env.points.limit,
      nodeCount: 0,
      remaining: Math.max(0, env.points.limit - env.points.used),
      resetAt: env.points.resetAt,
      used: env.points.used,
    }),
    search: (args: Args) => {
      const empty = { issueCount: 0, repositoryCount: 0, userCount: 0, codeCount: 0, wikiCount: 0, discussionCount: 0 };
      if (args.type !== "ISSUE" && args.type !== "ISSUE_ADVANCED") return connection([], args, (x) => x, empty);
      const q = parseSearchQuery(String(args.query));
      const docs = st
        .searchIndex(env.searchLagMs)
        .filter((d) => matchesSearch(d, q))
        .map((d) => ({ d, issue: st.issueForDoc(d) }))
        .filter((x): x is { d: typeof x.d; issue: Issue } => x.issue !== undefined && canReadIssue(env, x.issue));
      const issueOf = new Map(docs.map((x) => [x.d, x.issue]));
      const sorted = sortSearch(
        docs.map((x) => x.d),
        q,
      ).map((d) => issueOf.get(d)!);
      const capped = sorted.slice(0, 1000);
      const conn = connection(capped, args, (i) => views.issue(i), { ...empty, issueCount: sorted.length });
      return conn;
    },
    relay: () => queryRoot(env),
  };
}

function mutationRoot(env: GraphQLEnv): View {
  const views = new Views(env);
  const st = env.state;
  const actor = () => actorOf(env.principal) ?? "ghost";
  const viaApp = env.principal.kind === "installation";
  const issueFor = (id: unknown): Issue => {
    const i = st.issueByNodeId(String(id));
    if (!i || !canReadIssue(env, i)) throw notFound(String(id));
    requireWrite(env, i);
    return i;
  };
  const labelNames = (issue: Issue, ids: unknown): string[] =>
    ((ids as string[]) ?? []).map((id) => {
      const l = [...issue.repo.labels.values()].find((x) => x.nodeId === id);
      if (!l) throw notFound(id);
      return l.name;
    });
  const cm = (input: Args) => input.clientMutationId ?? null;
  return withLimits({
    pinIssue: ({ input }: Args) => {
      const i = issueFor(input.issueId);
      st.setPinned(i, true, actor());
      return { clientMutationId: cm(input), issue: views.issue(i) };
    },
    unpinIssue: ({ input }: Args) => {
      const i = issueFor(input.issueId);
      st.setPinned(i, false, actor());
      return { clientMutationId: cm(input), id: i.nodeId, issue: views.issue(i) };
    },
    addComment: ({ input }: Args) => {
      const i = issueFor(input.subjectId);
      const c = st.addComment(i, String(input.body), actor(), viaApp);
      const node = views.comment(i, c);
      return {
        clientMutationId: cm(input),
        commentEdge: { cursor: cursorOf(i.comments.length - 1), node },
        subject: views.issue(i),
        timelineEdge: { cursor: cursorOf(0), node },
      };
    },
    closeIssue: ({ input }: Args) => {
      const i = issueFor(input.issueId);
      st.setIssueState(i, "closed", actor(), input.stateReason === "NOT_PLANNED" ? "not_planned" : "completed");
      return { clientMutationId: cm(input), issue: views.issue(i) };
    },
    reopenIssue: ({ input }: Args) => {
      const i = issueFor(input.issueId);
      st.setIssueState(i, "open", actor());
      return { clientMutationId: cm(input), issue: views.issue(i) };
    },
    updateIssue: ({ input }: Args) => {
      const i = issueFor(input.id);
      st.editIssue(i, { ...(input.title != null ? { title: String(input.title) } : {}), ...(input.body != null ? { body: String(input.body) } : {}) }, actor());
      if (input.labelIds) st.setLabels(i, labelNames(i, input.labelIds), actor());
      if (input.state) st.setIssueState(i, input.state === "CLOSED" ? "closed" : "open", actor());
      return { clientMutationId: cm(input), issue: views.issue(i) };
    },
    addLabelsToLabelable: ({ input }: Args) => {
      const i = issueFor(input.labelableId);
      st.addLabels(i, labelNames(i, input.labelIds), actor());
      return { clientMutationId: cm(input), labelable: views.issue(i) };
    },
    removeLabelsFromLabelable: ({ input }: Args) => {
      const i = issueFor(input.labelableId);
      for (const n of labelNames(i, input.labelIds)) st.removeLabel(i, n, actor());
      return { clientMutationId: cm(input), labelable: views.issue(i) };
    },
  });
}

/** Each mutation first checks its input against GitHub's size limits. */
function withLimits(root: Record<string, (args: Args) => unknown>): View {
  const out: Record<string, (args: Args) => unknown> = {};
  for (const [name, resolve] of Object.entries(root)) {
    out[name] = (args: Args) => {
      const refusal = graphqlLimitRefusal(name, args.input);
      if (refusal) throw new LimitExceeded(refusal.message, refusal.violation);
      return resolve(args);
    };
  }
  return out;
}
