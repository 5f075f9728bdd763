/**
 * The Action's `open-next` and `agenda` commands (src/workflows/meetings.ts) against the local
 * GitHub: the next meeting's issue opens once, and only within the series' `open-ahead`; the
 * agenda rebuild syncs every series and the backlog; an unknown series is an error naming it.
 */
import { describe, expect, it } from "vitest";
import { runActionCommand } from "../../src/action/run.js";
import { CommandError, type ActionCommand } from "../../src/workflows/action-job.js";
import { meetingIssueLabel } from "../../src/workflows/agenda.js";
import { jobContext, lastSeq, loadedConfig, useActionWorld, writesSince } from "./action-world.js";

const sim = useActionWorld();

const meetingIssues = (series: string) =>
  [...sim.state.repo("sovereign", "meetings")!.issues.values()].filter((i) => i.labels.some((l) => l.name === meetingIssueLabel(series)));

describe("open-next", () => {
  it("opens the next meeting's issue only within open-ahead (3 days before Monday 14:00 Berlin), and only once", async () => {
    // Wednesday 8 January: the meeting of Monday 13 January is more than 3 days away.
    const early = await runActionCommand(jobContext(sim, "2025-01-08T09:00:00Z"), loadedConfig(), { command: "open-next", series: "iaas" });
    expect(early.outputs).toEqual({ opened: "0", issues: "" });
    expect(early.summary).toContain("| Team IaaS | 2025-01-13 | opens 2025-01-10 13:00 UTC (3d ahead) |");
    expect(writesSince(sim)).toEqual([]);

    const inTime = await runActionCommand(jobContext(sim, "2025-01-10T13:00:00Z"), loadedConfig(), { command: "open-next", series: "iaas" });
    expect(inTime.outputs).toEqual({ opened: "1", issues: "https://github.com/sovereign/meetings/issues/2" });
    expect(meetingIssues("iaas").map((i) => i.title)).toEqual(["Team IaaS — 2025-01-13"]);
    expect(meetingIssues("iaas")[0]!.body).toContain("| 1 | 14:00 | [sovereign/meetings#1 Welcome new contributors in the community call]");

    const seq = lastSeq(sim);
    const again = await runActionCommand(jobContext(sim, "2025-01-11T06:00:00Z"), loadedConfig(), { command: "open-next", series: "iaas" });
    expect(again.outputs).toEqual({ opened: "0", issues: "" });
    expect(again.summary).toContain("| Team IaaS | 2025-01-13 | already open: https://github.com/sovereign/meetings/issues/2 |");
    expect(writesSince(sim, seq)).toEqual([]);
    expect(meetingIssues("iaas")).toHaveLength(1);
  });

  it("every series: one without open-ahead opens at once; an event that is over is no problem", async () => {
    const result = await runActionCommand(jobContext(sim, "2025-02-20T09:00:00Z"), loadedConfig(), { command: "open-next" });
    expect(result.problems).toEqual([]);
    expect(result.outputs.opened).toBe("0"); // IaaS: 24 February is 4 days away
    expect(result.summary).toContain("| Team Meetup 2025 | — | no future meeting |");

    const meetup = await runActionCommand(jobContext(sim, "2025-01-08T09:00:00Z"), loadedConfig(), { command: "open-next", series: "meetup-2025" });
    expect(meetup.outputs).toEqual({ opened: "1", issues: "https://github.com/sovereign/meetings/issues/2" });
  });

  it("dry run opens nothing and says which issue it would open", async () => {
    const result = await runActionCommand(jobContext(sim, "2025-01-10T13:00:00Z", { dryRun: true }), loadedConfig(), { command: "open-next", series: "iaas" });
    expect(writesSince(sim)).toEqual([]);
    expect(result.summary).toContain("> - create issue: sovereign/meetings: Team IaaS — 2025-01-13");
    expect(result.summary).toContain("| Team IaaS | 2025-01-13 | would be opened |");
  });
});

describe("agenda", () => {
  it("rebuilds every series' agenda and the idea backlog", async () => {
    const result = await runActionCommand(jobContext(sim, "2025-01-08T09:00:00Z"), loadedConfig(), { command: "agenda" });
    expect(result.problems).toEqual([]);
    expect(result.outputs).toEqual({
      meetings: "2",
      scheduled: "5",
      waiting: "0",
      issues: "https://github.com/sovereign/meetings/issues/2\nhttps://github.com/sovereign/meetings/issues/3",
    });
    expect(result.summary).toContain("| Team IaaS | 2025-01-13 | https://github.com/sovereign/meetings/issues/2 | 4 | 0 | opened |");
    expect(result.summary).toContain("| Team Meetup 2025 | 2025-02-03 | https://github.com/sovereign/meetings/issues/3 | 1 | 0 | opened |");
    expect(result.summary).toContain("Idea backlog (2 ideas): https://github.com/sovereign/meetings/issues/4 — opened.");

    const seq = lastSeq(sim);
    const again = await runActionCommand(jobContext(sim, "2025-01-08T10:00:00Z"), loadedConfig(), { command: "agenda" });
    expect(writesSince(sim, seq)).toEqual([]);
    expect(again.summary).toContain("| Team IaaS | 2025-01-13 | https://github.com/sovereign/meetings/issues/2 | 4 | 0 | up to date |");
  });

  it("a named series only (no backlog)", async () => {
    const result = await runActionCommand(jobContext(sim, "2025-01-08T09:00:00Z"), loadedConfig(), { command: "agenda", series: "iaas" });
    expect(result.outputs).toMatchObject({ meetings: "1", scheduled: "4", waiting: "0" });
    expect(result.summary).not.toContain("Idea backlog");
  });
});

describe("errors", () => {
  it.each<ActionCommand>(["open-next", "agenda", "minutes"])("%s: an unknown series is an error naming it and the config path", async (command) => {
    await expect(runActionCommand(jobContext(sim, "2025-01-08T09:00:00Z"), loadedConfig(), { command, series: "iaaas" })).rejects.toEqual(
      new CommandError("there is no meeting series `iaaas` (did you mean `iaas`?) in the configuration (configured: iaas, meetup-2025)", "meetings"),
    );
    expect(writesSince(sim)).toEqual([]);
  });

  it("an unknown command", async () => {
    await expect(runActionCommand(jobContext(sim, "2025-01-08T09:00:00Z"), loadedConfig(), { command: "publish" as ActionCommand })).rejects.toThrow(
      "unknown command `publish` (expected one of minutes, sprint-review, backlog, open-next, agenda, calendar, recap, site)",
    );
  });
});
