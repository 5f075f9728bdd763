/**
 * `npm run demo` is the first thing a newcomer runs: it must work offline and
 * show the agenda, the waiting list, the meetup's days, a multi-track
 * gathering's schedule and its Happening now, the backlog, the minutes and
 * the calendar the Action publishes, as people would see them.
 */
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { expect, it } from "vitest";

it("npm run demo plays a week and prints what people would see, with no contract violation", () => {
  const root = fileURLToPath(new URL("../..", import.meta.url));
  const started = Date.now();
  const run = spawnSync("npm", ["run", "--silent", "demo"], { cwd: root, encoding: "utf8", timeout: 240_000 });
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
  // A small gathering: a grid per day with the joint session spanning its two rooms, each track's waiting list, a chair's /now.
  expect(out).toMatch(/sovereign\/meetings#\d+: Community Summit 2025 — 2025-03-10 — the schedule and the waiting lists/);
  expect(out).toContain("<tr><th>Time</th><th>Room A — IaaS</th><th>Room B — Kubernetes</th></tr>");
  expect(out).toMatch(/<td colspan="2"><a [^>]+>sovereign\/infra#\d+ Cluster API on our IaaS<\/a><br>1h<br><em>joint session<\/em><\/td>/);
  expect(out).toMatch(
    /### Kubernetes \(Room B\)\n\n1\. \[sovereign\/infra#\d+ Kubernetes networking\]\([^)]+\) by \[bob\]\([^)]+\), 1h — no room left in Kubernetes/,
  );
  expect(out).toMatch(/## Happening now\n\n- \*\*Room A\*\* — IaaS: now \[Cluster API on our IaaS sovereign\/infra#\d+\]/);
  // The meeting is held and closed; the Action's minutes command publishes the minutes.
  expect(out).toContain("The Action's minutes, committed to sovereign/meetings: minutes/2025-01-13.md");
  expect(out).toContain("# Team IaaS — 2025-01-13");
  expect(out).toContain("- Participants: @alice, @bob, @carol");
  expect(out).toContain("- **Decision:** We require SPDX 2.3 SBOMs.");
  // The AI line carries no topic reference: it lands under the topic whose slot held the comment's time.
  expect(out).toMatch(
    /## Action items\n\n- AI @alice: send the summary to the mailing list \(sovereign\/meetings#1\)\n- AI @bob: Write the decision record \(sovereign\/standards#\d+\)/,
  );
  // ... and the calendar command the iCalendar file.
  expect(out).toContain("calendar/docket.ics");
  expect(out).toMatch(/BEGIN:VCALENDAR[\s\S]*UID:iaas@docket\.sovereign[\s\S]*SUMMARY:Team Meetup 2025[\s\S]*END:VCALENDAR/);
  // GitHub does not show Docket's hidden markers and state, and neither does the demo.
  expect(out).not.toContain("<!--");
  expect(out).toMatch(/\d+ API requests from the app and the Action, \d+ webhooks delivered, 0 contract violations\./);
  // The duration it states is the one it took.
  const stated = Number(/^Done in (\d+) s\.$/m.exec(out)?.[1]);
  expect(stated).toBeGreaterThan(0);
  expect(stated).toBeLessThanOrEqual(Math.ceil((Date.now() - started) / 1000));
}, 270_000);
