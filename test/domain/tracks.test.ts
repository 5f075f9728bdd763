/**
 * Multi-track gatherings (issue 15): tracks packed side by side in one time frame, joint sessions
 * at one start in every track they name, and stable plans across rebuilds.
 */
import { describe, expect, it } from "vitest";
import { seriesSchema } from "../../src/config/schema.js";
import {
  gatheringChanges,
  gatheringState,
  packGathering,
  resolveTracks,
  type Gathering,
  type GatheringOptions,
  type TrackCandidate,
  type TrackSpec,
} from "../../src/domain/tracks.js";
import { parseState, stateComment } from "../../src/render/markers.js";
import { candidate, titles } from "../helpers/topics.js";

/** The tracks of a PTG from Monday 2026-04-06 to Wednesday 2026-04-08, starting at 09:00 with 4h days. */
const ptg = (tracks: unknown[]): TrackSpec[] => {
  const s = seriesSchema.parse({ title: "PTG", event: { from: "2026-04-06", to: "2026-04-08", start: "09:00", "daily-budget": "4h", tracks } });
  return resolveTracks("ptg", s.event!);
};
const MON = "2026-04-06";
const TUE = "2026-04-07";
const WED = "2026-04-08";

let queue = 0;
/** A topic for `tracks`, queued after every topic made before it. */
const topic = (title: string, minutes: number, ...tracks: string[]): TrackCandidate => ({ ...candidate(title, minutes, queue++), tracks });

/** [title, date, offset] of every session, by day and start. */
const plan = (g: Gathering) => g.sessions.map((s) => [s.topic.title, s.date, s.offset]);
/** Each track's sessions as "title@date+offset" and its waiting list as "title:reason". */
const byTrack = (g: Gathering) =>
  Object.fromEntries(
    g.tracks.map((t) => [
      t.track.id,
      { sessions: t.sessions.map((s) => `${s.topic.title}@${s.date}+${s.offset}`), waiting: t.waiting.map((w) => `${w.topic.title}:${w.reason}`) },
    ]),
  );
const without = (cs: TrackCandidate[], ...leave: string[]) => cs.filter((c) => !leave.includes(c.topic.title));

/**
 * Edge runs every day from 09:00 for 2h; Nova Tuesday and Wednesday from 10:00 for 3h; TripleO
 * Monday and Tuesday from 09:00 for 4h. J1 joins Edge and Nova, J2 Edge and TripleO.
 */
const three = () =>
  ptg([
    { id: "edge", title: "Edge", "daily-budget": "2h" },
    { id: "nova", title: "Nova", start: "10:00", "daily-budget": "3h", days: [TUE, WED] },
    { id: "tripleo", title: "TripleO", days: [MON, TUE] },
  ]);
const threeTopics = () => [
  topic("E1", 60, "edge"),
  topic("E2", 45, "edge"),
  topic("N1", 150, "nova"),
  topic("T1", 120, "tripleo"),
  topic("J1", 60, "edge", "nova"),
  topic("J2", 30, "edge", "tripleo"),
  topic("E3", 60, "edge"),
  topic("N2", 60, "nova"),
  topic("E4", 75, "edge"),
  topic("N3", 90, "nova"),
];
const fifo = (tracks: TrackSpec[], more: Partial<GatheringOptions> = {}): GatheringOptions => ({ tracks, policy: "first-fit", order: "fifo", ...more });

