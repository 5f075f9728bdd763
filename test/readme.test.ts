/**
 * The README is what people copy: its commands and its example config must work.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseConfigText } from "../src/config/load.js";

const readme = readFileSync(new URL("../README.md", import.meta.url), "utf8");
const root = new URL("../", import.meta.url);
/** README.md and every page under docs/ (not docs/examples/, which is Docket's output, not instructions). */
const pages = [
  "README.md",
  ...readdirSync(new URL("docs/", root))
    .filter((f) => f.endsWith(".md"))
    .map((f) => `docs/${f}`),
];
const scripts = Object.keys(JSON.parse(readFileSync(new URL("package.json", root), "utf8")).scripts);

describe("README.md", () => {
  it("starts with the two commands a newcomer runs", () => {
    const firstBlock = /```sh\n([\s\S]*?)```/.exec(readme)?.[1] ?? "";
    expect(firstBlock).toMatch(/^npm ci && npm run demo\b/m);
    expect(firstBlock).toMatch(/^npm test\b/m);
    expect(readme.indexOf("```sh")).toBeLessThan(readme.indexOf("\n## "));
  });

  it("every script it names exists in package.json", () => {
    const named = [...readme.matchAll(/npm run ([a-z:-]+)/g)].map((m) => m[1]!);
    expect(named.filter((s) => !scripts.includes(s))).toEqual([]);
  });

  it("its example .github/docket.yml is valid", () => {
    const yaml = /```yaml\n# \.github\/docket\.yml\n([\s\S]*?)```/.exec(readme)?.[1];
    expect(yaml).toBeDefined();
    const result = parseConfigText(yaml!);
    expect(result.ok ? [] : result.problems).toEqual([]);
  });
});

describe("README.md and docs/*.md", () => {
  it("name only `npm run` scripts that package.json has, and only script files that exist", () => {
    const missing: string[] = [];
    for (const page of pages) {
      const text = readFileSync(new URL(page, root), "utf8");
      for (const m of text.matchAll(/npm run ([a-z][a-z0-9:-]*)/g)) if (!scripts.includes(m[1]!)) missing.push(`${page}: npm run ${m[1]}`);
      for (const m of text.matchAll(/\b((?:scripts|test\/sim|bench)\/[\w./-]+\.(?:ts|mjs|sh))\b/g))
        if (!existsSync(new URL(m[1]!, root))) missing.push(`${page}: ${m[1]}`);
    }
    expect(missing).toEqual([]);
  });
});
