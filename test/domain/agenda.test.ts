import { describe, expect, it } from "vitest";
import { agendaState, orderCandidates, packAgenda, promotedSince } from "../../src/domain/agenda.js";
import { candidate, titles } from "../helpers/topics.js";

const meeting = (capacity: number) => [{ capacity }];

describe("packAgenda: a single meeting", () => {
  it("schedules topics first come, first served with running offsets", () => {
    const agenda = packAgenda([candidate("B", 10, 2), candidate("A", 5, 1), candidate("C", 10, 3)], {
      slots: meeting(30),
      policy: "first-fit",
      order: "fifo",
    });
    expect(agenda.scheduled.map((s) => [s.topic.title, s.offset])).toEqual([
      ["A", 0],
      ["B", 5],
      ["C", 15],
    ]);
    expect(agenda.waiting).toEqual([]);
    expect(agenda.used).toEqual([25]);
  });

  it("an empty agenda is empty, with the whole budget free", () => {
    const agenda = packAgenda([], { slots: meeting(30), policy: "first-fit", order: "fifo" });
    expect(agenda.scheduled).toEqual([]);
    expect(agenda.waiting).toEqual([]);
    expect(agenda.used).toEqual([0]);
  });

  it("what does not fit waits, in order, numbered from 1", () => {
    const agenda = packAgenda([candidate("A", 15, 1), candidate("B", 10, 2), candidate("C", 10, 3), candidate("D", 10, 4)], {
      slots: meeting(30),
      policy: "first-fit",
      order: "fifo",
    });
    expect(titles(agenda.scheduled)).toEqual(["A", "B"]);
    expect(agenda.waiting.map((w) => [w.topic.title, w.position, w.reason])).toEqual([
      ["C", 1, "no-room"],
      ["D", 2, "no-room"],
    ]);
  });

  it("first-fit lets a later short topic use the room a long one cannot", () => {
    const agenda = packAgenda([candidate("A", 20, 1), candidate("Long", 15, 2), candidate("Short", 10, 3)], {
      slots: meeting(30),
      policy: "first-fit",
      order: "fifo",
    });
    expect(titles(agenda.scheduled)).toEqual(["A", "Short"]);
    expect(titles(agenda.waiting)).toEqual(["Long"]);
  });

  it("strict never skips: once a topic does not fit, everything behind it waits", () => {
    const agenda = packAgenda([candidate("A", 20, 1), candidate("Long", 15, 2), candidate("Short", 10, 3)], {
      slots: meeting(30),
      policy: "strict",
      order: "fifo",
    });
    expect(titles(agenda.scheduled)).toEqual(["A"]);
    expect(titles(agenda.waiting)).toEqual(["Long", "Short"]);
  });

  it("a topic longer than the whole meeting waits as too long and blocks nobody, even when strict", () => {
    for (const policy of ["first-fit", "strict"] as const) {
      const agenda = packAgenda([candidate("Huge", 45, 1), candidate("A", 10, 2), candidate("B", 10, 3)], {
        slots: meeting(30),
        policy,
        order: "fifo",
      });
      expect(titles(agenda.scheduled)).toEqual(["A", "B"]);
      expect(agenda.waiting.map((w) => [w.topic.title, w.reason])).toEqual([["Huge", "too-long"]]);
    }
  });

  it("a topic exactly as long as the budget fits", () => {
    const agenda = packAgenda([candidate("Whole", 30, 1)], { slots: meeting(30), policy: "strict", order: "fifo" });
    expect(titles(agenda.scheduled)).toEqual(["Whole"]);
  });

  it("equal timestamps still give one order (creation time, then place)", () => {
    const a = candidate("A", 10, 5, { number: 2, url: "https://github.com/acme/infra/issues/2", createdAt: "2023-11-01T10:00:00Z" });
    const b = candidate("B", 10, 5, { number: 1, url: "https://github.com/acme/infra/issues/1", createdAt: "2023-11-01T10:00:00Z" });
    const c = candidate("C", 10, 5, { createdAt: "2023-10-01T10:00:00Z" });
    const one = packAgenda([a, b, c], { slots: meeting(20), policy: "first-fit", order: "fifo" });
    const two = packAgenda([b, c, a], { slots: meeting(20), policy: "first-fit", order: "fifo" });
    expect(titles(one.scheduled)).toEqual(["C", "B"]);
    expect(titles(one.waiting)).toEqual(["A"]);
    expect(two).toEqual(one);
  });

  it("topics queued at the same instant are in repository and number order (#5 before #10)", () => {
    const at = (n: number, repo = "acme/infra") => candidate(`${repo}#${n}`, 5, 0, { number: n, repo, url: `https://github.com/${repo}/issues/${n}` });
    const ordered = orderCandidates([at(10), at(5), at(7, "acme/docs"), at(100)], "fifo");
    expect(titles(ordered)).toEqual(["acme/docs#7", "acme/infra#5", "acme/infra#10", "acme/infra#100"]);
  });

  it("ordering by votes puts the most 👍 first and falls back to first come", () => {
    const ordered = orderCandidates(
      [candidate("Old", 10, 1, { thumbsUp: 1 }), candidate("Popular", 10, 9, { thumbsUp: 5 }), candidate("Tie", 10, 2, { thumbsUp: 1 })],
      "votes",
    );
    expect(titles(ordered)).toEqual(["Popular", "Old", "Tie"]);
  });

  it("a topic that arrives twice (search and fresh read) counts once", () => {
    const a = candidate("A", 10, 1);
    const agenda = packAgenda([a, { ...a }], { slots: meeting(30), policy: "first-fit", order: "fifo" });
    expect(titles(agenda.scheduled)).toEqual(["A"]);
  });

  it("zero-minute topics (announcements) are scheduled and take no time", () => {
    const agenda = packAgenda([candidate("Full", 30, 1), candidate("Note", 0, 2)], { slots: meeting(30), policy: "strict", order: "fifo" });
    expect(agenda.scheduled.map((s) => [s.topic.title, s.offset])).toEqual([
      ["Full", 0],
      ["Note", 30],
    ]);
  });
});