describe("packing a gathering afresh", () => {
  it("a joint session waits with no-common-slot when its tracks' free times never coincide on a shared day, or they share no day", () => {
    const tracks = ptg([
      { id: "edge", title: "Edge", "daily-budget": "1h" },
      { id: "nova", title: "Nova", start: "10:00", "daily-budget": "1h" },
      { id: "ironic", title: "Ironic", days: [MON] },
      { id: "cinder", title: "Cinder", days: [TUE, WED] },
    ]);
    const g = packGathering([topic("EN", 30, "edge", "nova"), topic("IC", 30, "ironic", "cinder"), topic("E", 30, "edge")], fifo(tracks, { policy: "strict" }));
    expect(byTrack(g)).toEqual({
      edge: { sessions: [`E@${MON}+0`], waiting: ["EN:no-common-slot"] },
      nova: { sessions: [], waiting: ["EN:no-common-slot"] },
      ironic: { sessions: [], waiting: ["IC:no-common-slot"] },
      cinder: { sessions: [], waiting: ["IC:no-common-slot"] },
    });
  });

  it("too-long and over-total wait without blocking; strict holds back everything behind a topic that did not fit in its track", () => {
    const tracks = ptg([
      { id: "edge", title: "Edge", "daily-budget": "1h", total: "1d30m", days: [MON, TUE] },
      { id: "nova", title: "Nova", "daily-budget": "1h", days: [MON] },
      { id: "ironic", title: "Ironic", "daily-budget": "1h", days: [MON] },
    ]);
    const cs = [topic("Long", 90, "edge"), topic("E1", 60, "edge"), topic("E2", 40, "edge"), topic("E3", 30, "edge"), topic("E4", 20, "edge")];
    cs.push(topic("N1", 40, "nova"), topic("N2", 30, "nova"), topic("J", 10, "nova", "ironic"), topic("N3", 10, "nova"));
    // Edge's total is 90 minutes: E2 would make 100; E3 makes 90; E4 would make 110.
    expect(byTrack(packGathering(cs, fifo(tracks)))).toEqual({
      edge: { sessions: [`E1@${MON}+0`, `E3@${TUE}+0`], waiting: ["Long:too-long", "E2:over-total", "E4:over-total"] },
      nova: { sessions: [`N1@${MON}+0`, `J@${MON}+40`, `N3@${MON}+50`], waiting: ["N2:no-room"] },
      ironic: { sessions: [`J@${MON}+40`], waiting: [] },
    });
    // Strict: N2 does not fit Nova's Monday, so J and N3 wait behind it although they would fit.
    expect(byTrack(packGathering(cs, fifo(tracks, { policy: "strict" }))).nova).toEqual({
      sessions: [`N1@${MON}+0`],
      waiting: ["N2:no-room", "J:no-room", "N3:no-room"],
    });
  });
});

describe("zero-minute sessions", () => {
  it("never share a start in a track (the schedule gives each its own row), and a rebuild with nothing changed moves nobody", () => {
    const tracks = ptg([
      { id: "edge", title: "Edge", "daily-budget": "1h" },
      { id: "nova", title: "Nova", "daily-budget": "1h" },
    ]);
    const cs = [topic("A", 0, "edge", "nova"), topic("B", 0, "edge"), topic("C", 30, "edge"), topic("D", 0, "nova")];
    const first = packGathering(cs, fifo(tracks));
    expect(byTrack(first)).toEqual({
      edge: { sessions: [`A@${MON}+0`, `B@${MON}+1`, `C@${MON}+2`], waiting: [] },
      nova: { sessions: [`A@${MON}+0`, `D@${MON}+1`], waiting: [] },
    });
    const previous = parseState(stateComment(gatheringState(first)))!;
    const again = packGathering(cs, fifo(tracks, { previous }));
    expect(plan(again)).toEqual(plan(first));
    expect(gatheringChanges(previous, again).moved).toEqual([]);
  });
});

