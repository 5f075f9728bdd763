/**
 * GraphQL contract checks against GitHub's published schema (@octokit/graphql-schema).
 *
 * - checkGraphQLDocument: spec validation + "every connection asks for first/last in 1..100"
 *   + no variable named like an @octokit/graphql option ($query, $url, ...).
 * - checkGraphQLRequest: the above + variable coercion + runtime first/last values.
 * - checkGraphQLResponse: a mocked answer must be what GitHub could send for that query
 *   (types, non-null, enums) and must not carry fields the query did not select.
 */
import { readFileSync } from "node:fs";
import {
  buildSchema,
  execute,
  getNamedType,
  getVariableValues,
  GraphQLError,
  Kind,
  NoUnusedFragmentsRule,
  parse,
  specifiedRules,
  TypeInfo,
  validate,
  visit,
  visitWithTypeInfo,
  type DocumentNode,
  type FieldNode,
  type GraphQLAbstractType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type ValueNode,
} from "graphql";
import { isObject, packageFile, preview } from "./json-schema.js";

/**
 * Variable names @octokit/graphql cannot carry: `octokit.graphql(doc, { query })` rejects
 * query/method/url and silently strips the others from the variables it sends.
 */
export const OCTOKIT_RESERVED_VARIABLES = ["query", "method", "url", "baseUrl", "headers", "request", "mediaType", "operationName"];

export const CONNECTION_PAGE_MIN = 1;
export const CONNECTION_PAGE_MAX = 100;

let schemaCache: GraphQLSchema | undefined;

/** GitHub's GraphQL schema, built once per process (about a second). */
export function githubSchema(): GraphQLSchema {
  schemaCache ??= buildSchema(readFileSync(packageFile("@octokit/graphql-schema", "schema.graphql"), "utf8"), {
    assumeValidSDL: true,
  });
  return schemaCache;
}

interface PageArgument {
  field: string;
  type: string;
  where: string;
  first?: ValueNode;
  last?: ValueNode;
}

interface Analysis {
  document?: DocumentNode;
  violations: string[];
  /** Connection fields with their first/last argument nodes, for runtime checks. */
  pages: PageArgument[];
}

const analysisCache = new Map<string, Analysis>();

function loc(node: { loc?: { startToken: { line: number; column: number } } }): string {
  return node.loc ? `${node.loc.startToken.line}:${node.loc.startToken.column}` : "?";
}

function formatError(e: GraphQLError): string {
  const at = e.locations?.map((l) => `${l.line}:${l.column}`).join(", ");
  return at ? `${e.message} (at ${at})` : e.message;
}

