/**
 * Cancelled meetings as a chair meets them (issue 13): the app runs as its own process against
 * the local GitHub. Team IaaS meets on odd-week Mondays (13 and 27 January, 10 February 2025);
 * the chair cancels the next two, one with `/cancel iaas 2025-01-27` (a date not opened yet), one
 * by closing its issue as not planned. Topics go to 10 February; reopening 27 January restores it.
 */
import { describe, expect, it } from "vitest";
import { readSection } from "../../src/render/markers.js";
import { useAppProcess } from "./harness.js";

const e2e = useAppProcess({ timeoutMs: 200_000 });

async function meetings(): Promise<Array<{ number: number; title: string; state: string; stateReason: string | null; agenda: string }>> {
  const found = await e2e.gh.issues("sovereign", "meetings", { label: "docket/iaas", state: "all" });
  const full = await Promise.all(found.map((i) => e2e.gh.issue("sovereign", "meetings", i.number)));
  return full
    .sort((a, b) => a.title.localeCompare(b.title))
    .map((i) => ({
      number: i.number,
      title: i.title,
      state: i.state,
      stateReason: i.stateReason,
      agenda: readSection((i.body ?? "").replace(/\r\n/g, "\n"), "agenda") ?? "",
    }));
}
const byDate = async (date: string) => (await meetings()).find((m) => m.title === `Team IaaS — ${date}`)!;

describe("a holiday break: two meetings cancelled in a row", () => {
  it("the next two meetings cancelled (one by /cancel for a date not opened yet, one closed as not planned); the third opens with the topics", async () => {
    await e2e.gh.label("bob", "sovereign/infra", 4, "agenda/iaas");
    await e2e.quiet();
    const first = await byDate("2025-01-13");
    await e2e.gh.comment("alice", "sovereign/meetings", first.number, "Holidays!\n\n/cancel iaas 2025-01-27");
    await e2e.quiet();
    await e2e.gh.close("alice", "sovereign/meetings", first.number, "not_planned");
    await e2e.quiet();

    const all = await meetings();
    expect(all.map((m) => [m.title, m.state, m.stateReason])).toEqual([
      ["Team IaaS — 2025-01-13", "closed", "not_planned"],
      ["Team IaaS — 2025-01-27", "closed", "not_planned"],
      ["Team IaaS — 2025-02-10", "open", null],
    ]);
    for (const m of all.slice(0, 2))
      expect(m.agenda).toContain(
        "**Cancelled:** this meeting does not take place. Its topics move on to the next meeting that takes place, on Monday, 10 February 2025.",
      );
    expect(all[2]!.agenda).toContain("Welcome new contributors in the community call");

    // A topic labelled now goes to 10 February, not to "a series that has ended".
    await e2e.gh.label("bob", "sovereign/infra", 3, "agenda/iaas");
    await e2e.quiet();
    const third = await byDate("2025-02-10");
    expect(`${third.agenda}\n${(await e2e.gh.issue("sovereign", "meetings", third.number)).body}`).toContain("sovereign/infra#3");
    expect(e2e.app.output()).not.toContain("has no future meetings");
  }, 90_000);

  it("reopening the cancelled 27 January restores it: its agenda is written again and 13 January now points at it", async () => {
    const restored = await byDate("2025-01-27");
    await e2e.gh.reopen("alice", "sovereign/meetings", restored.number);
    await e2e.quiet();
    const after = await byDate("2025-01-27");
    expect(after.state).toBe("open");
    expect(after.agenda).toContain("Welcome new contributors in the community call");
    expect(after.agenda).not.toContain("Cancelled");
    expect((await byDate("2025-01-13")).agenda).toContain("on Monday, 27 January 2025.");
  }, 60_000);
});
