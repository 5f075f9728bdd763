/**
 * syncAgenda for a multi-track gathering (issue 15) on the local GitHub: three tracks over three
 * days, two joint sessions at one time in both their tracks, a waiting list per track, a joint
 * topic leaving lets both tracks' lists move up (one comment per promoted topic), a private topic
 * never reaches the public event issue, and the opt-in track issue is opened, updated, and left
 * alone once closed.
 */
import { describe, expect, it } from "vitest";
import type { Gathering } from "../../src/domain/tracks.js";
import { readState } from "../../src/render/markers.js";
import { syncAgenda } from "../../src/workflows/agenda.js";
import { ptgConfig } from "../helpers/gathering.js";
import { jobContext, lastSeq, writesSince } from "./action-world.js";
import { gatheringConfig, NOW, openTopic, useGatheringWorld } from "./gathering-world.js";

const sim = useGatheringWorld();
/** The event of the cases below: an hour a day, with these tracks (YAML list items). */
const eventConfig = (tracks: string[], title?: string) => ptgConfig({ tracks, budget: "1h", ...(title ? { title } : {}) });
const sync = () => syncAgenda(jobContext(sim, NOW), gatheringConfig(), "ptg");
const meetings = () => [...sim.state.repo("sovereign", "meetings")!.issues.values()];
const infra = (n: number) => sim.state.repo("sovereign", "infra")!.issues.get(n)!;
const told = (n: number, kind: string) =>
  infra(n)
    .comments.map((c) => c.body)
    .filter((b) => b.includes(`docket:${kind} `));
const placed = (g: Gathering, track: string) => g.tracks.find((t) => t.track.id === track)!.sessions.map((s) => `${s.topic.title}@${s.date}+${s.offset}`);
const waiting = (g: Gathering, track: string) => g.tracks.find((t) => t.track.id === track)!.waiting.map((w) => `${w.topic.title}:${w.reason}`);

async function seed() {
  const n: Record<string, number> = {};
  n.e1 = await openTopic(sim, "Edge one", ["ptg/edge"]);
  n.t1 = await openTopic(sim, "TripleO one", ["ptg/tripleo"]);
  n.j1 = await openTopic(sim, "Joint edge and tripleo", ["ptg/edge", "ptg/tripleo"]);
  n.j2 = await openTopic(sim, "Joint tripleo and nova", ["ptg/tripleo", "ptg/nova"]);
  n.e2 = await openTopic(sim, "Edge two", ["ptg/edge"]);
  n.t2 = await openTopic(sim, "TripleO two", ["ptg/tripleo"]);
  n.n1 = await openTopic(sim, "Nova one", ["ptg/nova"]);
  n.e3 = await openTopic(sim, "Edge three", ["ptg/edge"]);
  n.t3 = await openTopic(sim, "TripleO three", ["ptg/tripleo"]);
  await openTopic(sim, "Acquire Globex quietly", ["ptg/edge"], "sovereign/secret");
  return n;
}

describe("a gathering of three tracks", () => {
  it("packs each track, joint sessions at one time in both tracks, a waiting list per track, and nothing private", async () => {
    await seed();
    const first = await sync();
    expect(first.problems).toEqual([]);
    expect(first.created).toBe(true);
    const g = first.gathering!;
    expect(placed(g, "edge")).toEqual(["Edge one@2025-02-03+0", "Joint edge and tripleo@2025-02-04+0", "Edge two@2025-02-05+0"]);
    expect(placed(g, "tripleo")).toEqual(["TripleO one@2025-02-03+0", "Joint edge and tripleo@2025-02-04+0", "Joint tripleo and nova@2025-02-05+0"]);
    expect(placed(g, "nova")).toEqual(["Nova one@2025-02-03+0", "Joint tripleo and nova@2025-02-05+0"]);
    expect(waiting(g, "edge")).toEqual(["Edge three:no-room"]);
    expect(waiting(g, "tripleo")).toEqual(["TripleO two:no-room", "TripleO three:no-room"]);
    expect(waiting(g, "nova")).toEqual([]);
    expect(first.hidden).toBe(1);

    const event = meetings().find((i) => i.title === "PTG 2025 — 2025-02-03")!;
    expect(event.labels.map((l) => l.name)).toEqual(["docket/ptg"]);
    for (const title of ["Edge one", "Joint edge and tripleo", "Joint tripleo and nova", "TripleO three"]) expect(event.body).toContain(title);
    expect(event.body).not.toContain("Globex");
    // The plan is kept: one place per session, however many tracks it joins.
    expect(Object.keys(readState(event.body)!.plan!)).toHaveLength(6);

    // A rerun writes nothing.
    const seq = lastSeq(sim);
    const again = await sync();
    expect(again.meeting!.number).toBe(event.number);
    expect(writesSince(sim, seq)).toEqual([]);
  });

  it("a joint topic leaving lets both tracks' waiting lists move up: one comment per promoted topic, with its day, time, room and track", async () => {
    const n = await seed();
    await sync();
    await sim.act({ as: "alice", action: "close", repo: "sovereign/infra", number: n.j1! });
    const second = await sync();
    expect(second.problems).toEqual([]);
    const g = second.gathering!;
    expect(placed(g, "edge")).toContain(`Edge three@${g.sessions.find((s) => s.topic.number === n.e3)!.date}+0`);
    expect(waiting(g, "edge")).toEqual([]);
    expect(waiting(g, "tripleo")).toEqual(["TripleO three:no-room"]);
    expect(second.promoted.map((id) => g.sessions.find((s) => s.topic.id === id)!.topic.number).sort()).toEqual([n.t2, n.e3].sort());
    expect(told(n.t2!, "promoted")).toHaveLength(1);
    expect(told(n.t2!, "promoted")[0]).toMatch(/It is planned on \w+day, \d February 2025, 13:00–13:30 UTC \(30m\) in Room B, track TripleO\./);
    expect(told(n.e3!, "promoted")).toHaveLength(1);
    expect(told(n.e3!, "promoted")[0]).toContain("in Room A, track Edge.");
    expect(told(n.t3!, "promoted")).toEqual([]);

    // Nobody is told twice.
    const seq = lastSeq(sim);
    await sync();
    expect(writesSince(sim, seq)).toEqual([]);
  });

  it("the opt-in track issue holds its track's part, is updated on every sync, and is left alone once closed; the event issue is never confused with it", async () => {
    await seed();
    await sync();
    const trackIssue = () => meetings().find((i) => i.title === "PTG 2025 — Nova — 2025-02-03")!;
    expect(trackIssue().labels.map((l) => l.name)).toEqual(["docket/track issue"]);
    expect(trackIssue().body).toContain("Nova one");
    expect(trackIssue().body).toContain("Joint tripleo and nova");
    expect(trackIssue().body).not.toContain("Edge one");
    expect(meetings().filter((i) => i.title.startsWith("PTG 2025"))).toHaveLength(2); // no track issue for edge or tripleo

    await openTopic(sim, "Nova two", ["ptg/nova"]);
    const second = await sync();
    expect(second.problems).toEqual([]);
    expect(trackIssue().body).toContain("Nova two");
    expect(meetings().find((i) => i.title === "PTG 2025 — 2025-02-03")!.body).toContain("Nova two");

    await sim.act({ as: "alice", action: "close", repo: "sovereign/meetings", number: trackIssue().number, reason: "not_planned" });
    const before = trackIssue().body;
    await openTopic(sim, "Nova three", ["ptg/nova"]);
    const third = await sync();
    expect(third.problems).toEqual([]);
    expect(third.meeting!.number).toBe(second.meeting!.number);
    expect(trackIssue().body).toBe(before);
    expect(meetings().filter((i) => i.title.startsWith("PTG 2025"))).toHaveLength(2);
  });
});