function analyse(doc: string): Analysis {
  const cached = analysisCache.get(doc);
  if (cached) return cached;
  const schema = githubSchema();
  let document: DocumentNode;
  try {
    document = parse(doc);
  } catch (e) {
    const a: Analysis = { violations: [`GraphQL syntax: ${e instanceof GraphQLError ? formatError(e) : String(e)}`], pages: [] };
    analysisCache.set(doc, a);
    return a;
  }
  // A document of fragments only (a shared fragment constant) is not "unused" on its own.
  const hasOperation = document.definitions.some((d) => d.kind === Kind.OPERATION_DEFINITION);
  const rules = hasOperation ? specifiedRules : specifiedRules.filter((r) => r !== NoUnusedFragmentsRule);
  const violations = validate(schema, document, rules).map((e) => `GraphQL: ${formatError(e)}`);
  for (const def of document.definitions) {
    if (def.kind !== Kind.OPERATION_DEFINITION) continue;
    for (const v of def.variableDefinitions ?? []) {
      const name = v.variable.name.value;
      if (OCTOKIT_RESERVED_VARIABLES.includes(name)) {
        violations.push(
          `variable $${name} at ${loc(v)} cannot be passed through octokit.graphql() (reserved option names: ${OCTOKIT_RESERVED_VARIABLES.join(", ")}); rename it`,
        );
      }
    }
  }
  const pages: PageArgument[] = [];
  const typeInfo = new TypeInfo(schema);
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      Field(node: FieldNode) {
        const def = typeInfo.getFieldDef();
        if (!def) return;
        const named = getNamedType(def.type);
        const takesFirst = def.args.some((a) => a.name === "first");
        const takesLast = def.args.some((a) => a.name === "last");
        if (!named.name.endsWith("Connection") || (!takesFirst && !takesLast)) return;
        const parent = typeInfo.getParentType()?.name ?? "?";
        const page: PageArgument = { field: `${parent}.${def.name}`, type: named.name, where: loc(node) };
        for (const arg of node.arguments ?? []) {
          if (arg.name.value === "first") page.first = arg.value;
          if (arg.name.value === "last") page.last = arg.value;
        }
        pages.push(page);
        const label = `connection ${page.field} (${page.type}) at ${page.where}`;
        if (!page.first && !page.last) {
          violations.push(`${label} must pass first or last (GitHub requires ${CONNECTION_PAGE_MIN}..${CONNECTION_PAGE_MAX})`);
        }
        for (const [name, value] of [
          ["first", page.first],
          ["last", page.last],
        ] as const) {
          if (!value) continue;
          if (value.kind === Kind.INT) {
            const n = Number(value.value);
            if (n < CONNECTION_PAGE_MIN || n > CONNECTION_PAGE_MAX) {
              violations.push(`${label}: ${name}: ${n} is outside ${CONNECTION_PAGE_MIN}..${CONNECTION_PAGE_MAX}`);
            }
          } else if (value.kind === Kind.NULL && !(name === "first" ? page.last : page.first)) {
            violations.push(`${label}: ${name}: null leaves the connection without first or last`);
          }
        }
      },
    }),
  );
  const a: Analysis = { document, violations, pages };
  analysisCache.set(doc, a);
  return a;
}

/** Violations of one GraphQL document (empty = valid against GitHub's schema and our rules). */
export function checkGraphQLDocument(doc: string): string[] {
  return [...analyse(doc).violations];
}

function pickOperation(document: DocumentNode, operationName?: string): OperationDefinitionNode | string {
  const ops = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  if (operationName) return ops.find((o) => o.name?.value === operationName) ?? `no operation named "${operationName}" in the document`;
  if (ops.length === 1) return ops[0]!;
  return `the document has ${ops.length} operations; pass operationName`;
}

/** The name of the (single, or named) operation in a document, if it has one. */
export function graphqlOperationName(doc: string): string | undefined {
  try {
    const op = pickOperation(parse(doc));
    return typeof op === "string" ? undefined : op.name?.value;
  } catch {
    return undefined;
  }
}

/**
 * Violations of a GraphQL request as a client sends it: the document check, variable coercion
 * (missing required variables, wrong types), variables the operation does not declare, and the
 * runtime value of every first/last (1..100, and at least one of them per connection).
 */
export function checkGraphQLRequest(query: string, variables?: Record<string, unknown> | null, operationName?: string): string[] {
  const a = analyse(query);
  const violations = [...a.violations];
  if (!a.document) return violations;
  const op = pickOperation(a.document, operationName);
  if (typeof op === "string") return [...violations, `GraphQL: ${op}`];
  const inputs = variables ?? {};
  const declared = new Set((op.variableDefinitions ?? []).map((v) => v.variable.name.value));
  for (const name of Object.keys(inputs)) {
    if (!declared.has(name)) violations.push(`GraphQL: variable "$${name}" is sent but operation ${op.name?.value ?? "(anonymous)"} does not declare it`);
  }
  const coerced = getVariableValues(githubSchema(), op.variableDefinitions ?? [], inputs);
  if (coerced.errors) {
    violations.push(...coerced.errors.map((e) => `GraphQL variables: ${formatError(e)}`));
    return violations;
  }
  const values = coerced.coerced;
  const runtime = (v: ValueNode | undefined): unknown => {
    if (!v) return undefined;
    if (v.kind === Kind.VARIABLE) return values[v.name.value];
    if (v.kind === Kind.INT) return Number(v.value);
    if (v.kind === Kind.NULL) return null;
    return undefined;
  };
  for (const page of a.pages) {
    const label = `connection ${page.field} (${page.type}) at ${page.where}`;
    const first = runtime(page.first);
    const last = runtime(page.last);
    if ((first === undefined || first === null) && (last === undefined || last === null) && (page.first || page.last)) {
      violations.push(`${label}: at runtime neither first nor last has a value`);
    }
    for (const [name, node, value] of [
      ["first", page.first, first],
      ["last", page.last, last],
    ] as const) {
      if (node?.kind !== Kind.VARIABLE || typeof value !== "number") continue;
      if (value < CONNECTION_PAGE_MIN || value > CONNECTION_PAGE_MAX) {
        violations.push(`${label}: ${name}: $${node.name.value} = ${value} is outside ${CONNECTION_PAGE_MIN}..${CONNECTION_PAGE_MAX}`);
      }
    }
  }
  return violations;
}

