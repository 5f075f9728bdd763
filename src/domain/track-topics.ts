/**
 * Which topics belong to a multi-track gathering, in the shape packGathering (./tracks.ts) wants:
 * a topic joins through its TRACK labels only (the event's own label is not searched), and a topic
 * with two or more track labels is one joint session. Pure.
 */
import { estimateOf, type EstimateOptions } from "./estimate.js";
import { labeledAt } from "./topics.js";
import type { TrackCandidate, TrackSpec } from "./tracks.js";
import { tracksOf } from "./tracks.js";
import type { Topic } from "./types.js";

/** The labels a gathering's topics carry: one per track, in the configuration's order. */
export function trackLabels(tracks: readonly Pick<TrackSpec, "label">[]): string[] {
  return tracks.map((t) => t.label);
}

/**
 * Each topic with a track label once, estimated as single-room topics are (./estimate.ts), its
 * `tracks` from its labels, queued when the FIRST of its track labels was added (a topic that
 * later joins a second track keeps its place). Open topics only, unless `closedToo` (a gathering
 * that is over: its plan stands as last written, whatever was closed since).
 */
export function trackCandidates(
  topics: readonly Topic[],
  tracks: readonly Pick<TrackSpec, "id" | "label">[],
  estimate: Omit<EstimateOptions, "boardMinutes">,
  o: { closedToo?: boolean } = {},
): TrackCandidate[] {
  const seen = new Set<string>();
  const out: TrackCandidate[] = [];
  for (const topic of topics) {
    if (seen.has(topic.id) || (topic.state !== "open" && !o.closedToo)) continue;
    const ids = tracksOf(topic.labels, tracks);
    if (ids.length === 0) continue;
    seen.add(topic.id);
    const { minutes, source } = estimateOf(topic, estimate);
    const times = tracks.filter((t) => ids.includes(t.id)).flatMap((t) => labeledAt(topic, t.label) ?? []);
    const first = times.sort((a, b) => Date.parse(a) - Date.parse(b))[0];
    out.push({ topic, minutes, estimateSource: source, queuedAt: first ?? topic.createdAt, tracks: ids });
  }
  return out;
}
