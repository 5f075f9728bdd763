/**
 * The one config loader (src/config/resolve.ts): where it looks, `_extends` in every form Probot's
 * config plugin accepts, merged as that plugin merges (checked against the plugin itself), and
 * every way a chain can go wrong as a problem that names the chain, on the line of its `_extends`.
 */
import { composeConfigGet } from "@probot/octokit-plugin-config";
import { describe, expect, it } from "vitest";
import { formatProblem, validateConfig } from "../../src/config/load.js";
import { loadConfig, MAX_EXTENDS, type ConfigReader } from "../../src/config/resolve.js";

const acme = { owner: "acme", repo: "infra" };
const SERIES = (title: string) => `meetings:\n  iaas: { title: ${title}, cadence: weekly, day: monday, time: "14:00" }\n`;

/** Files by `owner/repo:path` (at the default branch, or `@ref`); every read recorded. */
function github(files: Record<string, string>, fail: Record<string, number> = {}) {
  const reads: string[] = [];
  const reader: ConfigReader = {
    async fileText(at, path, ref) {
      const key = `${at.owner}/${at.repo}:${path}${ref ? `@${ref}` : ""}`;
      reads.push(key);
      if (fail[key] !== undefined) throw Object.assign(new Error(`HTTP ${fail[key]}`), { status: fail[key] });
      return files[key] ?? null;
    },
  };
  return { reader, reads };
}

/** The same files behind Probot's config plugin: what `context.config` would have merged. */
async function probot(files: Record<string, string>, at = acme): Promise<unknown> {
  const request = Object.assign(
    async (e: { owner: string; repo: string; path: string }) => {
      const text = files[`${e.owner}/${e.repo}:${e.path}`];
      if (text === undefined) throw Object.assign(new Error("Not Found"), { status: 404 });
      return { data: text, headers: { "content-type": "application/vnd.github.raw" } };
    },
    { endpoint: (e: { owner: string; repo: string; path: string }) => ({ url: `https://api.github.com/repos/${e.owner}/${e.repo}/contents/${e.path}` }) },
  );
  const { config } = await composeConfigGet({ request } as never, { ...at, path: ".github/docket.yml" });
  const result = validateConfig(config);
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.config;
}

async function problems(files: Record<string, string>, fail: Record<string, number> = {}) {
  const got = await loadConfig(github(files, fail).reader, acme);
  if (got.kind !== "invalid") throw new Error(`expected problems, got ${got.kind}`);
  return got.problems;
}

describe("where the config is found", () => {
  it("the repository's own file wins; its owner's .github is not read", async () => {
    const { reader, reads } = github({ "acme/infra:.github/docket.yml": SERIES("Own"), "acme/.github:.github/docket.yml": SERIES("Org") });
    const got = await loadConfig(reader, acme);
    expect(got).toMatchObject({
      kind: "ok",
      home: acme,
      files: [{ owner: "acme", repo: "infra", path: ".github/docket.yml" }],
      config: { meetings: { iaas: { title: "Own" } } },
    });
    expect(reads).toEqual(["acme/infra:.github/docket.yml"]);
  });

  it("else the owner's .github repository, which is then the home", async () => {
    const got = await loadConfig(github({ "acme/.github:.github/docket.yml": SERIES("Org") }).reader, acme);
    expect(got).toMatchObject({ kind: "ok", home: { owner: "acme", repo: ".github" }, config: { meetings: { iaas: { title: "Org" } } } });
  });

  it("nothing found is missing, naming where it looked; without the fallback only the repository", async () => {
    expect(await loadConfig(github({}).reader, acme)).toEqual({ kind: "missing", searched: [acme, { owner: "acme", repo: ".github" }] });
    expect(await loadConfig(github({}).reader, acme, { fallback: false })).toEqual({ kind: "missing", searched: [acme] });
    expect(await loadConfig(github({}).reader, { owner: "acme", repo: ".github" })).toEqual({
      kind: "missing",
      searched: [{ owner: "acme", repo: ".github" }],
    });
  });

  it("an empty file is a config with no meetings", async () => {
    expect(await loadConfig(github({ "acme/infra:.github/docket.yml": "" }).reader, acme)).toMatchObject({ kind: "ok", config: { meetings: {} } });
  });

  it("at a commit: the file and the files of its own repository it extends at that commit, other repositories' at their default branch", async () => {
    const { reader, reads } = github({
      "acme/infra:.github/docket.yml@abc": "_extends: infra:.github/base.yml\n",
      "acme/infra:.github/base.yml@abc": "_extends: acme/.github\n",
      "acme/.github:.github/docket.yml": SERIES("Org"),
    });
    expect(await loadConfig(reader, acme, { ref: "abc", fallback: false })).toMatchObject({ kind: "ok", config: { meetings: { iaas: { title: "Org" } } } });
    expect(reads).toEqual(["acme/infra:.github/docket.yml@abc", "acme/infra:.github/base.yml@abc", "acme/.github:.github/docket.yml"]);
  });

  it("a server error is not a config problem: it rejects, so the job is retried", async () => {
    await expect(loadConfig(github({}, { "acme/infra:.github/docket.yml": 502 }).reader, acme)).rejects.toThrow("HTTP 502");
    const extending = github({ "acme/infra:.github/docket.yml": "_extends: base\n" }, { "acme/base:.github/docket.yml": 500 });
    await expect(loadConfig(extending.reader, acme)).rejects.toThrow("HTTP 500");
  });
});

