import { describe, expect, it } from "vitest";
import { parseCommands } from "../../src/domain/commands.js";
import {
  APPLIED_KEPT,
  applyNow,
  emptyNowState,
  markApplied,
  wasApplied,
  followingSession,
  interpretNowCommand,
  parseNowState,
  type NowSession,
  type ScheduledSession,
} from "../../src/domain/now.js";

const TRACKS = ["edge", "tripleo"];
const read = (line: string) => interpretNowCommand(parseCommands(line)[0]!, TRACKS);
const topic = (n: number): Extract<NowSession, { kind: "topic" }> => ({
  kind: "topic",
  id: `I_${n}`,
  repo: "ptg/edge",
  number: n,
  title: `Topic ${n}`,
  url: `https://github.com/ptg/edge/issues/${n}`,
});
const T0 = Date.parse("2025-04-07T09:00:00Z");
const schedule: ScheduledSession[] = [1, 2, 3].map((n, i) => ({ session: topic(n), startsAt: T0 + i * 30 * 60_000 }));

describe("interpretNowCommand", () => {
  it("reads a topic in the event's repository, one elsewhere, free text and clear", () => {
    expect(read("/now edge #12")).toEqual({ kind: "set", which: "now", track: "edge", target: { kind: "ref", repo: null, number: 12 } });
    expect(read("/next TripleO acme/ops#3")).toEqual({ kind: "set", which: "next", track: "tripleo", target: { kind: "ref", repo: "acme/ops", number: 3 } });
    expect(read("/now edge Lunch  break #2")).toEqual({ kind: "set", which: "now", track: "edge", target: { kind: "text", text: "Lunch  break #2" } });
    expect(read("/now edge clear")).toEqual({ kind: "clear", which: "now", track: "edge" });
    expect(read("/next edge -")).toEqual({ kind: "clear", which: "next", track: "edge" });
  });

  it("`/next <track>` alone moves on; `/now <track>` alone and a missing track are usage errors; an unknown track is named", () => {
    expect(read("/next edge")).toEqual({ kind: "advance", track: "edge" });
    expect(read("/now edge")).toEqual({ kind: "usage", name: "now" });
    expect(read("/next")).toEqual({ kind: "usage", name: "next" });
    expect(read("/now nova #1")).toEqual({ kind: "unknown-track", name: "now", track: "nova" });
  });
});

describe("applyNow", () => {
  it("`/next <track>` makes what was next now, and the session after it on the schedule next", () => {
    let state = applyNow(emptyNowState(), { kind: "set", which: "now", track: "edge", session: topic(1) }, schedule, T0)!;
    state = applyNow(state, { kind: "set", which: "next", track: "edge", session: topic(2) }, schedule, T0)!;
    state = applyNow(state, { kind: "advance", track: "edge" }, schedule, T0)!;
    expect(state.tracks.edge).toEqual({ now: topic(2), next: topic(3) });
    state = applyNow(state, { kind: "advance", track: "edge" }, schedule, T0)!;
    expect(state.tracks.edge).toEqual({ now: topic(3), next: null });
    // Nothing named next and nothing after it on the schedule: nothing to move on to.
    expect(applyNow(state, { kind: "advance", track: "edge" }, schedule, T0)).toBeNull();
  });

  it("after free text, what follows is the first session that has not started yet", () => {
    const lunch: NowSession = { kind: "text", text: "Lunch" };
    expect(followingSession(lunch, schedule, T0 + 31 * 60_000)).toEqual(topic(3));
    const state = applyNow(emptyNowState(), { kind: "set", which: "now", track: "edge", session: lunch }, schedule, T0)!;
    expect(applyNow(state, { kind: "advance", track: "edge" }, schedule, T0 + 10 * 60_000)!.tracks.edge).toEqual({ now: topic(2), next: topic(3) });
  });

  it("clears one line and leaves the other tracks alone", () => {
    let state = applyNow(emptyNowState(), { kind: "set", which: "now", track: "tripleo", session: topic(1) }, [], T0)!;
    state = applyNow(state, { kind: "set", which: "now", track: "edge", session: topic(2) }, [], T0)!;
    state = applyNow(state, { kind: "clear", which: "now", track: "edge" }, [], T0)!;
    expect(state.tracks).toEqual({ tripleo: { now: topic(1), next: null }, edge: { now: null, next: null } });
  });
});

describe("parseNowState", () => {
  it("keeps what reads as a state and drops the rest", () => {
    expect(parseNowState({ applied: [9, "x", 7], tracks: { edge: { now: topic(1), next: { kind: "bogus" } }, x: 3 } })).toEqual({
      applied: [7, 9],
      tracks: { edge: { now: topic(1), next: null } },
    });
    expect(parseNowState({ last: 7, tracks: {} })).toEqual({ applied: [7], tracks: {} }); // the first version's one id
    expect(parseNowState(null)).toEqual(emptyNowState());
  });
});

describe("wasApplied and markApplied", () => {
  it("an older comment not yet applied is not taken for applied; once the list is full, one older than all it keeps is", () => {
    let state = markApplied(emptyNowState(), 20);
    expect(wasApplied(state, 20)).toBe(true);
    expect(wasApplied(state, 10)).toBe(false);
    for (let id = 21; id < 21 + APPLIED_KEPT; id++) state = markApplied(state, id);
    expect(state.applied).toHaveLength(APPLIED_KEPT);
    expect(state.applied[0]).toBe(21);
    expect(wasApplied(state, 20)).toBe(true);
  });
});
