/**
 * Serialise jobs per key (one meeting, one backlog) and coalesce bursts.
 *
 * While a job for key K runs, further requests for K only add their payload to
 * a pending batch; when the job ends, one more job runs with everything that
 * piled up. So a label added to 50 issues at once ends in one or two rebuilds
 * of the meeting issue, not 50, and two rebuilds of one meeting never overlap:
 * each reads after the previous one wrote, so an older read never overwrites a
 * newer write. An optional debounce waits a little before the first job, so
 * that a burst arriving within it becomes a single job.
 *
 * Across several app instances the same exclusion must come from a shared
 * lock (see `lock` below: Redis when REDIS_URL is set).
 */
export interface CoalescerOptions {
  /** Milliseconds to wait before a job starts, collecting more requests. */
  debounceMs?: number;
  /** Called when a job fails; the failure is not thrown at the requester twice. */
  onError?: (key: string, error: unknown) => void;
  /** Optional cross-process exclusion around each job (e.g. a Redis lock). */
  lock?: (key: string, job: () => Promise<void>) => Promise<void>;
}

interface Entry<T> {
  running: boolean;
  pending: T[];
  waiters: Array<{ resolve: () => void; reject: (e: unknown) => void }>;
  run: (batch: T[]) => Promise<void>;
}

export class Coalescer<T> {
  private readonly entries = new Map<string, Entry<T>>();
  private readonly idleWaiters: Array<() => void> = [];

  constructor(private readonly options: CoalescerOptions = {}) {}

  /**
   * Ask for a job for `key` with `payload`. The returned promise settles when a
   * job that included this payload has finished (rejects if that job failed).
   * `run` of the latest request is the one used for the next job.
   */
  request(key: string, payload: T, run: (batch: T[]) => Promise<void>): Promise<void> {
    let entry = this.entries.get(key);
    if (!entry) {
      entry = { running: false, pending: [], waiters: [], run };
      this.entries.set(key, entry);
    }
    entry.run = run;
    entry.pending.push(payload);
    const done = new Promise<void>((resolve, reject) => entry!.waiters.push({ resolve, reject }));
    // A requester may fire and forget (a webhook handler); onError has the failure, so it is not "unhandled".
    done.catch(() => {});
    if (!entry.running) {
      entry.running = true;
      void this.drain(key, entry);
    }
    return done;
  }

  /** Keys with a job running or waiting. */
  get busy(): number {
    return this.entries.size;
  }

  /** Resolves when no job runs or waits (tests, graceful shutdown). */
  idle(): Promise<void> {
    if (this.entries.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private async drain(key: string, entry: Entry<T>): Promise<void> {
    const debounce = this.options.debounceMs ?? 0;
    if (debounce > 0) await new Promise((r) => setTimeout(r, debounce));
    while (entry.pending.length > 0) {
      const batch = entry.pending;
      const waiters = entry.waiters;
      entry.pending = [];
      entry.waiters = [];
      const job = () => entry.run(batch);
      try {
        await (this.options.lock ? this.options.lock(key, job) : job());
        for (const w of waiters) w.resolve();
      } catch (error) {
        this.options.onError?.(key, error);
        for (const w of waiters) w.reject(error);
      }
    }
    entry.running = false;
    this.entries.delete(key);
    if (this.entries.size === 0) for (const resolve of this.idleWaiters.splice(0)) resolve();
  }
}
