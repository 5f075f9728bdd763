/**
 * When a rebuild may start: the debounce (DOCKET_DEBOUNCE_MS) as a leading-edge throttle per key.
 *
 * The first event for a meeting after a quiet spell starts its rebuild at once; an event within
 * `spacingMs` of the previous start waits until `spacingMs` after it, and everything else arriving
 * meanwhile joins that one job (the queue coalesces by key). So one label lands in about the time
 * the rebuild takes, and a burst still ends in one rebuild per `spacingMs` at most, the last one
 * reading after the last event.
 *
 * Why not the trailing debounce it replaces (every first event waited the full second): the
 * common case is one isolated change, and it paid the whole wait for a burst that never came.
 * Why not a shorter quiet period: any wait is paid by every isolated event, and a burst's later
 * events coalesce anyway, into the follow-up job that a running job of the same key gets.
 * The cost: the event that opens a burst gets a rebuild of its own (one more, cheap when nothing
 * else changed: see src/workflows/agenda-memo.ts).
 *
 * In-process memory: with several receiving instances each paces what it receives; a key's jobs
 * still never overlap and still coalesce in the shared queue, so the worst is an extra rebuild.
 */
export type Pace = (key: string) => number;

/** Returns, per request of a key, how long its job should wait (milliseconds). */
export function pace(spacingMs: number, clock: () => number = Date.now): Pace {
  /** Per key, when its latest job was due to start. */
  const due = new Map<string, number>();
  return (key) => {
    const now = clock();
    const previous = due.get(key);
    if (previous !== undefined && previous > now) return previous - now; // one is due later: this joins it
    const next = previous === undefined ? now : Math.max(now, previous + spacingMs);
    due.set(key, next);
    if (due.size > 1000) for (const [k, at] of due) if (at + spacingMs <= now) due.delete(k); // long quiet: as if never seen
    return next - now;
  };
}
