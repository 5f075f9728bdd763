/**
 * Stable plans (issue 13): a rebuild keeps every scheduled topic's day and order, fills freed
 * room from the waiting list, and moves nothing else.
 */
import { describe, expect, it } from "vitest";
import { agendaState, movedSince, packAgenda, promotedSince, type PackOptions } from "../../src/domain/agenda.js";
import type { Agenda, Candidate, Slot } from "../../src/domain/types.js";
import { candidate, titles } from "../helpers/topics.js";

const WEEK = ["2025-02-03", "2025-02-04", "2025-02-05", "2025-02-06", "2025-02-07"];
const week = (capacity: number, dates = WEEK): Slot[] => dates.map((date) => ({ capacity, date }));

/** [title, date, offset] of every scheduled topic, by day and start. */
const plan = (agenda: Agenda) => agenda.scheduled.map((s) => [s.topic.title, agenda.slots[s.day]!.date, s.offset]);

/** Packs `candidates` afresh, then again without `leave` (and with `add`), keeping the first plan. */
function rebuild(candidates: Candidate[], options: PackOptions, change: { leave?: string[]; add?: Candidate[]; slots?: Slot[] } = {}) {
  const before = packAgenda(candidates, options);
  const left = candidates.filter((c) => !(change.leave ?? []).includes(c.topic.title)).concat(change.add ?? []);
  const after = packAgenda(left, { ...options, ...(change.slots ? { slots: change.slots } : {}), previous: agendaState(before) });
  return { before, after };
}

describe("stable plans: a topic leaves a five-day meetup", () => {
  // Each day holds 120 minutes: 75 + 45 on each day; four topics wait (60, 75, 30, 45).
  const filled = (): Candidate[] => {
    const cs: Candidate[] = [];
    let q = 0;
    for (let day = 0; day < 5; day++) cs.push(candidate(`D${day + 1}a`, 75, q++), candidate(`D${day + 1}b`, 45, q++));
    cs.push(candidate("W60", 60, q++), candidate("W75", 75, q++), candidate("W30", 30, q++), candidate("W45", 45, q++));
    return cs;
  };
  const options: PackOptions = { slots: week(120), policy: "first-fit", order: "fifo" };
  /** The plan `before` without the topics that `left`: Tuesday's second topic closes up to 09:00 and W60 (75 minutes fit) moves in after it; nothing else moves. */
  const tuesdayTakesW60 = (before: Agenda, left: string[]) =>
    plan(before).flatMap(([t, d, o]) =>
      left.includes(String(t))
        ? []
        : t === "D2b"
          ? [
              [t, d, 0],
              ["W60", d, 45],
            ]
          : [[t, d, o]],
    );

  it("Tuesday's first topic leaves: the first waiting topic that fits takes its room, nothing else changes day", () => {
    const { before, after } = rebuild(filled(), options, { leave: ["D2a"] });
    expect(titles(before.waiting)).toEqual(["W60", "W75", "W30", "W45"]);
    // Tuesday's second topic closes up to 09:00; W60 (first in line, fits the 75 freed minutes) moves in after it.
    expect(plan(after)).toEqual(tuesdayTakesW60(before, ["D2a"]));
    expect(titles(after.waiting)).toEqual(["W75", "W30", "W45"]);
    expect(titles(promotedSince(agendaState(before), after))).toEqual(["W60"]);
    expect(titles(movedSince(agendaState(before), after))).toEqual(["D2b"]);
  });

  it("the last topic of its day leaves: exactly one waiting topic moves in at its start, nobody moves", () => {
    const { before, after } = rebuild(filled(), options, { leave: ["D3b"] });
    expect(plan(after)).toEqual(plan(before).map(([t, d, o]) => (t === "D3b" ? ["W30", d, o] : [t, d, o])));
    expect(titles(after.waiting)).toEqual(["W60", "W75", "W45"]);
    expect(titles(promotedSince(agendaState(before), after))).toEqual(["W30"]);
    expect(movedSince(agendaState(before), after)).toEqual([]);
  });

  it("strict: the head of the waiting list must fit before anything behind it moves in", () => {
    // Tuesday frees 75 minutes, Wednesday 45: W60 takes Tuesday; W75 fits nowhere, so W30 waits behind it although it would fit Wednesday.
    const { before, after } = rebuild(filled(), { ...options, policy: "strict" }, { leave: ["D2a", "D3b"] });
    expect(plan(after)).toEqual(tuesdayTakesW60(before, ["D2a", "D3b"]));
    expect(titles(after.waiting)).toEqual(["W75", "W30", "W45"]);
  });

  it("strict: the head takes the freed room on an earlier day, then the next in line the next room", () => {
    const { after } = rebuild(filled(), { ...options, policy: "strict" }, { leave: ["D2a", "D4a"] });
    expect(plan(after).filter(([t]) => String(t).startsWith("W"))).toEqual([
      ["W60", "2025-02-04", 45],
      ["W75", "2025-02-06", 45],
    ]);
    expect(titles(after.waiting)).toEqual(["W30", "W45"]);
  });
});

