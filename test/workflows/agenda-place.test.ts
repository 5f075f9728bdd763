/**
 * A topic's place is its own (issue 10, finding 3), against the local GitHub: 101 estimate
 * toggles (each adds one `time/…` label and removes the other, as `/agenda iaas 5m` / `10m` do)
 * leave a topic's place where it was, whether Docket saw it queued before or reads it for the
 * first time; and under `order: votes` neither the author's own 👍 nor a bot's counts.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { orderCandidates } from "../../src/domain/agenda.js";
import type { Agenda } from "../../src/domain/types.js";
import { readState } from "../../src/render/markers.js";
import { syncAgenda } from "../../src/workflows/agenda.js";
import { violationText } from "../sim/helpers.js";
import { startSimulator, type Simulator } from "../sim/server.js";
import type { World } from "../sim/world.js";
import { CONFIG, actionWorld, jobContext, loadedConfig } from "./action-world.js";

const NOW = "2025-01-10T13:00:00Z";
const REPO = "sovereign/infra";

/** The action world with seven more topics in sovereign/infra (#100..#106), created in December, labelled one a minute on 2 January. */
function queuedWorld(): World {
  const world = actionWorld() as unknown as { orgs: Array<{ repos: Array<{ name: string; issues: unknown[] }> }> };
  const infra = world.orgs[0]!.repos.find((r) => r.name === "infra")!;
  for (let i = 0; i < 7; i++) {
    const at = new Date(Date.parse("2025-01-02T00:00:00Z") + i * 60_000).toISOString();
    infra.issues.push({
      number: 100 + i,
      title: `Queued topic ${i + 1}`,
      author: "carol",
      created_at: `2024-12-0${i + 1}T00:00:00Z`,
      labels: [{ name: "agenda/iaas", at, by: "bob" }],
    });
  }
  return world as unknown as World;
}

let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator({ world: queuedWorld() });
});
afterAll(() => sim.close());
beforeEach(() => sim.reset());
afterEach(() => {
  expect(violationText(sim)).toEqual([]);
});

const numberOf = (url: string) => Number(/\/issues\/(\d+)$/.exec(url)?.[1]);

/** Issue numbers in the order the agenda queues them (of sovereign/infra's topics #100..#106). */
function queue(agenda: Agenda | null): number[] {
  const all = [...(agenda?.scheduled ?? []), ...(agenda?.waiting ?? [])];
  return orderCandidates(all, "fifo")
    .filter((c) => c.topic.repo === REPO && (c.topic.number ?? 0) >= 100)
    .map((c) => numberOf(c.topic.url));
}

/** 101 `/agenda iaas 5m` / `10m` in turn, as the labels they leave: add the new estimate, remove the old. */
async function toggleEstimates(number: number): Promise<void> {
  await sim.act({ as: "alice", action: "label", repo: REPO, number, label: "time/5m" });
  for (let i = 0; i < 101; i++) {
    const [add, remove] = i % 2 === 0 ? ["time/10m", "time/5m"] : ["time/5m", "time/10m"];
    await sim.act({ as: "alice", action: "label", repo: REPO, number, label: add });
    await sim.act({ as: "alice", action: "unlabel", repo: REPO, number, label: remove });
  }
}

describe("a topic's place is its own", () => {
  it("101 estimate toggles on the 7th topic, never seen before: it stays 7th (the label's time is read from all label events)", async () => {
    await toggleEstimates(106);
    const result = await syncAgenda(jobContext(sim, NOW), loadedConfig(), "iaas");
    expect(result.problems).toEqual([]);
    expect(queue(result.agenda)).toEqual([100, 101, 102, 103, 104, 105, 106]);
    const seventh = [...result.agenda!.scheduled, ...result.agenda!.waiting].find((c) => c.topic.number === 106 && c.topic.repo === REPO)!;
    expect(Date.parse(seventh.queuedAt)).toBe(Date.parse("2025-01-02T00:06:00Z"));
  });

  it("101 estimate toggles after Docket listed it: the kept place holds, and the state keeps each topic's queue time", async () => {
    const first = await syncAgenda(jobContext(sim, NOW), loadedConfig(), "iaas");
    expect(queue(first.agenda)).toEqual([100, 101, 102, 103, 104, 105, 106]);
    const kept = readState(sim.state.repo("sovereign", "meetings")!.issues.get(first.meeting!.number)!.body)!;
    const id106 = [...first.agenda!.scheduled, ...first.agenda!.waiting].find((c) => c.topic.number === 106 && c.topic.repo === REPO)!.topic.id;
    expect(kept.queuedAt?.[id106]).toBe("2025-01-02T00:06:00.000Z");

    await toggleEstimates(106);
    const again = await syncAgenda(jobContext(sim, NOW), loadedConfig(), "iaas");
    expect(again.problems).toEqual([]);
    expect(queue(again.agenda)).toEqual([100, 101, 102, 103, 104, 105, 106]);
  });
});

describe("order: votes", () => {
  it("counts distinct people other than the author, never bots", async () => {
    // #100 (by carol): carol's own 👍 and renovate[bot]'s. #101: dave's. #102: nobody's.
    await sim.act({ as: "carol", action: "react", repo: REPO, number: 100, content: "+1" });
    await sim.act({ as: "renovate[bot]", action: "react", repo: REPO, number: 100, content: "+1" });
    await sim.act({ as: "dave", action: "react", repo: REPO, number: 101, content: "+1" });
    const config = loadedConfig(CONFIG.replace("    label: agenda/iaas\n", "    label: agenda/iaas\n    order: votes\n"));
    const result = await syncAgenda(jobContext(sim, NOW), config, "iaas");
    expect(result.problems).toEqual([]);
    const all = [...result.agenda!.scheduled, ...result.agenda!.waiting];
    const votes = (n: number) => all.find((c) => c.topic.repo === REPO && c.topic.number === n)!.topic.thumbsUp;
    expect([votes(100), votes(101), votes(102)]).toEqual([0, 1, 0]);
    // Most votes first: #101 is the only infra topic with a vote; #100 queues with the unvoted by time.
    expect(
      orderCandidates(all, "votes")
        .filter((c) => c.topic.repo === REPO && (c.topic.number ?? 0) >= 100)
        .map((c) => c.topic.number),
    ).toEqual([101, 100, 102, 103, 104, 105, 106]);
  });
});
