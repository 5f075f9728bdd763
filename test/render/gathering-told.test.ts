/**
 * What a topic's author is told when its session goes back on the waiting list of a multi-track
 * gathering: the number it has on each of its tracks' lists, as the event issue shows them.
 */
import { describe, expect, it } from "vitest";
import { seriesSchema } from "../../src/config/schema.js";
import { packGathering, resolveTracks, type TrackCandidate } from "../../src/domain/tracks.js";
import { sessionDroppedComment } from "../../src/render/gathering-told.js";
import { candidate } from "../helpers/topics.js";

const s = seriesSchema.parse({
  title: "PTG",
  event: {
    from: "2026-04-06",
    to: "2026-04-06",
    start: "09:00",
    "daily-budget": "1h",
    tracks: [
      { id: "edge", title: "Edge" },
      { id: "nova", title: "Nova" },
    ],
  },
});
const tracks = resolveTracks("ptg", s.event!);
const meeting = { id: "I_event", url: "https://github.com/openinfra/ptg/issues/1", title: "PTG — 6 April 2026" };

describe("back on the waiting list", () => {
  it("says the topic's number on each of its tracks' lists (each numbered from 1), not its place among all waiting topics", () => {
    let n = 0;
    const topic = (title: string, minutes: number, ...ids: string[]): TrackCandidate => ({ ...candidate(title, minutes, n, { number: ++n }), tracks: ids });
    // Each track has one hour: E1 and N1 fill them; E2 and E3 wait for Edge, then N2 for Nova, then J for both.
    const g = packGathering(
      [
        topic("E1", 60, "edge"),
        topic("N1", 60, "nova"),
        topic("E2", 30, "edge"),
        topic("E3", 30, "edge"),
        topic("N2", 30, "nova"),
        topic("J", 30, "edge", "nova"),
      ],
      {
        tracks,
        policy: "first-fit",
        order: "fifo",
      },
    );
    const told = (title: string) => sessionDroppedComment({ meeting, waiting: g.waiting.find((w) => w.topic.title === title)!, tracks });
    expect(g.waiting.map((w) => [w.topic.title, w.position])).toEqual([
      ["E2", 1],
      ["E3", 2],
      ["N2", 3],
      ["J", 4],
    ]);
    expect(told("N2")).toContain("It is number 1 on the waiting list of Nova;");
    expect(told("E3")).toContain("It is number 2 on the waiting list of Edge;");
    expect(told("J")).toContain("It is number 3 on the waiting list of Edge and number 2 on that of Nova;");
  });
});
