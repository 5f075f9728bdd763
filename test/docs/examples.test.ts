/**
 * docs/examples/ shows people what Docket writes; it must be what Docket writes today.
 * The files are made again in memory (scripts/examples.ts: the example community on the
 * local GitHub, a fixed clock, the Action's commands) and compared byte for byte.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { expect, it } from "vitest";
import { EXAMPLES_DIR, renderExamples } from "../../scripts/examples.js";
import { SCREENSHOTS } from "../../scripts/site-screenshots.js";

it("docs/examples/ is what Docket renders today (else run npm run examples)", async () => {
  const fresh = await renderExamples();
  expect(readdirSync(EXAMPLES_DIR).sort(), "docs/examples/ has other files than npm run examples writes: run npm run examples").toEqual(
    [...fresh.keys(), ...SCREENSHOTS].sort(),
  );
  for (const [name, text] of fresh) {
    expect(readFileSync(join(EXAMPLES_DIR, name), "utf8"), `docs/examples/${name} is stale: run npm run examples`).toBe(text);
  }
  // What each example is there to show.
  expect(fresh.get("meeting-issue.md")).toContain("## Waiting list");
  expect(fresh.get("meetup-issue.md")).toContain("### Day 1 — Monday, 3 February 2025");
  expect(fresh.get("minutes.md")).toContain("- **Decision:** Adopt the v4 flavor naming standard as proposed.");
  expect(fresh.get("sprint-review.md")).toContain("# Sprint Gothenburg review");
  expect(fresh.get("calendar.ics")).toContain("BEGIN:VCALENDAR");
}, 60_000);
