import { describe, expect, it, vi } from "vitest";
import { MAX_ATTEMPTS_PER_DELIVERY, redeliverFailed, startRecovery, toRedeliver, type HookDelivery } from "../../src/app/recovery.js";
import { silentLogger } from "../../src/github/gateway.js";

const at = (minute: number) => new Date(Date.UTC(2026, 11, 1, 12, minute)).toISOString();
const attempt = (id: number, guid: string, minute: number, status_code: number, redelivery = false): HookDelivery => ({
  id,
  guid,
  delivered_at: at(minute),
  redelivery,
  status_code,
});

describe("toRedeliver", () => {
  it("picks the newest attempt of each delivery that never succeeded, oldest delivery first", () => {
    const list = [
      attempt(6, "c", 5, 0, true),
      attempt(5, "b", 4, 200, true),
      attempt(4, "c", 3, 503),
      attempt(3, "b", 2, 503),
      attempt(2, "a", 1, 0),
      attempt(1, "ok", 0, 202),
    ];
    expect(toRedeliver(list, Date.parse(at(0))).map((a) => a.id)).toEqual([2, 6]);
  });

  it("leaves alone deliveries first made before `since`, and those that failed every time already", () => {
    const tries = Array.from({ length: MAX_ATTEMPTS_PER_DELIVERY }, (_, i) => attempt(10 + i, "hopeless", 10 + i, 401, i > 0));
    expect(toRedeliver([...tries, attempt(1, "old", 0, 503)], Date.parse(at(5)))).toEqual([]);
  });
});

describe("redeliverFailed", () => {
  it("pages through the deliveries with GitHub's cursor and asks for each failed one once", async () => {
    const pages = [
      {
        data: [attempt(4, "d", 4, 503), attempt(3, "c", 3, 202)],
        headers: { link: '<https://api.github.com/app/hook/deliveries?per_page=100&cursor=v1_3>; rel="next"' },
      },
      { data: [attempt(2, "b", 2, 0), attempt(1, "a", 1, 200)], headers: {} },
    ];
    const calls: Array<[string, Record<string, unknown> | undefined]> = [];
    const octokit = {
      request: vi.fn(async (route: string, params?: Record<string, unknown>) => {
        calls.push([route, params]);
        return route.startsWith("GET") ? pages.shift()! : { data: {}, headers: {} };
      }),
    };
    expect(await redeliverFailed(octokit, Date.parse(at(0)), silentLogger)).toBe(2);
    expect(calls).toEqual([
      ["GET /app/hook/deliveries", { per_page: 100 }],
      ["GET /app/hook/deliveries", { per_page: 100, cursor: "v1_3" }],
      ["POST /app/hook/deliveries/{delivery_id}/attempts", { delivery_id: 2 }],
      ["POST /app/hook/deliveries/{delivery_id}/attempts", { delivery_id: 4 }],
    ]);
  });

  it("stops paging at deliveries older than `since`", async () => {
    const octokit = {
      request: vi.fn(async () => ({ data: [attempt(1, "a", 1, 503)], headers: { link: '<https://x/app/hook/deliveries?cursor=next>; rel="next"' } })),
    };
    expect(await redeliverFailed(octokit, Date.parse(at(30)), silentLogger)).toBe(0);
    expect(octokit.request).toHaveBeenCalledTimes(1);
  });
});

describe("startRecovery", () => {
  it("a kick reconciles and redelivers; kicks that arrive meanwhile make one more pass; another instance's claim skips it", async () => {
    const passes: string[] = [];
    let claims = true;
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const recovery = startRecovery({
      reconcile: async () => {
        passes.push("reconcile");
        if (passes.length === 1) await gate;
        return 1;
      },
      redeliver: async () => {
        passes.push("redeliver");
        return 0;
      },
      claim: async () => claims,
      log: silentLogger,
      intervalMinutes: 60,
      redeliverHours: 24,
    });
    const first = recovery.kick("start");
    void recovery.kick("Redis is back");
    void recovery.kick("Redis is back again");
    release();
    await first;
    await vi.waitFor(() => expect(passes).toEqual(["reconcile", "redeliver", "reconcile", "redeliver"]));
    claims = false;
    await recovery.kick("another instance just did it");
    expect(passes).toHaveLength(4);
    recovery.stop();
  });
});
