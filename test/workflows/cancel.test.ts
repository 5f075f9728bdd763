/**
 * Cancelled meetings (issue 13) against the local GitHub: a meeting issue closed as "not planned"
 * is passed over however many come in a row, its text says where its topics went, and reopening
 * it restores the meeting. The IaaS series meets biweekly on odd-week Mondays: 13 and 27 January,
 * 10 and 24 February 2025.
 */
import { describe, expect, it } from "vitest";
import { readSection } from "../../src/render/markers.js";
import { meetingIssueLabel, syncAgenda } from "../../src/workflows/agenda.js";
import { handleCancelCommands } from "../../src/workflows/cancel.js";
import { CONFIG, commandTarget, jobContext, loadedConfig, useActionWorld } from "./action-world.js";

const sim = useActionWorld();
const NOW = "2025-01-08T09:00:00Z";

const meetingIssues = () =>
  [...sim.state.repo("sovereign", "meetings")!.issues.values()]
    .filter((i) => i.labels.some((l) => l.name === meetingIssueLabel("iaas")))
    .sort((a, b) => a.number - b.number);
const byTitle = (date: string) => meetingIssues().find((i) => i.title === `Team IaaS — ${date}`)!;
const agendaOf = (date: string) => readSection(byTitle(date).body ?? "", "agenda") ?? "";
const cancel = (date: string) => sim.state.setIssueState(byTitle(date), "closed", "alice", "not_planned");
const sync = () => syncAgenda(jobContext(sim, NOW), loadedConfig(), "iaas");

describe("cancelled meetings", () => {
  it("two meetings closed as not planned in a row: the third date opens, and the cancelled issues name it", async () => {
    await sync();
    cancel("2025-01-13");
    await sync();
    cancel("2025-01-27");

    const result = await sync();
    expect(result.problems).toEqual([]);
    expect(result.occurrence?.date).toBe("2025-02-10");
    expect(result.created).toBe(true);
    expect(meetingIssues().map((i) => [i.title, i.state])).toEqual([
      ["Team IaaS — 2025-01-13", "closed"],
      ["Team IaaS — 2025-01-27", "closed"],
      ["Team IaaS — 2025-02-10", "open"],
    ]);
    expect(agendaOf("2025-02-10")).toContain("Welcome new contributors");
    for (const date of ["2025-01-13", "2025-01-27"]) {
      expect(agendaOf(date)).toContain(
        "**Cancelled:** this meeting does not take place. Its topics move on to the next meeting that takes place, on Monday, 10 February 2025.",
      );
      expect(agendaOf(date)).not.toContain("Welcome new contributors");
    }
  });

  it("reopening a cancelled meeting restores it: its agenda is written again, and the earlier cancelled one points at it", async () => {
    await sync();
    cancel("2025-01-13");
    await sync();
    cancel("2025-01-27");
    await sync();
    sim.state.setIssueState(byTitle("2025-01-27"), "open", "alice");

    const result = await sync();
    expect(result.occurrence?.date).toBe("2025-01-27");
    expect(agendaOf("2025-01-27")).toContain("Welcome new contributors");
    expect(agendaOf("2025-01-27")).not.toContain("Cancelled");
    expect(agendaOf("2025-01-13")).toContain("on Monday, 27 January 2025.");
  });

  it("a meeting the chair closed as completed is passed over too, but not called cancelled", async () => {
    await sync();
    sim.state.setIssueState(byTitle("2025-01-13"), "closed", "alice", "completed");
    await sync();
    cancel("2025-01-27");
    const result = await sync();
    expect(result.occurrence?.date).toBe("2025-02-10");
    expect(agendaOf("2025-01-13")).not.toContain("Cancelled");
    expect(agendaOf("2025-01-27")).toContain("**Cancelled:**");
  });

  it("says the series has ended only when its rule has no later date", async () => {
    // The rule ends after 20 January: with both meetings cancelled, nothing is left.
    const config = loadedConfig(
      CONFIG.replace("cadence: biweekly\n    weeks: odd\n    day: monday\n", "cadence: FREQ=WEEKLY;BYDAY=MO;UNTIL=20250121T000000Z\n"),
    );
    expect(config.config.meetings.iaas!.cadence).toContain("UNTIL");
    const run = () => syncAgenda(jobContext(sim, NOW), config, "iaas");
    await run();
    cancel("2025-01-13");
    await run();
    cancel("2025-01-20");
    const result = await run();
    expect(result.problems).toEqual(["the series `iaas` has no future meetings (its recurrence rule has ended)"]);
    expect(agendaOf("2025-01-20")).toContain("The series' schedule has no later meeting");
  });
});

