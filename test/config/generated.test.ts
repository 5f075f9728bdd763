import { readFileSync } from "node:fs";
import { Ajv } from "ajv";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { DOCS_FILE, EXAMPLE_CONFIG, renderConfigDocs } from "../../scripts/config-docs.js";
import { renderJsonSchema, SCHEMA_FILE, SCHEMA_ID } from "../../scripts/schema.js";

const read = (file: string) => {
  try {
    return readFileSync(file, "utf8");
  } catch {
    return "(missing)";
  }
};

describe("generated files are up to date", () => {
  it("schema.json", () => {
    expect(read(SCHEMA_FILE), "schema.json is stale: run npm run schema").toBe(renderJsonSchema());
  });

  it("docs/config.md", () => {
    expect(read(DOCS_FILE), "docs/config.md is stale: run npm run schema").toBe(renderConfigDocs());
  });
});

describe("docs/config.md", () => {
  const docs = renderConfigDocs();

  it("shows the full example and how to hook up an editor", () => {
    expect(docs).toContain(`\`\`\`yaml\n${EXAMPLE_CONFIG}\`\`\``);
    expect(docs).toContain(`# yaml-language-server: $schema=${SCHEMA_ID}`);
  });

  it("documents every key with its type, default and description", () => {
    expect(docs).toContain("| `waiting-list` | one of `first-fit`, `strict` | `first-fit` | first-fit: a later short topic");
    expect(docs).toContain("| `duration` | duration: `30m`, `1h30m`, or minutes | `1h` | Length of the meeting");
    expect(docs).toContain("| `title` | string, 1–200 characters | *required* |");
    expect(docs).toContain("### `meetings.<id>.event`");
    // Each use of a board has its own keys and defaults.
    expect(docs).toContain("### `backlog.board`");
    expect(docs).toMatch(/\| `value` \| [^|]+ \| `Agenda` \|/);
    expect(docs).toMatch(/\| `value` \| [^|]+ \| `Idea` \|/);
    expect(docs).toMatch(/\| `iteration-field` \| [^|]+ \| \*required\* \|/);
  });
});

describe("schema.json", () => {
  const schema = JSON.parse(read(SCHEMA_FILE)) as Record<string, unknown>;
  const ajv = new Ajv({ strict: false, allErrors: true });
  const validate = ajv.compile(schema);

  it("names itself", () => {
    expect(schema).toMatchObject({ $id: SCHEMA_ID, $schema: "http://json-schema.org/draft-07/schema#", title: expect.any(String) });
  });

  it("accepts the example from the design notes", () => {
    const ok = validate(parse(EXAMPLE_CONFIG));
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
  });

  it("rejects an unknown key", () => {
    const config = parse(EXAMPLE_CONFIG) as { meetings: { iaas: Record<string, unknown> } };
    config.meetings.iaas.timezon = "Europe/Berlin";
    expect(validate(config)).toBe(false);
    expect(validate.errors).toContainEqual(
      expect.objectContaining({ instancePath: "/meetings/iaas", keyword: "additionalProperties", params: { additionalProperty: "timezon" } }),
    );
  });

  it("rejects a value outside an enum and an upper-case series id", () => {
    expect(validate({ meetings: { iaas: { title: "T", order: "random" } } })).toBe(false);
    expect(validate({ meetings: { IaaS: { title: "T" } } })).toBe(false);
  });

  it("shows defaults as people write them", () => {
    const series = (schema.properties as Record<string, { additionalProperties: { properties: Record<string, { default?: unknown }> } }>).meetings
      ?.additionalProperties.properties;
    expect(series?.duration?.default).toBe("1h");
    expect(series?.["default-estimate"]?.default).toBe("10m");
    expect(series?.["waiting-list"]?.default).toBe("first-fit");
  });
});
