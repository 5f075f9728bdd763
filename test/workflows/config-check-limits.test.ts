/**
 * The configuration check (src/workflows/config-check.ts) against the local GitHub, which refuses
 * more than 50 annotations a request and a summary over 65,535 bytes as GitHub does: a file with
 * hundreds of problems still gets its failing check, with the first 50 annotated (the summary is
 * cut at a line with a note when it would be too long: test/render/fit.test.ts).
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { utf8Bytes } from "../../src/domain/limits.js";
import { checkConfig } from "../../src/workflows/config-check.js";
import { violationText } from "../sim/helpers.js";
import { startSimulator, type Simulator } from "../sim/server.js";
import type { World } from "../sim/world.js";
import { actionWorld, jobContext } from "./action-world.js";

/** A token with the app's checks permission (the push check runs in the app). */
const CHECKS_TOKEN = "ghs_checks_token_0001";

let sim: Simulator;
beforeAll(async () => {
  const world = actionWorld() as unknown as { tokens: unknown[] };
  world.tokens.push({
    token: CHECKS_TOKEN,
    login: "docket[bot]",
    repos: ["sovereign/*"],
    permissions: { checks: "write", contents: "read", metadata: "read" },
  });
  sim = await startSimulator({ world: world as unknown as World });
});
afterAll(() => sim.close());
afterEach(() => {
  // Nothing Docket sent was refused.
  expect(violationText(sim)).toEqual([]);
});

/** A configuration with `n` series, each with a wrong cadence and a long title of `<`. */
function broken(n: number): string {
  const series = Array.from(
    { length: n },
    (_, i) =>
      `  s${i}:\n    title: "${"<".repeat(200)}"\n    cadence: fortnightly-ish-${"x".repeat(300)}\n    day: monday\n    time: "14:00"\n    duration: 30m\n    timezone: Europe/Berlin`,
  );
  return `meetings:\n${series.join("\n")}\n`;
}

describe("a configuration with hundreds of problems", () => {
  it("gets a failing check within GitHub's limits: 50 annotations, the rest counted in the summary", async () => {
    const pushed = await sim.act({ as: "alice", action: "push-file", repo: "sovereign/.github", path: ".github/docket.yml", text: broken(400) });
    const sha = pushed.commit!;
    const result = await checkConfig(jobContext(sim, "2025-01-08T09:00:00Z", { token: CHECKS_TOKEN }), { owner: "sovereign", repo: ".github" }, sha);
    expect(result.ok).toBe(false);
    expect(result.problems.length).toBeGreaterThan(50);
    const run = sim.state.repo("sovereign", ".github")!.checkRuns.at(-1)!;
    expect(run.conclusion).toBe("failure");
    expect(run.output.annotations).toHaveLength(50);
    const summary = run.output.summary!;
    expect(utf8Bytes(summary)).toBeLessThanOrEqual(65_535);
    expect(summary).toContain(`The first 50 problems are annotated on the file (GitHub takes 50 annotations at a time).`);
    expect(summary).toContain(`- … and ${result.problems.length - 50} more`);
  });
});
