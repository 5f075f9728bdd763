/**
 * Stable plans in the workflow (issue 13), against the local GitHub: when a topic in the middle of
 * the agenda leaves, the topics after it close up and each author is told the new start in one
 * comment; the waiting topic that moves into the freed room gets the promotion comment only; a
 * rerun tells nobody again.
 */
import { describe, expect, it } from "vitest";
import { readSection, readState } from "../../src/render/markers.js";
import { syncAgenda } from "../../src/workflows/agenda.js";
import { CONFIG, jobContext, lastSeq, loadedConfig, useActionWorld, writesSince } from "./action-world.js";

const NOW = "2025-01-10T13:00:00Z";
const sim = useActionWorld();

const comments = (repo: string, number: number): string[] => {
  const [owner, name] = repo.split("/");
  return sim.state
    .repo(owner!, name!)!
    .issues.get(number)!
    .comments.map((c) => c.body);
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

/** The comments Docket posted on a topic about its place (moved, promoted or back on the waiting list), oldest first. */
const toldOn = (repo: string, n: number) => comments(repo, n).filter((b) => /docket:(moved|promoted|waiting) /.test(b));
const grow = async (from: string, to: string) => {
  await sim.act({ as: "alice", action: "unlabel", repo: "sovereign/infra", number: 1, label: from });
  await sim.act({ as: "alice", action: "label", repo: "sovereign/infra", number: 1, label: to });
};

describe("telling authors: compared with the last thing Docket told them about this meeting", () => {
  it("a topic moved to 14:25, then 14:40, then back to 14:25 is told each time (its author's latest comment always has its time)", async () => {
    await syncAgenda(jobContext(sim, NOW), loadedConfig(), "iaas");
    await sim.act({ as: "bob", action: "unlabel", repo: "sovereign/standards", number: 1, label: "agenda/iaas" });
    await syncAgenda(jobContext(sim, NOW), loadedConfig(), "iaas"); // infra#2 starts at 14:25
    await grow("time/15m", "time/30m");
    const later = await syncAgenda(jobContext(sim, NOW), loadedConfig(), "iaas"); // infra#1 takes 30m: infra#2 at 14:40
    expect(place(later)).toContain("sovereign/infra#2@40");
    await grow("time/30m", "time/15m");
    const back = await syncAgenda(jobContext(sim, NOW), loadedConfig(), "iaas");
    expect(place(back)).toContain("sovereign/infra#2@25");

    const told = toldOn("sovereign/infra", 2);
    expect(told.map((b) => /start at (\d\d:\d\d)/.exec(b)?.[1])).toEqual(["14:25", "14:40", "14:25"]);
    // A rerun tells nobody again.
    const seq = lastSeq(sim);
    await syncAgenda(jobContext(sim, NOW), loadedConfig(), "iaas");
    expect(writesSince(sim, seq)).toEqual([]);
  });

  it("a topic that drops back to the waiting list is told so once, with its place; promoted again, it is told again", async () => {
    await sim.act({ as: "alice", action: "label", repo: "sovereign/infra", number: 4, label: "agenda/iaas" });
    await syncAgenda(jobContext(sim, NOW), loadedConfig(), "iaas");
    await sim.act({ as: "bob", action: "unlabel", repo: "sovereign/standards", number: 1, label: "agenda/iaas" });
    await syncAgenda(jobContext(sim, NOW), loadedConfig(), "iaas"); // infra#4 moves up, at 14:35
    expect(toldOn("sovereign/infra", 4)).toHaveLength(1);

    // The meeting gets shorter: infra#4, the last topic, no longer fits.
    const shorter = loadedConfig(CONFIG.replace("duration: 1h", "duration: 40m"));
    const dropped = await syncAgenda(jobContext(sim, NOW), shorter, "iaas");
    expect(dropped.agenda!.waiting.map((w) => `${w.topic.repo}#${w.topic.number}`)).toEqual(["sovereign/infra#4"]);
    expect(dropped.dropped).toEqual([dropped.agenda!.waiting[0]!.topic.id]);
    expect(toldOn("sovereign/infra", 4)).toHaveLength(2);
    const comment = toldOn("sovereign/infra", 4)[1]!;
    expect(comment).toContain("moved back to the waiting list");
    expect(comment).toContain("number 1 on the waiting list");
    expect(comment).toContain(`[Team IaaS — 2025-01-13](${dropped.meeting!.url})`);
    // Others stayed where they were: nobody else hears anything, and a rerun repeats nothing.
    expect(toldOn("sovereign/infra", 1)).toHaveLength(1);
    const seq = lastSeq(sim);
    await syncAgenda(jobContext(sim, NOW), shorter, "iaas");
    expect(writesSince(sim, seq)).toEqual([]);

    // The hour is back: infra#4 moves up again, at the same time as before, and its author hears of it.
    const again = await syncAgenda(jobContext(sim, NOW), loadedConfig(), "iaas");
    expect(again.promoted).toEqual([dropped.agenda!.waiting[0]!.topic.id]);
    const told = toldOn("sovereign/infra", 4);
    expect(told).toHaveLength(3);
    expect(told[2]).toContain("moved up from the waiting list");
    expect(told[2]).toContain("planned to start at 14:35");
  });
});

describe("a cancelled meeting reopened while the next one was planned", () => {
  const meetingIssue = (date: string) => [...sim.state.repo("sovereign", "meetings")!.issues.values()].find((i) => i.title === `Team IaaS — ${date}`)!;
  const sync = (now = NOW) => syncAgenda(jobContext(sim, now), loadedConfig(), "iaas");

  it("the later meeting's issue says it is not planned yet and forgets its plan: planned afresh later, nobody is told a move there", async () => {
    await sync();
    sim.state.setIssueState(meetingIssue("2025-01-13"), "closed", "alice", "not_planned");
    const planned = await sync();
    expect(planned.occurrence?.date).toBe("2025-01-27");
    const later = meetingIssue("2025-01-27");
    expect(readState(later.body)!.plan).toBeDefined();
    // Somebody writes in the later issue: it stays as it is.
    await sim.act({ as: "alice", action: "edit", repo: "sovereign/meetings", number: later.number, body: `${later.body}\n\nBring your own questions.` });

    sim.state.setIssueState(meetingIssue("2025-01-13"), "open", "alice");
    const reopened = await sync();
    expect(reopened.occurrence?.date).toBe("2025-01-13");
    expect(reopened.problems).toEqual([]);
    const agenda = readSection(later.body, "agenda")!;
    expect(agenda).toContain("**Not planned yet:**");
    expect(agenda).toContain("once the meeting on Monday, 13 January 2025 is held");
    expect(agenda).toContain(reopened.meeting!.url);
    expect(agenda).not.toContain("Welcome new contributors");
    expect(readSection(later.body, "waiting-list")).not.toContain("sovereign/");
    expect(later.body).toContain("\n\nBring your own questions.");
    expect(readState(later.body)).toBeNull(); // no plan: packed afresh when it is next (queue places come from the earlier meeting's)
    // A rerun changes nothing.
    const seq = lastSeq(sim);
    await sync();
    expect(writesSince(sim, seq)).toEqual([]);

    // The meeting of 13 January is held; the agenda changed meanwhile. 27 January is packed afresh: no "moved" comments.
    await sim.act({ as: "bob", action: "unlabel", repo: "sovereign/standards", number: 1, label: "agenda/iaas" });
    const next = await sync("2025-01-14T09:00:00Z");
    expect(next.occurrence?.date).toBe("2025-01-27");
    expect(next.meeting!.number).toBe(later.number);
    expect(next.moved).toEqual([]);
    expect(readSection(later.body, "agenda")).toContain("Welcome new contributors");
    expect(toldOn("sovereign/infra", 1)).toEqual([]);
  });
});
