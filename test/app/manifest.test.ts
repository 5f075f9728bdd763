/**
 * app.yml is the manifest Probot's setup page sends to GitHub. The page puts it, as JSON, into
 * `value='…'` without escaping: an apostrophe ends the attribute (GitHub then receives cut,
 * invalid JSON) and an ampersand can start a character reference. This check names the text
 * to change before the slower end-to-end test (test/e2e/setup.e2e.test.ts) has to.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";

/** Every string of a parsed YAML document (keys too), with where it is. */
function strings(value: unknown, at = "app.yml"): Array<[string, string]> {
  if (typeof value === "string") return [[at, value]];
  if (Array.isArray(value)) return value.flatMap((v, i) => strings(v, `${at}[${i}]`));
  if (value && typeof value === "object") return Object.entries(value).flatMap(([k, v]) => [...strings(k, `${at} key`), ...strings(v, `${at}.${k}`)]);
  return [];
}

describe("app.yml", () => {
  it("holds no text that Probot's setup page would cut or change (' and &)", () => {
    const manifest = parse(readFileSync(new URL("../../app.yml", import.meta.url), "utf8")) as unknown;
    const breaking = strings(manifest)
      .filter(([, text]) => /['&]/.test(text))
      .map(([at, text]) => `${at}: ${JSON.stringify(text)} (write ’ for ' and "and" for &)`);
    expect(breaking).toEqual([]);
  });
});
