/**
 * `npm run demo` is the first thing a newcomer runs: it must work offline and
 * show the agenda, the waiting list, the meetup's days and the backlog.
 */
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { expect, it } from "vitest";

it("npm run demo plays a week and prints what people would see, with no contract violation", () => {
  const root = fileURLToPath(new URL("../..", import.meta.url));
  const run = spawnSync("npm", ["run", "--silent", "demo"], { cwd: root, encoding: "utf8", timeout: 120_000 });
  expect(run.status, run.stderr).toBe(0);
  const out = run.stdout;
  expect(out).toContain("sovereign/meetings#2: Team IaaS — 2025-01-13");
  expect(out).toMatch(/\| 1 \| 14:00 \| \[sovereign\/meetings#1 Welcome new contributors/);
  expect(out).toContain("## Waiting list");
  expect(out).toContain("### Day 1 — Monday, 3 February 2025");
  expect(out).toContain("moved up from the waiting list");
  expect(out).toContain("only the author of this issue or people with triage permission");
  expect(out).toContain("Idea Backlog (pinned)");
  expect(out).toContain("Ordered alphabetically; the order claims no priority.");
  // Board ideas, a draft among them, join the labelled ones.
  expect(out).toMatch(/- \[Mentoring for new maintainers\]\(https?:\/\/[^)]+\/orgs\/sovereign\/projects\/1\?pane=issue&itemId=\d+\)/);
  expect(out).toMatch(/\d+ API requests from the app, \d+ webhooks delivered, 0 contract violations\./);
}, 150_000);
