/**
 * Stable plans in the workflow (issue 13), against the local GitHub: when a topic in the middle of
 * the agenda leaves, the topics after it close up and each author is told the new start in one
 * comment; the waiting topic that moves into the freed room gets the promotion comment only; a
 * rerun tells nobody again.
 */
import { describe, expect, it } from "vitest";
import { readState } from "../../src/render/markers.js";
import { syncAgenda } from "../../src/workflows/agenda.js";
import { jobContext, lastSeq, loadedConfig, useActionWorld, writesSince } from "./action-world.js";

const NOW = "2025-01-10T13:00:00Z";
const sim = useActionWorld();

const comments = (repo: string, number: number): string[] => {
  const [owner, name] = repo.split("/");
  return sim.state.repo(owner!, name!)!.issues.get(number)!.comments.map((c) => c.body);
};
const place = (result: Awaited<ReturnType<typeof syncAgenda>>) => result.agenda!.scheduled.map((s) => `${s.topic.repo}#${s.topic.number}@${s.offset}`);

describe("a topic in the middle of the agenda leaves (close-up, the default)", () => {
  it("later topics start earlier and their authors are told the new start once; the promoted topic gets the promotion comment only", async () => {
    await sim.act({ as: "alice", action: "label", repo: "sovereign/infra", number: 4, label: "agenda/iaas" });
    const first = await syncAgenda(jobContext(sim, NOW), loadedConfig(), "iaas");
    expect(place(first)).toEqual(["sovereign/meetings#1@0", "sovereign/standards#1@10", "sovereign/infra#1@30", "sovereign/infra#2@45"]);
    expect(first.agenda!.waiting.map((w) => `${w.topic.repo}#${w.topic.number}`)).toEqual(["sovereign/infra#4"]);
    // The plan is kept in the meeting issue: each topic's date and offset.
    const state = readState(sim.state.repo("sovereign", "meetings")!.issues.get(first.meeting!.number)!.body)!;
    expect(Object.values(state.plan!)).toEqual([0, 10, 30, 45].map((offset) => ({ date: "2025-01-13", offset })));

    await sim.act({ as: "bob", action: "unlabel", repo: "sovereign/standards", number: 1, label: "agenda/iaas" });
    const second = await syncAgenda(jobContext(sim, NOW), loadedConfig(), "iaas");
    expect(second.problems).toEqual([]);
    expect(place(second)).toEqual(["sovereign/meetings#1@0", "sovereign/infra#1@10", "sovereign/infra#2@25", "sovereign/infra#4@35"]);

    // infra#1 and infra#2 are told their new start (14:10 and 14:25 Berlin time); infra#4 only that it moved up.
    const told = (repo: string, n: number) => comments(repo, n).filter((b) => b.includes("docket:moved") || b.includes("docket:promoted"));
    expect(told("sovereign/infra", 1)).toHaveLength(1);
    expect(told("sovereign/infra", 1)[0]).toContain("this topic is now planned to start at 14:10 and take 15m");
    expect(told("sovereign/infra", 2)).toHaveLength(1);
    expect(told("sovereign/infra", 2)[0]).toContain("this topic is now planned to start at 14:25 and take 10m");
    expect(told("sovereign/infra", 4)).toHaveLength(1);
    expect(told("sovereign/infra", 4)[0]).toContain("moved up from the waiting list");
    expect(told("sovereign/meetings", 1)).toEqual([]);
    expect(second.moved).toHaveLength(2);

    // A rerun (the same plan) posts nothing and writes nothing.
    const seq = lastSeq(sim);
    const third = await syncAgenda(jobContext(sim, NOW), loadedConfig(), "iaas");
    expect(place(third)).toEqual(place(second));
    expect(writesSince(sim, seq)).toEqual([]);
  });
});
