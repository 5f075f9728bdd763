/**
 * Shared JSON Schema plumbing for the contract checks: ajv set-up, OpenAPI 3.0 -> JSON Schema
 * conversion (`nullable`), readable error messages, a walker that finds object properties a
 * schema does not declare, and locating files inside installed packages without importing them.
 */
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { Ajv, type ErrorObject, type Options, type ValidateFunction } from "ajv";
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormatsModule from "ajv-formats";
import standaloneModule from "ajv/dist/standalone/index.js";

export type JsonObject = Record<string, unknown>;

export function isObject(v: unknown): v is JsonObject {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/**
 * Path of a file inside an installed package, found by walking up from this file to a
 * `node_modules` that has it. We do not `import` these packages: their entry points eagerly
 * load every variant of their (large) JSON files.
 */
export function packageFile(pkg: string, file: string): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = join(dir, "node_modules", pkg, file);
    if (existsSync(candidate)) return candidate;
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`cannot find ${pkg}/${file} in any node_modules above ${fileURLToPath(import.meta.url)}`);
    dir = parent;
  }
}

/** Formats GitHub's descriptions use beyond the standard ones; accepted as any string. */
const EXTRA_FORMATS = ["int64", "int32", "uri-template", "repo.nwo", "ssh-key", "binary", "byte", "password", "uint32"];

const addFormats = (addFormatsModule as unknown as { default: (ajv: unknown) => void }).default;

function configure<T extends Ajv | Ajv2020>(ajv: T): T {
  addFormats(ajv);
  for (const f of EXTRA_FORMATS) ajv.addFormat(f, true);
  return ajv;
}

/**
 * `code.source` lets {@link compileCached} keep a validator's code; `code.optimize: false` skips
 * ajv's passes over the generated code, a third of the compile time of GitHub's large schemas,
 * for validators that run about as fast.
 */
const BASE: Options = { strict: false, allErrors: true, verbose: true, validateSchema: false, code: { source: true, optimize: false } };

/** Draft-07 ajv for OpenAPI 3.0 documents (after {@link openapi30ToJsonSchema}). */
export function newAjv(extra: Options = {}): Ajv {
  const ajv = configure(new Ajv({ ...BASE, ...extra }));
  contexts.set(ajv, sha256(versions(), "draft-07", JSON.stringify(BASE), JSON.stringify(extra), EXTRA_FORMATS.join(",")));
  return ajv;
}

/** JSON Schema 2020-12 ajv, for OpenAPI 3.1 documents (the webhooks description). */
export function newAjv2020(extra: Options = {}): Ajv2020 {
  const ajv = configure(new Ajv2020({ ...BASE, ...extra }));
  contexts.set(ajv, sha256(versions(), "2020-12", JSON.stringify(BASE), JSON.stringify(extra), EXTRA_FORMATS.join(",")));
  return ajv;
}

const standaloneCode = (standaloneModule as unknown as { default: (ajv: Ajv | Ajv2020, v: ValidateFunction) => string }).default;

const sha256 = (...parts: string[]) => {
  const h = createHash("sha256");
  for (const p of parts) h.update(p).update("\0");
  return h.digest("hex");
};

let cacheDirCache: string | undefined;
/** node_modules/.cache/docket-contracts: its files `require` ajv's runtime helpers and ajv-formats from that node_modules. */
function cacheDir(): string {
  cacheDirCache ??= join(dirname(dirname(packageFile("ajv", "package.json"))), ".cache", "docket-contracts");
  return cacheDirCache;
}

const requireHere = createRequire(import.meta.url);
let versionsCache: string | undefined;
const versions = () => {
  versionsCache ??= ["ajv", "ajv-formats"]
    .map((p) => `${p}@${(JSON.parse(readFileSync(packageFile(p, "package.json"), "utf8")) as { version: string }).version}`)
    .join(" ");
  return versionsCache;
};

/**
 * What an ajv instance compiles against, for {@link compileCached}: a hash of the ajv and
 * ajv-formats versions, the dialect, the options, the extra formats and every document registered
 * with {@link addDocument}.
 */