describe("a cancelled event", () => {
  it("an older event's cancelled issue under the same series id does not make this event cancelled", async () => {
    /** A meetup-2025 meeting issue alice opened and closed as not planned. */
    const cancelledMeetup = (title: string, body: string) => {
      const issue = sim.state.createIssue(sim.state.repo("sovereign", "meetings")!, {
        title,
        body,
        labels: [meetingIssueLabel("meetup-2025")],
        author: "alice",
      });
      sim.state.setIssueState(issue, "closed", "alice", "not_planned");
      return issue;
    };
    // Last year's meetup had the same series id; it was cancelled. This year's (3-14 February 2025) took place and is over.
    cancelledMeetup("Team Meetup 2025 — 2024-02-05", '<!-- docket:meeting {"series":"meetup-2025","date":"2024-02-05"} -->\n');
    const result = await syncAgenda(jobContext(sim, "2025-03-01T09:00:00Z"), loadedConfig(), "meetup-2025");
    expect(result.problems).toEqual(["the event `meetup-2025` is over (or its meeting issue is closed)"]);

    // This year's own issue, cancelled ahead: that one is named.
    const own = cancelledMeetup("Team Meetup 2025 — 2025-02-03", "");
    const ahead = await syncAgenda(jobContext(sim, NOW), loadedConfig(), "meetup-2025");
    expect(ahead.problems).toEqual([
      `the event \`meetup-2025\` is cancelled (its meeting issue https://github.com/sovereign/meetings/issues/${own.number} was closed as not planned; reopen it to hold the event)`,
    ]);
  });
});

