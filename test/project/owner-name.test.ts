/**
 * People copy `uses:` lines and links from the docs: every one must name the
 * repository the Action is published from, docket-app/docket, with action.yml
 * at its root (`uses: docket-app/docket@v1`, not the old `…/docket/action@v1`).
 */
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const OWNER = "docket-app";

/** Generated, installed or built: not written by people. */
const SKIP_DIRS = new Set(["node_modules", ".git", "lib", "coverage", "action/dist"]);
const TEXT = /\.(md|ya?ml|json|ts|mjs|js|sh|txt)$|^LICENSE$|^run$/;
const SELF = relative(ROOT, fileURLToPath(import.meta.url));

function textFiles(dir = ""): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
    const path = dir === "" ? entry.name : `${dir}/${entry.name}`;
    if (entry.isDirectory()) return SKIP_DIRS.has(path) || SKIP_DIRS.has(entry.name) ? [] : textFiles(path);
    return entry.isFile() && TEXT.test(entry.name) && path !== SELF && path !== "package-lock.json" ? [path] : [];
  });
}

/** Each place a text names Docket's repository or Action, with what is wrong with it. */
function wrongReferences(text: string): string[] {
  const found: string[] = [];
  // `uses: someone/docket@v1`, `someone/docket/action@v1`
  for (const m of text.matchAll(/([A-Za-z0-9_.-]+)\/docket(\/[A-Za-z0-9_./-]*)?@[A-Za-z0-9_.-]+/g)) {
    if (m[1] !== OWNER) found.push(`${m[0]}: the owner is ${OWNER}`);
    else if (m[2] !== undefined) found.push(`${m[0]}: action.yml is at the repository's root, use ${OWNER}/docket@…`);
  }
  // https://github.com/someone/docket, raw.githubusercontent.com/someone/docket/…
  // (github.com/apps/docket, /users/…, /orgs/… are GitHub's own pages, not a repository.)
  for (const m of text.matchAll(/(?:github\.com|githubusercontent\.com)\/([A-Za-z0-9_.-]+)\/docket\b/g)) {
    if (m[1] !== OWNER && !["apps", "users", "orgs", "marketplace"].includes(m[1]!)) found.push(`${m[0]}: the owner is ${OWNER}`);
  }
  if (/(^|[^A-Za-z])action\/action\.yml/.test(text)) found.push("action/action.yml: the Action's metadata is action.yml at the repository's root");
  return found;
}

describe("the Action's and the repository's name in docs, examples and code", () => {
  it("finds wrong owners and the old path", () => {
    expect(wrongReferences("      - uses: docket-app/docket@v1\nhttps://github.com/docket-app/docket/issues")).toEqual([]);
    expect(wrongReferences("uses: OWNER/docket/action@v1")).toHaveLength(1);
    expect(wrongReferences("uses: docket-app/docket/action@v1")).toHaveLength(1);
    expect(wrongReferences("uses: someone/docket@v1")).toHaveLength(1);
    expect(wrongReferences("see https://raw.githubusercontent.com/acme/docket/main/schema.json")).toHaveLength(1);
    expect(wrongReferences("edit action/action.yml")).toHaveLength(1);
  });

  it(`every file people wrote names ${OWNER}/docket and the root action.yml`, () => {
    const files = textFiles();
    expect(files).toEqual(expect.arrayContaining(["README.md", "docs/action-commands.md", "examples/worlds/community.yml", "package.json", "action.yml"]));
    const wrong = files.flatMap((file) => wrongReferences(readFileSync(join(ROOT, file), "utf8")).map((w) => `${file}: ${w}`));
    expect(wrong).toEqual([]);
  });

  it("package.json points at the repository", () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { repository?: { url?: string }; homepage?: string; bugs?: { url?: string } };
    expect(pkg.repository?.url).toBe(`git+https://github.com/${OWNER}/docket.git`);
    expect(pkg.homepage).toMatch(new RegExp(`^https://github\\.com/${OWNER}/docket\\b`));
    expect(pkg.bugs?.url).toBe(`https://github.com/${OWNER}/docket/issues`);
  });
});