const contexts = new WeakMap<Ajv | Ajv2020, string>();

/** `ajv.addSchema(doc, key)`, recorded in the identity of the validators `ajv` compiles. */
export function addDocument(ajv: Ajv | Ajv2020, doc: object, key: string): void {
  ajv.addSchema(doc, key);
  contexts.set(ajv, sha256(contexts.get(ajv) ?? "", key, JSON.stringify(doc)));
}

/**
 * `ajv.compile(schema)`, kept on disk: ajv takes up to a second for one of GitHub's large schemas,
 * and every test worker (and every run) needs the same ones. The validator's standalone code is
 * written to node_modules/.cache/docket-contracts under a hash of what `ajv` compiles against
 * (see {@link addDocument}) and the schema, and later loaded instead of compiled. The checks are
 * the same: the code is what ajv generated for this schema. `DOCKET_CONTRACT_CACHE=0` compiles
 * every time (and writes nothing).
 */
export function compileCached(ajv: Ajv | Ajv2020, schema: object): ValidateFunction {
  const context = contexts.get(ajv);
  if (context === undefined) throw new Error("compileCached: make the ajv instance with newAjv or newAjv2020");
  if (process.env.DOCKET_CONTRACT_CACHE === "0") return ajv.compile(schema);
  const file = join(cacheDir(), `${sha256(context, JSON.stringify(schema)).slice(0, 40)}.cjs`);
  if (existsSync(file)) {
    try {
      return requireHere(file) as ValidateFunction;
    } catch {
      // An unreadable entry (a copy cut short): compiled afresh below, and rewritten.
    }
  }
  const validate = ajv.compile(schema);
  try {
    mkdirSync(cacheDir(), { recursive: true });
    // Written aside and renamed: another worker may load the same file meanwhile.
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, standaloneCode(ajv, validate));
    renameSync(tmp, file);
  } catch {
    // The cache is an optimisation: a read-only node_modules only costs the compile next time.
  }
  return validate;
}

const SCHEMA_MAPS = new Set(["properties", "patternProperties", "definitions", "$defs"]);
const SCHEMA_ONE = new Set(["items", "additionalProperties", "not", "contains", "propertyNames"]);
const SCHEMA_LIST = new Set(["allOf", "anyOf", "oneOf"]);

/**
 * Converts OpenAPI 3.0 schema dialect to JSON Schema: `nullable: true` becomes a `"null"` type
 * (or an `anyOf` with `{type: "null"}` when there is no `type`, e.g. beside `oneOf`/`allOf`), and
 * `null` joins a nullable `enum`. Schema-aware: property *names* are never mistaken for keywords.
 */
export function openapi30ToJsonSchema(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(openapi30ToJsonSchema);
  if (!isObject(schema)) return schema;
  if (typeof schema.$ref === "string") return { $ref: schema.$ref };
  const out: JsonObject = {};
  for (const [k, v] of Object.entries(schema)) {
    if (k === "nullable") continue;
    if (SCHEMA_MAPS.has(k) && isObject(v)) {
      out[k] = Object.fromEntries(Object.entries(v).map(([n, s]) => [n, openapi30ToJsonSchema(s)]));
    } else if (SCHEMA_ONE.has(k) && isObject(v)) {
      out[k] = openapi30ToJsonSchema(v);
    } else if (SCHEMA_LIST.has(k) && Array.isArray(v)) {
      out[k] = v.map(openapi30ToJsonSchema);
    } else {
      out[k] = v;
    }
  }
  if (schema.nullable === true) {
    if (Array.isArray(out.enum) && !out.enum.includes(null)) out.enum = [...out.enum, null];
    if (typeof out.type === "string") out.type = [out.type, "null"];
    else if (Array.isArray(out.type)) out.type = out.type.includes("null") ? out.type : [...out.type, "null"];
    else return { anyOf: [out, { type: "null" }] };
  }
  return out;
}

