/**
 * Follow-up issues for action items with several owners (src/workflows/minutes.ts), against the
 * local GitHub: it answers 422 for an assignee without a role on the repository, as GitHub does.
 * The world is the action world with nine more organisation members (helper1 … helper9), so an
 * action item can name eleven people who could all be assigned.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { runActionCommand } from "../../src/action/run.js";
import { violationText } from "../sim/helpers.js";
import { startSimulator, type Simulator } from "../sim/server.js";
import type { World } from "../sim/world.js";
import { actionWorld, CONFIG, jobContext, loadedConfig } from "./action-world.js";

const HELPERS = Array.from({ length: 9 }, (_, i) => `helper${i + 1}`);

function world(): World {
  const w = actionWorld() as unknown as { users: unknown[]; orgs: Array<{ members: Record<string, string> }> };
  for (const login of HELPERS) {
    w.users.push({ login });
    w.orgs[0]!.members[login] = "read";
  }
  return w as unknown as World;
}

let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator({ world: world() });
});
afterAll(() => sim.close());
beforeEach(() => sim.reset());
afterEach(() => expect(violationText(sim)).toEqual([]));

const config = loadedConfig(CONFIG.replace("    open-ahead: 3d\n", "    open-ahead: 3d\n    minutes: { follow-up-issues: true }\n"));

/** Docket opens the meeting issue of 13 January; `comment` is written in it by alice; she closes it; the minutes are written. */
async function minutesWith(comment: string) {
  const opened = await runActionCommand(jobContext(sim, "2025-01-08T09:00:00Z"), config, { command: "agenda", series: "iaas" });
  const number = Number(/\/issues\/(\d+)$/.exec(opened.outputs.issues ?? "")?.[1]);
  sim.setClock({ now: "2025-01-13T13:02:00Z", frozen: true });
  await sim.act({ as: "alice", action: "comment", repo: "sovereign/meetings", number, body: comment });
  await sim.act({ as: "alice", action: "close", repo: "sovereign/meetings", number });
  const result = await runActionCommand(jobContext(sim, "2025-01-13T15:00:00Z"), config, {
    command: "minutes",
    issue: { owner: "sovereign", repo: "meetings", number },
  });
  const followUps = [...sim.state.repo("sovereign", "meetings")!.issues.values()].filter((i) => i.labels.some((l) => l.name === "docket/follow-up"));
  return { result, followUps };
}

describe("follow-up issues with several owners", () => {
  it("GitHub refuses one owner: the issue is assigned to the other, names the refused one in its body, and the run warns", async () => {
    const { result, followUps } = await minutesWith("AI @alice @nobody-here: book the room for the meetup");
    expect(followUps.map((i) => [i.title, i.assignees])).toEqual([["book the room for the meetup", ["alice"]]]);
    expect(followUps[0]!.body).toContain("An action item for @alice, @nobody-here from [Team IaaS — 2025-01-13]");
    expect(followUps[0]!.body).toContain("Not assigned (GitHub would not let them be): @nobody-here.");
    expect(result.warnings).toContain("@nobody-here cannot be assigned in sovereign/meetings; the follow-up issue names them instead");
    expect(result.summary).toContain("Follow-up issues: 1 opened, 0 opened before.");
  });

  it("eleven owners: the first ten are assigned (GitHub's most), the eleventh is named in the body", async () => {
    const owners = ["alice", "bob", ...HELPERS];
    const { result, followUps } = await minutesWith(`AI ${owners.map((o) => `@${o}`).join(" ")}: staff the booth`);
    expect(followUps.map((i) => i.assignees)).toEqual([owners.slice(0, 10)]);
    expect(followUps[0]!.body).toContain("Not assigned (GitHub would not let them be): @helper9.");
    expect(result.warnings ?? []).toEqual([]);
  });
});
