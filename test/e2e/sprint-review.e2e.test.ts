/**
 * The Action's `sprint-review` end to end: its bundle on Node 24 (./action-harness.ts) against
 * the local GitHub, with sprints from a board's iteration field. A review published after its
 * sprint ended is a record: the team moving an unfinished item into the next iteration on the
 * board changes nothing in it; `force: true` renders it again, the item still carried over and
 * marked so in the next sprint's plan.
 */
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { COMMUNITY_WORLD, installationToken, startTestSimulator, violationText } from "../sim/helpers.js";
import type { Simulator } from "../sim/server.js";
import type { World } from "../sim/world.js";
import { pushConfig, runAction, VALID_CONFIG } from "./action-harness.js";

/** The community world with a board whose iteration field "Sprint" has Gothenburg and Hobart. */
function sprintWorld(): World {
  const world = parseYaml(readFileSync(COMMUNITY_WORLD, "utf8")) as { orgs: Array<{ projects?: unknown[] }> };
  world.orgs[0]!.projects = [
    ...(world.orgs[0]!.projects ?? []),
    {
      number: 6,
      title: "Sprints",
      public: true,
      fields: [
        {
          name: "Sprint",
          type: "iteration",
          duration: 14,
          iterations: [
            { title: "Gothenburg", start_date: "2024-12-30" },
            { title: "Hobart", start_date: "2025-01-13" },
          ],
        },
      ],
      items: [
        { content: "sovereign/infra#4", values: { Sprint: "Gothenburg" }, created_at: "2024-12-30T10:00:00Z" },
        { content: "sovereign/infra#1", values: { Sprint: "Hobart" }, created_at: "2025-01-10T10:00:00Z" },
      ],
    },
  ];
  return world as unknown as World;
}

const CONFIG = `${VALID_CONFIG.trimEnd()}
sprints:
  board: { owner: sovereign, number: 6, iteration-field: Sprint }
  meeting: iaas
`;

let sim: Simulator;
beforeAll(async () => {
  sim = await startTestSimulator({ urls: "local", world: sprintWorld() });
}, 180_000);
afterAll(async () => {
  await sim?.close();
});

const review = () => sim.state.resolveRef(sim.state.repo("sovereign", "meetings")!)!.files.get("sprints/gothenburg.md")?.text;
const escapeRegExp = (t: string) => t.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const disk = (url: string) => `- [sovereign/infra#4 Disk usage alerts fire too often](${url}/sovereign/infra/issues/4)`;

describe("sprint-review through the Action's bundle", () => {
  it("keeps a published review as a record after the board moves an unfinished item on; force renders it again, still carried over and marked in the next plan", async () => {
    await pushConfig(sim, CONFIG);
    const token = await installationToken(sim);
    // The meeting that reviews Gothenburg: Docket opens it, people record it in comments.
    const opened = await runAction(sim, { command: "agenda", inputs: { token, series: "iaas" }, env: { DOCKET_NOW: "2025-01-08T09:00:00Z" } });
    const number = Number(/\/issues\/(\d+)$/.exec(opened.outputs.issues ?? "")?.[1]);
    await sim.act({
      as: "alice",
      action: "comment",
      repo: "sovereign/meetings",
      number,
      body: "/here @bob\n/note sovereign/infra#4 thresholds -> too low (@carol knows)",
    });
    const first = await runAction(sim, { command: "sprint-review", inputs: { token } });
    expect(first.code).toBe(0);
    expect(first.outputs).toMatchObject({ path: "sprints/gothenburg.md", done: "0", "carried-over": "1", writes: "1" });
    const published = review()!;
    expect(published).toContain(`### Carried over\n\n${disk(sim.url)}\n`);
    expect(published).toContain(`### Carried over\n\n${disk(sim.url)}\n  - thresholds -> too low (@carol knows)\n`);
    expect(published).toContain("- Participants: @alice, @bob\n");
    expect(published).not.toMatch(/\u200B|&gt;|\\\(/);

    // The team moves the unfinished item into the next iteration.
    const board = sim.state.project("sovereign", 6)!;
    const issue = sim.state.issue(sim.state.repo("sovereign", "infra")!, 4)!;
    sim.state.editProjectItem(board, board.items.find((i) => i.issueNodeId === issue.nodeId)!, "Sprint", "Hobart", "alice");

    const again = await runAction(sim, { command: "sprint-review", inputs: { token }, env: { DOCKET_NOW: "2025-01-15T09:00:00Z" } });
    expect(again.code).toBe(0);
    expect(again.outputs).toMatchObject({ "carried-over": "1", writes: "0" });
    expect(again.summary).toContain("kept as published (input `force: true` renders it again)");
    expect(review()).toBe(published);

    const forced = await runAction(sim, { command: "sprint-review", inputs: { token, force: "true" }, env: { DOCKET_NOW: "2025-01-15T09:00:00Z" } });
    expect(forced.code).toBe(0);
    expect(forced.outputs).toMatchObject({ "carried-over": "1", writes: "1" });
    const text = review()!;
    expect(text).not.toBe(published);
    expect(text).toContain("1 item: 0 done, 1 carried over.");
    expect(text).toContain(`### Carried over\n\n${disk(sim.url)}\n`);
    expect(text).toContain(`# Sprint Hobart planning\n\n13–26 January 2025 · 2 items.\n\n## sovereign/infra\n\n`);
    expect(text).toMatch(new RegExp(`${escapeRegExp(disk(sim.url))} — carried over from Sprint Gothenburg\n\n<!-- docket:sprint-review `));
    expect(violationText(sim)).toEqual([]);
  }, 120_000);
});