describe("_extends, as Probot's config plugin does it", () => {
  const forms: Array<[string, string]> = [
    ["base", "acme/base:.github/docket.yml"],
    ["other/base", "other/base:.github/docket.yml"],
    ["base:conf/docket.yaml", "acme/base:conf/docket.yaml"],
    ["other/base:conf/docket.yml", "other/base:conf/docket.yml"],
    [".github", "acme/.github:.github/docket.yml"],
  ];
  for (const [value, file] of forms) {
    it(`_extends: ${value} reads ${file}`, async () => {
      const files = { "acme/infra:.github/docket.yml": `_extends: ${value}\nbacklog: { label: idea }\n`, [file]: SERIES("Base") };
      const { reader, reads } = github(files);
      const got = await loadConfig(reader, acme);
      expect(reads).toEqual(["acme/infra:.github/docket.yml", file]);
      expect(got).toMatchObject({ kind: "ok", home: acme });
      if (got.kind === "ok") expect(got.config).toEqual(await probot(files));
    });
  }

  it("merges top-level keys only: the extending file's `meetings` replaces the extended file's as a whole", async () => {
    const files = {
      "acme/infra:.github/docket.yml": `_extends: base\n${SERIES("Own")}`,
      "acme/base:.github/docket.yml": "meetings:\n  infra: { title: Infra, cadence: weekly, day: friday, time: '10:00' }\nbacklog: { label: idea }\n",
    };
    const got = await loadConfig(github(files).reader, acme);
    expect(got.kind).toBe("ok");
    if (got.kind !== "ok") return;
    expect(Object.keys(got.config.meetings)).toEqual(["iaas"]);
    expect(got.config.backlog).toMatchObject({ label: "idea" });
    expect(got.config).toEqual(await probot(files));
  });

  it("follows a chain; the owner of a short name is the owner Docket was asked about, as in Probot", async () => {
    const files = {
      "acme/.github:.github/docket.yml": "_extends: other/shared\nbacklog: { label: idea }\n",
      "other/shared:.github/docket.yml": "_extends: base\nrepository: meetings\n",
      "acme/base:.github/docket.yml": SERIES("Base"),
    };
    const got = await loadConfig(github(files).reader, acme);
    expect(got).toMatchObject({
      kind: "ok",
      home: { owner: "acme", repo: ".github" },
      files: [
        { owner: "acme", repo: ".github" },
        { owner: "other", repo: "shared" },
        { owner: "acme", repo: "base" },
      ],
    });
    if (got.kind === "ok") expect(got.config).toEqual(await probot(files));
  });

  it("an empty `_extends` extends nothing", async () => {
    expect(await loadConfig(github({ "acme/infra:.github/docket.yml": `_extends: ""\n${SERIES("Own")}` }).reader, acme)).toMatchObject({ kind: "ok" });
  });
});