describe("a gathering with many opt-in track issues", () => {
  const TRACKS = Array.from({ length: 31 }, (_, i) => `{ id: t${i}, title: T${i}, issue: true }`);
  const MANY = eventConfig(TRACKS);

  it("finds its event issue and every track issue again on the next runs: one issue each, however many tracks", async () => {
    await openTopic(sim, "One", ["ptg/t0"]);
    const run = () => syncAgenda(jobContext(sim, NOW), gatheringConfig(MANY), "ptg");
    const first = await run();
    expect(first.problems).toEqual([]);
    expect(first.created).toBe(true);
    const second = await run();
    expect(second.created).toBe(false);
    expect(second.meeting!.number).toBe(first.meeting!.number);
    const seq = lastSeq(sim);
    await run();
    expect(writesSince(sim, seq)).toEqual([]);
    expect(meetings().filter((i) => i.title === "PTG 2025 — 2025-02-03")).toHaveLength(1);
    for (let i = 0; i < 31; i++) expect(meetings().filter((m) => m.title === `PTG 2025 — T${i} — 2025-02-03`)).toHaveLength(1);
  });
});

describe("a track issue of long titles", () => {
  const EVENT = "Open Infrastructure Project Teams Gathering ".repeat(4).trim();
  const TRACK = "Edge computing working group and friends ".repeat(4).trim();
  const LONG = eventConfig([`{ id: edge, title: "${TRACK}", issue: true }`], EVENT);

  it("opens it with a title cut to GitHub's 256 characters that still names the event, the track and the day, and finds it again", async () => {
    await openTopic(sim, "One", ["ptg/edge"]);
    const run = () => syncAgenda(jobContext(sim, NOW), gatheringConfig(LONG), "ptg");
    expect((await run()).problems).toEqual([]);
    const track = meetings().filter((i) => i.body?.includes("docket:track "));
    expect(track).toHaveLength(1);
    const title = track[0]!.title;
    expect([...title].length).toBeLessThanOrEqual(256);
    expect(title).toMatch(/^Open Infrastructure Project Teams Gathering .*… — Edge computing working group .*… — 2025-02-03$/);
    const seq = lastSeq(sim);
    await run();
    expect(writesSince(sim, seq)).toEqual([]);
  });
});

describe("a track that runs later than the event's own hours", () => {
  const LATE = eventConfig(["{ id: edge, title: Edge }", '{ id: late, title: Late, start: "16:00", daily-budget: 2h }']);

  it("keeps the schedule up to date until the late track's last session ends, not the event's own hours", async () => {
    await openTopic(sim, "Late one", ["ptg/late"]);
    await syncAgenda(jobContext(sim, NOW), gatheringConfig(LATE), "ptg");
    await openTopic(sim, "Late two", ["ptg/late"]);
    // The last day, after 14:00 (the event's start and budget) but before 18:00 (the late track's end).
    const result = await syncAgenda(jobContext(sim, "2025-02-05T16:30:00Z"), gatheringConfig(LATE), "ptg");
    expect(result.problems).toEqual([]);
    expect(meetings().find((i) => i.title === "PTG 2025 — 2025-02-03")!.body).toContain("Late two");
  });
});