describe("/cancel", () => {
  /** A comment by `author` in the meeting issue of 13 January, as the app's handler gets it. */
  const comment = (body: string, author = "alice") => ({ id: sim.state.addComment(byTitle("2025-01-13"), body, author).id, body, author });
  const inIssue = (date: string) => commandTarget(byTitle(date));
  const commentsOn = (date: string) => byTitle(date).comments.map((c) => c.body);

  it("`/cancel iaas <date>` for a date not opened yet opens its issue already closed as not planned; the next sync passes over it", async () => {
    await sync();
    const outcome = await handleCancelCommands(jobContext(sim, NOW), loadedConfig(), inIssue("2025-01-13"), comment("/cancel iaas 2025-01-27"));
    expect(outcome).toEqual({ touched: ["iaas"], replies: [] });
    const cancelled = byTitle("2025-01-27");
    expect([cancelled.state, cancelled.stateReason]).toEqual(["closed", "not_planned"]);
    // Not 13 January, the meeting coming up now: that one is before the cancelled date.
    expect(agendaOf("2025-01-27")).toContain("Its topics move on to the next meeting that takes place, on Monday, 10 February 2025.");
    cancel("2025-01-13");
    expect((await sync()).occurrence?.date).toBe("2025-02-10");
  });

  it("`/cancel` in a multi-day event's issue closes it and writes that the event is cancelled; reopening writes its agenda again", async () => {
    const meetup = () => syncAgenda(jobContext(sim, NOW), loadedConfig(), "meetup-2025");
    await meetup();
    const event = [...sim.state.repo("sovereign", "meetings")!.issues.values()].find((i) => i.title === "Team Meetup 2025 — 2025-02-03")!;
    const target = commandTarget(event);
    const body = "/cancel";
    const outcome = await handleCancelCommands(jobContext(sim, NOW), loadedConfig(), target, {
      id: sim.state.addComment(event, body, "alice").id,
      body,
      author: "alice",
    });
    expect(outcome).toEqual({ touched: ["meetup-2025"], replies: [] });
    expect([event.state, event.stateReason]).toEqual(["closed", "not_planned"]);
    const agenda = () => readSection(event.body ?? "", "agenda") ?? "";
    expect(agenda()).toContain("**Cancelled:** this event does not take place. Its topics keep their label; there is no other date for them to move on to.");
    expect(agenda()).toContain("_Reopen this issue to hold the event after all; Docket then writes its agenda here again._");
    expect(readSection(event.body ?? "", "waiting-list")).toBe("## Waiting list\n\nNobody waits for a cancelled event.");
    expect((await meetup()).problems).toEqual([expect.stringContaining("the event `meetup-2025` is cancelled")]);

    sim.state.setIssueState(event, "open", "alice");
    await meetup();
    expect(agenda()).not.toContain("Cancelled");
  });

  it("an event's issue closed as not planned by hand says it is cancelled after the next sync", async () => {
    const meetup = () => syncAgenda(jobContext(sim, NOW), loadedConfig(), "meetup-2025");
    await meetup();
    const event = [...sim.state.repo("sovereign", "meetings")!.issues.values()].find((i) => i.title === "Team Meetup 2025 — 2025-02-03")!;
    sim.state.setIssueState(event, "closed", "alice", "not_planned");
    await meetup();
    expect(readSection(event.body ?? "", "agenda")).toContain("**Cancelled:** this event does not take place.");
  });

  it("`/cancel iaas <date>` for a later meeting whose issue is open already writes the cancellation into it, naming the meeting after it", async () => {
    await sync();
    const meetings = sim.state.repo("sovereign", "meetings")!;
    sim.state.createIssue(meetings, { title: "Team IaaS — 2025-01-27", body: "Opened early by hand.\n", labels: [meetingIssueLabel("iaas")], author: "alice" });
    const outcome = await handleCancelCommands(jobContext(sim, NOW), loadedConfig(), inIssue("2025-01-13"), comment("/cancel iaas 2025-01-27"));
    expect(outcome).toEqual({ touched: ["iaas"], replies: [] });
    expect([byTitle("2025-01-27").state, byTitle("2025-01-27").stateReason]).toEqual(["closed", "not_planned"]);
    expect(byTitle("2025-01-27").body).toContain("Opened early by hand.");
    expect(agendaOf("2025-01-27")).toContain(
      "**Cancelled:** this meeting does not take place. Its topics move on to the next meeting that takes place, on Monday, 10 February 2025.",
    );
  });

  it("in an issue outside the series' meeting repository, a `docket/iaas` label counts for nothing: refused, no issue opened or closed there", async () => {
    await sync();
    // Bob may triage every repository of the organisation, so he can put the label on an issue in infra.
    const infra = sim.state.repo("sovereign", "infra")!;
    const decoy = sim.state.createIssue(infra, { title: "Team IaaS — 2025-01-13", body: "", labels: [meetingIssueLabel("iaas")], author: "bob" });
    const before = infra.issues.size;
    const body = "/cancel iaas 2025-01-27";
    const target = {
      repo: { owner: "sovereign", repo: "infra" },
      issueNumber: decoy.number,
      labels: [meetingIssueLabel("iaas")],
      title: decoy.title,
      body: "",
    };
    const outcome = await handleCancelCommands(jobContext(sim, NOW), loadedConfig(), target, {
      id: sim.state.addComment(decoy, body, "bob").id,
      body,
      author: "bob",
    });
    expect(outcome.touched).toEqual([]);
    expect(outcome.replies).toEqual([
      "The meetings of `iaas` are in `sovereign/meetings`, not `sovereign/infra`: comment `/cancel` in a meeting issue there; nothing was changed.",
    ]);
    expect(infra.issues.size).toBe(before);
    expect(meetingIssues().map((i) => i.state)).toEqual(["open"]);
  });

  it("meetings cancelled far ahead stay cancelled after 30 newer meeting issues; their text is rewritten around what people wrote", async () => {
    await sync();
    for (const date of ["2025-03-10", "2025-03-24"])
      await handleCancelCommands(jobContext(sim, NOW), loadedConfig(), inIssue("2025-01-13"), comment(`/cancel iaas ${date}`));
    sim.state.editIssue(byTitle("2025-03-10"), { body: `Spring break: see you in April.\n\n${byTitle("2025-03-10").body}` }, "alice");
    // 31 newer meeting issues of the series (say it met weekly for a while), held and closed.
    const meetings = sim.state.repo("sovereign", "meetings")!;
    for (let n = 1; n <= 31; n++) {
      const held = sim.state.createIssue(meetings, { title: `Team IaaS — extra ${n}`, body: "", labels: [meetingIssueLabel("iaas")], author: "alice" });
      sim.state.setIssueState(held, "closed", "alice", "completed");
    }
    const before = meetingIssues().length;

    const result = await syncAgenda(jobContext(sim, "2025-03-01T09:00:00Z"), loadedConfig(), "iaas");
    expect(result.occurrence?.date).toBe("2025-04-07");
    expect(meetingIssues().length).toBe(before + 1); // 7 April's; none for 10 or 24 March
    expect(byTitle("2025-03-10").body).toContain("Spring break: see you in April.");
    expect(agendaOf("2025-03-10")).toContain("Its topics move on to the next meeting that takes place, on Monday, 7 April 2025.");
  });

  it("a date the series does not meet on is refused with the closest dates; someone without triage is refused; nothing changes", async () => {
    await sync();
    const wrong = await handleCancelCommands(jobContext(sim, NOW), loadedConfig(), inIssue("2025-01-13"), comment("/cancel iaas 2025-01-20"));
    expect(wrong.touched).toEqual([]);
    expect(wrong.replies).toEqual([
      expect.stringContaining(
        "`iaas` does not meet on 2025-01-20; nothing was changed. The closest dates: `/cancel iaas 2025-01-13` or `/cancel iaas 2025-01-27`.",
      ),
    ]);
    const carol = await handleCancelCommands(jobContext(sim, NOW), loadedConfig(), inIssue("2025-01-13"), comment("/cancel", "carol"));
    expect(carol.replies).toEqual([
      expect.stringContaining("@carol only people with triage permission (or more) on `sovereign/meetings` can cancel a meeting"),
    ]);
    expect(meetingIssues().map((i) => i.state)).toEqual(["open"]);
    expect(commentsOn("2025-01-13")).toHaveLength(4); // the two commands and the two replies
  });
});
