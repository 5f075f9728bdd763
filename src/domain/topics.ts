/** Which topics belong to a series, and in what shape the packer wants them. */
import { estimateOf, type EstimateOptions } from "./estimate.js";
import type { Candidate, Topic } from "./types.js";

/** GitHub label names are unique regardless of case. */
export function hasLabel(topic: Pick<Topic, "labels">, label: string): boolean {
  const wanted = label.toLowerCase();
  return topic.labels.some((l) => l.toLowerCase() === wanted);
}

/** One labeled or unlabeled event of a topic's timeline. */
export interface LabelEvent {
  label: string;
  /** ISO-8601 instant. */
  at: string;
  added: boolean;
}

/**
 * For each label a topic carries now: since when it has carried it without a break, i.e. the
 * last time it was added that no removal followed. Read from the whole series of labeled and
 * unlabeled events (the gateway pages through all of them, oldest first), never from a window
 * of the last N events, which other labels (estimate toggles) could push the series label out
 * of. Another add while the label is on keeps the earlier time. Names compare case-insensitively.
 */
export function labelTimes(events: readonly LabelEvent[]): Record<string, string> {
  const ordered = events
    .map((e, i) => ({ e, i, t: Date.parse(e.at) }))
    .filter((x) => x.e.label !== "" && !Number.isNaN(x.t))
    .sort((a, b) => a.t - b.t || a.i - b.i);
  const on = new Map<string, { name: string; at: string }>();
  for (const { e } of ordered) {
    const key = e.label.toLowerCase();
    if (!e.added) on.delete(key);
    else if (!on.has(key)) on.set(key, { name: e.label, at: e.at });
  }
  return Object.fromEntries([...on.values()].map((v) => [v.name, v.at]));
}

/** Who gave a topic a 👍: a login (null for a deleted account) and whether GitHub calls it a bot. */
export interface Reactor {
  login: string | null;
  bot: boolean;
}

/**
 * The votes a topic has under `order: votes`: distinct people other than its author; bots
 * (GitHub's Bot type, or a login ending in `[bot]`) and deleted accounts never count.
 */
export function countVotes(reactors: readonly Reactor[], author: string | null): number {
  const self = author?.toLowerCase() ?? null;
  const people = new Set<string>();
  for (const { login, bot } of reactors) {
    if (!login || bot) continue;
    const key = login.toLowerCase();
    if (key.endsWith("[bot]") || key === self) continue;
    people.add(key);
  }
  return people.size;
}

/**
 * A topic's place, once Docket has seen it queued, is its own: the time kept in the meeting
 * issue's state wins over whatever GitHub says now, so no later label or estimate change by
 * anybody moves it. A topic not in the kept state (new, or one that left the queue: its label
 * was removed or it was closed, so the next write dropped it from the state) queues at the time
 * read now, i.e. when its label was last added: leaving the queue gives up the place.
 */
export function keepQueueTimes<C extends Candidate>(candidates: readonly C[], kept: Readonly<Record<string, string>> | undefined): C[] {
  if (!kept) return [...candidates];
  return candidates.map((c) => {
    const at = kept[c.topic.id];
    return at === undefined || at === c.queuedAt ? c : { ...c, queuedAt: at };
  });
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
  for (const [id, f] of fresh) if (f && !seen.has(id)) out.push(f);
  return out;
}
