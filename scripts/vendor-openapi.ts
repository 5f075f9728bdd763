/**
 * Vendors the part of GitHub's REST OpenAPI description that Docket uses.
 *
 *   npx tsx scripts/vendor-openapi.ts                 # downloads the pinned @octokit/openapi with `npm pack`
 *   npx tsx scripts/vendor-openapi.ts --from FILE     # uses an already extracted api.github.com.json
 *
 * Reads test/contracts/rest-operations.txt ("METHOD /path/{template}" per line, # comments),
 * keeps only those operations, inlines their parameter / requestBody / response references,
 * keeps only the 2xx responses' application/json schemas, copies every component schema they
 * reach (transitively, still as `#/components/schemas/...` references so recursive schemas stay
 * finite), strips descriptions and examples, and writes test/contracts/openapi-rest.json.
 *
 * The output is still an OpenAPI 3.0 document (with `nullable`), so any OpenAPI tool can read it.
 *
 * ERRATA lists the few places where the description contradicts what GitHub answers (and the rest
 * of the description); each is corrected in the output and named in `x-docket-generated.errata`.
 * An erratum that no longer matches the pinned description fails the run: drop it then.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/** Pinned: bump deliberately, rerun, and review the diff of openapi-rest.json. */
const PACKAGE = "@octokit/openapi";
const VERSION = "23.0.2";
const FILE_IN_PACKAGE = "package/generated/api.github.com.json";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const listFile = join(root, "test/contracts/rest-operations.txt");
const outFile = join(root, "test/contracts/openapi-rest.json");

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

interface Erratum {
  /** `METHOD /path` of a listed operation. */
  route: string;
  /** Keys from the operation object (as written to the output) to the schema to correct. */
  at: string[];
  why: string;
  /** Corrects the schema in place; throws when it does not look as expected. */
  fix(schema: JsonObject): void;
}

const ERRATA: Erratum[] = [
  {
    route: "GET /app/installations",
    at: ["responses", "200", "content", "application/json", "schema", "items", "properties", "account"],
    why: "the installation's account is a user or an enterprise (anyOf, as the `installation` schema says), not both at once (allOf): GitHub answers a simple user",
    fix(schema) {
      if (!Array.isArray(schema.allOf) || schema.allOf.length !== 2) throw new Error("expected allOf [simple-user, enterprise]");
      schema.anyOf = schema.allOf;
      delete schema.allOf;
    },
  },
];

