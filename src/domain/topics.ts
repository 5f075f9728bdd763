/** Which topics belong to a series, and in what shape the packer wants them. */
import { estimateOf, type EstimateOptions } from "./estimate.js";
import type { Candidate, Topic } from "./types.js";

/** GitHub label names are unique regardless of case. */
export function hasLabel(topic: Pick<Topic, "labels">, label: string): boolean {
  const wanted = label.toLowerCase();
  return topic.labels.some((l) => l.toLowerCase() === wanted);
}

export function labeledAt(topic: Topic, label: string): string | undefined {
  const wanted = label.toLowerCase();
  for (const [name, at] of Object.entries(topic.labeledAt)) if (name.toLowerCase() === wanted) return at;
  return undefined;
}

/** An open issue or pull request carrying the series label is a topic. */
export function isTopicOf(topic: Topic, label: string): boolean {
  return topic.state === "open" && hasLabel(topic, label);
}

export function candidatesFor(topics: readonly Topic[], label: string, estimate: Omit<EstimateOptions, "boardMinutes">): Candidate[] {
  const seen = new Set<string>();
  const out: Candidate[] = [];
  for (const topic of topics) {
    if (seen.has(topic.id) || !isTopicOf(topic, label)) continue;
    seen.add(topic.id);
    const { minutes, source } = estimateOf(topic, estimate);
    out.push({ topic, minutes, estimateSource: source, queuedAt: labeledAt(topic, label) ?? topic.createdAt });
  }
  return out;
}

/**
 * Search lags writes by seconds, so what it returned is merged with topics read
 * directly by id (the triggering issue, and anything the last agenda listed that
 * search no longer returns). A fresh read wins; a fresh read of `null` (deleted,
 * or no longer visible) removes the topic.
 */
export function mergeFresh(searched: readonly Topic[], fresh: ReadonlyMap<string, Topic | null>): Topic[] {
  const out: Topic[] = [];
  const seen = new Set<string>();
  for (const topic of searched) {
    if (seen.has(topic.id)) continue;
    seen.add(topic.id);
    if (fresh.has(topic.id)) {
      const f = fresh.get(topic.id);
      if (f) out.push(f);
    } else out.push(topic);
  }
  for (const [id, f] of fresh) if (f && !seen.has(id)) (seen.add(id), out.push(f));
  return out;
}
