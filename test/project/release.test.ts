/**
 * A release (.github/workflows/release.yml) publishes CHANGELOG.md's section
 * for its version and refuses a version package.json or CHANGELOG.md is not at.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { changelogSections, checkRelease, compareVersions, ROOT, VERSION } from "../../scripts/release.js";

const CHANGELOG = `# Changelog

## [Unreleased]

### Added
- Something new.

## [1.1.0] - 2027-02-01

### Fixed
- The agenda keeps its order.

## [1.0.0] - 2027-01-15

### Added
- Everything.

[Unreleased]: https://github.com/docket-app/docket/compare/v1.1.0...HEAD
[1.1.0]: https://github.com/docket-app/docket/compare/v1.0.0...v1.1.0
[1.0.0]: https://github.com/docket-app/docket/releases/tag/v1.0.0
`;

describe("checkRelease", () => {
  it("gives the version's section, without its heading or the link definitions, as the notes", () => {
    expect(checkRelease("1.1.0", "1.1.0", CHANGELOG)).toEqual({ ok: true, notes: "### Fixed\n- The agenda keeps its order.\n" });
    expect(checkRelease("1.0.0", "1.0.0", CHANGELOG)).toEqual({ ok: true, notes: "### Added\n- Everything.\n" });
  });

  it("refuses a version CHANGELOG.md has no dated section for", () => {
    expect(checkRelease("1.2.0", "1.2.0", CHANGELOG)).toEqual({ ok: false, problems: [expect.stringMatching(/no section "## \[1\.2\.0\] - YYYY-MM-DD"/)] });
    const undated = CHANGELOG.replace("## [1.1.0] - 2027-02-01", "## [1.1.0]");
    expect(checkRelease("1.1.0", "1.1.0", undated)).toEqual({ ok: false, problems: [expect.stringMatching(/section for 1\.1\.0 has no date/)] });
    const empty = CHANGELOG.replace("### Fixed\n- The agenda keeps its order.\n", "");
    expect(checkRelease("1.1.0", "1.1.0", empty)).toEqual({ ok: false, problems: [expect.stringMatching(/section for 1\.1\.0 is empty/)] });
  });

  it("refuses a version package.json is not at, saying how to fix it", () => {
    expect(checkRelease("1.1.0", "1.0.0", CHANGELOG)).toEqual({
      ok: false,
      problems: ["package.json says version 1.0.0, not 1.1.0: run npm version 1.1.0 --no-git-tag-version and commit"],
    });
  });

  it("refuses what is not X.Y.Z", () => {
    for (const bad of ["1.1", "v1.1.0", "1.1.0-rc.1", "01.1.0", ""]) expect(checkRelease(bad, bad, CHANGELOG).ok, bad).toBe(false);
  });
});

describe("CHANGELOG.md and package.json", () => {
  const changelog = readFileSync(join(ROOT, "CHANGELOG.md"), "utf8");
  const sections = changelogSections(changelog);
  const released = sections.filter((s) => s.name !== "Unreleased");
  const version = (JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { version: string }).version;

  it("open with an Unreleased section, then released versions, newest first, each dated", () => {
    expect(sections[0]?.name).toBe("Unreleased");
    for (const s of released) {
      expect(s.name, s.name).toMatch(VERSION);
      expect(s.date, `## [${s.name}] needs " - YYYY-MM-DD"`).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(s.body, s.name).not.toBe("");
    }
    const names = released.map((s) => s.name);
    expect(names).toEqual([...names].sort((a, b) => compareVersions(b, a)));
  });

  it("package.json's version is the latest release's (0.0.0 before the first)", () => {
    expect(version).toBe(released[0]?.name ?? "0.0.0");
  });
});

describe("the release workflow", () => {
  const workflow = parse(readFileSync(join(ROOT, ".github/workflows/release.yml"), "utf8")) as {
    on: { push: { tags: string[] }; workflow_dispatch: { inputs: Record<string, { required: boolean }> } };
    jobs: Record<string, { uses?: string; needs?: string; steps?: Array<{ run?: string }> }>;
  };
  const release = Object.values(workflow.jobs).find((job) => job.steps?.some((s) => s.run?.includes("gh release create")));
  const runs = (release?.steps ?? []).map((s) => s.run ?? "").join("\n");

  it("runs on a pushed vX.Y.Z tag or by hand with a version", () => {
    expect(workflow.on.push.tags).toEqual(["v[0-9]+.[0-9]+.[0-9]+"]);
    expect(workflow.on.workflow_dispatch.inputs.version?.required).toBe(true);
  });

  it("releases only after CI's tests passed, with the checks above and a fresh action/dist", () => {
    expect(workflow.jobs[release?.needs ?? ""]?.uses).toBe("./.github/workflows/ci.yml");
    expect(runs).toContain('npx tsx scripts/release.ts notes "$VERSION"');
    expect(runs).toMatch(/npm run build:action\n\s*if ! git diff --exit-code --stat -- action\/dist/);
  });

  it("moves the major tag to the released commit", () => {
    expect(runs).toContain('git tag -f -a "$MAJOR"');
    expect(runs).toContain('git push -f origin "refs/tags/$MAJOR"');
  });
});
