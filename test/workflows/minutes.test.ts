/**
 * The Action's `minutes` command (src/workflows/minutes.ts) against the local GitHub, through the
 * real gateway: a meeting issue Docket opened, people's comments during the meeting, the issue
 * closed; then the minutes file, the comment that links it, the follow-up issues and the labels
 * of discussed topics — and a second run that writes nothing.
 */
import { describe, expect, it } from "vitest";
import { runActionCommand, type ActionReport } from "../../src/action/run.js";
import { CommandError } from "../../src/workflows/action-job.js";
import { silentLogger } from "../../src/github/gateway.js";
import { readMinutesComment } from "../../src/render/minutes.js";
import { ACTION_TOKEN, CONFIG, jobContext, lastSeq, loadedConfig, useActionWorld, writesSince } from "./action-world.js";

const sim = useActionWorld();

const MEETINGS = "sovereign/meetings";
const AFTER_THE_MEETING = "2025-01-13T15:00:00Z";
const meetingIssue = (number: number) => ({ owner: "sovereign", repo: "meetings", number });

/** The config with the IaaS series' `minutes:` settings replaced. */
const withMinutes = (minutes: string) => CONFIG.replace("    open-ahead: 3d\n", `    open-ahead: 3d\n    minutes: ${minutes}\n`);

/**
 * Docket opens the meeting issue of 13 January (all four IaaS topics fit the hour); during the
 * meeting people record what happened in comments and tick a checklist line; alice closes it.
 */
async function holdMeeting(config = CONFIG): Promise<number> {
  const opened = await runActionCommand(jobContext(sim, "2025-01-08T09:00:00Z"), loadedConfig(config), { command: "agenda", series: "iaas" });
  const number = Number(/\/issues\/(\d+)$/.exec(opened.outputs.issues ?? "")?.[1]);
  sim.setClock({ now: "2025-01-13T13:02:00Z", frozen: true });
  const say = (as: string, body: string) => sim.act({ as, action: "comment", repo: MEETINGS, number, body });
  await say("alice", "/here");
  await say("bob", "/here @carol\n/note #1 Three new contributors introduced themselves; welcome!");
  await say(
    "carol",
    "/decision sovereign/standards#1 Adopt the v4 flavor naming standard as proposed.\n/action @bob sovereign/standards#1 Write the decision record",
  );
  await say("dave", "> /decision sovereign/infra#1 Skip the upgrade\n\nI do not agree with skipping it: see the thread above.");
  await say("renovate[bot]", "/note #1 Renovate has no opinion on contributors.");
  await say("alice", "AI @alice: send the summary to the mailing list");
  const body = sim.state.repo("sovereign", "meetings")!.issues.get(number)!.body ?? "";
  await sim.act({
    as: "alice",
    action: "edit",
    repo: MEETINGS,
    number,
    body: body.replace("## Notes\n", "## Notes\n\n- [x] sovereign/infra#2 merged before the meeting\n"),
  });
  await sim.act({ as: "alice", action: "close", repo: MEETINGS, number });
  return number;
}

const EXPECTED_MINUTES = `# Team IaaS — 2025-01-13

- Date: Monday, 13 January 2025
- Meeting issue: [sovereign/meetings#2](https://github.com/sovereign/meetings/issues/2)
- Participants: @alice, @bob, @carol, @dave
- Minutes: @bob

## Recurring items

- Anything to add to the agenda?

## Topics

### [sovereign/meetings#1 Welcome new contributors in the community call](https://github.com/sovereign/meetings/issues/1)

- Three new contributors introduced themselves; welcome!
- AI @alice: send the summary to the mailing list

### [sovereign/standards#1 Decide on the flavor naming standard v4](https://github.com/sovereign/standards/issues/1)

- **Decision:** Adopt the v4 flavor naming standard as proposed.
- AI @bob: Write the decision record

### [sovereign/infra#1 Upgrade the reference stack to the next OpenStack release](https://github.com/sovereign/infra/issues/1)

_Not discussed; carried over to the next meeting._

### [sovereign/infra#2 Bump ceph to 18.2.4](https://github.com/sovereign/infra/pull/2)

_Discussed; nothing recorded._

## Decisions

- Adopt the v4 flavor naming standard as proposed. (sovereign/standards#1)

## Action items

- AI @alice: send the summary to the mailing list (sovereign/meetings#1)
- AI @bob: Write the decision record (sovereign/standards#1)

## Carried over to the next meeting

- [sovereign/infra#1 Upgrade the reference stack to the next OpenStack release](https://github.com/sovereign/infra/issues/1)
`;

