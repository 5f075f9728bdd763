import { describe, expect, it } from "vitest";
import { Coalescer } from "../../src/workflows/coalesce.js";

const tick = () => new Promise((r) => setTimeout(r, 0));

describe("Coalescer", () => {
  it("a burst for one key ends in two runs: the first, and one with everything that arrived meanwhile", async () => {
    const runs: string[][] = [];
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const q = new Coalescer<string>();
    const run = async (batch: string[]) => {
      runs.push(batch);
      if (runs.length === 1) await gate;
    };
    const done = Array.from({ length: 50 }, (_, i) => q.request("meeting", `#${i}`, run));
    await tick();
    release();
    await Promise.all(done);
    expect(runs.length).toBe(2);
    expect(runs[0]).toEqual(["#0"]);
    expect(runs[1]).toHaveLength(49);
  });

  it("with a debounce, a burst that arrives within it is a single run", async () => {
    const runs: number[][] = [];
    const q = new Coalescer<number>({ debounceMs: 20 });
    await Promise.all(Array.from({ length: 10 }, (_, i) => q.request("m", i, async (b) => void runs.push(b))));
    expect(runs).toEqual([[0, 1, 2, 3, 4, 5, 6, 7, 8, 9]]);
  });

  it("never runs two jobs of one key at once, but different keys run side by side", async () => {
    let active = 0;
    let maxSameKey = 0;
    const started: string[] = [];
    const q = new Coalescer<number>();
    const job = (key: string) => async () => {
      started.push(key);
      active++;
      maxSameKey = Math.max(maxSameKey, active);
      await new Promise((r) => setTimeout(r, 5));
      active--;
    };
    const a = [q.request("a", 1, job("a")), q.request("a", 2, job("a")), q.request("a", 3, job("a"))];
    await Promise.all(a);
    expect(maxSameKey).toBe(1);
    const both = [q.request("x", 1, job("x")), q.request("y", 1, job("y"))];
    await tick();
    expect(q.busy).toBe(2);
    await Promise.all(both);
  });

  it("a failed run rejects its requesters, reports once, and the next batch still runs", async () => {
    const errors: string[] = [];
    const q = new Coalescer<number>({ onError: (key, e) => errors.push(`${key}: ${(e as Error).message}`) });
    let calls = 0;
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const run = async () => {
      calls++;
      await gate;
      if (calls === 1) throw new Error("GitHub said 502");
    };
    const first = q.request("m", 1, run);
    await tick();
    const second = q.request("m", 2, run);
    release();
    await expect(first).rejects.toThrow("502");
    await expect(second).resolves.toBeUndefined();
    expect(errors).toEqual(["m: GitHub said 502"]);
    expect(calls).toBe(2);
  });

  it("idle() resolves once nothing runs or waits", async () => {
    const q = new Coalescer<number>();
    await q.idle();
    let finished = false;
    void q.request("m", 1, async () => {
      await new Promise((r) => setTimeout(r, 10));
      finished = true;
    });
    await q.idle();
    expect(finished).toBe(true);
  });
});
