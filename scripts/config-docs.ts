/**
 * Writes `docs/config.md`: the reference of `.github/docket.yml`, generated
 * from the same JSON Schema as `schema.json` (so the reference, the editors
 * and the app can never disagree), plus a short intro and a full example.
 *
 *   npm run schema     # regenerate schema.json and docs/config.md
 *
 * test/config/generated.test.ts fails when the checked-in file is stale, and
 * checks that the example below is a valid config.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { formatProblems, parseConfigText } from "../src/config/load.js";
import { buildJsonSchema, SCHEMA_ID } from "./schema.js";

export const DOCS_FILE = fileURLToPath(new URL("../docs/config.md", import.meta.url));

/** The full example from the design notes; test/config checks that it validates. */
export const EXAMPLE_CONFIG = `meetings:
  iaas:
    title: Team IaaS
    cadence: biweekly          # weekly | biweekly | monthly | an RFC 5545 RRULE
    weeks: odd                 # ISO-8601 week parity, for biweekly
    day: monday
    time: "14:00"
    duration: 30m
    timezone: Europe/Berlin
    label: agenda/iaas         # issues with this label become topics
    board: { owner: SovereignCloudStack, number: 6, field: Status, value: Agenda }
    default-estimate: 10m      # a topic's own estimate wins (issue form field, label time/15m, board number field)
    recurring: ["Who presents in the community call?", "Anything to add to the agenda?"]
    roles: { reporter: [fkr, garloff], minutes: [gndrmnn, maxwolfs] }   # round-robin per occurrence
    minutes: { path: "minutes/{date}.md", publish: commit }             # or pull-request
  meetup-2025:
    title: Team Meetup 2025
    event: { from: 2025-02-03, to: 2025-02-14, weekdays: true, start: "09:00", timezone: UTC, daily-budget: 2h30m }
    label: meetup-topic
    waiting-list: first-fit    # or strict (first come, first served, no skipping)
backlog:
  label: idea
  title: Idea Backlog
  path: docs/backlog.md
sprints:
  board: { owner: SovereignCloudStack, number: 6, iteration-field: Sprint }   # or milestone / label
`;

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Schema = { [key: string]: Json };

const isSchema = (v: Json | undefined): v is Schema => v !== null && v !== undefined && typeof v === "object" && !Array.isArray(v);

/** What Docket says about the example with four mistakes in it: real output, so the page never drifts from the app. */
function sampleProblems(): string {
  const broken = EXAMPLE_CONFIG.replace("cadence: biweekly ", "cadence: fortnightly")
    .replace('time: "14:00"', "time: 2pm")
    .replace("timezone: Europe/Berlin", "timezone: Europe/Berln")
    .replace("waiting-list: first-fit", "waiting_list: first-fit");
  const result = parseConfigText(broken);
  if (result.ok) throw new Error("the broken example unexpectedly validates");
  return formatProblems(result.problems);
}

const intro = () => `# Configuration reference

Docket reads \`.github/docket.yml\` from the repository it is installed on. An
organisation can keep one shared file in its \`.github\` repository, and a
repository can build on it with \`_extends: .github\` (the files merge by
top-level key, as in Probot apps; the README lists the forms \`_extends\` takes).
A repository without the file has no meetings.

Everything below is checked when the file changes. A broken file never crashes
Docket and never wipes an agenda: Docket changes nothing while the file is broken,
and reports on the commit or pull request that changed it (and in the Action's
log) each problem as its line, the YAML path, what was expected and what was found:

\`\`\`text
${sampleProblems()}
\`\`\`

Some rules of thumb:

- Keys are kebab-case. Unknown keys are errors, so a typo never falls back to a default silently.
- Indent with spaces: YAML does not allow tabs for indentation.
- Durations are written \`30m\`, \`1h\`, \`1h30m\` or as a number of minutes (\`90\`).
- Times of day are \`"HH:MM"\` in 24-hour form. Quote them: \`time: "14:00"\`.
- A series meets on a \`cadence\` (with \`day\` and \`time\`) or is a multi-day \`event\`, never both.

## Editor support

[\`schema.json\`](../schema.json) is the JSON Schema of this file, generated from the
same source as this page. With the YAML extension of VS Code (or any editor using
yaml-language-server), put this line at the top of \`.github/docket.yml\` to get
completion, descriptions and checks as you type:

\`\`\`yaml
# yaml-language-server: $schema=${SCHEMA_ID}
\`\`\`

## Example

\`\`\`yaml
${EXAMPLE_CONFIG}\`\`\`
`;

