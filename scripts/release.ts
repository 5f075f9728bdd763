/**
 * The release's checks and notes (.github/workflows/release.yml, CONTRIBUTING.md):
 *
 *   npx tsx scripts/release.ts notes 1.2.3   # prints CHANGELOG.md's section for 1.2.3
 *
 * Fails, saying what to fix, unless `1.2.3` is a version (X.Y.Z), package.json
 * says the same version, and CHANGELOG.md has a dated section for it with
 * something in it. The notes are the section's text without its heading, for
 * the GitHub release.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = fileURLToPath(new URL("..", import.meta.url));

/** A release's version: X.Y.Z, no pre-release or build suffix (the major tag vX moves with every one). */
export const VERSION = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$/;

/** A heading of a version's section in Keep a Changelog's form: `## [1.2.3] - 2026-12-02`. */
const SECTION = /^## \[([^\]]+)\](?: - (\d{4}-\d{2}-\d{2}))?[ \t]*$/gm;

export interface ChangelogSection {
  /** `Unreleased` or a version. */
  name: string;
  /** YYYY-MM-DD; undefined for Unreleased (or a version without its date, which is a mistake). */
  date: string | undefined;
  /** The text under the heading, up to the next `## ` heading or the link definitions at the end. */
  body: string;
}

/** The `## [...]` sections of a changelog, in the file's order. */
export function changelogSections(changelog: string): ChangelogSection[] {
  const text = changelog.replace(/\r\n/g, "\n");
  const headings = [...text.matchAll(SECTION)];
  return headings.map((m, i) => {
    const start = m.index + m[0].length;
    const end = headings[i + 1]?.index ?? text.length;
    const body = text
      .slice(start, end)
      .replace(/^\[[^\]]+\]:\s*\S+\s*$/gm, "") // Keep a Changelog's link definitions, `[1.2.3]: https://…`
      .trim();
    return { name: m[1]!, date: m[2], body };
  });
}

/** Compares X.Y.Z versions: negative when a comes before b. */
export function compareVersions(a: string, b: string): number {
  const pa = a.split(".").map(Number);
  const pb = b.split(".").map(Number);
  for (let i = 0; i < 3; i++) if (pa[i] !== pb[i]) return (pa[i] ?? 0) - (pb[i] ?? 0);
  return 0;
}

export type ReleaseCheck = { ok: true; notes: string } | { ok: false; problems: string[] };

/** May `version` be released from this package.json and CHANGELOG.md? With the release notes when it may. */
export function checkRelease(version: string, packageVersion: string, changelog: string): ReleaseCheck {
  if (!VERSION.test(version)) return { ok: false, problems: [`"${version}" is not a version to release: expected X.Y.Z, such as 1.2.3 (the tag is v1.2.3)`] };
  const problems: string[] = [];
  if (packageVersion !== version)
    problems.push(`package.json says version ${packageVersion}, not ${version}: run npm version ${version} --no-git-tag-version and commit`);
  const section = changelogSections(changelog).find((s) => s.name === version);
  if (!section) problems.push(`CHANGELOG.md has no section "## [${version}] - YYYY-MM-DD": move what Unreleased lists under that heading`);
  else if (section.date === undefined) problems.push(`CHANGELOG.md's section for ${version} has no date: "## [${version}] - YYYY-MM-DD"`);
  else if (section.body === "") problems.push(`CHANGELOG.md's section for ${version} is empty: say what changed`);
  return problems.length > 0 || !section ? { ok: false, problems } : { ok: true, notes: `${section.body}\n` };
}

function main(argv: string[]): number {
  const [command, version] = argv;
  if (command !== "notes" || version === undefined) {
    console.error("usage: tsx scripts/release.ts notes X.Y.Z   (prints CHANGELOG.md's section for X.Y.Z)");
    return 2;
  }
  const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { version: string };
  const result = checkRelease(version.replace(/^v/, ""), pkg.version, readFileSync(join(ROOT, "CHANGELOG.md"), "utf8"));
  if (!result.ok) {
    for (const problem of result.problems) console.error(`release: ${problem}`);
    return 1;
  }
  process.stdout.write(result.notes);
  return 0;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) process.exit(main(process.argv.slice(2)));
