/**
 * The migration guide's "after" is what people copy: its config must be valid and its workflow
 * must name only commands the Action has.
 */
import { readFileSync } from "node:fs";
import { expect, it } from "vitest";
import { parseConfigText } from "../../src/config/load.js";
import { ACTION_COMMANDS } from "../../src/workflows/action-job.js";

const guide = readFileSync(new URL("../../docs/migrating-from-meet.md", import.meta.url), "utf8");

it("its .github/docket.yml is a valid config, with meet's createWithin: P2D as open-ahead", () => {
  const yaml = /```yaml\n# \.github\/docket\.yml\n([\s\S]*?)```/.exec(guide)?.[1];
  expect(yaml).toBeDefined();
  const result = parseConfigText(yaml!);
  expect(result.ok ? [] : result.problems).toEqual([]);
  if (result.ok) expect(result.config.meetings["package-maintenance"]?.["open-ahead"]).toBe(2 * 24 * 60);
});

it("its workflow uses only the Action's commands", () => {
  const named = [...guide.matchAll(/command: ([a-z-]+)/g)].map((m) => m[1]!);
  expect(named.length).toBeGreaterThan(0);
  expect(named.filter((c) => !(ACTION_COMMANDS as readonly string[]).includes(c))).toEqual([]);
});