const labelsOf = (repo: string, number: number) =>
  sim.state
    .repo("sovereign", repo)!
    .issues.get(number)!
    .labels.map((l) => `${l.name} @ ${l.addedAt}`);

function docketComments(number: number): string[] {
  return sim.state
    .repo("sovereign", "meetings")!
    .issues.get(number)!
    .comments.filter((c) => c.author === "github-actions[bot]")
    .map((c) => c.body);
}

describe("minutes of a closed meeting issue", () => {
  it("commits the minutes, links them once, takes discussed topics off the agenda and leaves the rest on it", async () => {
    const number = await holdMeeting();
    const result = await runActionCommand(jobContext(sim, AFTER_THE_MEETING), loadedConfig(), { command: "minutes", issue: meetingIssue(number) });

    expect(sim.state.repo("sovereign", "meetings")!.commits.size).toBe(2);
    expect(sim.state.resolveRef(sim.state.repo("sovereign", "meetings")!)!.files.get("minutes/2025-01-13.md")?.text).toBe(EXPECTED_MINUTES);
    expect(result.outputs).toEqual({
      path: "minutes/2025-01-13.md",
      url: "https://github.com/sovereign/meetings/blob/main/minutes/2025-01-13.md",
      topics: "4",
      decisions: "1",
      "action-items": "2",
      "carried-over": "1",
      unparsed: "0",
    });
    expect(result.problems).toEqual([]);
    expect(result.warnings).toEqual([]);
    expect(result.summary).toContain("Committed `minutes/2025-01-13.md` in sovereign/meetings (new)");
    expect(result.summary).toContain(EXPECTED_MINUTES.trimEnd());

    const comments = docketComments(number);
    expect(comments).toHaveLength(1);
    expect(readMinutesComment(comments[0])).toEqual({ series: "iaas", date: "2025-01-13", url: result.outputs.url });
    expect(comments[0]).toContain(
      "The minutes of this meeting are published: [Team IaaS — 2025-01-13](https://github.com/sovereign/meetings/blob/main/minutes/2025-01-13.md).",
    );

    // Discussed: off the agenda. Not discussed: still labelled, at the time it was labelled, so it comes first next time.
    expect(labelsOf("meetings", 1)).toEqual([]);
    expect(labelsOf("standards", 1)).toEqual([]);
    expect(labelsOf("infra", 2)).toEqual([]);
    expect(labelsOf("infra", 1)).toEqual(["agenda/iaas @ 2025-01-06T09:30:00Z", "time/15m @ 2025-01-06T09:31:00Z"]);
  });

  it("the next agenda lists the topic carried over ahead of a newer one, by its label time alone", async () => {
    const number = await holdMeeting();
    await runActionCommand(jobContext(sim, AFTER_THE_MEETING), loadedConfig(), { command: "minutes", issue: meetingIssue(number) });
    await sim.act({ as: "bob", action: "label", repo: "sovereign/infra", number: 4, label: "agenda/iaas" });
    const next = await runActionCommand(jobContext(sim, "2025-01-24T13:00:00Z"), loadedConfig(), { command: "open-next", series: "iaas" });
    const issue = sim.state.repo("sovereign", "meetings")!.issues.get(Number(/(\d+)$/.exec(next.outputs.issues ?? "")?.[1]))!;
    expect(issue.title).toBe("Team IaaS — 2025-01-27");
    expect([...(issue.body ?? "").matchAll(/^\| (\d) \| (\d\d:\d\d) \| \[(sovereign\/\S+)/gm)].map((m) => `${m[1]} ${m[2]} ${m[3]}`)).toEqual([
      "1 14:00 sovereign/infra#1",
      "2 14:15 sovereign/infra#4",
    ]);
  });

  it("a second run publishes nothing new and comments nothing", async () => {
    const number = await holdMeeting();
    const first = await runActionCommand(jobContext(sim, AFTER_THE_MEETING), loadedConfig(), { command: "minutes", issue: meetingIssue(number) });
    const seq = lastSeq(sim);
    const second = await runActionCommand(jobContext(sim, "2025-01-13T16:00:00Z"), loadedConfig(), { command: "minutes", issue: meetingIssue(number) });
    expect(writesSince(sim, seq)).toEqual([]);
    expect(second.outputs).toEqual(first.outputs);
    expect(second.summary).toContain("`minutes/2025-01-13.md` in sovereign/meetings is already up to date");
    expect(second.summary).toContain("The meeting issue already links them");
    expect(docketComments(number)).toHaveLength(1);
  });

  it("a run cut short after the file is completed by the next: the comment follows, the file is not written again", async () => {
    const number = await holdMeeting();
    // A write budget of one: the file is committed, then the run stops.
    const cut = jobContext(sim, AFTER_THE_MEETING, { writeBudget: 1 });
    await expect(runActionCommand(cut, loadedConfig(), { command: "minutes", issue: meetingIssue(number) })).rejects.toThrow(/write budget/);
    expect(sim.state.resolveRef(sim.state.repo("sovereign", "meetings")!)!.files.get("minutes/2025-01-13.md")?.text).toBe(EXPECTED_MINUTES);
    expect(docketComments(number)).toHaveLength(0);
    const seq = lastSeq(sim);
    await runActionCommand(jobContext(sim, AFTER_THE_MEETING), loadedConfig(), { command: "minutes", issue: meetingIssue(number) });
    expect(writesSince(sim, seq)).toEqual([
      "POST /repos/sovereign/meetings/issues/2/comments",
      "DELETE /repos/sovereign/meetings/issues/1/labels/agenda%2Fiaas",
      "DELETE /repos/sovereign/standards/issues/1/labels/agenda%2Fiaas",
      "DELETE /repos/sovereign/infra/issues/2/labels/agenda%2Fiaas",
    ]);
  });

  it("follow-up issues: one per action item, assigned to its owner, opened once", async () => {
    const config = withMinutes("{ follow-up-issues: true }");
    const number = await holdMeeting(config);
    const result = await runActionCommand(jobContext(sim, AFTER_THE_MEETING), loadedConfig(config), { command: "minutes", issue: meetingIssue(number) });
    expect(result.summary).toContain("Follow-up issues: 2 opened, 0 opened before.");
    const followUps = [...sim.state.repo("sovereign", "meetings")!.issues.values()].filter((i) => i.labels.some((l) => l.name === "docket/follow-up"));
    expect(followUps.map((i) => [i.title, i.assignees])).toEqual([
      ["send the summary to the mailing list", ["alice"]],
      ["Write the decision record", ["bob"]],
    ]);
    expect(followUps[1]!.body).toContain(
      "An action item for @bob from [Team IaaS — 2025-01-13](https://github.com/sovereign/meetings/issues/2) (sovereign/standards#1):",
    );

    const seq = lastSeq(sim);
    const again = await runActionCommand(jobContext(sim, "2025-01-14T09:00:00Z"), loadedConfig(config), { command: "minutes", issue: meetingIssue(number) });
    expect(writesSince(sim, seq)).toEqual([]);
    expect(again.summary).toContain("Follow-up issues: 0 opened, 2 opened before.");
  });

  it("publish: pull-request opens one pull request from docket/minutes/iaas-2025-01-13, and no second one on a rerun", async () => {
    const config = withMinutes("{ publish: pull-request }");
    const number = await holdMeeting(config);
    const first = await runActionCommand(jobContext(sim, AFTER_THE_MEETING), loadedConfig(config), { command: "minutes", issue: meetingIssue(number) });
    const repo = sim.state.repo("sovereign", "meetings")!;
    const pulls = () => [...repo.issues.values()].filter((i) => i.kind === "pull_request");
    expect(pulls().map((p) => [p.number, p.title, p.pull?.head, p.pull?.base])).toEqual([
      [3, "Minutes of Team IaaS — 2025-01-13", "docket/minutes/iaas-2025-01-13", "main"],
    ]);
    expect(first.outputs.url).toBe("https://github.com/sovereign/meetings/pull/3");
    expect(sim.state.resolveRef(repo, "docket/minutes/iaas-2025-01-13")!.files.get("minutes/2025-01-13.md")?.text).toBe(EXPECTED_MINUTES);
    expect(sim.state.resolveRef(repo)!.files.has("minutes/2025-01-13.md")).toBe(false);
    expect(readMinutesComment(docketComments(number)[0])?.url).toBe("https://github.com/sovereign/meetings/pull/3");

    const seq = lastSeq(sim);
    const second = await runActionCommand(jobContext(sim, "2025-01-13T16:00:00Z"), loadedConfig(config), { command: "minutes", issue: meetingIssue(number) });
    expect(writesSince(sim, seq)).toEqual([]);
    expect(pulls()).toHaveLength(1);
    expect(second.outputs.url).toBe("https://github.com/sovereign/meetings/pull/3");
    expect(second.summary).toContain("The pull request for `minutes/2025-01-13.md` in sovereign/meetings is up to date");
  });

  it("dry run: writes nothing, and the summary says what it would write", async () => {
    const number = await holdMeeting();
    const seq = lastSeq(sim);
    const result = await runActionCommand(jobContext(sim, AFTER_THE_MEETING, { dryRun: true }), loadedConfig(), {
      command: "minutes",
      issue: meetingIssue(number),
    });
    expect(writesSince(sim, seq)).toEqual([]);
    expect(result.outputs.path).toBe("minutes/2025-01-13.md");
    expect(result.summary.split("\n").slice(0, 7)).toEqual([
      "> [!NOTE]",
      "> **Dry run:** nothing was written. Docket would have:",
      "> - create file: sovereign/meetings:main:minutes/2025-01-13.md",
      "> - comment: sovereign/meetings#2",
      "> - remove label: sovereign/meetings#1: agenda/iaas",
      "> - remove label: sovereign/standards#1: agenda/iaas",
      "> - remove label: sovereign/infra#2: agenda/iaas",
    ]);
    // It committed nothing, so it must not say it did.
    expect(result.summary).toContain("- Would commit `minutes/2025-01-13.md` in sovereign/meetings (new): ");
    expect(result.summary).toContain("- Would link them from the meeting issue: ");
    expect(result.summary).not.toMatch(/^- (Committed|Linked|Discussed, so taken)/m);
    expect(result.summary).toContain(EXPECTED_MINUTES.trimEnd());
  });

  it("with the GITHUB_TOKEN of the meetings repository, topics of other repositories keep their label, with a warning", async () => {
    const number = await holdMeeting();
    const result = await runActionCommand(jobContext(sim, AFTER_THE_MEETING, { token: ACTION_TOKEN }), loadedConfig(), {
      command: "minutes",
      issue: meetingIssue(number),
    });
    expect(result.problems).toEqual([]);
    expect(labelsOf("meetings", 1)).toEqual([]);
    expect(labelsOf("standards", 1)).toEqual(["agenda/iaas @ 2025-01-03T08:10:00Z"]);
    expect(result.warnings).toEqual([
      "sovereign/standards#1 was discussed, but this token cannot read it (deleted, or in a repository out of its reach): remove `agenda/iaas` by hand",
      "sovereign/infra#2 was discussed, but this token cannot read it (deleted, or in a repository out of its reach): remove `agenda/iaas` by hand",
    ]);
  });
});

describe("minutes of a series and a date", () => {
  it("finds the meeting issue by the series' label; the last meeting that started when no date is given", async () => {
    const number = await holdMeeting();
    const byDate = await runActionCommand(jobContext(sim, AFTER_THE_MEETING), loadedConfig(), { command: "minutes", series: "iaas", date: "2025-01-13" });
    expect(byDate.outputs.path).toBe("minutes/2025-01-13.md");
    const last = await runActionCommand(jobContext(sim, "2025-01-20T09:00:00Z"), loadedConfig(), { command: "minutes", series: "iaas" });
    expect(last.outputs.url).toBe(byDate.outputs.url);
    expect(docketComments(number)).toHaveLength(1);
  });

  it("errors name the series and the config path", async () => {
    const run = (inputs: { series?: string; date?: string }) =>
      runActionCommand(jobContext(sim, AFTER_THE_MEETING), loadedConfig(), { command: "minutes", ...inputs });
    await expect(run({ series: "nope" })).rejects.toEqual(
      new CommandError("there is no meeting series `nope` in the configuration (configured: iaas, meetup-2025)", "meetings"),
    );
    await expect(run({ series: "iaas", date: "2025-01-13" })).rejects.toMatchObject({
      message:
        "there is no meeting issue for Team IaaS on 2025-01-13 in sovereign/meetings (Docket looks at the 30 newest issues labelled `docket/iaas` and the 100 newest closed ones)",
      configPath: "meetings.iaas",
    });
    await expect(run({ series: "iaas", date: "2025-01-14" })).rejects.toMatchObject({
      message: "Team IaaS does not meet on 2025-01-14",
      configPath: "meetings.iaas",
    });
    await expect(run({})).rejects.toMatchObject({ message: "name the series to write minutes for (one of iaas, meetup-2025)", configPath: "meetings" });
    expect(writesSince(sim)).toEqual([]);
  });

  it("a meeting issue closed as not planned was cancelled: no minutes, and the summary and the log say why", async () => {
    await runActionCommand(jobContext(sim, "2025-01-08T09:00:00Z"), loadedConfig(), { command: "agenda", series: "iaas" });
    const number = [...sim.state.repo("sovereign", "meetings")!.issues.values()].find((i) => i.title === "Team IaaS — 2025-01-13")!.number;
    await sim.act({ as: "alice", action: "comment", repo: MEETINGS, number, body: "/decision #1 Nothing, it never met" });
    await sim.act({ as: "alice", action: "close", repo: MEETINGS, number, reason: "not_planned" });
    const seq = lastSeq(sim);
    const logged: string[] = [];
    const ctx = { ...jobContext(sim, AFTER_THE_MEETING), log: { ...silentLogger, info: (_: unknown, msg?: string) => void logged.push(msg ?? "") } };
    const why = `sovereign/meetings#${number} was closed as not planned: the meeting of Team IaaS on 2025-01-13 was cancelled, so there are no minutes to write; if it was held after all, reopen it and close it as completed`;

    const byIssue = await runActionCommand(ctx, loadedConfig(), { command: "minutes", issue: meetingIssue(number) });
    expect(byIssue).toEqual({ outputs: {}, summary: `## Minutes\n\nNothing to do: ${why}.`, problems: [], warnings: [] });
    expect(logged).toEqual([`no minutes: ${why}`]);
    const byDate = await runActionCommand(ctx, loadedConfig(), { command: "minutes", series: "iaas", date: "2025-01-13" });
    expect(byDate.summary).toContain("was closed as not planned: the meeting of Team IaaS on 2025-01-13 was cancelled");
    expect(byDate.outputs).toEqual({});
    expect(writesSince(sim, seq)).toEqual([]);
    expect(docketComments(number)).toEqual([]);
  });

  it("a closed issue that is no meeting issue is not an error: nothing to do", async () => {
    const result: ActionReport = await runActionCommand(jobContext(sim, AFTER_THE_MEETING), loadedConfig(), { command: "minutes", issue: meetingIssue(1) });
    expect(result).toEqual({
      outputs: {},
      summary: "## Minutes\n\nNothing to do: sovereign/meetings#1 is not a Docket meeting issue: no minutes to write.",
      problems: [],
      warnings: [],
    });
    expect(writesSince(sim)).toEqual([]);
  });
});