describe("a chain that goes wrong is a problem naming the chain, on the line of its _extends", () => {
  it("a file that extends itself", async () => {
    const got = await problems({ "acme/.github:.github/docket.yml": `# org-wide\n_extends: .github\n${SERIES("Org")}` });
    expect(got).toEqual([
      { path: "_extends", message: "acme/.github:.github/docket.yml → acme/.github:.github/docket.yml: _extends loops back", line: 2, column: 11 },
    ]);
    expect(formatProblem(got[0]!)).toBe(
      ".github/docket.yml:2:11 _extends: acme/.github:.github/docket.yml → acme/.github:.github/docket.yml: _extends loops back",
    );
  });

  it("a longer loop, placed in the file whose _extends closes it", async () => {
    const got = await problems({
      "acme/infra:.github/docket.yml": "_extends: base\n",
      "acme/base:.github/docket.yml": "backlog: { label: idea }\n_extends: ACME/Infra\n",
    });
    expect(got).toEqual([
      {
        path: "_extends",
        message: "acme/infra:.github/docket.yml → acme/base:.github/docket.yml → ACME/Infra:.github/docket.yml: _extends loops back",
        line: 2,
        column: 11,
        source: { owner: "acme", repo: "base", path: ".github/docket.yml" },
      },
    ]);
    expect(formatProblem(got[0]!)).toMatch(/^acme\/base:\.github\/docket\.yml:2:11 _extends: /);
  });

  it("a target that does not exist", async () => {
    expect(await problems({ "acme/infra:.github/docket.yml": "_extends: base\n" })).toEqual([
      {
        path: "_extends",
        message: "acme/infra:.github/docket.yml → acme/base:.github/docket.yml: acme/base:.github/docket.yml does not exist (or Docket may not read it)",
        line: 1,
        column: 11,
      },
    ]);
  });

  it("a target Docket may not read", async () => {
    expect(await problems({ "acme/infra:.github/docket.yml": "_extends: other/secret\n" }, { "other/secret:.github/docket.yml": 403 })).toEqual([
      expect.objectContaining({
        message: "acme/infra:.github/docket.yml → other/secret:.github/docket.yml: Docket may not read other/secret:.github/docket.yml (GitHub answered 403)",
      }),
    ]);
  });

  it("an `_extends` of another shape", async () => {
    expect(await problems({ "acme/infra:.github/docket.yml": "_extends: [base]\n" })).toEqual([
      {
        path: "_extends",
        message: 'acme/infra:.github/docket.yml: expected `repo`, `owner/repo`, `repo:path.yml` or `owner/repo:path.yml`, got ["base"]',
        line: 1,
        column: 11,
      },
    ]);
    expect((await problems({ "acme/infra:.github/docket.yml": "_extends: base:docket.json\n" }))[0]?.message).toMatch(/got `base:docket\.json`$/);
  });

  it(`a chain longer than ${MAX_EXTENDS} files`, async () => {
    const files: Record<string, string> = { "acme/infra:.github/docket.yml": "_extends: r1\n" };
    for (let i = 1; i <= MAX_EXTENDS + 1; i++) files[`acme/r${i}:.github/docket.yml`] = `_extends: r${i + 1}\n`;
    const got = await problems(files);
    expect(got).toEqual([
      expect.objectContaining({
        path: "_extends",
        message: expect.stringMatching(
          new RegExp(`→ acme/r${MAX_EXTENDS}:\\.github/docket\\.yml: expected at most ${MAX_EXTENDS} files in an _extends chain$`),
        ),
      }),
    ]);
  });

  it("a YAML error in an extended file is shown in that file", async () => {
    expect(await problems({ "acme/infra:.github/docket.yml": "_extends: base\n", "acme/base:.github/docket.yml": "meetings:\n  iaas: [\n" })).toEqual([
      expect.objectContaining({
        message: expect.stringMatching(/^YAML syntax error/),
        line: 3,
        source: { owner: "acme", repo: "base", path: ".github/docket.yml" },
      }),
    ]);
  });

  it("an extended file that is not a map", async () => {
    expect(await problems({ "acme/infra:.github/docket.yml": "_extends: base\n", "acme/base:.github/docket.yml": "- a\n" })).toEqual([
      expect.objectContaining({ message: "acme/infra:.github/docket.yml → acme/base:.github/docket.yml: expected a map of keys and values, got a list" }),
    ]);
  });
});

describe("problems of the merged config are placed in the file they come from", () => {
  it("in the config's own file, at the value", async () => {
    const got = await problems({
      "acme/infra:.github/docket.yml": "_extends: .github\nmeetings:\n  iaas:\n    timezone: Mars/Olympus\n",
      "acme/.github:.github/docket.yml": "backlog: { label: idea }\n",
    });
    expect(got).toContainEqual(expect.objectContaining({ path: "meetings.iaas.timezone", line: 4, column: 15 }));
    expect(got.every((p) => p.source === undefined)).toBe(true);
  });

  it("in the extended file, when its top-level key is the one that counts", async () => {
    const got = await problems({
      "acme/infra:.github/docket.yml": "# ours\n_extends: base\nbacklog: { label: idea }\n",
      "acme/base:.github/docket.yml":
        "meetings:\n  iaas:\n    title: IaaS\n    cadence: weekly\n    day: monday\n    time: '14:00'\n    timezone: Europe/Berln\n",
    });
    expect(got).toEqual([
      expect.objectContaining({ path: "meetings.iaas.timezone", line: 7, column: 15, source: { owner: "acme", repo: "base", path: ".github/docket.yml" } }),
    ]);
  });

  it("without _extends, exactly the problems of parsing the text (lines and columns)", async () => {
    const text = "meetings:\n  iaas:\n    title: IaaS\n    cadence: weekly\n    day: monday\n    time: '14:00'\n    timezone: Europe/Berln\n";
    expect(await problems({ "acme/infra:.github/docket.yml": text })).toEqual([
      { path: "meetings.iaas.timezone", message: expect.stringContaining("Europe/Berln"), line: 7, column: 15 },
    ]);
  });
});