/** One line per ajv error: `<where><pointer>: <message>`; duplicates dropped. */
export function formatAjvErrors(errors: ErrorObject[] | null | undefined, where: string): string[] {
  const lines = new Set<string>();
  for (const e of errors ?? []) {
    let msg = e.message ?? "is invalid";
    const p = e.params as Record<string, unknown>;
    if (e.keyword === "enum" && Array.isArray(p.allowedValues)) msg += `: ${p.allowedValues.map((x) => JSON.stringify(x)).join(", ")}`;
    if (e.keyword === "additionalProperties" && typeof p.additionalProperty === "string") msg += `: ${JSON.stringify(p.additionalProperty)}`;
    if (e.keyword === "type" || e.keyword === "format" || e.keyword === "enum") msg += ` (got ${preview(e.data)})`;
    lines.add(`${where}${e.instancePath}: ${msg}`);
  }
  return [...lines];
}

export function preview(v: unknown): string {
  const s = JSON.stringify(v);
  if (s === undefined) return String(v);
  return s.length > 60 ? `${s.slice(0, 57)}...` : s;
}

/**
 * Object properties in `value` that `schema` declares nowhere (following `$ref`, `allOf`,
 * `anyOf`, `oneOf`, `items`). Objects whose schema allows additional properties, or declares no
 * properties at all (free-form maps), are not inspected. Returns JSON pointers.
 */
export function undeclaredProperties(schema: unknown, value: unknown, resolveRef: (ref: string) => unknown, at = ""): string[] {
  const branches = flattenBranches(schema, resolveRef);
  if (Array.isArray(value)) {
    const itemSchemas = branches.map((b) => b.items).filter((s) => s !== undefined);
    if (!itemSchemas.length) return [];
    return value.flatMap((item, i) => undeclaredProperties({ anyOf: itemSchemas }, item, resolveRef, `${at}/${i}`));
  }
  if (!isObject(value)) return [];
  const objectBranches = branches.filter((b) => isObject(b.properties) || b.additionalProperties !== undefined);
  if (!objectBranches.length) return [];
  if (objectBranches.some((b) => b.additionalProperties !== undefined && b.additionalProperties !== false)) return [];
  const declared = new Map<string, unknown[]>();
  for (const b of objectBranches) {
    for (const [name, sub] of Object.entries((b.properties as JsonObject | undefined) ?? {})) {
      declared.set(name, [...(declared.get(name) ?? []), sub]);
    }
  }
  const found: string[] = [];
  for (const [key, v] of Object.entries(value)) {
    const subs = declared.get(key);
    const ptr = `${at}/${key.replace(/~/g, "~0").replace(/\//g, "~1")}`;
    if (!subs) found.push(ptr);
    else found.push(...undeclaredProperties(subs.length === 1 ? subs[0] : { anyOf: subs }, v, resolveRef, ptr));
  }
  return found;
}

function flattenBranches(schema: unknown, resolveRef: (ref: string) => unknown, depth = 0): JsonObject[] {
  if (!isObject(schema) || depth > 50) return [];
  if (typeof schema.$ref === "string") return flattenBranches(resolveRef(schema.$ref), resolveRef, depth + 1);
  const out: JsonObject[] = [schema];
  for (const k of ["allOf", "anyOf", "oneOf"]) {
    const list = schema[k];
    if (Array.isArray(list)) for (const s of list) out.push(...flattenBranches(s, resolveRef, depth + 1));
  }
  return out;
}

/** Resolves a local JSON pointer (`#/a/b`) inside `doc`. */
export function jsonPointer(doc: unknown, ref: string): unknown {
  if (!ref.startsWith("#")) throw new Error(`only local $ref supported: ${ref}`);
  let cur: unknown = doc;
  for (const part of ref.slice(1).split("/").filter(Boolean)) {
    const key = decodeURIComponent(part).replace(/~1/g, "/").replace(/~0/g, "~");
    if (!isObject(cur) && !Array.isArray(cur)) return undefined;
    cur = (cur as Record<string, unknown>)[key];
  }
  return cur;
}
