/**
 * Docket as users meet it: the app runs as its own process (`npm start`)
 * against the local GitHub, and everything happens through people's actions
 * there — labels, comments, closing, editing, pushing a config. The
 * assertions read what those people would read on GitHub afterwards.
 *
 * The steps build on each other (one community's week), so they run in order.
 */
import { describe, expect, it } from "vitest";
import { readSection } from "../../src/render/markers.js";
import type { SimIssue } from "../sim/client.js";
import { useAppProcess } from "./harness.js";

// The world's clock starts on Wednesday 2025-01-08; the next odd-week Monday is 2025-01-13.
const e2e = useAppProcess({ timeoutMs: 90_000 });

async function meeting(): Promise<SimIssue> {
  const found = await e2e.gh.issues("sovereign", "meetings", { label: "docket/iaas", state: "all" });
  expect(found.map((i) => i.title)).toEqual(["Team IaaS — 2025-01-13"]);
  return e2e.gh.issue("sovereign", "meetings", found[0]!.number);
}

const rows = (body: string | null, section: string, pattern: RegExp) =>
  (readSection((body ?? "").replace(/\r\n/g, "\n"), section) ?? "")
    .split("\n")
    .filter((l) => pattern.test(l))
    .map((l) => /\[([^\]]+)\]\(/.exec(l)?.[1] ?? l);
const agenda = (body: string | null) => rows(body, "agenda", /^\| \d+ \|/);
const waiting = (body: string | null) => rows(body, "waiting-list", /^\d+\. /);

describe("a community's week with Docket", () => {
  // What the app does with labels, comments, promotions, backlogs, commands and broken configs is
  // shown in-process by test/e2e.app.test.ts; here, what only the running process shows: it starts as
  // `npm start` starts it, takes GitHub's signed deliveries, speaks to a GitHub Enterprise Server's
  // API, and reads organisation boards.
  it("labelling an issue creates the next meeting's issue with the agenda, and what does not fit waits", async () => {
    await e2e.gh.label("bob", "sovereign/infra", 4, "agenda/iaas");
    await e2e.quiet();
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
  }, 60_000); // the first rebuild of a freshly started app (and, on a busy machine, its first compile of each path)

  it("the organiser names the planning board in the config: its issues, pull requests and drafts join the agenda, each once", async () => {
    const config = (await e2e.gh.file("sovereign", ".github", ".github/docket.yml"))!;
    const withBoard = config.replace(
      "    label: agenda/iaas\n",
      "    label: agenda/iaas\n    board: { owner: sovereign, number: 1, estimate-field: Estimate }\n",
    );
    expect(withBoard).toContain("board: { owner: sovereign, number: 1");
    await e2e.gh.pushFile("alice", "sovereign/.github", ".github/docket.yml", withBoard);
    await e2e.quiet();
    expect((await e2e.gh.checkRuns("sovereign", ".github")).at(-1)).toMatchObject({ name: "Docket configuration", conclusion: "success" });
    const listed = (body: string | null) => [...agenda(body), ...waiting(body)];
    const m = await meeting();
    // The board's draft (5 min) and its labelled issue infra#4, which counts once.
    expect(listed(m.body)).toContain("Rotate the chair of the IaaS call");
    expect(listed(m.body).filter((t) => t.includes("Disk usage alerts fire too often"))).toHaveLength(1);
    // The closed standards#4 is marked Agenda on the board, and stays off.
    expect(m.body).not.toContain("Retire the v2 image standard");
  }, 60_000); // a config push rebuilds every series and the backlog

  it("moving items on the organisation's board changes the agenda within seconds (projects_v2_item)", async () => {
    const pr = await e2e.gh.open("dave", "sovereign/infra", { title: "Tune the alert thresholds", pullRequest: { head: "alerts" } });
    await e2e.gh.act({ as: "bob", action: "board-add", board: "sovereign/1", issue: `sovereign/infra#${pr.issue!.number}`, values: { Status: "Agenda" } });
    const draft = await e2e.gh.act({
      as: "bob",
      action: "board-add",
      board: "sovereign/1",
      draft: { title: "Office hours for new contributors" },
      values: { Status: "Agenda", Estimate: 5 },
    });
    await e2e.quiet();
    const listed = (body: string | null) => [...agenda(body), ...waiting(body)];
    let m = await meeting();
    expect(listed(m.body)).toContain(`sovereign/infra#${pr.issue!.number} Tune the alert thresholds`);
    expect(listed(m.body)).toContain("Office hours for new contributors");

    // The draft is done; the pull request is taken off the board.
    await e2e.gh.act({ as: "bob", action: "board-set", board: "sovereign/1", item: draft.projectItem!, values: { Status: "Done" } });
    await e2e.gh.act({ as: "alice", action: "board-remove", board: "sovereign/1", issue: `sovereign/infra#${pr.issue!.number}` });
    await e2e.quiet();
    m = await meeting();
    expect(listed(m.body)).not.toContain("Office hours for new contributors");
    expect(listed(m.body).some((t) => t.includes("Tune the alert thresholds"))).toBe(false);
    expect(listed(m.body)).toContain("Rotate the chair of the IaaS call");
  }, 60_000); // two rebuilds of six GraphQL requests each: Octokit's throttling spaces GraphQL requests a second apart

  it("no request the app sent was one GitHub would refuse", () => {
    expect(e2e.sim.violations).toEqual([]);
    expect(e2e.app.output()).not.toMatch(/"level":(50|60)/); // no error or fatal log line
  });
});
