/**
 * REST contract checks against GitHub's OpenAPI description (the vendored subset in
 * openapi-rest.json, made by scripts/vendor-openapi.ts from test/contracts/rest-operations.txt).
 */
import { readFileSync } from "node:fs";
import type { Ajv, ValidateFunction } from "ajv";
import {
  addDocument,
  compileCached,
  formatAjvErrors,
  isObject,
  jsonPointer,
  newAjv,
  openapi30ToJsonSchema,
  preview,
  undeclaredProperties,
  type JsonObject,
} from "./json-schema.js";

export interface RestRequest {
  method: string;
  /** Absolute URL or path; may carry a GHES `/api/v3` prefix and a query string. */
  url: string;
  /** Parsed JSON, a JSON string, or undefined/"" for no body. */
  body?: unknown;
}

export interface RestOperationMatch {
  method: string;
  /** The documented route, e.g. `/repos/{owner}/{repo}/issues/{issue_number}`. */
  template: string;
  /** `METHOD template`, the key used by the mock helper. */
  route: string;
  operationId: string;
  /** Decoded path parameters (still strings). */
  pathParams: Record<string, string>;
  /** Query parameters (a repeated name gives an array). */
  query: Record<string, string | string[]>;
  /** Path and query parameters together, coerced to their documented types (`issue_number: 5`). */
  params: Record<string, unknown>;
}

interface Parameter {
  name: string;
  in: "path" | "query" | "header" | "cookie";
  required: boolean;
  schema?: unknown;
}

interface Operation {
  operationId: string;
  summary: string;
  parameters: Parameter[];
  requestBody?: { required: boolean; content: Record<string, { schema?: unknown }> };
  responses: Record<string, { description: string; content?: Record<string, { schema?: unknown }> }>;
}

interface CompiledRoute {
  method: string;
  template: string;
  regex: RegExp;
  names: string[];
  op: Operation;
}

/** A template's last parameter with one of these names may contain `/` (file paths, git refs). */
const GREEDY_PARAMS = new Set(["path", "ref", "basehead"]);

let state:
  | {
      doc: JsonObject;
      routes: CompiledRoute[];
      ajv: Ajv;
      coercing: Ajv;
      validators: Map<string, ValidateFunction>;
    }
  | undefined;

function load() {
  if (state) return state;
  const raw = JSON.parse(readFileSync(new URL("./openapi-rest.json", import.meta.url), "utf8")) as JsonObject;
  const doc = openapi30Document(raw);
  const routes: CompiledRoute[] = [];
  for (const [template, item] of Object.entries(doc.paths as Record<string, Record<string, Operation>>)) {
    for (const [method, op] of Object.entries(item)) {
      const names: string[] = [];
      const segments = template.split("/");
      const pattern = segments
        .map((seg, i) =>
          seg.replace(/[.*+?^${}()|[\]\\]/g, "\\$&").replace(/\\\{(\w+)\\\}/g, (_m, name: string) => {
            names.push(name);
            return i === segments.length - 1 && GREEDY_PARAMS.has(name) ? "(.+)" : "([^/]+)";
          }),
        )
        .join("/");
      routes.push({ method: method.toUpperCase(), template, regex: new RegExp(`^${pattern}/?$`), names, op });
    }
  }
  // Most literal first: `/repos/{owner}/{repo}/issues` beats a parameter in the same place.
  const literalLength = (t: string) => t.replace(/\{\w+\}/g, "").length;
  routes.sort((a, b) => literalLength(b.template) - literalLength(a.template));
  // Component schemas compiled once each and called, not inlined into every validator that
  // refers to them: half the compile time (error messages are the same; only schemaPath differs).
  const ajv = newAjv({ inlineRefs: false });
  addDocument(ajv, doc, "rest");
  const coercing = newAjv({ coerceTypes: "array", inlineRefs: false });
  addDocument(coercing, doc, "rest");
  state = { doc, routes, ajv, coercing, validators: new Map() };
  return state;
}

/** The vendored document with every schema converted from OpenAPI 3.0 to JSON Schema. */
function openapi30Document(raw: JsonObject): JsonObject {
  const paths: JsonObject = {};
  for (const [template, item] of Object.entries(raw.paths as Record<string, Record<string, JsonObject>>)) {
    const outItem: JsonObject = {};
    for (const [method, op] of Object.entries(item)) {
      const conv = (content: unknown) =>
        isObject(content)
          ? Object.fromEntries(
              Object.entries(content).map(([t, m]) => [t, isObject(m) && m.schema !== undefined ? { schema: openapi30ToJsonSchema(m.schema) } : {}]),
            )
          : undefined;
      const rb = op.requestBody as JsonObject | undefined;
      outItem[method] = {
        ...op,
        parameters: (op.parameters as Parameter[]).map((p) => ({ ...p, schema: openapi30ToJsonSchema(p.schema) })),
        requestBody: rb ? { ...rb, content: conv(rb.content) } : undefined,
        responses: Object.fromEntries(Object.entries(op.responses as Record<string, JsonObject>).map(([s, r]) => [s, { ...r, content: conv(r.content) }])),
      };
    }
    paths[template] = outItem;
  }
  const schemas = Object.fromEntries(Object.entries((raw.components as { schemas: JsonObject }).schemas).map(([n, s]) => [n, openapi30ToJsonSchema(s)]));
  return { paths, components: { schemas } };
}

