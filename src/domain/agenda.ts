/**
 * Packing topics into a time budget. Pure: same candidates, same agenda.
 *
 * Order first (fifo by the time the agenda label was added, or most 👍 first),
 * then fill the slots (one for a meeting, one per day for a multi-day event):
 * - first-fit: each topic, in order, takes the first slot that still has room;
 *   a topic that fits nowhere waits, and a later, shorter one may take the room.
 * - strict: first come, first served: slots fill in order and, once a topic does
 *   not fit, it and everything after it waits (no skipping ahead).
 * A topic longer than the largest slot can never be scheduled. It waits with
 * reason "too-long" but does not block the queue behind it, even when strict:
 * otherwise one mis-estimated topic would stall a series forever.
 */
import type { Agenda, AgendaState, Candidate, Topic, ScheduledTopic, Slot, TopicOrder, WaitingListPolicy, WaitingTopic } from "./types.js";

/**
 * Total order on candidates: by queue time, then creation time, then by where
 * the topic lives (repository, then number: #5 before #10), so equal
 * timestamps still give one answer people find natural.
 */
export function orderCandidates(candidates: readonly Candidate[], order: TopicOrder): Candidate[] {
  const byQueue = (a: Candidate, b: Candidate): number =>
    compareInstants(a.queuedAt, b.queuedAt) || compareInstants(a.topic.createdAt, b.topic.createdAt) || compareTopicPlace(a.topic, b.topic);
  const sorted = [...candidates];
  if (order === "votes") sorted.sort((a, b) => b.topic.thumbsUp - a.topic.thumbsUp || byQueue(a, b));
  else sorted.sort(byQueue);
  return sorted;
}

/** Repository, then number (numerically), then URL: a stable, human order for otherwise equal topics. */
export function compareTopicPlace(a: Pick<Topic, "repo" | "number" | "url">, b: Pick<Topic, "repo" | "number" | "url">): number {
  const repo = a.repo < b.repo ? -1 : a.repo > b.repo ? 1 : 0;
  return repo || (a.number ?? 0) - (b.number ?? 0) || (a.url < b.url ? -1 : a.url > b.url ? 1 : 0);
}

function compareInstants(a: string, b: string): number {
  const d = Date.parse(a) - Date.parse(b);
  return Number.isNaN(d) ? 0 : Math.sign(d);
}

export interface PackOptions {
  slots: readonly Slot[];
  policy: WaitingListPolicy;
  order: TopicOrder;
}

export function packAgenda(candidates: readonly Candidate[], options: PackOptions): Agenda {
  const slots = options.slots.map((s) => ({ capacity: Math.max(0, s.capacity) }));
  const used = slots.map(() => 0);
  const largest = Math.max(0, ...slots.map((s) => s.capacity));
  const scheduled: ScheduledTopic[] = [];
  const waiting: Array<Omit<WaitingTopic, "position">> = [];
  let strictSlot = 0;
  let strictBlocked = false;

  for (const candidate of orderCandidates(dedupe(candidates), options.order)) {
    if (candidate.minutes > largest) {
      waiting.push({ ...candidate, reason: "too-long" });
      continue;
    }
    let day = -1;
    if (options.policy === "first-fit") {
      day = slots.findIndex((slot, i) => used[i]! + candidate.minutes <= slot.capacity);
    } else if (!strictBlocked) {
      while (strictSlot < slots.length && used[strictSlot]! + candidate.minutes > slots[strictSlot]!.capacity) strictSlot++;
      if (strictSlot < slots.length) day = strictSlot;
      else strictBlocked = true;
    }
    if (day < 0) {
      waiting.push({ ...candidate, reason: "no-room" });
      continue;
    }
    scheduled.push({ ...candidate, day, offset: used[day]! });
    used[day]! += candidate.minutes;
  }

  scheduled.sort((a, b) => a.day - b.day || a.offset - b.offset);
  return {
    slots,
    scheduled,
    waiting: waiting.map((w, i) => ({ ...w, position: i + 1 })),
    used,
  };
}

/** The same topic may arrive twice (search result and a fresh read): keep the first. */
function dedupe(candidates: readonly Candidate[]): Candidate[] {
  const seen = new Set<string>();
  return candidates.filter((c) => (seen.has(c.topic.id) ? false : (seen.add(c.topic.id), true)));
}

/** Topics that were waiting at the last write and are scheduled now: their authors are told. */
export function promotedSince(previous: { waiting: readonly string[] } | null, agenda: Agenda): ScheduledTopic[] {
  if (!previous) return [];
  const waitingBefore = new Set(previous.waiting);
  return agenda.scheduled.filter((s) => waitingBefore.has(s.topic.id));
}

/** The state Docket remembers in the agenda section: ids in agenda and waiting order (to detect promotions next time) and when each joined the queue (kept). */
export function agendaState(agenda: Agenda): AgendaState {
  const scheduled = [...agenda.scheduled].sort((a, b) => a.day - b.day || a.offset - b.offset);
  const waiting = [...agenda.waiting].sort((a, b) => a.position - b.position);
  const queuedAt: Record<string, string> = {};
  for (const c of [...scheduled, ...waiting]) queuedAt[c.topic.id] = c.queuedAt;
  return { scheduled: scheduled.map((s) => s.topic.id), waiting: waiting.map((w) => w.topic.id), queuedAt };
}
