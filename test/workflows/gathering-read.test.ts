/**
 * readGathering (issue 15): the gathering as the next sync would write it, read-only — topics
 * join by any track's label (one search), a topic with two track labels is one joint session at
 * the same time in both, and nothing is written.
 */
import { describe, expect, it } from "vitest";
import { readGathering } from "../../src/workflows/gathering.js";
import { jobContext, lastSeq, writesSince } from "./action-world.js";
import { gatheringConfig, NOW, openTopic, useGatheringWorld } from "./gathering-world.js";

const sim = useGatheringWorld();

describe("readGathering", () => {
  it("packs the topics of every track, a joint session in both of its tracks at one time, and writes nothing", async () => {
    await openTopic(sim, "Edge first", ["ptg/edge"]);
    await openTopic(sim, "TripleO first", ["ptg/tripleo"]);
    const joint = await openTopic(sim, "Edge and TripleO together", ["ptg/edge", "ptg/tripleo"]);
    await openTopic(sim, "Not a track's topic", ["meetup-topic"]);
    const seq = lastSeq(sim);
    const read = await readGathering(jobContext(sim, NOW), gatheringConfig(), "ptg");
    expect(read).not.toBeNull();
    expect(read!.problems).toEqual([]);
    expect(read!.issue).toBeNull();
    expect(read!.tracks.map((t) => t.label)).toEqual(["ptg/edge", "ptg/tripleo", "ptg/nova"]);
    const at = (s: { topic: { title: string }; date: string; offset: number; tracks: string[] }) =>
      `${s.topic.title} ${s.date}+${s.offset} ${s.tracks.join("&")}`;
    expect(read!.gathering.sessions.map(at)).toEqual([
      "Edge first 2025-02-03+0 edge",
      "TripleO first 2025-02-03+0 tripleo",
      "Edge and TripleO together 2025-02-04+0 edge&tripleo",
    ]);
    expect(read!.gathering.sessions[2]!.topic.number).toBe(joint);
    expect(writesSince(sim, seq)).toEqual([]);
  });

  it("is null for a series without tracks", async () => {
    expect(await readGathering(jobContext(sim, NOW), gatheringConfig(), "nope")).toBeNull();
  });
});
