/**
 * The queue on Redis (REDIS_URL), on BullMQ: a job accepted by any instance is
 * run by any worker, in the webhook process or in `npm run worker`, and
 * survives the process that accepted it.
 *
 * One key, one job at a time: every job is added with BullMQ's deduplication
 * id = its key and `keepLastIfActive`, so at most one job per key waits and one
 * runs; a request while one waits joins it, a request while one runs makes one
 * follow-up. Items (topic ids, poll comments) are not job data, which
 * deduplication would drop: they are appended to a Redis list per key, read at
 * the start of a run and trimmed only after it succeeded, so a failed or
 * crashed run leaves them for the next attempt.
 *
 * Nothing depends on a key surviving a Redis restart without persistence:
 * the queue simply starts empty, `onRecovered` tells the app, and the app
 * reconciles and asks GitHub to redeliver what it refused meanwhile.
 */
import { Queue, Worker, type Job } from "bullmq";
import { Redis } from "ioredis";
import { RETRY, type JobQueue, type JobRequest, type JobSpec, type Processor, type QueueCounts } from "./types.js";

export interface RedisQueueOptions {
  /** Key prefix (default "docket"); tests give each run its own. */
  prefix?: string;
  retry?: { attempts: number; firstDelayMs: number };
  /** Jobs run at once by this process's worker (default 8; different keys only). */
  concurrency?: number;
  onError?: (key: string, error: unknown, final: boolean) => void;
  /** How long the worker's lock on a running job lasts (default 15000 ms); a dead worker's jobs return after about 4/3 of it. Tests shorten it. */
  lockMs?: number;
}

interface JobData {
  key: string;
  spec: JobSpec;
}

const QUEUE = "jobs";
/** Failed jobs are kept this long for operators (`GET /docket/status` counts them). */
const KEEP_FAILED_SECONDS = 7 * 24 * 3600;

export class RedisQueue implements JobQueue {
  /** Commands fail at once while Redis is away (the intake answers 503) instead of queueing in memory. */
  readonly redis: Redis;
  private readonly queue: Queue<JobData>;
  private worker: Worker<JobData> | null = null;
  private readonly workerConnection: Redis;
  private readonly queueConnection: Redis;
  private readonly prefix: string;
  private readonly retry: { attempts: number; firstDelayMs: number };
  private readonly recovered: Array<() => void> = [];
  /** The runs in this process, aborted when Redis goes away (see Processor). */
  private readonly running = new Set<AbortController>();
  /** The last run of each key in this process, for the next one to wait for (`work`). */
  private readonly keyRuns = new Map<string, Promise<void>>();
  private wasDown = false;
  private closed = false;

  constructor(
    url: string,
    private readonly options: RedisQueueOptions = {},
  ) {
    this.prefix = options.prefix ?? "docket";
    this.retry = options.retry ?? RETRY;
    this.redis = new Redis(url, { enableOfflineQueue: false, maxRetriesPerRequest: 1, lazyConnect: false });
    // BullMQ's workers block on Redis and must retry forever.
    this.workerConnection = new Redis(url, { maxRetriesPerRequest: null });
    this.redis.on("error", () => {}); // reported through healthy() and the intake's 503
    this.workerConnection.on("error", () => {});
    this.redis.on("close", () => {
      this.wasDown = true;
      this.abortRunning();
    });
    this.workerConnection.on("close", () => this.abortRunning());
    this.redis.on("ready", () => {
      if (!this.wasDown) return;
      this.wasDown = false;
      for (const listener of this.recovered) listener();
    });
    // BullMQ's own connection queues commands while it (re)connects; `request` bounds the wait.
    this.queueConnection = new Redis(url, { maxRetriesPerRequest: 1 });
    this.queueConnection.on("error", () => {});
    this.queue = new Queue<JobData>(QUEUE, { connection: this.queueConnection, prefix: this.prefix });
    this.queue.on("error", () => {});
  }

  /** Waits until the first connection is up (start-up). */
  async ready(): Promise<void> {
    if (this.redis.status !== "ready")
      await new Promise<void>((resolve, reject) => {
        this.redis.once("ready", resolve);
        setTimeout(() => reject(new Error("Redis did not answer within 10 s")), 10_000).unref();
      });
  }

  private itemsKey(key: string): string {
    return `${this.prefix}:items:${key}`;
  }