/** Escapes text for a Markdown table cell. */
function cell(text: string): string {
  return text.replace(/\r?\n/g, " ").replace(/\|/g, "\\|");
}

/** Escapes prose (outside code spans) so `<id>` is not taken for HTML. */
function prose(text: string): string {
  return text
    .split(/(`[^`]*`)/)
    .map((part, i) => (i % 2 === 1 ? part : part.replace(/</g, "&lt;").replace(/>/g, "&gt;")))
    .join("");
}

/** Friendly names of the patterns the schema uses; any other pattern is shown as is. */
const PATTERNS: Record<string, string> = {
  "^[A-Za-z0-9_.-]+(\\/[A-Za-z0-9_.-]+)?$": "repository: `name` or `owner/name`",
  "^([01]?\\d|2[0-3]):[0-5]\\d$": 'time of day: `"HH:MM"`',
  "^\\d{4}-\\d{2}-\\d{2}$": "date: `YYYY-MM-DD`",
  "^[a-z0-9][a-z0-9-]{0,38}$": "id: lower-case letters, digits and `-`",
  "^(RRULE:)?FREQ=": "an RFC 5545 RRULE: `FREQ=…`",
};

function code(value: string): string {
  const ticks = value.includes("`") ? "``" : "`";
  const pad = value.startsWith("`") || value.endsWith("`") ? " " : "";
  return `${ticks}${pad}${value}${pad}${ticks}`;
}

function literal(value: Json): string {
  return code(typeof value === "string" ? value : JSON.stringify(value));
}

/** GitHub's heading anchor for a heading's text. */
function anchor(heading: string): string {
  return heading
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, "")
    .trim()
    .replace(/\s/g, "-");
}

type Section = { path: string; schema: Schema; description: string | undefined };

/** A human type with its allowed values; `link` names the section of a nested map. */
function typeOf(schema: Schema, link: (s: Schema) => string | undefined): string {
  if (Array.isArray(schema.enum)) return `one of ${schema.enum.map(literal).join(", ")}`;
  if ("const" in schema && schema.const !== undefined) return literal(schema.const);
  if (Array.isArray(schema.anyOf))
    return schema.anyOf
      .filter(isSchema)
      .map((s) => typeOf(s, link))
      .join(", or ");
  const type = schema.type;
  if (Array.isArray(type)) {
    if (type.length === 2 && type.includes("string") && type.includes("number")) return "duration: `30m`, `1h30m`, or minutes";
    return type.map((t) => String(t)).join(" or ");
  }
  switch (type) {
    case "string": {
      const friendly = typeof schema.pattern === "string" ? PATTERNS[schema.pattern] : undefined;
      if (friendly !== undefined) return friendly;
      const parts: string[] = [];
      const min = typeof schema.minLength === "number" ? schema.minLength : undefined;
      const max = typeof schema.maxLength === "number" ? schema.maxLength : undefined;
      if (min !== undefined && max !== undefined) parts.push(`${min}–${max} characters`);
      else if (max !== undefined) parts.push(`at most ${max} characters`);
      else if (min === 1) parts.push("non-empty");
      if (typeof schema.pattern === "string") parts.push(`matching ${code(schema.pattern)}`);
      return parts.length > 0 ? `string, ${parts.join(", ")}` : "string";
    }
    case "integer": {
      if (schema.exclusiveMinimum === 0 || schema.minimum === 1) return "positive whole number";
      return "whole number";
    }
    case "number":
      return "number";
    case "boolean":
      return "`true` or `false`";
    case "array": {
      const item = isSchema(schema.items) ? schema.items : undefined;
      const items =
        item === undefined
          ? "anything"
          : item.type === "string" && Object.keys(item).every((k) => k === "type" || k === "minLength")
            ? item.minLength === 1
              ? "non-empty strings"
              : "strings"
            : typeOf(item, link);
      const min = typeof schema.minItems === "number" && schema.minItems > 0 ? ` (at least ${schema.minItems})` : "";
      return `list${min} of ${items}`;
    }
    case "object": {
      const target = link(schema);
      if (target !== undefined) return `map, see ${target}`;
      if (isSchema(schema.additionalProperties)) {
        const keys = isSchema(schema.propertyNames) ? typeOf(schema.propertyNames, link) : "string";
        return `map of name (${keys}) → ${typeOf(schema.additionalProperties, link)}`;
      }
      return "map";
    }
    default:
      return "any";
  }
}

/** The object sections, depth first in schema order. */
function collectSections(root: Schema): Section[] {
  const sections: Section[] = [];
  const visit = (path: string, schema: Schema, description: string | undefined) => {
    sections.push({ path, schema, description });
    const props = isSchema(schema.properties) ? schema.properties : {};
    for (const [key, child] of Object.entries(props)) {
      if (!isSchema(child)) continue;
      const childPath = path === "" ? key : `${path}.${key}`;
      const desc = typeof child.description === "string" ? child.description : undefined;
      if (child.type === "object" && isSchema(child.properties)) visit(childPath, child, desc);
      else if (child.type === "object" && isSchema(child.additionalProperties) && isSchema(child.additionalProperties.properties)) {
        const inner = child.additionalProperties;
        visit(`${childPath}.<id>`, inner, typeof inner.description === "string" ? inner.description : desc);
      }
    }
  };
  visit("", root, typeof root.description === "string" ? root.description : undefined);
  return sections;
}

/** Structure of an object schema without descriptions, to spot the same map used in several places. */
function shapeKey(schema: Schema): string {
  const strip = (v: Json): Json => {
    if (Array.isArray(v)) return v.map(strip);
    if (!isSchema(v)) return v;
    return Object.fromEntries(
      Object.entries(v)
        .filter(([k]) => k !== "description")
        .map(([k, c]) => [k, strip(c)]),
    );
  };
  return JSON.stringify(strip(schema));
}

const heading = (path: string) => (path === "" ? "Top level" : code(path));

/** The exact text of `docs/config.md`. */
export function renderConfigDocs(): string {
  const root = buildJsonSchema() as Schema;
  const sections = collectSections(root);
  const bySchema = new Map<Schema, Section>(sections.map((s) => [s.schema, s]));
  const firstOfShape = new Map<string, Section>();
  const out: string[] = [intro(), "## Reference", ""];
  out.push("Each table lists the keys of one map. *Required* keys must be given; the others take the default shown (— for none).", "");

  const link = (schema: Schema): string | undefined => {
    const section = bySchema.get(schema);
    if (section === undefined) return undefined;
    const h = heading(section.path);
    return `[${h}](#${anchor(h)})`;
  };

  for (const section of sections) {
    const h = heading(section.path);
    out.push(`### ${h}`, "");
    if (section.description) out.push(prose(section.description), "");
    const key = shapeKey(section.schema);
    const same = firstOfShape.get(key);
    if (same !== undefined) {
      const sh = heading(same.path);
      out.push(`The same keys as [${sh}](#${anchor(sh)}).`, "");
      continue;
    }
    firstOfShape.set(key, section);
    const required = new Set(Array.isArray(section.schema.required) ? section.schema.required.map(String) : []);
    out.push("| Key | Type | Default | Description |", "| --- | --- | --- | --- |");
    const props = isSchema(section.schema.properties) ? section.schema.properties : {};
    for (const [name, child] of Object.entries(props)) {
      if (!isSchema(child)) continue;
      const def = required.has(name) ? "*required*" : "default" in child && child.default !== undefined ? literal(child.default) : "—";
      const description = typeof child.description === "string" ? child.description : "";
      out.push(`| ${code(name)} | ${cell(typeOf(child, link))} | ${cell(def)} | ${cell(prose(description))} |`);
    }
    out.push("");
  }
  return `<!-- Generated by \`npm run schema\` (scripts/config-docs.ts) from src/config/schema.ts. Do not edit by hand. -->\n\n${out.join("\n").trimEnd()}\n`;
}

function main(): void {
  mkdirSync(dirname(DOCS_FILE), { recursive: true });
  writeFileSync(DOCS_FILE, renderConfigDocs());
  console.log(`wrote ${DOCS_FILE}`);
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) main();
