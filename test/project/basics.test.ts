/**
 * What every project has, in the shape GitHub reads it: a license that matches
 * package.json, the community files GitHub links from the repository's pages,
 * issue forms GitHub will render, and Dependabot's configuration.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const read = (path: string) => readFileSync(`${ROOT}${path}`, "utf8");

describe("repository basics", () => {
  it("LICENSE is the Apache License 2.0 that package.json declares, in full", () => {
    expect((JSON.parse(read("package.json")) as { license: string }).license).toBe("Apache-2.0");
    const license = read("LICENSE");
    expect(license).toMatch(/^\s+Apache License\n\s+Version 2\.0, January 2004\n/);
    expect(license).toContain("TERMS AND CONDITIONS FOR USE, REPRODUCTION, AND DISTRIBUTION");
    expect(license).toContain("9. Accepting Warranty or Additional Liability.");
    expect(license).toContain("   Copyright 2026 The Docket authors\n");
    expect(license.split("\n")).toHaveLength(202);
  });

  it.each(["CONTRIBUTING.md", "SECURITY.md", "CODE_OF_CONDUCT.md", "CHANGELOG.md", "README.md"])("%s exists and its relative links resolve", (file) => {
    const text = read(file);
    const links = [...text.matchAll(/\]\((?!https?:|#|mailto:)([^)#\s]+)(?:#[^)]*)?\)/g)].map((m) => m[1]!);
    expect(links.filter((link) => !existsSync(`${ROOT}${link}`))).toEqual([]);
  });

  it("the README links them at its end", () => {
    const last = read("README.md").trimEnd().split("\n").at(-1)!;
    for (const file of ["CONTRIBUTING.md", "SECURITY.md", "CHANGELOG.md", "CODE_OF_CONDUCT.md", "LICENSE"]) expect(last).toContain(`](${file})`);
  });

  it("SECURITY.md says how to report privately", () => {
    expect(read("SECURITY.md")).toContain("https://github.com/docket-app/docket/security/advisories/new");
  });

  describe("issue forms", () => {
    const dir = ".github/ISSUE_TEMPLATE/";
    const forms = readdirSync(`${ROOT}${dir}`).filter((f) => f !== "config.yml");

    it("are a bug report and a feature request", () => {
      expect(forms.sort()).toEqual(["bug.yml", "feature.yml"]);
    });

    it.each(forms)("%s has what GitHub needs to render it", (file) => {
      const form = parse(read(`${dir}${file}`)) as {
        name: string;
        description: string;
        body: Array<{ type: string; id?: string; attributes: { label?: string; options?: unknown[] } }>;
      };
      expect(form.name).toMatch(/\S/);
      expect(form.description).toMatch(/\S/);
      const fields = form.body.filter((b) => b.type !== "markdown");
      expect(fields.length).toBeGreaterThan(0);
      for (const field of fields) {
        expect(["input", "textarea", "dropdown", "checkboxes"], `${field.id}`).toContain(field.type);
        expect(field.attributes.label, `${field.id}`).toMatch(/\S/);
        if (field.type === "dropdown" || field.type === "checkboxes") expect(field.attributes.options?.length, `${field.id}`).toBeGreaterThan(0);
      }
      const ids = fields.map((f) => f.id);
      expect(ids.every((id) => typeof id === "string" && /^[a-z0-9_-]+$/.test(id))).toBe(true);
      expect(new Set(ids).size).toBe(ids.length);
    });

    it("config.yml sends security reports to the private form, not to blank issues", () => {
      const config = parse(read(`${dir}config.yml`)) as { blank_issues_enabled: boolean; contact_links: Array<{ name: string; url: string; about: string }> };
      expect(config.blank_issues_enabled).toBe(false);
      for (const link of config.contact_links) expect(link.url).toMatch(/^https:\/\/github\.com\/docket-app\/docket\//);
      expect(config.contact_links.map((l) => l.url)).toContain("https://github.com/docket-app/docket/security/advisories/new");
    });
  });

  it("Dependabot updates npm packages and the workflows' actions weekly, minor and patch grouped", () => {
    const config = parse(read(".github/dependabot.yml")) as {
      version: number;
      updates: Array<{ "package-ecosystem": string; directory: string; schedule: { interval: string }; groups: Record<string, { "update-types": string[] }> }>;
    };
    expect(config.version).toBe(2);
    expect(config.updates.map((u) => u["package-ecosystem"]).sort()).toEqual(["github-actions", "npm"]);
    for (const update of config.updates) {
      expect(update.directory).toBe("/");
      expect(update.schedule.interval).toBe("weekly");
      expect(Object.values(update.groups).map((g) => g["update-types"].sort())).toEqual([["minor", "patch"]]);
    }
  });
});
