/** A topic's place (labelTimes, keepQueueTimes), votes (countVotes) and the kept state's compact encoding. */
import { describe, expect, it } from "vitest";
import { agendaState } from "../../src/domain/agenda.js";
import { countVotes, keepQueueTimes, labelTimes, type LabelEvent } from "../../src/domain/topics.js";
import type { Candidate, Topic } from "../../src/domain/types.js";
import { parseState, stateComment } from "../../src/render/markers.js";

const add = (label: string, at: string): LabelEvent => ({ label, at, added: true });
const remove = (label: string, at: string): LabelEvent => ({ label, at, added: false });

describe("labelTimes", () => {
  it("since when each label carried now has been on: the last add no removal followed", () => {
    expect(labelTimes([add("agenda/iaas", "2025-01-01T00:00:00Z")])).toEqual({ "agenda/iaas": "2025-01-01T00:00:00Z" });
    expect(labelTimes([add("a", "2025-01-01T00:00:00Z"), remove("a", "2025-01-02T00:00:00Z"), add("a", "2025-01-03T00:00:00Z")])).toEqual({
      a: "2025-01-03T00:00:00Z",
    });
    expect(labelTimes([add("a", "2025-01-01T00:00:00Z"), remove("a", "2025-01-02T00:00:00Z")])).toEqual({});
  });

  it("other labels' events, however many, change nothing", () => {
    const events = [add("agenda/iaas", "2025-01-01T00:00:00Z")];
    for (let i = 0; i < 500; i++)
      events.push(
        add(`time/${i % 2 ? 5 : 10}m`, `2025-01-02T00:${String(i % 60).padStart(2, "0")}:00Z`),
        remove(`time/${i % 2 ? 10 : 5}m`, `2025-01-02T00:${String(i % 60).padStart(2, "0")}:00Z`),
      );
    expect(labelTimes(events)["agenda/iaas"]).toBe("2025-01-01T00:00:00Z");
  });

  it("a second add while on keeps the first; case does not matter; order of arrival does not matter", () => {
    expect(labelTimes([add("A", "2025-01-01T00:00:00Z"), add("a", "2025-01-02T00:00:00Z")])).toEqual({ A: "2025-01-01T00:00:00Z" });
    expect(labelTimes([add("a", "2025-01-03T00:00:00Z"), remove("A", "2025-01-02T00:00:00Z"), add("a", "2025-01-01T00:00:00Z")])).toEqual({
      a: "2025-01-03T00:00:00Z",
    });
  });

  it("skips events without a label or a valid time", () => {
    expect(labelTimes([add("", "2025-01-01T00:00:00Z"), add("a", "garbage")])).toEqual({});
  });
});

describe("countVotes", () => {
  it("distinct people other than the author; bots and deleted accounts never", () => {
    const r = (login: string | null, bot = false) => ({ login, bot });
    expect(countVotes([r("bob"), r("BOB"), r("carol"), r("alice"), r("renovate[bot]"), r("dependabot", true), r(null)], "Alice")).toBe(2);
    expect(countVotes([], "alice")).toBe(0);
    expect(countVotes([r("bob")], null)).toBe(1);
  });
});

const topic = (id: string): Topic => ({
  id,
  kind: "issue",
  repo: "o/r",
  number: 1,
  title: id,
  url: `https://github.com/o/r/issues/${id}`,
  author: null,
  state: "open",
  labels: [],
  body: "",
  createdAt: "2024-01-01T00:00:00Z",
  labeledAt: {},
  thumbsUp: 0,
  audience: { visibility: "public", owner: "o" } as Topic["audience"],
});
const cand = (id: string, queuedAt: string): Candidate => ({ topic: topic(id), minutes: 10, estimateSource: "default", queuedAt });

describe("keepQueueTimes", () => {
  it("a kept time wins over what is read now; a topic not kept queues at what is read now", () => {
    const out = keepQueueTimes([cand("A", "2024-06-01T00:00:00Z"), cand("B", "2025-02-01T00:00:00Z")], { A: "2025-01-01T00:00:00.000Z" });
    expect(out.map((c) => c.queuedAt)).toEqual(["2025-01-01T00:00:00.000Z", "2025-02-01T00:00:00Z"]);
    expect(keepQueueTimes([cand("A", "x")], undefined)[0]!.queuedAt).toBe("x");
  });
});

describe("the kept state", () => {
  it("round-trips queue times as epoch seconds in list order, without repeating ids", () => {
    const state = {
      scheduled: ["I_a", "I_b"],
      waiting: ["I_c"],
      queuedAt: { I_a: "2025-01-01T00:00:00Z", I_b: "2025-01-02T00:00:00Z", I_c: "2025-01-03T00:00:05Z" },
    };
    const line = stateComment(state);
    expect(line).toBe('<!-- docket:state {"scheduled":["I_a","I_b"],"waiting":["I_c"],"at":[1735689600,1735776000,1735862405]} -->');
    expect(parseState(line)).toEqual({
      ...state,
      queuedAt: { I_a: "2025-01-01T00:00:00.000Z", I_b: "2025-01-02T00:00:00.000Z", I_c: "2025-01-03T00:00:05.000Z" },
    });
  });

  it("an old state (no `at`) or one whose `at` does not line up keeps no times; junk entries are skipped", () => {
    expect(parseState('<!-- docket:state {"scheduled":["A"],"waiting":[]} -->')).toEqual({ scheduled: ["A"], waiting: [] });
    expect(parseState('<!-- docket:state {"scheduled":["A"],"waiting":[],"at":[1,2]} -->')).toEqual({ scheduled: ["A"], waiting: [] });
    expect(parseState('<!-- docket:state {"scheduled":["A","B"],"waiting":[],"at":[null,"x"]} -->')).toEqual({
      scheduled: ["A", "B"],
      waiting: [],
      queuedAt: {},
    });
  });

  it("agendaState keeps every listed topic's queue time", () => {
    const a = cand("A", "2025-01-01T00:00:00Z");
    const b = cand("B", "2025-01-02T00:00:00Z");
    const state = agendaState({
      slots: [{ capacity: 10 }],
      scheduled: [{ ...a, offset: 0, day: 0 }],
      waiting: [{ ...b, position: 1, reason: "no-room" }],
      used: [10],
    });
    expect(state).toEqual({ scheduled: ["A"], waiting: ["B"], queuedAt: { A: "2025-01-01T00:00:00Z", B: "2025-01-02T00:00:00Z" } });
  });
});
