/**
 * The debounce as a leading-edge throttle: an isolated event is not kept waiting, a burst still
 * ends in one rebuild per spacing at most.
 */
import { describe, expect, it } from "vitest";
import { pace } from "../../src/queue/pace.js";

describe("pacing one meeting's rebuilds", () => {
  it("the first event after a quiet spell starts its rebuild at once", () => {
    let now = 10_000;
    const wait = pace(1000, () => now);
    expect(wait("m")).toBe(0);
    now += 5000;
    expect(wait("m")).toBe(0);
  });

  it("events within the spacing wait for one start a spacing after the previous one, and join it", () => {
    let now = 10_000;
    const wait = pace(1000, () => now);
    expect(wait("m")).toBe(0);
    now += 10;
    expect(wait("m")).toBe(990);
    now += 500;
    expect(wait("m")).toBe(490); // joins the start at 11,000
    now = 11_200;
    expect(wait("m")).toBe(800); // the next start, 12,000
  });

  it("meetings are paced apart", () => {
    const wait = pace(1000, () => 10_000);
    expect(wait("a")).toBe(0);
    expect(wait("b")).toBe(0);
    expect(wait("a")).toBe(1000);
  });

  it("no spacing: never waits", () => {
    const wait = pace(0, () => 10_000);
    expect([wait("m"), wait("m"), wait("m")]).toEqual([0, 0, 0]);
  });
});