/** `#/components/...` refs inside a fragment must point into the document registered as "rest". */
function rebase(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(rebase);
  if (!isObject(schema)) return schema;
  return Object.fromEntries(Object.entries(schema).map(([k, v]) => [k, k === "$ref" && typeof v === "string" && v.startsWith("#") ? `rest${v}` : rebase(v)]));
}

function validator(key: string, schema: unknown, coercing = false): ValidateFunction {
  const s = load();
  const cacheKey = `${coercing ? "coerce:" : ""}${key}`;
  let v = s.validators.get(cacheKey);
  if (!v) {
    v = compileCached(coercing ? s.coercing : s.ajv, rebase(schema) as object);
    s.validators.set(cacheKey, v);
  }
  return v;
}

function splitUrl(url: string): { path: string; search: URLSearchParams } {
  const u = new URL(url, "http://localhost");
  let path = u.pathname;
  if (path.startsWith("/api/v3/") || path === "/api/v3") path = path.slice("/api/v3".length) || "/";
  return { path, search: u.searchParams };
}

/** Every vendored operation, e.g. for a simulator's router. */
export function restOperations(): Array<{ method: string; template: string; route: string; operationId: string }> {
  return load().routes.map((r) => ({ method: r.method, template: r.template, route: `${r.method} ${r.template}`, operationId: r.op.operationId }));
}

/** The documented operation a request is for, or undefined. */
export function restOperation(method: string, url: string): RestOperationMatch | undefined {
  const { path, search } = splitUrl(url);
  const m = method.toUpperCase();
  for (const r of load().routes) {
    if (r.method !== m) continue;
    const match = r.regex.exec(path);
    if (!match) continue;
    const pathParams: Record<string, string> = {};
    r.names.forEach((name, i) => {
      const raw = match[i + 1]!;
      let decoded = raw;
      try {
        decoded = decodeURIComponent(raw);
      } catch {
        /* leave undecodable text as is; schema checks will report it */
      }
      pathParams[name] = decoded;
    });
    const query: Record<string, string | string[]> = {};
    for (const [k, v] of search) {
      const prev = query[k];
      query[k] = prev === undefined ? v : Array.isArray(prev) ? [...prev, v] : [prev, v];
    }
    const route = `${m} ${r.template}`;
    const params = {
      ...coerceParams(
        `${route}#query`,
        r.op.parameters.filter((p) => p.in === "query"),
        query,
      ),
      ...coerceParams(
        `${route}#path`,
        r.op.parameters.filter((p) => p.in === "path"),
        pathParams,
      ),
    };
    return { method: m, template: r.template, route, operationId: r.op.operationId, pathParams, query, params };
  }
  return undefined;
}

function parseBody(body: unknown): { present: boolean; json?: unknown; error?: string } {
  if (body === undefined || body === null || body === "") return { present: false };
  if (typeof body === "string") {
    try {
      return { present: true, json: JSON.parse(body) };
    } catch {
      return { present: true, error: `body is not JSON: ${preview(body)}` };
    }
  }
  if (body instanceof Uint8Array) return parseBody(Buffer.from(body).toString("utf8"));
  return { present: true, json: body };
}

