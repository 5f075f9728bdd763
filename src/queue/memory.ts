/**
 * The in-process queue: the embedded default for one instance without Redis.
 *
 * Per key, one job waits or runs at a time; requests that arrive meanwhile add
 * their items to the next run, so a burst of 50 labels ends in one or two
 * rebuilds of the meeting issue, and each rebuild reads after the previous one
 * wrote (an older read never overwrites a newer write). A failed job is
 * retried with exponential backoff, its items first. Jobs live in this
 * process's memory only: what a crash loses, the reconciliation at the next
 * start rebuilds from GitHub (and webhook deliveries refused meanwhile are
 * redelivered); run with REDIS_URL to keep jobs across restarts.
 */
import { backoffMs, RETRY, type JobQueue, type JobRequest, type JobSpec, type Processor, type QueueCounts } from "./types.js";

export interface MemoryQueueOptions {
  /** Jobs run at once (default 8, as the Redis queue's worker; different keys only). */
  concurrency?: number;
  retry?: { attempts: number; firstDelayMs: number };
  /** A job attempt failed; `final` when it will not be tried again. */
  onError?: (key: string, error: unknown, final: boolean) => void;
}

interface Entry {
  spec: JobSpec;
  items: unknown[];
  state: "waiting" | "running" | "retrying";
  /** Requested again while running: run once more afterwards, not before `notBefore` (ms since epoch; the request's delay). */
  again: boolean;
  notBefore: number;
  attempt: number;
  timer: NodeJS.Timeout | null;
}

export class MemoryQueue implements JobQueue {
  private readonly entries = new Map<string, Entry>();
  private readonly idleWaiters: Array<() => void> = [];
  private processor: Processor | null = null;
  /** Keys whose job is due, in the order they became due. */
  private readonly due: string[] = [];
  private active = 0;
  private closed = false;
  private failed = 0;

  constructor(private readonly options: MemoryQueueOptions = {}) {}

  async request({ key, spec, item, delayMs = 0 }: JobRequest): Promise<void> {
    if (this.closed) throw new Error("the queue is shutting down");
    let entry = this.entries.get(key);
    if (!entry) {
      entry = { spec, items: [], state: "waiting", again: false, notBefore: 0, attempt: 0, timer: null };
      this.entries.set(key, entry);
      this.schedule(key, entry, delayMs);
    } else if (entry.state === "running") {
      // The follow-up waits as asked, as BullMQ's does (a delayed job added while one runs).
      if (!entry.again) entry.notBefore = Date.now() + delayMs;
      entry.again = true;
    }
    entry.spec = spec;
    if (item !== null && item !== undefined) entry.items.push(item);
  }

  work(processor: Processor): void {
    this.processor = processor;
    for (const [key, entry] of this.entries) if (entry.state === "waiting" && entry.timer === null) this.schedule(key, entry, 0);
  }

  async counts(): Promise<QueueCounts> {
    const c: QueueCounts = { queued: 0, running: 0, retrying: 0, failed: this.failed };
    for (const e of this.entries.values()) {
      if (e.state === "running") c.running++;
      else if (e.state === "retrying") c.retrying++;
      else c.queued++;
    }
    return c;
  }

  healthy(): boolean {
    return !this.closed;
  }

  onRecovered(): void {
    // Nothing here can go away and come back.
  }

  idle(): Promise<void> {
    if (this.entries.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  async close(drainMs: number): Promise<void> {
    this.closed = true;
    // Debounced jobs run now; jobs waiting for a retry are left to the next start's reconciliation.
    for (const [key, entry] of this.entries) {
      if (entry.state === "waiting" && entry.timer !== null) {
        clearTimeout(entry.timer);
        this.schedule(key, entry, 0);
      } else if (entry.state === "retrying") {
        clearTimeout(entry.timer!);
        this.forget(key);
      }
    }
    const finished = this.idle();
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([finished, new Promise<void>((r) => (timer = setTimeout(r, drainMs)))]);
    clearTimeout(timer);
  }

  private schedule(key: string, entry: Entry, delayMs: number): void {
    if (this.processor === null) return; // a receiver-only instance: work() starts it
    const due = () => {
      entry.timer = null;
      this.due.push(key);
      this.pump();
    };
    if (delayMs <= 0) {
      entry.timer = null;
      queueMicrotask(due);
    } else entry.timer = setTimeout(due, delayMs);
  }

  /** Starts due jobs while fewer than `concurrency` run. */
  private pump(): void {
    const limit = this.options.concurrency ?? 8;
    while (this.active < limit && this.due.length > 0) {
      const key = this.due.shift()!;
      const entry = this.entries.get(key);
      if (!entry || entry.state === "running") continue;
      this.active++;
      void this.run(key, entry).finally(() => {
        this.active--;
        this.pump();
      });
    }
  }

  private async run(key: string, entry: Entry): Promise<void> {
    entry.state = "running";
    entry.again = false;
    const batch = entry.items;
    entry.items = [];
    try {
      await this.processor!(entry.spec, batch);
      entry.attempt = 0;
    } catch (error) {
      entry.items = [...batch, ...entry.items];
      entry.attempt++;
      const retry = this.options.retry ?? RETRY;
      const final = entry.attempt >= retry.attempts || this.closed;
      this.options.onError?.(key, error, final);
      if (!final) {
        entry.state = "retrying";
        entry.timer = setTimeout(
          () => {
            entry.timer = null;
            entry.state = "waiting";
            this.due.push(key);
            this.pump();
          },
          backoffMs(entry.attempt, retry.firstDelayMs),
        );
        return;
      }
      this.failed++;
      entry.items = [];
      entry.attempt = 0;
    }
    if (entry.again || entry.items.length > 0) {
      entry.state = "waiting";
      this.schedule(key, entry, this.closed ? 0 : entry.notBefore - Date.now());
    } else this.forget(key);
  }

  private forget(key: string): void {
    this.entries.delete(key);
    if (this.entries.size === 0) for (const resolve of this.idleWaiters.splice(0)) resolve();
  }
}
