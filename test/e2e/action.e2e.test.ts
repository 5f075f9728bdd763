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
import { SimClient } from "../sim/client.js";
import { closedIssueEvent, node24, pushConfig, REPOSITORY, runAction as runBundle, VALID_CONFIG, type ActionRun, type RunOptions } from "./action-harness.js";

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
      {
        level: "error",
        properties: {},
        message: 'command: expected one of minutes, sprint-review, backlog, open-next, agenda, calendar, recap, site, got "minute" (did you mean `minutes`?)',
      },
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
      {
        level: "error",
        properties: { file: ".github/docket.yml", line: "14", col: "1" },
        message: expect.stringContaining("(.github/docket.yml: backlog.path)"),
      },
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
      [
        "GitHub Enterprise Server without GITHUB_GRAPHQL_URL (derived from /api/v3)",
        (url: string) => ({ GITHUB_API_URL: `${url}/api/v3`, GITHUB_GRAPHQL_URL: undefined }),
      ],
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

describe("a meeting from its issue to its minutes, with the bundle only", () => {
  it("open-next opens the meeting issue; closing it publishes the minutes, comments once, and a rerun changes nothing", async () => {
    const gh = new SimClient(sim.url);
    await pushConfig(sim, VALID_CONFIG);
    const second = await sim.act({ as: "alice", action: "open", repo: REPOSITORY, title: "Plan the spring release", labels: ["agenda/iaas"] });
    const topic2 = second.issue!.number;

    // Wednesday before the meeting: the scheduled run opens the issue of Monday 13 January.
    const opened = await runAction({ command: "open-next", env: { DOCKET_NOW: "2025-01-08T09:00:00Z" } });
    expectCleanEnd(opened);
    expect(opened.outputs.opened).toBe("1");
    const [meeting] = await gh.issues("sovereign", "meetings", { label: "docket/iaas" });
    expect(meeting!.title).toBe("Team IaaS — 2025-01-13");

    // During the meeting people record what happened in comments.
    const say = (as: string, body: string) => sim.act({ as, action: "comment", repo: REPOSITORY, number: meeting!.number, body });
    await say("bob", "/here");
    await say("carol", "/note #1 Three newcomers introduced themselves.");
    await say("alice", "/decision #1 A welcome round opens every community call.\n/action @bob #1 write the welcome guide");
    await say("carol", "> /decision #1 quoted, so not a decision");

    // The chair closes the meeting issue; the workflow's `issues: closed` runs minutes.
    const minutes = await runAction({ command: "minutes", event: await closedIssueEvent(sim, meeting!.number) });
    expectCleanEnd(minutes);
    expect(minutes.outputs).toMatchObject({ path: "minutes/2025-01-13.md", topics: "2", decisions: "1", "action-items": "1", "carried-over": "1" });
    const file = (await gh.file("sovereign", "meetings", "minutes/2025-01-13.md"))!;
    expect(file).toContain("# Team IaaS — 2025-01-13\n");
    expect(file).toContain("- Participants: @alice, @bob, @carol\n");
    expect(file).toContain("- **Decision:** A welcome round opens every community call.");
    expect(file).toContain("- AI @bob: write the welcome guide");
    expect(file).not.toContain("quoted, so not a decision");
    expect(file).toMatch(/## Carried over to the next meeting\n\n- \[sovereign\/meetings#\d+ Plan the spring release\]/);
    expect(minutes.outputs.url).toContain("minutes/2025-01-13.md");
    expect(minutes.summary).toContain("# Team IaaS — 2025-01-13");

    const comments = (await gh.issue("sovereign", "meetings", meeting!.number)).comments.filter((c) => c.author === "github-actions[bot]");
    expect(comments).toHaveLength(1);
    expect(comments[0]!.body).toContain("minutes/2025-01-13.md");
    // The discussed topic leaves the agenda; the other keeps its label (and its place) for the next meeting.
    expect((await gh.issue("sovereign", "meetings", 1)).labels.map((l) => l.name)).not.toContain("agenda/iaas");
    expect((await gh.issue("sovereign", "meetings", topic2)).labels.map((l) => l.name)).toContain("agenda/iaas");

    // Running it again (a re-run of the workflow) publishes nothing new.
    const again = await runAction({ command: "minutes", inputs: { series: "iaas", date: "2025-01-13" } });
    expectCleanEnd(again);
    expect(again.outputs.writes).toBe("0");
    expect((await gh.issue("sovereign", "meetings", meeting!.number)).comments.filter((c) => c.author === "github-actions[bot]")).toHaveLength(1);
    expect(violationText(sim)).toEqual([]);
  });

  it("backlog publishes the idea backlog as a page and keeps the backlog issue", async () => {
    const gh = new SimClient(sim.url);
    await pushConfig(sim, VALID_CONFIG.replace("  title: Idea Backlog\n", "  title: Idea Backlog\n  path: docs/backlog.md\n"));
    await sim.act({ as: "alice", action: "open", repo: REPOSITORY, title: "Zoom-free meetings", labels: ["idea"] });
    await sim.act({ as: "alice", action: "open", repo: REPOSITORY, title: "A mentoring programme", labels: ["idea"] });
    const run = await runAction({ command: "backlog" });
    expectCleanEnd(run);
    expect(run.outputs).toMatchObject({ path: "docs/backlog.md", ideas: "2" });
    const page = (await gh.file("sovereign", "meetings", "docs/backlog.md"))!;
    expect(page.indexOf("A mentoring programme")).toBeLessThan(page.indexOf("Zoom-free meetings"));
    expect(page).toContain("the order claims no priority");
    expect(await gh.issues("sovereign", "meetings", { label: "docket/backlog" })).toHaveLength(1);
    expect(violationText(sim)).toEqual([]);
  });
});

/** A run that got past the inputs and the config succeeds, with no error annotation and no stack trace. */
function expectCleanEnd(run: ActionRun): void {
  expect(run.stdout).not.toMatch(/^\s+at .+:\d+:\d+\)?$/m);
  expect(run.stdout).not.toMatch(/file=\.github\/docket\.yml/);
  expect(errors(run)).toEqual([]);
  expect(run.code).toBe(0);
}