/** Contract violations of one request; empty when it is a request GitHub documents. */
export function checkRestRequest(req: RestRequest): string[] {
  const m = req.method.toUpperCase();
  const label = `${m} ${splitUrl(req.url).path}`;
  const match = restOperation(m, req.url);
  if (!match) {
    const { path } = splitUrl(req.url);
    const sameMethod = load()
      .routes.filter((r) => r.method !== m && r.regex.test(path))
      .map((r) => r.method);
    const hint = sameMethod.length ? ` (the path exists for ${[...new Set(sameMethod)].join(", ")})` : "";
    return [`${label}: no documented operation matches${hint}; routes the code may call are listed in test/contracts/rest-operations.txt`];
  }
  const op = load().routes.find((r) => r.method === m && r.template === match.template)!.op;
  const where = `${match.route} (${op.operationId})`;
  const violations: string[] = [];

  // Path parameters.
  const pathParams = op.parameters.filter((p) => p.in === "path");
  violations.push(...checkParams(`${match.route}#path`, pathParams, match.pathParams, `${where} path parameter `));

  // Query parameters.
  const queryParams = op.parameters.filter((p) => p.in === "query");
  const known = new Set(queryParams.map((p) => p.name));
  for (const name of Object.keys(match.query)) {
    if (!known.has(name)) {
      const allowed = queryParams.map((p) => p.name);
      violations.push(`${where}: query parameter "${name}" is not defined (allowed: ${allowed.length ? allowed.join(", ") : "none"})`);
    }
  }
  const definedQuery = Object.fromEntries(Object.entries(match.query).filter(([k]) => known.has(k)));
  violations.push(...checkParams(`${match.route}#query`, queryParams, definedQuery, `${where} query parameter `));

  // Body.
  const body = parseBody(req.body);
  if (body.error) violations.push(`${where}: ${body.error}`);
  if (!op.requestBody) {
    if (body.present) violations.push(`${where}: this operation takes no request body, got ${preview(body.json ?? req.body)}`);
  } else if (!body.present) {
    if (op.requestBody.required) violations.push(`${where}: a request body is required`);
  } else if (body.json !== undefined) {
    const schema = op.requestBody.content["application/json"]?.schema;
    if (schema === undefined) {
      violations.push(`${where}: a JSON body is not accepted (content types: ${Object.keys(op.requestBody.content).join(", ")})`);
    } else {
      const v = validator(`${match.route}#body`, schema);
      if (!v(body.json)) violations.push(...formatAjvErrors(v.errors, `${where} body`));
      const resolve = (ref: string) => jsonPointer(load().doc, ref);
      for (const ptr of undeclaredProperties(schema, body.json, resolve)) {
        violations.push(`${where} body${ptr}: property is not declared by GitHub's schema (GitHub ignores it silently: a typo?)`);
      }
    }
  }
  return violations;
}

function paramData(params: Parameter[], values: Record<string, string | string[]>): { properties: JsonObject; required: string[]; data: JsonObject } {
  const properties: JsonObject = {};
  const required: string[] = [];
  for (const p of params) {
    properties[p.name] = p.schema ?? {};
    if (p.required) required.push(p.name);
  }
  const data: JsonObject = {};
  for (const [k, v] of Object.entries(values)) {
    const schema = properties[k];
    // Octokit joins arrays in the query with commas.
    data[k] = isObject(schema) && schema.type === "array" && typeof v === "string" ? v.split(",") : v;
  }
  return { properties, required, data };
}

/** Values converted to their schema types where possible (ajv coercion mutates `data`). */
function coerceParams(key: string, params: Parameter[], values: Record<string, string | string[]>): Record<string, unknown> {
  const { properties, data } = paramData(params, values);
  validator(key, { type: "object", properties }, true)(data);
  return data;
}

function checkParams(key: string, params: Parameter[], values: Record<string, string | string[]>, where: string): string[] {
  const violations: string[] = [];
  const { properties, required, data } = paramData(params, values);
  for (const r of required) if (!(r in data)) violations.push(`${where}"${r}" is required but missing`);
  const v = validator(key, { type: "object", properties }, true);
  if (!v(data)) {
    for (const e of v.errors ?? []) {
      const name = decodeURIComponent(e.instancePath.split("/")[1] ?? "")
        .replace(/~1/g, "/")
        .replace(/~0/g, "~");
      const raw = values[name];
      violations.push(`${where}"${name}" ${e.message ?? "is invalid"} (got ${JSON.stringify(raw)})`);
    }
  }
  return violations;
}

/**
 * Checks a (mocked) response body against the documented 2xx response. Non-2xx answers and
 * non-JSON bodies (e.g. `mediaType: raw` file contents) are not checked.
 */
export function checkRestResponse(method: string, template: string, status: number, json: unknown): string[] {
  const m = method.toUpperCase();
  const route = load().routes.find((r) => r.method === m && r.template === template);
  const where = `${m} ${template}`;
  if (!route) return [`${where}: not a vendored operation (see test/contracts/rest-operations.txt)`];
  if (status < 200 || status > 299) return [];
  const documented = Object.keys(route.op.responses);
  const resp = route.op.responses[String(status)] ?? route.op.responses["2XX"];
  if (!resp) return [`${where} (${route.op.operationId}): GitHub answers ${documented.join(" or ")}, not ${status}`];
  const schema = resp.content?.["application/json"]?.schema;
  const empty = json === undefined || json === null || json === "";
  if (schema === undefined) {
    if (!empty && !resp.content) return [`${where} (${route.op.operationId}): status ${status} has no body, got ${preview(json)}`];
    return [];
  }
  if (typeof json === "string" || json instanceof Uint8Array) return []; // raw media type
  const v = validator(`${m} ${template}#response${status}`, schema);
  if (v(json)) return [];
  return formatAjvErrors(v.errors, `${where} (${route.op.operationId}) response ${status}`);
}