function isObject(v: unknown): v is JsonObject {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function loadSpec(): { spec: JsonObject; source: string } {
  const fromIdx = process.argv.indexOf("--from");
  if (fromIdx >= 0) {
    const file = process.argv[fromIdx + 1];
    if (!file) throw new Error("--from needs a file");
    return { spec: JSON.parse(readFileSync(file, "utf8")) as JsonObject, source: `${file} (declared as ${PACKAGE}@${VERSION})` };
  }
  const tmp = mkdtempSync(join(tmpdir(), "docket-openapi-"));
  try {
    execFileSync("npm", ["pack", `${PACKAGE}@${VERSION}`, "--pack-destination", tmp, "--silent"], {
      stdio: ["ignore", "ignore", "inherit"],
    });
    const tgz = readdirSync(tmp).find((f) => f.endsWith(".tgz"));
    if (!tgz) throw new Error(`npm pack ${PACKAGE}@${VERSION} produced no tarball`);
    execFileSync("tar", ["-xzf", join(tmp, tgz), "-C", tmp, FILE_IN_PACKAGE]);
    const spec = JSON.parse(readFileSync(join(tmp, FILE_IN_PACKAGE), "utf8")) as JsonObject;
    return { spec, source: `${PACKAGE}@${VERSION} ${FILE_IN_PACKAGE.replace(/^package\//, "")}` };
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

function readOperationList(): Array<{ method: string; path: string }> {
  const ops: Array<{ method: string; path: string }> = [];
  for (const [i, raw] of readFileSync(listFile, "utf8").split("\n").entries()) {
    const line = raw.replace(/#.*/, "").trim();
    if (!line) continue;
    const m = /^([A-Z]+)\s+(\/\S*)$/.exec(line);
    if (!m) throw new Error(`${listFile}:${i + 1}: expected "METHOD /path", got ${JSON.stringify(raw)}`);
    ops.push({ method: m[1]!.toLowerCase(), path: m[2]! });
  }
  return ops;
}

function main(): void {
  const { spec, source } = loadSpec();
  const paths = spec.paths as JsonObject;
  const components = spec.components as JsonObject;
  const info = spec.info as JsonObject;

  const pointer = (ref: string): Json => {
    if (!ref.startsWith("#/")) throw new Error(`external $ref not supported: ${ref}`);
    let cur: Json = spec;
    for (const part of ref.slice(2).split("/")) {
      const key = part.replace(/~1/g, "/").replace(/~0/g, "~");
      if (!isObject(cur) || !(key in cur)) throw new Error(`dangling $ref ${ref}`);
      cur = cur[key]!;
    }
    return cur;
  };
  /** Follows non-schema references (#/components/parameters|responses|requestBodies|headers). */
  const deref = (v: Json): Json => {
    let cur = v;
    for (let i = 0; isObject(cur) && typeof cur.$ref === "string"; i++) {
      if (i > 20) throw new Error("$ref cycle");
      cur = pointer(cur.$ref);
    }
    return cur;
  };

  const usedSchemas = new Set<string>();
  const SCHEMA_MAPS = new Set(["properties", "patternProperties"]);
  const SCHEMA_ONE = new Set(["items", "additionalProperties", "not"]);
  const SCHEMA_LIST = new Set(["allOf", "anyOf", "oneOf"]);
  const DROP = new Set(["description", "example", "examples", "externalDocs", "discriminator"]);

  /** Copies a schema without prose and examples; records (not inlines) component schema refs. */
  const cleanSchema = (s: Json): Json => {
    if (!isObject(s)) return s;
    if (typeof s.$ref === "string") {
      const m = /^#\/components\/schemas\/(.+)$/.exec(s.$ref);
      if (m) {
        usedSchemas.add(m[1]!);
        return { $ref: s.$ref };
      }
      return cleanSchema(deref(s));
    }
    const out: JsonObject = {};
    for (const [k, v] of Object.entries(s)) {
      if (DROP.has(k) || k.startsWith("x-")) continue;
      if (SCHEMA_MAPS.has(k) && isObject(v)) {
        out[k] = Object.fromEntries(Object.entries(v).map(([name, sub]) => [name, cleanSchema(sub)]));
      } else if (SCHEMA_ONE.has(k) && isObject(v)) {
        out[k] = cleanSchema(v);
      } else if (SCHEMA_LIST.has(k) && Array.isArray(v)) {
        out[k] = v.map(cleanSchema);
      } else {
        out[k] = v;
      }
    }
    return out;
  };

  const cleanContent = (content: Json, keepAllTypes: boolean): JsonObject | undefined => {
    if (!isObject(content)) return undefined;
    const out: JsonObject = {};
    for (const [type, media] of Object.entries(content)) {
      const m = deref(media);
      if (!isObject(m)) continue;
      if (type === "application/json" || keepAllTypes) {
        out[type] = m.schema === undefined ? {} : { schema: cleanSchema(m.schema) };
      } else {
        out[type] = {}; // other media types (raw, diff, ...): recorded by name only
      }
    }
    return out;
  };

  const outPaths: JsonObject = {};
  const missing: string[] = [];
  const list = readOperationList();
  for (const { method, path } of list) {
    const item = deref(paths[path] ?? null);
    const op = isObject(item) ? deref(item[method] ?? null) : null;
    if (!isObject(item) || !isObject(op)) {
      missing.push(`${method.toUpperCase()} ${path}`);
      continue;
    }
    const params = [...((item.parameters as Json[] | undefined) ?? []), ...((op.parameters as Json[] | undefined) ?? [])]
      .map(deref)
      .filter(isObject)
      .map((p) => {
        const q: JsonObject = { name: p.name!, in: p.in!, required: p.required === true };
        if (p.schema !== undefined) q.schema = cleanSchema(p.schema);
        for (const k of ["style", "explode", "deprecated"]) if (p[k] !== undefined) q[k] = p[k]!;
        return q;
      });
    const outOp: JsonObject = {
      operationId: op.operationId!,
      summary: op.summary ?? "",
      parameters: params,
    };
    if (op.requestBody !== undefined) {
      const rb = deref(op.requestBody);
      if (isObject(rb)) {
        outOp.requestBody = { required: rb.required === true, content: cleanContent(rb.content ?? null, true) ?? {} };
      }
    }
    const responses: JsonObject = {};
    for (const [status, resp] of Object.entries((op.responses as JsonObject | undefined) ?? {})) {
      if (!/^2/.test(status)) continue;
      const r = deref(resp);
      if (!isObject(r)) continue;
      const out: JsonObject = { description: typeof r.description === "string" ? r.description.split("\n")[0]! : "" };
      const content = cleanContent(r.content ?? null, false);
      if (content && Object.keys(content).length) out.content = content;
      responses[status] = out;
    }
    outOp.responses = responses;
    if (op.deprecated === true) outOp.deprecated = true;
    const outItem = (outPaths[path] ??= {}) as JsonObject;
    outItem[method] = outOp;
  }
  if (missing.length) {
    throw new Error(`operations not found in ${source}:\n  ${missing.join("\n  ")}`);
  }

  const applied: string[] = [];
  for (const e of ERRATA) {
    const [method, path] = e.route.split(" ") as [string, string];
    const op = (outPaths[path] as JsonObject | undefined)?.[method.toLowerCase()];
    if (!isObject(op)) continue; // not a listed operation
    let cur: Json = op;
    for (const k of e.at) cur = isObject(cur) ? (cur[k] ?? null) : null;
    if (!isObject(cur)) throw new Error(`erratum ${e.route} ${e.at.join("/")}: no such schema in ${source}; drop the erratum`);
    try {
      e.fix(cur);
    } catch (error) {
      throw new Error(`erratum ${e.route} ${e.at.join("/")} no longer applies to ${source} (${(error as Error).message}); drop the erratum`);
    }
    applied.push(`${e.route} ${e.at.join("/")}: ${e.why}`);
  }

  // Copy every component schema reached, transitively.
  const schemas = components.schemas as JsonObject;
  const outSchemas: JsonObject = {};
  const queue = [...usedSchemas];
  while (queue.length) {
    const name = queue.pop()!;
    if (name in outSchemas) continue;
    const s = schemas[name];
    if (s === undefined) throw new Error(`dangling schema ref ${name}`);
    const before = new Set(usedSchemas);
    outSchemas[name] = cleanSchema(s);
    for (const n of usedSchemas) if (!before.has(n)) queue.push(n);
  }
  const sortedSchemas = Object.fromEntries(
    Object.keys(outSchemas)
      .sort()
      .map((k) => [k, outSchemas[k]!]),
  );

  const doc: JsonObject = {
    openapi: spec.openapi as string,
    info: {
      title: "GitHub REST API: the operations Docket uses (vendored subset)",
      version: info.version as string,
    },
    "x-docket-generated": {
      note: "GENERATED FILE, do not edit. Edit test/contracts/rest-operations.txt and run `npx tsx scripts/vendor-openapi.ts`.",
      source,
      package: PACKAGE,
      packageVersion: VERSION,
      operations: list.length,
      stripped: "descriptions, examples, externalDocs, x-* extensions, non-2xx responses, non-JSON response schemas",
      errata: applied,
    },
    paths: outPaths,
    components: { schemas: sortedSchemas },
  };
  const text = `${JSON.stringify(doc, null, 1)}\n`;
  writeFileSync(outFile, text);
  console.log(
    `wrote ${outFile}: ${list.length} operations, ${Object.keys(sortedSchemas).length} schemas, ${(text.length / 1024).toFixed(0)} KiB (from ${source})`,
  );
}

main();
