/**
 * A per-key lock across app instances, in Redis (when REDIS_URL is set; the
 * same Redis Probot uses to cluster its rate limiter). Within one process the
 * Coalescer already serialises jobs per meeting; this adds the same exclusion
 * between processes, so that two instances never rebuild one meeting at once
 * and an older read can never overwrite a newer write.
 *
 * The classic single-instance Redis lock: SET key token NX PX ttl to take it,
 * a compare-and-delete script to release only our own, and a compare-and-
 * pexpire every ttl/3 while the job runs, so a long job keeps it and a crashed
 * instance's lock expires by itself.
 */
import { randomUUID } from "node:crypto";
import type { Redis } from "ioredis";

const RELEASE = `if redis.call("get", KEYS[1]) == ARGV[1] then return redis.call("del", KEYS[1]) else return 0 end`;
const EXTEND = `if redis.call("get", KEYS[1]) == ARGV[1] then return redis.call("pexpire", KEYS[1], ARGV[2]) else return 0 end`;

export interface RedisLockOptions {
  /** Milliseconds a lock lives without being extended (default 30 s). */
  ttlMs?: number;
  /** Milliseconds to wait for a busy lock before giving up (default 2 min). */
  waitMs?: number;
  /** Milliseconds between attempts while waiting (default 100). */
  retryMs?: number;
  prefix?: string;
}

export class LockTimeout extends Error {
  constructor(key: string, waitMs: number) {
    super(`another Docket instance held the lock for ${key} longer than ${waitMs} ms; the job will run on the next event`);
    this.name = "LockTimeout";
  }
}

export function redisLock(redis: Redis, options: RedisLockOptions = {}) {
  const ttl = options.ttlMs ?? 30_000;
  const wait = options.waitMs ?? 120_000;
  const retry = options.retryMs ?? 100;
  const prefix = options.prefix ?? "docket:lock:";

  return async function withLock(key: string, job: () => Promise<void>): Promise<void> {
    const name = prefix + key;
    const token = randomUUID();
    const deadline = Date.now() + wait;
    while ((await redis.set(name, token, "PX", ttl, "NX")) !== "OK") {
      if (Date.now() >= deadline) throw new LockTimeout(key, wait);
      await new Promise((r) => setTimeout(r, retry));
    }
    const keepAlive = setInterval(() => void redis.eval(EXTEND, 1, name, token, String(ttl)).catch(() => {}), Math.max(10, Math.floor(ttl / 3)));
    try {
      await job();
    } finally {
      clearInterval(keepAlive);
      await redis.eval(RELEASE, 1, name, token).catch(() => {});
    }
  };
}