describe("stable plans of a gathering", () => {
  const rebuild = (before: TrackCandidate[], after: TrackCandidate[], options: GatheringOptions, next: Partial<GatheringOptions> = {}) => {
    const first = packGathering(before, options);
    const second = packGathering(after, { ...options, ...next, previous: gatheringState(first) });
    return { first, second, changes: gatheringChanges(gatheringState(first), second) };
  };

  it("a single-track topic leaves: only its track's later sessions close up, and its waiting list moves in", () => {
    const cs = threeTopics();
    const { first, second, changes } = rebuild(cs, without(cs, "E1"), fifo(three()));
    expect(byTrack(second)).toEqual({
      ...byTrack(first),
      edge: { sessions: [`E2@${MON}+0`, `E4@${MON}+45`, `J2@${TUE}+0`, `E3@${TUE}+30`, `J1@${WED}+60`], waiting: [] },
    });
    expect(titles(changes.moved)).toEqual(["E2"]);
    expect(titles(changes.promoted)).toEqual(["E4"]);
    expect(changes.dropped).toEqual([]);
  });

  it("three tracks over three days, then a JOINT topic leaves: both its tracks fill from their waiting lists and nothing unrelated moves", () => {
    const cs = threeTopics();
    const { first, second, changes } = rebuild(cs, without(cs, "J1"), fifo(three()));
    expect(byTrack(first)).toEqual({
      // J2 finds no room next to E1 and E2 on Monday and opens Tuesday; E3 follows it there.
      edge: { sessions: [`E1@${MON}+0`, `E2@${MON}+60`, `J2@${TUE}+0`, `E3@${TUE}+30`, `J1@${WED}+60`], waiting: ["E4:no-room"] },
      // Nova's day starts at 10:00 (offset 60): J1 cannot follow N1 on Tuesday (Edge's day is over), so it meets on Wednesday at 10:00, in both.
      nova: { sessions: [`N1@${TUE}+60`, `J1@${WED}+60`, `N2@${WED}+120`], waiting: ["N3:no-room"] },
      tripleo: { sessions: [`T1@${MON}+0`, `J2@${TUE}+0`], waiting: [] },
    });
    // Each session once, however many tracks it joins.
    expect(titles(first.sessions)).toEqual(["E1", "T1", "E2", "J2", "E3", "N1", "J1", "N2"]);
    // Edge's Wednesday is empty now: E4 takes it at 09:00. Nova's N2 closes up to 10:00 and N3 follows.
    expect(byTrack(second)).toEqual({
      edge: { sessions: [`E1@${MON}+0`, `E2@${MON}+60`, `J2@${TUE}+0`, `E3@${TUE}+30`, `E4@${WED}+0`], waiting: [] },
      nova: { sessions: [`N1@${TUE}+60`, `N2@${WED}+60`, `N3@${WED}+120`], waiting: [] },
      tripleo: byTrack(first).tripleo,
    });
    expect(titles(changes.moved)).toEqual(["N2"]);
    expect(titles(changes.promoted)).toEqual(["E4", "N3"]);
  });

  it("with keep-times the joint topic's leaving moves nobody: the gap stays and is filled", () => {
    const cs = threeTopics();
    const { second, changes } = rebuild(cs, without(cs, "J1"), fifo(three(), { keepTimes: true }));
    // N2 keeps 11:00; N3 (90 minutes) does not fit the hour J1 left in Nova, E4 takes Edge's Wednesday.
    expect(byTrack(second)).toMatchObject({
      edge: { sessions: expect.arrayContaining([`E4@${WED}+0`]) },
      nova: { sessions: [`N1@${TUE}+60`, `N2@${WED}+120`], waiting: ["N3:no-room"] },
    });
    expect(changes.moved).toEqual([]);
  });

  it("closing up: a joint session moves only as far as ALL its tracks allow, single-track ones close up around it", () => {
    const tracks = ptg([
      { id: "a", title: "A" },
      { id: "b", title: "B" },
    ]);
    const cs = [topic("A1", 30, "a"), topic("B1", 60, "b"), topic("AB", 30, "a", "b"), topic("A2", 30, "a")];
    const { first, second } = rebuild(cs, without(cs, "A1"), fifo(tracks));
    expect(plan(first)).toEqual([
      ["A1", MON, 0],
      ["B1", MON, 0],
      ["A2", MON, 30],
      ["AB", MON, 60],
    ]);
    // A1 leaves: A2 closes up to 09:00; AB stays at 10:00, where B1 ends; A's gap before it stays free.
    expect(plan(second)).toEqual([
      ["A2", MON, 0],
      ["B1", MON, 0],
      ["AB", MON, 60],
    ]);
    // B1 leaves instead: AB closes up to the end of A2 in A (and moves in B with it).
    expect(plan(rebuild(cs, without(cs, "B1"), fifo(tracks)).second)).toEqual([
      ["A1", MON, 0],
      ["A2", MON, 30],
      ["AB", MON, 60],
    ]);
  });

  it("a joint session keeps its day while both tracks still run it, and is placed again when a track drops that day", () => {
    const config = (bDays: string[]) =>
      ptg([
        { id: "a", title: "A", "daily-budget": "1h" },
        { id: "b", title: "B", "daily-budget": "1h", days: bDays },
      ]);
    const cs = [topic("A1", 60, "a"), topic("AB", 30, "a", "b"), topic("A2", 30, "a"), topic("B1", 30, "b")];
    const first = packGathering(cs, fifo(config([MON, TUE, WED])));
    expect(plan(first)).toEqual([
      ["A1", MON, 0],
      ["B1", MON, 0],
      ["AB", TUE, 0],
      ["A2", TUE, 30],
    ]);
    // B stops running on Monday: AB's Tuesday is still B's; B1 is placed again, after AB.
    const kept = packGathering(cs, fifo(config([TUE, WED]), { previous: gatheringState(first) }));
    expect(plan(kept)).toEqual([
      ["A1", MON, 0],
      ["AB", TUE, 0],
      ["A2", TUE, 30],
      ["B1", TUE, 30],
    ]);
    // B drops Tuesday: AB goes back into placement and meets on Wednesday; A2 closes up on Tuesday.
    const moved = packGathering(cs, fifo(config([MON, WED]), { previous: gatheringState(first) }));
    expect(plan(moved)).toEqual([
      ["A1", MON, 0],
      ["B1", MON, 0],
      ["A2", TUE, 0],
      ["AB", WED, 0],
    ]);
    expect(titles(gatheringChanges(gatheringState(first), moved).moved)).toEqual(["A2", "AB"]);
  });

  it("a day that overflows gives back its last single-track session before a joint one", () => {
    const config = (aBudget: string) =>
      ptg([
        { id: "a", title: "A", "daily-budget": aBudget, days: [MON] },
        { id: "b", title: "B", "daily-budget": "1h", days: [MON] },
      ]);
    const cs = [topic("AB", 30, "a", "b"), topic("A1", 30, "a"), topic("A2", 30, "a")];
    const { second, changes } = rebuild(cs, cs, fifo(config("90m")), { tracks: config("1h") });
    expect(byTrack(second).a).toEqual({ sessions: [`AB@${MON}+0`, `A1@${MON}+30`], waiting: ["A2:no-room"] });
    expect(titles(changes.dropped)).toEqual(["A2"]);
  });

  it("a topic that joins a track keeps its place where that is free there, and is placed again where it is taken", () => {
    const tracks = ptg([
      { id: "a", title: "A" },
      { id: "b", title: "B" },
      { id: "c", title: "C" },
    ]);
    const a1 = topic("A1", 30, "a");
    const cs = [a1, topic("B1", 60, "b"), topic("A2", 30, "a")];
    const first = packGathering(cs, fifo(tracks));
    // A1 joins C, which is free at 09:00: nothing moves.
    const joinedC = cs.map((c) => (c === a1 ? { ...c, tracks: ["a", "c"] } : c));
    const stays = packGathering(joinedC, fifo(tracks, { previous: gatheringState(first) }));
    expect(plan(stays)).toEqual(plan(first));
    expect(byTrack(stays).c!.sessions).toEqual([`A1@${MON}+0`]);
    // A1 joins B, where B1 holds 09:00: A1 is placed again, after B1 and after A2 in A.
    const joinedB = cs.map((c) => (c === a1 ? { ...c, tracks: ["a", "b"] } : c));
    // The event issue's state line remembers each session's tracks: read back from it, the rebuild is the same.
    const previous = parseState(stateComment(gatheringState(first)));
    const again = packGathering(joinedB, fifo(tracks, { previous }));
    expect(byTrack(again)).toMatchObject({ a: { sessions: [`A2@${MON}+0`, `A1@${MON}+60`] }, b: { sessions: [`B1@${MON}+0`, `A1@${MON}+60`] } });
  });

  it("a track that starts before the event keeps its plan through the state line: with keep-times nobody moves when its first topic leaves", () => {
    // The event starts at 09:00, Edge at 08:00: its sessions start before the event's frame (negative offsets).
    const tracks = ptg([
      { id: "edge", title: "Edge", start: "08:00", "daily-budget": "2h" },
      { id: "nova", title: "Nova" },
    ]);
    const cs = [topic("A", 30, "edge"), topic("B", 30, "edge"), topic("C", 30, "edge")];
    const first = packGathering(cs, fifo(tracks, { keepTimes: true }));
    expect(byTrack(first).edge!.sessions).toEqual([`A@${MON}+-60`, `B@${MON}+-30`, `C@${MON}+0`]);
    const previous = parseState(stateComment(gatheringState(first)))!;
    const second = packGathering(without(cs, "A"), fifo(tracks, { keepTimes: true, previous }));
    expect(byTrack(second).edge!.sessions).toEqual([`B@${MON}+-30`, `C@${MON}+0`]);
    expect(gatheringChanges(previous, second).moved).toEqual([]);
    // Closing up, they start at Edge's 08:00 again, and are told they moved.
    const closed = packGathering(without(cs, "A"), fifo(tracks, { previous }));
    expect(byTrack(closed).edge!.sessions).toEqual([`B@${MON}+-60`, `C@${MON}+-30`]);
    expect(titles(gatheringChanges(previous, closed).moved)).toEqual(["B", "C"]);
  });

  it("renaming a track (same label) moves nobody: its sessions did not join it, they were there", () => {
    const tracks = (id: string) =>
      ptg([
        { id, title: "Nova", label: "ptg/nova", start: "10:00", "daily-budget": "2h30m", days: [MON, TUE] },
        { id: "ironic", title: "Ironic", start: "10:00", "daily-budget": "2h15m" },
      ]);
    const cs = [topic("N", 45, "nova"), topic("J", 30, "ironic", "nova")];
    const first = packGathering(cs, fifo(tracks("nova"), { policy: "strict" }));
    const previous = parseState(stateComment(gatheringState(first)))!;
    const renamed = cs.map((c) => ({ ...c, tracks: c.tracks.map((id) => (id === "nova" ? "compute" : id)) }));
    const second = packGathering(renamed, fifo(tracks("compute"), { policy: "strict", previous }));
    expect(plan(second)).toEqual(plan(first));
    expect(gatheringChanges(previous, second)).toEqual({ promoted: [], moved: [], dropped: [] });
  });

  it("a track's total counts its kept sessions: a newcomer that would exceed it waits over-total although a day has room", () => {
    const tracks = ptg([{ id: "a", title: "A", "daily-budget": "1h", total: "1d30m" }]);
    const cs = [topic("A1", 30, "a"), topic("A2", 60, "a")];
    // A1 leaves Monday; A2 keeps Tuesday and its 60 minutes count: A3 (45) would make 105 of 90, A4 (30) makes 90 on Monday.
    const { first, second } = rebuild(cs, [...without(cs, "A1"), topic("A3", 45, "a"), topic("A4", 30, "a")], fifo(tracks));
    expect(byTrack(first).a!.sessions).toEqual([`A1@${MON}+0`, `A2@${TUE}+0`]);
    expect(byTrack(second).a).toEqual({ sessions: [`A4@${MON}+0`, `A2@${TUE}+0`], waiting: ["A3:over-total"] });
  });
});