describe("stable plans: the rest of the rules", () => {
  const one = (capacity: number, date = "2025-02-03"): Slot[] => [{ capacity, date }];

  it("a middle topic leaves: later topics of that day close up and are reported as moved, earlier ones stay", () => {
    const cs = [candidate("A", 20, 1), candidate("B", 15, 2), candidate("C", 10, 3), candidate("D", 5, 4)];
    const { before, after } = rebuild(cs, { slots: one(60), policy: "first-fit", order: "fifo" }, { leave: ["B"] });
    expect(plan(after)).toEqual([
      ["A", "2025-02-03", 0],
      ["C", "2025-02-03", 20],
      ["D", "2025-02-03", 30],
    ]);
    expect(titles(movedSince(agendaState(before), after))).toEqual(["C", "D"]);
  });

  it("keep-times: the gap stays, nobody moves, and a waiting topic takes the first gap that fits", () => {
    const cs = [candidate("A", 20, 1), candidate("B", 15, 2), candidate("C", 20, 3), candidate("W10", 10, 4), candidate("W5", 5, 5)];
    const options: PackOptions = { slots: one(55), policy: "first-fit", order: "fifo", keepTimes: true };
    const { before, after } = rebuild(cs, options, { leave: ["B"] });
    expect(titles(before.waiting)).toEqual(["W10", "W5"]);
    expect(plan(after)).toEqual([
      ["A", "2025-02-03", 0],
      ["W10", "2025-02-03", 20],
      ["W5", "2025-02-03", 30],
      ["C", "2025-02-03", 35],
    ]);
    expect(movedSince(agendaState(before), after)).toEqual([]);
  });

  it("keep-times: with no gap long enough a topic goes after the last one", () => {
    const cs = [candidate("A", 10, 1), candidate("B", 10, 2), candidate("C", 10, 3), candidate("W15", 15, 4)];
    const { after } = rebuild(cs, { slots: one(40), policy: "first-fit", order: "fifo", keepTimes: true }, { leave: ["B"], add: [candidate("N10", 10, 5)] });
    expect(plan(after)).toEqual([
      ["A", "2025-02-03", 0],
      ["N10", "2025-02-03", 10],
      ["C", "2025-02-03", 20],
    ]);
    expect(titles(after.waiting)).toEqual(["W15"]);
  });

  it("a day that overflows (budget shrank) drops its last topics, which take room elsewhere or wait", () => {
    const cs = [candidate("A", 30, 1), candidate("B", 20, 2), candidate("C", 10, 3), candidate("D", 30, 4)];
    const dates = WEEK.slice(0, 2);
    const { before, after } = rebuild(
      cs,
      { slots: week(60, dates), policy: "first-fit", order: "fifo" },
      {
        slots: [
          { capacity: 45, date: dates[0] },
          { capacity: 60, date: dates[1] },
        ],
      },
    );
    expect(plan(before)).toEqual([
      ["A", dates[0], 0],
      ["B", dates[0], 30],
      ["C", dates[0], 50],
      ["D", dates[1], 0],
    ]);
    // Day 1 now holds 45: C, then B go back into placement; in queue order B takes day 2's room, C what is left on day 1.
    expect(plan(after)).toEqual([
      ["A", dates[0], 0],
      ["C", dates[0], 30],
      ["D", dates[1], 0],
      ["B", dates[1], 30],
    ]);
    expect(titles(movedSince(agendaState(before), after))).toEqual(["C", "B"]);
  });

  it("an estimate that grew overflows its day: the day's last topic goes back and takes room elsewhere, the grown one keeps its place", () => {
    const [a, b, c, d] = [candidate("A", 30, 1), candidate("B", 20, 2), candidate("C", 10, 3), candidate("D", 50, 4)];
    const options: PackOptions = { slots: week(60, WEEK.slice(0, 2)), policy: "first-fit", order: "fifo" };
    const before = packAgenda([a, b, c, d], options);
    expect(plan(before)).toEqual([
      ["A", WEEK[0], 0],
      ["B", WEEK[0], 30],
      ["C", WEEK[0], 50],
      ["D", WEEK[1], 0],
    ]);
    const after = packAgenda([{ ...a, minutes: 35 }, b, c, d], { ...options, previous: agendaState(before) });
    expect(plan(after)).toEqual([
      ["A", WEEK[0], 0],
      ["B", WEEK[0], 35],
      ["D", WEEK[1], 0],
      ["C", WEEK[1], 50],
    ]);
  });

  it("a kept topic grown longer than a whole day waits as too long and blocks nobody, even when strict; the other days stay", () => {
    const [a, b, c, d] = [candidate("A", 30, 1), candidate("B", 20, 2), candidate("C", 30, 3), candidate("D", 20, 4)];
    const options: PackOptions = { slots: week(50, WEEK.slice(0, 2)), policy: "strict", order: "fifo" };
    const before = packAgenda([a, b, c, d], options);
    const after = packAgenda([{ ...a, minutes: 90 }, b, c, d, candidate("W", 20, 5)], { ...options, previous: agendaState(before) });
    expect(plan(after)).toEqual([
      ["B", WEEK[0], 0],
      ["W", WEEK[0], 20],
      ["C", WEEK[1], 0],
      ["D", WEEK[1], 30],
    ]);
    expect(after.waiting.map((x) => [x.topic.title, x.reason])).toEqual([["A", "too-long"]]);
  });

  it("days are found by date: an event whose days change keeps each topic on its date, a removed date's topics are placed again", () => {
    const cs = [candidate("Mon", 60, 1), candidate("Tue", 60, 2), candidate("Wed", 60, 3)];
    const options: PackOptions = { slots: week(60, WEEK.slice(0, 3)), policy: "first-fit", order: "fifo" };
    // Monday is dropped from the event and Thursday added: Tue and Wed keep their dates (now days 1 and 2), Mon takes Thursday.
    const { after } = rebuild(cs, options, { slots: week(60, WEEK.slice(1, 4)) });
    expect(plan(after)).toEqual([
      ["Tue", WEEK[1], 0],
      ["Wed", WEEK[2], 0],
      ["Mon", WEEK[3], 0],
    ]);
  });

  it("somebody who waited goes before a new topic, even one queued earlier (its queue time kept from an earlier meeting)", () => {
    const cs = [candidate("A", 30, 10), candidate("W", 20, 11)];
    const { after } = rebuild(cs, { slots: one(40), policy: "first-fit", order: "fifo" }, { leave: ["A"], add: [candidate("Old", 20, 1)] });
    expect(titles(after.scheduled)).toEqual(["W", "Old"]);
    // Afresh, the old queue time would put the newcomer first.
    expect(titles(packAgenda([...cs.slice(1), candidate("Old", 20, 1)], { slots: one(40), policy: "first-fit", order: "fifo" }).scheduled)).toEqual([
      "Old",
      "W",
    ]);
  });

  it("a new topic takes free room after the kept ones, even with more votes; one that does not fit waits and moves nothing", () => {
    const cs = [candidate("A", 30, 1), candidate("B", 20, 2)];
    const options: PackOptions = { slots: one(60), policy: "first-fit", order: "votes" };
    const { before, after } = rebuild(cs, options, { add: [candidate("Popular", 10, 3, { thumbsUp: 5 }), candidate("Big", 30, 4, { thumbsUp: 9 })] });
    expect(plan(after)).toEqual([...plan(before), ["Popular", "2025-02-03", 50]]);
    expect(titles(after.waiting)).toEqual(["Big"]);
  });
});
