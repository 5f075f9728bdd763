/**
 * The Action end to end: its bundle on Node 24, run as GitHub's runner runs it
 * (./action-harness.ts), against the local GitHub. The assertions read what a
 * user reads: the exit code, the log with its annotations, the step's outputs
 * and the job summary, and what changed on the local GitHub.
 */
import { execFileSync } from "node:child_process";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { installationToken, startTestSimulator, violationText } from "../sim/helpers.js";
import type { Simulator } from "../sim/server.js";
import { closedIssueEvent, node24, pushConfig, runAction as runBundle, VALID_CONFIG, type ActionRun, type RunOptions } from "./action-harness.js";

let sim: Simulator;
let node: string;
const runAction = (options: RunOptions) => runBundle(sim, options);

/** Requests the Action's token sent that would change something. */
const writesByAction = () => sim.log.filter((e) => e.contentCreating && e.login === "github-actions[bot]");
const errors = (run: ActionRun) => run.annotations.filter((a) => a.level === "error");

beforeAll(async () => {
  node = await node24();
  sim = await startTestSimulator({ urls: "local" });
}, 180_000);

afterAll(async () => {
  await sim?.close();
});

beforeEach(() => {
  sim.reset();
});

// ------------------------------------------------------------------------------------ tests

describe("the Action's bundle on Node 24 against the local GitHub", () => {
  it("runs on Node 24", () => {
    expect(execFileSync(node, ["-p", "process.versions.node"], { encoding: "utf8" })).toMatch(/^24\./);
  });

  it("fails on an invalid config with an error annotation on the offending line, and changes nothing", async () => {
    await pushConfig(sim, VALID_CONFIG.replace("timezone: Europe/Berlin", "timezone: Europe/Berln"));
    const run = await runAction({ command: "minutes", event: await closedIssueEvent(sim, 1) });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain("::error file=.github/docket.yml,line=9,col=15::.github/docket.yml:9:15 meetings.iaas.timezone: ");
    expect(errors(run).map((a) => [a.properties.file, a.properties.line, a.message.split(": ")[0]])).toEqual([
      [".github/docket.yml", "9", ".github/docket.yml:9:15 meetings.iaas.timezone"],
      [undefined, undefined, ".github/docket.yml has 1 problem"],
    ]);
    expect(run.summary).toContain("Problems in `.github/docket.yml`:");
    expect(run.summary).toContain("- .github/docket.yml:9:15 meetings.iaas.timezone: ");
    expect(run.outputs).toEqual({ writes: "0" });
    expect(writesByAction()).toEqual([]);
    expect(violationText(sim)).toEqual([]);
  });

  it("puts a YAML syntax error on its line", async () => {
    await pushConfig(sim, "meetings:\n  iaas:\n    title: [Team IaaS\n    cadence: weekly\n");
    const run = await runAction({ command: "agenda" });
    expect(run.code).toBe(1);
    const [first] = errors(run);
    expect(first?.properties.file).toBe(".github/docket.yml");
    expect(Number(first?.properties.line)).toBeGreaterThanOrEqual(3);
    expect(first?.message).toMatch(/YAML syntax error/);
  });

  it("says where it looked when the token cannot read the org-wide config", async () => {
    // The example world keeps its config in sovereign/.github, which the workflow's GITHUB_TOKEN cannot read.
    const run = await runAction({ command: "open-next" });
    expect(run.code).toBe(1);
    expect(errors(run).map((a) => a.message)).toEqual([
      "No .github/docket.yml found in sovereign/meetings or sovereign/.github. If it is in sovereign/.github, the token must be able to read that repository: GITHUB_TOKEN covers only sovereign/meetings; use an app installation token or a personal access token (input `token`).",
    ]);
    expect(run.summary).toContain("**Failed:** No .github/docket.yml found");
  });

  it("reads the org-wide config with an app installation token, and masks the token", async () => {
    const token = await installationToken(sim);
    const run = await runAction({ command: "backlog", inputs: { token } });
    expect(run.stdout).toContain(`::add-mask::${token}`);
    expect(run.stdout).not.toMatch(/No \.github\/docket\.yml/);
    expect(errors(run).filter((a) => a.properties.file !== undefined)).toEqual([]);
    expect(violationText(sim)).toEqual([]);
  });

  it("refuses an unknown command before it talks to GitHub", async () => {
    const run = await runAction({ command: "minute" });
    expect(run.code).toBe(1);
    expect(errors(run)).toEqual([
      { level: "error", properties: {}, message: 'command: expected one of minutes, sprint-review, backlog, open-next, agenda, got "minute" (did you mean minutes?)' },
    ]);
    expect(run.summary).toContain("**Failed:** command: expected one of");
    expect(sim.log).toEqual([]);
  });

  it("refuses a dry-run that is not true or false", async () => {
    const run = await runAction({ command: "minutes", inputs: { "dry-run": "yes" } });
    expect(run.code).toBe(1);
    expect(errors(run).map((a) => a.message)).toEqual(['dry-run: expected true or false, got "yes"']);
    expect(sim.log).toEqual([]);
  });

  it("writes nothing on a dry run, and says so in the log and the summary", async () => {
    await pushConfig(sim, VALID_CONFIG);
    const run = await runAction({ command: "minutes", event: await closedIssueEvent(sim, 1), inputs: { "dry-run": "true" } });
    expect(run.stdout).toContain("Docket minutes in sovereign/meetings (meeting issue sovereign/meetings#1) (dry run: nothing is written)");
    expect(run.stdout).toMatch(/Dry run: (nothing would be written|\d+ writes? not made)/);
    expect(run.summary).toMatch(/^## Docket: minutes \(dry run\)\n/);
    expect(writesByAction()).toEqual([]);
    expectCleanEnd(run);
  });

  it("writes outputs as @actions/core does (name<<delimiter, value, delimiter)", async () => {
    await pushConfig(sim, VALID_CONFIG);
    const run = await runAction({ command: "backlog", inputs: { "dry-run": "TRUE" } });
    expect(run.outputFile).toMatch(/^writes<<(ghadelimiter_[0-9a-f-]{36})\n0\n\1\n/m);
    expect(run.outputs.writes).toBe("0");
  });

  it("annotates the part of the config a command cannot work with", async () => {
    // The backlog command publishes a page, and this config does not say where (backlog.path).
    await pushConfig(sim, VALID_CONFIG);
    const run = await runAction({ command: "backlog" });
    expect(run.code).toBe(1);
    expect(errors(run)).toEqual([
      { level: "error", properties: { file: ".github/docket.yml", line: "14", col: "1" }, message: expect.stringContaining("(.github/docket.yml: backlog.path)") },
    ]);
    expect(writesByAction()).toEqual([]);
  });

  it("reports a token GitHub refuses", async () => {
    await pushConfig(sim, VALID_CONFIG);
    const run = await runAction({ command: "agenda", inputs: { token: "ghs_not_a_token" } });
    expect(run.code).toBe(1);
    expect(errors(run).map((a) => a.message)).toEqual([expect.stringMatching(/^GitHub refused the token \(GET .*\/contents\/.*\): Bad credentials/)]);
  });

  describe("GitHub's layouts", () => {
    it.each([
      ["GitHub Enterprise Server: /api/v3 and /api/graphql", (url: string) => ({ GITHUB_API_URL: `${url}/api/v3`, GITHUB_GRAPHQL_URL: `${url}/api/graphql` })],
      ["GitHub Enterprise Server without GITHUB_GRAPHQL_URL (derived from /api/v3)", (url: string) => ({ GITHUB_API_URL: `${url}/api/v3`, GITHUB_GRAPHQL_URL: undefined })],
      ["github.com's: REST at the root, GraphQL at /graphql", (url: string) => ({ GITHUB_API_URL: url, GITHUB_GRAPHQL_URL: `${url}/graphql` })],
    ])("%s", async (_name, urls) => {
      await pushConfig(sim, VALID_CONFIG);
      const run = await runAction({ command: "agenda", inputs: { "dry-run": "true" }, env: urls(sim.url) });
      // The config was read through these URLs (a wrong base would be a 404 and "No .github/docket.yml found").
      expect(run.stdout).not.toMatch(/No \.github\/docket\.yml|Not found/);
      expect(sim.log.some((e) => e.route === "GET /repos/{owner}/{repo}/contents/{path}" && e.status === 200)).toBe(true);
      expectCleanEnd(run);
      expect(violationText(sim)).toEqual([]);
    });
  });
});

/**
 * A run that got past the inputs and the config ends cleanly: success, or one
 * clear error (while a command is not implemented yet, its CommandError) — never
 * a crash with a stack trace.
 */
function expectCleanEnd(run: ActionRun): void {
  expect(run.stdout).not.toMatch(/^\s+at .+:\d+:\d+\)?$/m);
  expect(run.stdout).not.toMatch(/file=\.github\/docket\.yml/);
  if (run.code !== 0) {
    expect(run.code).toBe(1);
    expect(errors(run)).toHaveLength(1);
  }
}
