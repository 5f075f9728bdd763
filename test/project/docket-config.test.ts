/**
 * Docket runs its own meetings: .github/docket.yml must load with the loader
 * the app and the Action use, without problems or warnings, and fit the issue
 * forms that feed it.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { CONFIG_PATH, parseConfigText, type ConfigProblem } from "../../src/config/load.js";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const text = readFileSync(`${ROOT}${CONFIG_PATH}`, "utf8");
const show = (problems: ConfigProblem[]) => problems.map((p) => `${CONFIG_PATH}:${p.line ?? "?"}:${p.column ?? "?"} ${p.path}: ${p.message}`);

describe("Docket's own .github/docket.yml", () => {
  const result = parseConfigText(text);

  it("loads with Docket's config loader: no problems, no warnings", () => {
    expect(result.ok ? [] : show(result.problems)).toEqual([]);
    expect(result.ok ? show(result.warnings) : []).toEqual([]);
  });

  it("has the maintainers' sync with its agenda label, and the idea backlog", () => {
    if (!result.ok) return expect.fail("the config did not load");
    const maintainers = result.config.meetings?.maintainers;
    expect(maintainers?.label).toBe("agenda/maintainers");
    expect(maintainers?.cadence).toBe("biweekly");
    expect(result.config.backlog?.label).toBe("idea");
  });

  it("the feature request form labels what it files as an idea, so it lands on the backlog", () => {
    if (!result.ok) return expect.fail("the config did not load");
    const form = parse(readFileSync(`${ROOT}.github/ISSUE_TEMPLATE/feature.yml`, "utf8")) as { labels: string[] };
    expect(form.labels).toContain(result.config.backlog?.label);
  });

  it("a mistake in it would fail this test, at its line", () => {
    const broken = parseConfigText(text.replace('time: "15:00"', "time: 3pm"));
    expect(broken.ok ? [] : show(broken.problems)).toEqual([
      expect.stringMatching(/^\.github\/docket\.yml:\d+:\d+ meetings\.maintainers\.time: expected a time of day/),
    ]);
  });
});
