import { describe, expect, it } from "vitest";
import { formatDuration, formatLeadTime, parseDuration } from "../../src/domain/duration.js";

describe("parseDuration", () => {
  it.each([
    ["30m", 30],
    ["1h", 60],
    ["1h30m", 90],
    ["1h 30m", 90],
    ["90", 90],
    ["1.5h", 90],
    ["4.1h", 246],
    ["0.25h", 15],
    ["90 min", 90],
    ["30 minutes", 30],
    ["2 hours", 120],
    ["1hr", 60],
    ["30M", 30],
    [" 45m ", 45],
    ["7d", 7 * 24 * 60],
    ["1d", 24 * 60],
    ["1d12h", 36 * 60],
    ["2 days", 2 * 24 * 60],
    ["1 day 30m", 24 * 60 + 30],
    ["0.5d", 12 * 60],
  ])("reads %j as %i minutes", (text, minutes) => {
    expect(parseDuration(text)).toBe(minutes);
  });

  it.each(["abc", "", "   ", "1x", "-5", "h", "m", "1.5m", "1,5h", "30s", "d", "7w", "1h2d"])("rejects %j", (text) => {
    expect(parseDuration(text)).toBeNull();
  });

  it("rejects fractions of a minute (0.01h is 0.6 minutes)", () => {
    expect(parseDuration("0.01h")).toBeNull();
  });

  it('reads "0" as zero (the schema, not the parser, requires more than zero)', () => {
    expect(parseDuration("0")).toBe(0);
  });
});

describe("formatDuration", () => {
  it.each([
    [90, "1h30m"],
    [60, "1h"],
    [120, "2h"],
    [10, "10m"],
    [0, "0m"],
    [150, "2h30m"],
  ])("formats %i minutes as %s", (minutes, text) => {
    expect(formatDuration(minutes)).toBe(text);
  });

  it("round-trips through parseDuration", () => {
    for (const minutes of [5, 30, 45, 60, 75, 90, 150, 600]) {
      expect(parseDuration(formatDuration(minutes))).toBe(minutes);
    }
  });
});

describe("formatLeadTime", () => {
  it.each([
    [7 * 24 * 60, "7d"],
    [36 * 60, "1d12h"],
    [24 * 60 + 30, "1d30m"],
    [90, "1h30m"],
  ])("formats %i minutes as %s", (minutes, text) => {
    expect(formatLeadTime(minutes)).toBe(text);
    expect(parseDuration(text)).toBe(minutes);
  });
});