describe("packAgenda: several days", () => {
  const days = [{ capacity: 60 }, { capacity: 60 }];

  it("fills day by day in order and never splits a topic", () => {
    const agenda = packAgenda([candidate("A", 40, 1), candidate("B", 30, 2), candidate("C", 20, 3), candidate("D", 50, 4)], {
      slots: days,
      policy: "first-fit",
      order: "fifo",
    });
    expect(agenda.scheduled.map((s) => [s.topic.title, s.day, s.offset])).toEqual([
      ["A", 0, 0],
      ["C", 0, 40],
      ["B", 1, 0],
    ]);
    expect(titles(agenda.waiting)).toEqual(["D"]);
  });

  it("strict moves on to the next day but never back to an earlier one", () => {
    const agenda = packAgenda([candidate("A", 40, 1), candidate("B", 30, 2), candidate("C", 20, 3)], {
      slots: days,
      policy: "strict",
      order: "fifo",
    });
    expect(agenda.scheduled.map((s) => [s.topic.title, s.day])).toEqual([
      ["A", 0],
      ["B", 1],
      ["C", 1],
    ]);
  });
});

describe("promotion", () => {
  it("a waiting topic moves up when a scheduled one drops out, and only it is reported", () => {
    const a = candidate("A", 20, 1);
    const b = candidate("B", 10, 2);
    const c = candidate("C", 15, 3);
    const d = candidate("D", 20, 4);
    const options = { slots: meeting(30), policy: "first-fit" as const, order: "fifo" as const };
    const before = packAgenda([a, b, c, d], options);
    expect(titles(before.waiting)).toEqual(["C", "D"]);

    const after = packAgenda([b, c, d], options);
    expect(titles(after.scheduled)).toEqual(["B", "C"]);
    expect(titles(promotedSince(agendaState(before), after))).toEqual(["C"]);
  });

  it("nothing is reported without a previous state (a new meeting issue)", () => {
    const agenda = packAgenda([candidate("A", 10, 1)], { slots: meeting(30), policy: "first-fit", order: "fifo" });
    expect(promotedSince(null, agenda)).toEqual([]);
  });
});
