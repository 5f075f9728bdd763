import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { BUNDLE } from "../../scripts/build-action.js";
import { INPUT_NAMES } from "../../src/action/inputs.js";
import { ACTION_COMMANDS } from "../../src/workflows/action-job.js";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const meta = parse(readFileSync(`${ROOT}action.yml`, "utf8")) as {
  name: string;
  description: string;
  branding: { icon: string; color: string };
  inputs: Record<string, { description: string; required?: boolean; default?: string }>;
  outputs: Record<string, { description: string }>;
  runs: { using: string; main: string };
};

describe("action.yml", () => {
  it("runs the bundle npm run build:action writes, on the node24 runtime", () => {
    // `uses: docket-app/docket@v1` reads action.yml at the repository's root; runs.main is relative to that root.
    expect(meta.runs).toEqual({ using: "node24", main: BUNDLE });
    expect(existsSync(`${ROOT}${meta.runs.main}`)).toBe(true);
  });

  it("declares exactly the inputs the runner reads, each described", () => {
    expect(Object.keys(meta.inputs).sort()).toEqual([...INPUT_NAMES].sort());
    for (const [name, input] of Object.entries(meta.inputs)) expect(input.description, name).toMatch(/\S/);
    expect(meta.inputs.command?.required).toBe(true);
    for (const command of ACTION_COMMANDS) expect(meta.inputs.command?.description).toContain(command);
    expect(meta.inputs.token?.default).toBe("${{ github.token }}");
    expect(meta.inputs["dry-run"]?.default).toBe("false");
  });

  it("declares the outputs, each described", () => {
    expect(Object.keys(meta.outputs)).toEqual(expect.arrayContaining(["path", "url", "writes"]));
    for (const [name, output] of Object.entries(meta.outputs)) expect(output.description, name).toMatch(/\S/);
  });

  it("is documented in the README: every input and output, and a workflow that uses only declared inputs", () => {
    const readme = readFileSync(fileURLToPath(new URL("../../README.md", import.meta.url)), "utf8");
    const section = /\n## The Action\n([\s\S]*?)\n## /.exec(readme)?.[1] ?? "";
    const tableNames = (header: string) =>
      new Set(
        section
          .split(header)[1]!
          .split("\n\n")[0]!
          .split("\n")
          .flatMap((row) => [...(row.split("|")[1] ?? "").matchAll(/`([a-z-]+)`/g)].map((m) => m[1]!)),
      );
    expect([...tableNames("| input |")].sort()).toEqual(Object.keys(meta.inputs).sort());
    expect([...tableNames("| output |")].sort()).toEqual(Object.keys(meta.outputs).sort());
    const workflow = parse(/```yaml\n(on:[\s\S]*?)```/.exec(section)?.[1] ?? "") as {
      jobs: Record<string, { steps: Array<{ uses?: string; with?: Record<string, string> }> }>;
    };
    const step = Object.values(workflow.jobs)[0]!.steps.find((st) => st.uses === "docket-app/docket@v1");
    expect(Object.keys(step?.with ?? {}).every((k) => k in meta.inputs)).toBe(true);
    expect(ACTION_COMMANDS).toContain(step?.with?.command);
  });

  it("has what the Marketplace asks for", () => {
    expect(meta.name).toBe("Docket");
    expect(meta.description.length).toBeLessThanOrEqual(125); // the Marketplace's limit
    expect(meta.branding).toEqual({ icon: "calendar", color: "purple" });
  });
});
