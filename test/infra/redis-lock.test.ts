import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LockTimeout, redisLock } from "../../src/infra/redis-lock.js";
import { Coalescer } from "../../src/workflows/coalesce.js";
import { startRedis, type TestRedis } from "../helpers/redis-server.js";

let redis: TestRedis;
beforeAll(async () => {
  redis = await startRedis();
});
afterAll(async () => {
  await redis?.stop();
});

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

describe("redisLock across instances", () => {
  it("two instances never run a job for the same meeting at once; other meetings are not held up", async () => {
    // Two "instances": separate connections and separate in-process queues.
    const a = new Coalescer<number>({ lock: redisLock(redis.client(), { retryMs: 5 }) });
    const b = new Coalescer<number>({ lock: redisLock(redis.client(), { retryMs: 5 }) });
    const log: string[] = [];
    let inside = 0;
    let overlap = false;
    const job = (who: string) => async () => {
      inside++;
      if (inside > 1) overlap = true;
      log.push(`${who} start`);
      await sleep(30);
      log.push(`${who} end`);
      inside--;
    };
    await Promise.all([a.request("acme#iaas", 1, job("A")), b.request("acme#iaas", 1, job("B"))]);
    expect(overlap).toBe(false);
    expect(log).toHaveLength(4);
    expect(log[1]).toMatch(/end$/);

    // Different meetings: both jobs are inside their lock at the same time.
    let running = 0;
    let together = false;
    const other = async () => {
      running++;
      await sleep(30);
      together ||= running === 2;
      running--;
    };
    await Promise.all([a.request("acme#one", 1, other), b.request("acme#two", 1, other)]);
    expect(together).toBe(true);
  });

  it("a job that outlives the lock's time keeps it (the lock is extended while it runs)", async () => {
    const lockA = redisLock(redis.client(), { ttlMs: 60, retryMs: 5 });
    const lockB = redisLock(redis.client(), { ttlMs: 60, retryMs: 5 });
    const order: string[] = [];
    await Promise.all([
      lockA("long", async () => {
        order.push("A start");
        await sleep(200);
        order.push("A end");
      }),
      sleep(20).then(() => lockB("long", async () => void order.push("B"))),
    ]);
    expect(order).toEqual(["A start", "A end", "B"]);
  });

  it("the lock of a crashed instance expires by itself", async () => {
    const raw = redis.client();
    await raw.set("docket:lock:crashed", "someone-else", "PX", 80);
    let ran = false;
    await redisLock(redis.client(), { retryMs: 10 })("crashed", async () => void (ran = true));
    expect(ran).toBe(true);
  });

  it("gives up with a clear error when another instance holds the lock too long, and never releases a lock it does not hold", async () => {
    const raw = redis.client();
    await raw.set("docket:lock:stuck", "other-token", "PX", 10_000);
    await expect(redisLock(redis.client(), { waitMs: 50, retryMs: 10 })("stuck", async () => {})).rejects.toBeInstanceOf(LockTimeout);
    expect(await raw.get("docket:lock:stuck")).toBe("other-token");
  });
});
