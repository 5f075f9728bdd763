/**
 * The Action's `agenda` command over more topics than one GitHub search returns (1,000): every
 * topic is read (src/github/search-windows.ts), none is a problem, and the step does not fail.
 */
import { afterAll, afterEach, beforeAll, expect, it } from "vitest";
import { runActionCommand } from "../../src/action/run.js";
import { violationText } from "../sim/helpers.js";
import { startSimulator, type Simulator } from "../sim/server.js";
import type { World } from "../sim/world.js";
import { actionWorld, jobContext, loadedConfig } from "./action-world.js";

const TOPICS = 1200;

/** The action world with 1,200 more topics in sovereign/infra, created and labelled a minute apart. */
function crowdedWorld(): World {
  const world = actionWorld() as unknown as { orgs: Array<{ repos: Array<{ name: string; issues: unknown[] }> }> };
  const infra = world.orgs[0]!.repos.find((r) => r.name === "infra")!;
  for (let i = 0; i < TOPICS; i++) {
    const at = new Date(Date.parse("2024-10-01T00:00:00Z") + i * 60_000).toISOString();
    infra.issues.push({ number: 100 + i, title: `Topic ${i}`, author: "carol", created_at: at, labels: [{ name: "agenda/iaas", at, by: "bob" }] });
  }
  return world as unknown as World;
}

let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator({ world: crowdedWorld() });
}, 60_000);
afterAll(() => sim.close());
afterEach(() => {
  expect(violationText(sim)).toEqual([]);
});

it("1,200 topics: the agenda command places every one (and the four of the example) and reports no problem", async () => {
  const result = await runActionCommand(jobContext(sim, "2025-01-08T09:00:00Z"), loadedConfig(), { command: "agenda", series: "iaas" });
  expect(result.problems).toEqual([]);
  expect(Number(result.outputs.scheduled) + Number(result.outputs.waiting)).toBe(TOPICS + 4);
}, 60_000);