  async request({ key, spec, item, delayMs = 0 }: JobRequest): Promise<void> {
    if (this.closed) throw new Error("the queue is shutting down");
    if (item !== null && item !== undefined) await this.redis.rpush(this.itemsKey(key), JSON.stringify(item));
    const added = this.queue.add(
      spec.type,
      { key, spec },
      {
        deduplication: { id: key, keepLastIfActive: true },
        delay: delayMs,
        attempts: this.retry.attempts,
        backoff: { type: "exponential", delay: this.retry.firstDelayMs },
        removeOnComplete: true,
        removeOnFail: { age: KEEP_FAILED_SECONDS, count: 1000 },
      },
    );
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error("Redis did not take the job within 5 s")), 5_000)));
    try {
      await Promise.race([added, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  work(processor: Processor): void {
    if (this.worker) return;
    this.worker = new Worker<JobData>(
      QUEUE,
      async (job: Job<JobData>) => {
        // One run of a key at a time in this process. BullMQ hands a job out again when its lock
        // lapsed, also to the worker still running it (a process too busy to renew the lock in
        // time); two runs of one meeting at once would both find an author not told yet.
        // A run waiting its turn counts as running: if Redis goes away meanwhile it is told to
        // stop like the others, and sends nothing when its turn comes.
        const run = new AbortController();
        this.running.add(run);
        const previous = this.keyRuns.get(job.data.key);
        let done!: () => void;
        const mine = new Promise<void>((resolve) => (done = resolve));
        const turn = (previous ?? Promise.resolve()).then(() => mine);
        this.keyRuns.set(job.data.key, turn);
        try {
          await previous;
          const list = this.itemsKey(job.data.key);
          const raw = await this.redis.lrange(list, 0, -1);
          await processor(
            job.data.spec,
            raw.map((r) => JSON.parse(r) as unknown),
            run.signal,
          );
          if (raw.length > 0) await this.redis.ltrim(list, raw.length, -1);
        } finally {
          this.running.delete(run);
          done();
          if (this.keyRuns.get(job.data.key) === turn) this.keyRuns.delete(job.data.key);
        }
      },
      {
        connection: this.workerConnection,
        prefix: this.prefix,
        concurrency: this.options.concurrency ?? 8,
        // A worker that dies (kill -9) gives its jobs back within about 20 s (lockMs + lockMs / 3).
        lockDuration: this.options.lockMs ?? 15_000,
        stalledInterval: Math.round((this.options.lockMs ?? 15_000) / 3),
        maxStalledCount: 3,
      },
    );
    this.worker.on("error", () => {});
    this.worker.on("failed", (job, error) => {
      if (!job) return;
      this.options.onError?.(job.data.key, error, job.attemptsMade >= (job.opts.attempts ?? 1));
    });
  }

  /**
   * Redis went away: a run here may no longer be the only one of its key (a restart without
   * persistence forgets it, and the reconciliation on "Redis is back" queues its key again for
   * any instance). It stops sending; the rebuild that follows does its work.
   */
  private abortRunning(): void {
    for (const run of this.running) run.abort(new Error("Docket's queue lost its Redis connection while this job ran"));
    this.running.clear();
  }

  async counts(): Promise<QueueCounts> {
    const c = await this.queue.getJobCounts("waiting", "delayed", "active", "failed", "prioritized");
    const delayed = c.delayed ?? 0;
    // A delayed job that has been tried is a retry; one never tried is debounced, i.e. queued.
    const retrying = delayed === 0 ? 0 : (await this.queue.getDelayed(0, 999)).filter((j) => j.attemptsMade > 0).length;
    return {
      queued: (c.waiting ?? 0) + (c.prioritized ?? 0) + delayed - retrying,
      running: c.active ?? 0,
      retrying,
      failed: c.failed ?? 0,
    };
  }

  healthy(): boolean {
    return !this.closed && this.redis.status === "ready";
  }

  onRecovered(listener: () => void): void {
    this.recovered.push(listener);
  }

  async idle(): Promise<void> {
    for (;;) {
      const c = await this.counts();
      if (c.queued + c.running + c.retrying === 0) return;
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  async close(drainMs: number): Promise<void> {
    this.closed = true;
    if (this.worker) {
      const worker = this.worker;
      let timer: NodeJS.Timeout | undefined;
      const finished = await Promise.race([worker.close().then(() => true), new Promise<boolean>((r) => (timer = setTimeout(() => r(false), drainMs)))]);
      clearTimeout(timer);
      // Not finished in time: the running jobs' locks lapse and another worker (or the next start) takes them.
      // BullMQ's forced close waits for ever on a job that ended while Redis was away (a restart
      // forgot it): a second at most, then the connections go.
      if (!finished) await Promise.race([worker.close(true).catch(() => {}), new Promise((r) => setTimeout(r, 1000).unref())]);
    }
    await this.queue.close().catch(() => {});
    for (const c of [this.redis, this.queueConnection, this.workerConnection]) await c.quit().catch(() => c.disconnect());
  }
}
