/**
 * The queue contract, run against both engines: the in-process queue and BullMQ on a real Redis.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MemoryQueue } from "../../src/queue/memory.js";
import { RedisQueue } from "../../src/queue/redis.js";
import { backoffMs, RETRY, type JobQueue, type JobSpec } from "../../src/queue/types.js";
import { startRedis, type TestRedis } from "../helpers/redis-server.js";

let redis: TestRedis;
let n = 0;
beforeAll(async () => {
  redis = await startRedis();
});
afterAll(async () => {
  await redis?.stop();
});

const spec = (seriesId: string): JobSpec => ({
  type: "series",
  installationId: 1,
  home: { owner: "acme", repo: ".github" },
  ownerType: "Organization",
  seriesId,
});
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const engines: Array<[string, (retry?: { attempts: number; firstDelayMs: number }) => Promise<JobQueue>]> = [
  ["in-process", async (retry) => new MemoryQueue(retry ? { retry } : {})],
  [
    "BullMQ on Redis",
    async (retry) => {
      const q = new RedisQueue(redis.url, { prefix: `q${process.pid}-${++n}`, ...(retry ? { retry } : {}) });
      await q.ready();
      return q;
    },
  ],
];

describe.each(engines)("%s queue", (_name, make) => {
  it("a burst for one key runs at most twice, never overlapping, and every item reaches a run in order", async () => {
    const q = await make();
    const runs: unknown[][] = [];
    let active = 0;
    let overlap = false;
    q.work(async (_s, items) => {
      overlap ||= active > 0;
      active++;
      runs.push(items);
      await sleep(30);
      active--;
    });
    // The debounce outlasts the burst: one run, or two if the burst straddles its start.
    for (let i = 0; i < 50; i++) await q.request({ key: "meeting", spec: spec("iaas"), item: i, delayMs: 500 });
    await q.idle();
    expect(overlap).toBe(false);
    expect(runs.length).toBeGreaterThanOrEqual(1);
    expect(runs.length).toBeLessThanOrEqual(2);
    expect(runs.flat()).toEqual(Array.from({ length: 50 }, (_, i) => i));
    await q.close(1000);
  });

  it("a request while a job runs makes one follow-up run with what arrived meanwhile", async () => {
    const q = await make();
    const runs: unknown[][] = [];
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    q.work(async (_s, items) => {
      runs.push(items);
      if (runs.length === 1) await gate;
    });
    await q.request({ key: "k", spec: spec("a"), item: "first" });
    while (runs.length === 0) await sleep(5);
    await q.request({ key: "k", spec: spec("a"), item: "second" });
    await q.request({ key: "k", spec: spec("a"), item: null });
    await q.request({ key: "k", spec: spec("a"), item: "third" });
    release();
    await q.idle();
    expect(runs).toEqual([["first"], ["second", "third"]]);
    await q.close(1000);
  });

  it("a follow-up requested with a delay while a job runs waits that long (bursts paced, src/queue/pace.ts)", async () => {
    const q = await make();
    const starts: number[] = [];
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    q.work(async () => {
      starts.push(performance.now());
      if (starts.length === 1) await gate;
    });
    await q.request({ key: "k", spec: spec("a"), item: "first" });
    while (starts.length === 0) await sleep(5);
    const asked = performance.now();
    await q.request({ key: "k", spec: spec("a"), item: "second", delayMs: 600 });
    release();
    await q.idle();
    expect(starts).toHaveLength(2);
    expect(starts[1]! - asked).toBeGreaterThanOrEqual(550);
    await q.close(1000);
  });

  it("a failed job is retried with its items, and one that fails every time is counted as failed", async () => {
    const q = await make({ attempts: 3, firstDelayMs: 20 });
    const seen: unknown[][] = [];
    q.work(async (s, items) => {
      seen.push(items);
      if (s.type === "series" && s.seriesId === "broken") throw new Error("GitHub answered 502");
      if (seen.filter((x) => x.includes("flaky")).length === 1) throw new Error("GitHub answered 502 once");
    });
    await q.request({ key: "flaky", spec: spec("flaky"), item: "flaky" });
    await q.idle();
    expect(seen).toEqual([["flaky"], ["flaky"]]);
    await q.request({ key: "broken", spec: spec("broken"), item: "x" });
    await q.idle();
    expect(seen.slice(2)).toEqual([["x"], ["x"], ["x"]]);
    expect(await q.counts()).toEqual({ queued: 0, running: 0, retrying: 0, failed: 1 });
    await q.close(1000);
  });

  it("counts what waits before a worker runs it, and a receiver-only queue runs nothing", async () => {
    const q = await make();
    await q.request({ key: "a", spec: spec("a"), item: null });
    await q.request({ key: "b", spec: spec("b"), item: null });
    await sleep(50);
    expect(await q.counts()).toMatchObject({ queued: 2, running: 0 });
    const ran: string[] = [];
    q.work(async (s) => void ran.push(s.type === "series" ? s.seriesId : s.type));
    await q.idle();
    expect(ran.sort()).toEqual(["a", "b"]);
    await q.close(1000);
  });

  it("after close, requests are refused (the intake answers 503)", async () => {
    const q = await make();
    q.work(async () => {});
    await q.close(100);
    expect(q.healthy()).toBe(false);
    await expect(q.request({ key: "a", spec: spec("a"), item: null })).rejects.toThrow();
  });
});

describe("BullMQ on Redis across processes", () => {
  it("a job accepted by a receiver-only instance is run by another instance's worker", async () => {
    const prefix = `shared${process.pid}`;
    const receiver = new RedisQueue(redis.url, { prefix });
    const worker = new RedisQueue(redis.url, { prefix });
    await Promise.all([receiver.ready(), worker.ready()]);
    const ran: unknown[] = [];
    worker.work(async (_s, items) => void ran.push(...items));
    await receiver.request({ key: "m", spec: spec("m"), item: "from the receiver" });
    await worker.idle();
    expect(ran).toEqual(["from the receiver"]);
    await Promise.all([receiver.close(100), worker.close(1000)]);
  });

  it("a job whose worker died is run again by another worker, with its items", async () => {
    const prefix = `stalled${process.pid}`;
    // A short lock, so its lapse does not keep the test waiting (the default is 15 s).
    const dying = new RedisQueue(redis.url, { prefix, lockMs: 2_000 });
    await dying.ready();
    let started!: () => void;
    const running = new Promise<void>((r) => (started = r));
    dying.work(async () => {
      started();
      await new Promise(() => {}); // never finishes: the process "dies" below
    });
    await dying.request({ key: "m", spec: spec("m"), item: "topic" });
    await running;
    // The process dies: its connections drop without a word, and its lock lapses.
    const connections = dying as unknown as Record<"redis" | "queueConnection" | "workerConnection", { disconnect(): void }>;
    for (const c of ["redis", "queueConnection", "workerConnection"] as const) connections[c].disconnect();
    const healthy = new RedisQueue(redis.url, { prefix, lockMs: 2_000 });
    await healthy.ready();
    const ran: unknown[] = [];
    healthy.work(async (_s, items) => void ran.push(...items));
    const deadline = Date.now() + 40_000;
    while (ran.length === 0 && Date.now() < deadline) await sleep(100);
    expect(ran).toEqual(["topic"]);
    await healthy.close(1000);
  }, 60_000);

  it("a run whose lock lapsed while it held the CPU is not run again beside itself: the second run waits for the first", async () => {
    // A process too busy to renew its lock in time (a long rebuild on a starved CPU) finds its own
    // job handed out again by BullMQ's stalled-job check. Two runs of one meeting at once would
    // both read "not told yet" and tell an author twice.
    const q = new RedisQueue(redis.url, { prefix: `busy${process.pid}`, lockMs: 400 });
    await q.ready();
    let active = 0;
    let overlap = false;
    let runs = 0;
    q.work(async () => {
      overlap ||= active > 0;
      active++;
      runs++;
      if (runs === 1) {
        const until = Date.now() + 1_200;
        while (Date.now() < until); // holds the event loop: the lock is not renewed
        await sleep(1_500); // meanwhile the stalled-job check hands the job out again
      }
      active--;
    });
    await q.request({ key: "m", spec: spec("m"), item: "topic" });
    const deadline = Date.now() + 10_000;
    while (runs < 2 && Date.now() < deadline) await sleep(50);
    await q.idle();
    expect(runs).toBeGreaterThanOrEqual(2); // BullMQ did hand it out again (the situation under test)
    expect(overlap).toBe(false);
    await q.close(1000);
  }, 30_000);

  it("a run is told to stop when Redis goes away (a restart forgets it, and another worker may start its key); close still returns", async () => {
    const q = new RedisQueue(redis.url, { prefix: `restart${process.pid}` });
    await q.ready();
    let signal: AbortSignal | undefined;
    let started!: () => void;
    const running = new Promise<void>((r) => (started = r));
    q.work(async (_s, _items, s) => {
      signal = s;
      started();
      await new Promise<void>((resolve) => s?.addEventListener("abort", () => resolve()));
    });
    await q.request({ key: "m", spec: spec("m"), item: null });
    await running;
    expect(signal?.aborted).toBe(false);
    await redis.restart();
    const deadline = Date.now() + 5_000;
    while (!signal?.aborted && Date.now() < deadline) await sleep(20);
    expect(signal?.aborted).toBe(true);
    const t0 = Date.now();
    await q.close(1000);
    expect(Date.now() - t0).toBeLessThan(5_000);
  }, 30_000);
});

it("the default retries last at least 10 minutes before a job counts as failed", () => {
  const waits = Array.from({ length: RETRY.attempts - 1 }, (_, i) => backoffMs(i + 1));
  expect(waits.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(10 * 60_000);
});
