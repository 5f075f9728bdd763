/**
 * Webhook payloads checked against GitHub's webhook description (@octokit/openapi-webhooks), and
 * GitHub's own examples (@octokit/webhooks-examples). The builders that start from an example
 * live in test/fixtures/webhooks.ts.
 *
 * Names are `event.action` as Probot spells them ("issues.labeled", "pull_request.closed",
 * "issue_comment.created") or a bare event ("push").
 */
import { readFileSync } from "node:fs";
import type { Ajv2020 } from "ajv/dist/2020.js";
import type { ValidateFunction } from "ajv";
import { addDocument, compileCached, formatAjvErrors, isObject, newAjv2020, packageFile, type JsonObject } from "./json-schema.js";

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
/** @octokit/openapi-webhooks, loaded once: the payload schemas and their validators. */
export function spec() {
  if (!specCache) {
    const doc = JSON.parse(readFileSync(packageFile("@octokit/openapi-webhooks", "generated/api.github.com.json"), "utf8")) as JsonObject;
    const schemas = (doc.components as JsonObject).schemas as JsonObject;
    const ajv = newAjv2020();
    addDocument(ajv, { components: { schemas } }, "webhooks");
    specCache = { webhooks: doc.webhooks as Record<string, JsonObject>, schemas, ajv, validators: new Map() };
  }
  return specCache;
}

export function parseName(name: string): { event: string; action?: string } {
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

/** The validator of `event`/`action`'s payload schema (undefined when GitHub describes none). */
export function validatorFor(event: string, action: string | undefined): { validate: ValidateFunction; ref: string } | undefined {
  const ref = schemaRefFor(event, action);
  if (!ref) return undefined;
  const s = spec();
  let validate = s.validators.get(ref);
  if (!validate) {
    validate = compileCached(s.ajv, { $ref: `webhooks${ref}` });
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
