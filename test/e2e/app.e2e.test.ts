/**
 * Docket as users meet it: the app runs as its own process (`npm start`)
 * against the local GitHub, and everything happens through people's actions
 * there — labels, comments, closing, editing, pushing a config. The
 * assertions read what those people would read on GitHub afterwards.
 *
 * The steps build on each other (one community's week), so they run in order.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readSection } from "../../src/render/markers.js";
import { SimClient, type SimIssue } from "../sim/client.js";
import { startTestSimulator } from "../sim/helpers.js";
import type { Simulator } from "../sim/server.js";
import { quiet, startApp, type RunningApp } from "./harness.js";

let sim: Simulator;
let app: RunningApp;
let gh: SimClient;

beforeAll(async () => {
  sim = await startTestSimulator();
  gh = new SimClient(sim.url);
  // The world's clock starts on Wednesday 2025-01-08; the next odd-week Monday is 2025-01-13.
  app = await startApp(sim, { DOCKET_NOW: "2025-01-08T09:00:00Z", DOCKET_DEBOUNCE_MS: "150" });
}, 90_000);

afterAll(async () => {
  await app?.stop();
  await sim?.close();
});

async function meeting(): Promise<SimIssue> {
  const found = await gh.issues("sovereign", "meetings", { label: "docket/iaas", state: "all" });
  expect(found.map((i) => i.title)).toEqual(["Team IaaS — 2025-01-13"]);
  return gh.issue("sovereign", "meetings", found[0]!.number);
}

const rows = (body: string | null, section: string, pattern: RegExp) =>
  (readSection((body ?? "").replace(/\r\n/g, "\n"), section) ?? "")
    .split("\n")
    .filter((l) => pattern.test(l))
    .map((l) => /\[([^\]]+)\]\(/.exec(l)?.[1] ?? l);
const agenda = (body: string | null) => rows(body, "agenda", /^\| \d+ \|/);
const waiting = (body: string | null) => rows(body, "waiting-list", /^\d+\. /);

describe("a community's week with Docket", () => {
  it("labelling an issue creates the next meeting's issue with the agenda, and what does not fit waits", async () => {
    await gh.label("bob", "sovereign/infra", 4, "agenda/iaas");
    await quiet(sim, app);
    const m = await meeting();
    // 30 minutes: the welcome (10m, default) and the flavor standard (20m, from its issue form) fill it.
    expect(agenda(m.body)).toEqual([
      "sovereign/meetings#1 Welcome new contributors in the community call",
      "sovereign/standards#1 Decide on the flavor naming standard v4",
    ]);
    expect(waiting(m.body)).toEqual([
      "sovereign/infra#1 Upgrade the reference stack to the next OpenStack release",
      "sovereign/infra#2 Bump ceph to 18.2.4",
      "sovereign/infra#4 Disk usage alerts fire too often",
    ]);
    expect(m.body).toContain("Monday, 13 January 2025, 14:00–14:30 Europe/Berlin (13:00 UTC)");
  });

  it("text people write outside Docket's markers is kept as they wrote it", async () => {
    const m = await meeting();
    const edited = `Chair: @alice — please read the flavor proposal first.\n\n${m.body}\n\n- [ ] book the room\n`;
    await gh.edit("alice", "sovereign/meetings", m.number, { body: edited });
    await gh.label("bob", "sovereign/infra", 3, "agenda/iaas");
    await quiet(sim, app);
    const after = (await meeting()).body ?? "";
    expect(after.startsWith("Chair: @alice — please read the flavor proposal first.\n\n")).toBe(true);
    expect(after.endsWith("\n\n- [ ] book the room\n")).toBe(true);
  });

  it("when a scheduled topic is closed, the next waiting topic that fits moves up and its author is told once", async () => {
    await gh.close("bob", "sovereign/standards", 1);
    await quiet(sim, app);
    const m = await meeting();
    expect(agenda(m.body)).toEqual([
      "sovereign/meetings#1 Welcome new contributors in the community call",
      "sovereign/infra#1 Upgrade the reference stack to the next OpenStack release",
    ]);
    const promoted = await gh.issue("sovereign", "infra", 1);
    const told = promoted.comments.filter((c) => c.body.includes("moved up from the waiting list"));
    expect(told).toHaveLength(1);
    expect(told[0]!.author).toMatch(/\[bot\]$/);
  });

  it("ideas collect in one pinned backlog issue, alphabetically, saying the order claims no priority", async () => {
    await gh.label("bob", "sovereign/infra", 3, "idea");
    await quiet(sim, app);
    const [backlog] = await gh.issues("sovereign", "meetings", { label: "docket/backlog" });
    expect(backlog).toBeDefined();
    const full = await gh.issue("sovereign", "meetings", backlog!.number);
    expect(full.pinned).toBe(true);
    const section = readSection((full.body ?? "").replace(/\r\n/g, "\n"), "backlog")!;
    expect(section).toContain("Ordered alphabetically; the order claims no priority.");
    const titles = section.split("\n").filter((l) => l.startsWith("- ")).map((l) => /^- \[(.+) — [^\]]+\]/.exec(l)?.[1]);
    expect(titles).toEqual([...titles].sort((a, b) => a!.localeCompare(b!, "en", { sensitivity: "base" })));
    expect(titles).toContain("Add a glossary");
  });

  it("/agenda from someone without triage permission on another person's issue is refused with a reply", async () => {
    const before = (await meeting()).body;
    await gh.comment("carol", "sovereign/infra", 2, "/agenda iaas 5m");
    await quiet(sim, app);
    const issue = await gh.issue("sovereign", "infra", 2);
    expect(issue.comments.at(-1)!.body).toContain("only the author of this issue or people with triage permission");
    expect(issue.labels.map((l) => l.name)).not.toContain("time/5m");
    expect((await meeting()).body).toBe(before);
  });

  it("the author may propose their own issue with /agenda, which sets the labels", async () => {
    const opened = await gh.open("carol", "sovereign/standards", { title: "Clarify the SBOM format" });
    const number = opened.issue!.number;
    await gh.comment("carol", "sovereign/standards", number, "/agenda iaas 5m");
    await quiet(sim, app);
    const issue = await gh.issue("sovereign", "standards", number);
    expect(issue.labels.map((l) => l.name).sort()).toEqual(["agenda/iaas", "time/5m"]);
    expect(agenda((await meeting()).body)).toContain(`sovereign/standards#${number} Clarify the SBOM format`);
  });

  it("with GitHub's search index lagging 3 s behind, a just-labelled topic still lands at once", async () => {
    sim.setRealism({ searchLagMs: 3000 });
    try {
      await gh.label("bob", "sovereign/standards", 3, "agenda/iaas");
      await quiet(sim, app);
      expect(waiting((await meeting()).body)).toContain("sovereign/standards#3 Add a glossary");
    } finally {
      sim.setRealism({});
    }
  });

  it("a broken config is reported on its commit and the agenda keeps its last good state", async () => {
    const config = (await gh.file("sovereign", ".github", ".github/docket.yml"))!;
    await gh.pushFile("alice", "sovereign/.github", ".github/docket.yml", config.replace("timezone: Europe/Berlin", "timezone: Europe/Berln"));
    await quiet(sim, app);
    const runs = await gh.checkRuns("sovereign", ".github");
    expect(runs.at(-1)).toMatchObject({ name: "Docket configuration", conclusion: "failure" });
    expect(JSON.stringify(runs.at(-1))).toContain("meetings.iaas.timezone");

    const before = (await meeting()).body;
    await gh.unlabel("bob", "sovereign/meetings", 1, "agenda/iaas");
    await quiet(sim, app);
    expect((await meeting()).body).toBe(before);
  });

  it("the organiser fixes the config and names the planning board: its issues, pull requests and drafts join the agenda, each once", async () => {
    const config = (await gh.file("sovereign", ".github", ".github/docket.yml"))!;
    const fixed = config.replace("timezone: Europe/Berln", "timezone: Europe/Berlin").replace("    label: agenda/iaas\n", "    label: agenda/iaas\n    board: { owner: sovereign, number: 1, estimate-field: Estimate }\n");
    expect(fixed).toContain("board: { owner: sovereign, number: 1");
    await gh.pushFile("alice", "sovereign/.github", ".github/docket.yml", fixed);
    await quiet(sim, app);
    expect((await gh.checkRuns("sovereign", ".github")).at(-1)).toMatchObject({ name: "Docket configuration", conclusion: "success" });
    const listed = (body: string | null) => [...agenda(body), ...waiting(body)];
    const m = await meeting();
    // The board's draft (5 min) and its labelled issue infra#4, which counts once.
    expect(listed(m.body)).toContain("Rotate the chair of the IaaS call");
    expect(listed(m.body).filter((t) => t.includes("Disk usage alerts fire too often"))).toHaveLength(1);
    // The closed standards#4 is marked Agenda on the board, and stays off.
    expect(m.body).not.toContain("Retire the v2 image standard");
  }, 60_000); // a config push rebuilds every series and the backlog

  it("moving items on the organisation's board changes the agenda within seconds (projects_v2_item)", async () => {
    const pr = await gh.open("dave", "sovereign/infra", { title: "Tune the alert thresholds", pullRequest: { head: "alerts" } });
    await gh.act({ as: "bob", action: "board-add", board: "sovereign/1", issue: `sovereign/infra#${pr.issue!.number}`, values: { Status: "Agenda" } });
    const draft = await gh.act({ as: "bob", action: "board-add", board: "sovereign/1", draft: { title: "Office hours for new contributors" }, values: { Status: "Agenda", Estimate: 5 } });
    await quiet(sim, app);
    const listed = (body: string | null) => [...agenda(body), ...waiting(body)];
    let m = await meeting();
    expect(listed(m.body)).toContain(`sovereign/infra#${pr.issue!.number} Tune the alert thresholds`);
    expect(listed(m.body)).toContain("Office hours for new contributors");

    // The draft is done; the pull request is taken off the board.
    await gh.act({ as: "bob", action: "board-set", board: "sovereign/1", item: draft.projectItem!, values: { Status: "Done" } });
    await gh.act({ as: "alice", action: "board-remove", board: "sovereign/1", issue: `sovereign/infra#${pr.issue!.number}` });
    await quiet(sim, app);
    m = await meeting();
    expect(listed(m.body)).not.toContain("Office hours for new contributors");
    expect(listed(m.body).some((t) => t.includes("Tune the alert thresholds"))).toBe(false);
    expect(listed(m.body)).toContain("Rotate the chair of the IaaS call");
  }, 60_000); // two rebuilds of six GraphQL requests each: Octokit's throttling spaces GraphQL requests a second apart

  it("no request the app sent was one GitHub would refuse", () => {
    expect(sim.violations).toEqual([]);
    expect(app.output()).not.toMatch(/"level":(50|60)/); // no error or fatal log line
  });
});