/**
 * Checks a mocked GraphQL answer (`data`) for a request: it is executed against GitHub's schema
 * with the mock as the root value, so a wrong type, a null in a non-null field or an unknown enum
 * value is reported; and a field present in the mock but not selected by the query is reported
 * (the code could come to depend on data GitHub never sends). Union/interface values need a
 * `__typename` unless the selection names exactly one possible type.
 */
export function checkGraphQLResponse(query: string, variables: Record<string, unknown> | null | undefined, data: unknown, operationName?: string): string[] {
  const a = analyse(query);
  if (!a.document || a.violations.length) return []; // the request check reports those
  if (!isObject(data)) return [`GraphQL response: data must be an object, got ${preview(data)}`];
  const schema = githubSchema();
  const typeResolver = (
    value: unknown,
    _ctx: unknown,
    info: { fieldNodes: readonly FieldNode[]; path: { key: string | number; prev: unknown } },
    abstractType: GraphQLAbstractType,
  ) => {
    if (isObject(value) && typeof value.__typename === "string") return value.__typename;
    const possible = new Set(schema.getPossibleTypes(abstractType).map((t) => t.name));
    const named = new Set<string>();
    for (const node of info.fieldNodes) {
      visit(node.selectionSet ?? { kind: Kind.SELECTION_SET, selections: [] }, {
        InlineFragment(f) {
          if (f.typeCondition && possible.has(f.typeCondition.name.value)) named.add(f.typeCondition.name.value);
        },
        FragmentSpread(s) {
          const frag = a.document!.definitions.find((d) => d.kind === Kind.FRAGMENT_DEFINITION && d.name.value === s.name.value);
          if (frag?.kind === Kind.FRAGMENT_DEFINITION && possible.has(frag.typeCondition.name.value)) named.add(frag.typeCondition.name.value);
        },
      });
    }
    if (named.size === 1) return [...named][0];
    throw new Error(`give this ${abstractType.name} value a __typename (one of ${[...possible].slice(0, 8).join(", ")}${possible.size > 8 ? ", ..." : ""})`);
  };
  const result = execute({
    schema,
    document: a.document,
    operationName,
    rootValue: data,
    variableValues: variables ?? {},
    fieldResolver: (source, _args, _ctx, info) => (isObject(source) ? source[String(info.path.key)] : undefined),
    typeResolver: typeResolver as never,
  });
  if (result instanceof Promise) return ["GraphQL response: unexpected asynchronous execution"];
  const violations = (result.errors ?? []).map((e) => `GraphQL response data${e.path ? `.${e.path.join(".")}` : ""}: ${e.message}`);
  const extra = (mock: unknown, got: unknown, path: string) => {
    if (Array.isArray(mock) && Array.isArray(got)) {
      mock.forEach((m, i) => {
        extra(m, got[i], `${path}.${i}`);
      });
    } else if (isObject(mock) && isObject(got)) {
      for (const [k, v] of Object.entries(mock)) {
        if (k === "__typename") continue;
        if (!(k in got)) violations.push(`GraphQL response ${path}.${k}: the mock answers a field the query does not select`);
        else extra(v, got[k], `${path}.${k}`);
      }
    }
  };
  extra(data, result.data, "data");
  return violations;
}
