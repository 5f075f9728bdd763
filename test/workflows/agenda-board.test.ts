/**
 * Boards as sources (src/workflows/board.ts) in the agenda and the idea backlog, against the
 * local GitHub: the example world's board "Community planning" (sovereign #1) holds a labelled
 * pull request, an unlabelled issue with a board estimate, a draft and a closed issue marked
 * Agenda, and a draft and a labelled issue marked Idea. Changes are made as people make them
 * (board actions, closing an issue); the Action's `agenda` command rebuilds.
 */
import { describe, expect, it } from "vitest";
import { readSection } from "../../src/render/markers.js";
import { runActionCommand } from "../../src/action/run.js";
import { syncAgenda, meetingIssueLabel } from "../../src/workflows/agenda.js";
import { syncBacklog, BACKLOG_ISSUE_LABEL } from "../../src/workflows/backlog.js";
import { CommandError } from "../../src/workflows/command-error.js";
import { ALICE_TOKEN, CONFIG, NARROW_TOKEN, jobContext, lastSeq, loadedConfig, useActionWorld, writesSince } from "./action-world.js";

const sim = useActionWorld();
const NOW = "2025-01-08T09:00:00Z";

const BOARD_CONFIG = CONFIG.replace(
  "    label: agenda/iaas\n",
  "    label: agenda/iaas\n    board: { owner: sovereign, number: 1, estimate-field: Estimate }\n",
).replace("  label: idea\n", "  label: idea\n  board: { owner: sovereign, number: 1 }\n");

const issuesLabelled = (label: string) => [...sim.state.repo("sovereign", "meetings")!.issues.values()].filter((i) => i.labels.some((l) => l.name === label));
const meetingBody = () => issuesLabelled(meetingIssueLabel("iaas"))[0]!.body ?? "";

describe("a series with a board", () => {
  it("puts board items (issues, pull requests, drafts) on the agenda with labelled topics, each once, in queue order", async () => {
    const config = loadedConfig(BOARD_CONFIG);
    expect(config.config.meetings.iaas?.board).toEqual({ owner: "sovereign", number: 1, field: "Status", value: "Agenda", "estimate-field": "Estimate" });
    const result = await syncAgenda(jobContext(sim, NOW), config, "iaas");
    expect(result.problems).toEqual([]);
    expect(result.warnings).toEqual([]);
    // 1 hour: four labelled topics (55 min), then the draft (board: 5 min) fits; the unlabelled
    // issue (board: 20 min, on the board since 7 January 17:00) waits. The pull request is both
    // labelled and on the board: once, at the earlier of the two times (its label).
    expect(result.agenda!.scheduled.map((s) => [s.topic.title, s.minutes])).toEqual([
      ["Welcome new contributors in the community call", 10],
      ["Decide on the flavor naming standard v4", 20],
      ["Upgrade the reference stack to the next OpenStack release", 15],
      ["Bump ceph to 18.2.4", 10],
      ["Rotate the chair of the IaaS call", 5],
    ]);
    expect(result.agenda!.waiting.map((w) => [w.topic.title, w.minutes])).toEqual([["Disk usage alerts fire too often", 20]]);
    const body = meetingBody();
    // The draft has no issue: it links to its item on the board.
    expect(body).toMatch(/\[Rotate the chair of the IaaS call\]\(https:\/\/github\.com\/orgs\/sovereign\/projects\/1\?pane=issue&itemId=\d+\)/);
    // Once on the agenda (and once as its heading in the notes area).
    expect(readSection(body, "agenda")!.match(/Bump ceph to 18\.2\.4/g)).toHaveLength(1);
    expect(body).not.toContain("Retire the v2 image standard"); // closed, though marked Agenda
    expect(body).toContain("Disk usage alerts fire too often");
  });

  it("moves a board topic up when room frees, tells its author once, and drops what leaves the board", async () => {
    const config = loadedConfig(BOARD_CONFIG);
    await syncAgenda(jobContext(sim, NOW), config, "iaas");
    const board = await jobContext(sim, NOW).gateway.board({ owner: "sovereign", number: 1 });
    const draft = board.items.find((i) => i.content && i.content.title === "Rotate the chair of the IaaS call")!;

    // The draft is done (moved off Agenda) and the 15-minute upgrade is closed: 20 minutes free up.
    await sim.act({ as: "bob", action: "board-set", board: "sovereign/1", item: draft.id, values: { Status: "Done" } });
    await sim.act({ as: "alice", action: "close", repo: "sovereign/infra", number: 1 });
    const after = await syncAgenda(jobContext(sim, "2025-01-09T09:00:00Z"), config, "iaas");
    expect(after.agenda!.scheduled.map((s) => s.topic.title)).toEqual([
      "Welcome new contributors in the community call",
      "Decide on the flavor naming standard v4",
      "Bump ceph to 18.2.4",
      "Disk usage alerts fire too often",
    ]);
    expect(after.agenda!.waiting).toEqual([]);
    expect(meetingBody()).not.toContain("Rotate the chair");
    const told = [...sim.state.issue(sim.state.repo("sovereign", "infra")!, 4)!.comments.values()].map((c) => c.body);
    expect(told).toHaveLength(1);
    expect(told[0]).toContain("moved up");

    // A rebuild with nothing new writes nothing and tells nobody twice.
    const seq = lastSeq(sim);
    await syncAgenda(jobContext(sim, "2025-01-09T10:00:00Z"), config, "iaas");
    expect(writesSince(sim, seq)).toEqual([]);
  });

  it("a board that does not exist stops the rebuild with the config path, and the agenda is left as it was", async () => {
    await syncAgenda(jobContext(sim, NOW), loadedConfig(BOARD_CONFIG), "iaas");
    const before = meetingBody();
    const seq = lastSeq(sim);
    const broken = loadedConfig(
      BOARD_CONFIG.replace("board: { owner: sovereign, number: 1, estimate-field: Estimate }", "board: { owner: sovereign, number: 9 }"),
    );
    const run = syncAgenda(jobContext(sim, "2025-01-09T09:00:00Z"), broken, "iaas");
    await expect(run).rejects.toBeInstanceOf(CommandError);
    await expect(run).rejects.toMatchObject({
      configPath: "meetings.iaas.board",
      message: expect.stringContaining("sovereign#9 does not exist or Docket may not read it"),
    });
    expect(writesSince(sim, seq)).toEqual([]);
    expect(meetingBody()).toBe(before);
  });

  it.each([
    [
      "field",
      "board: { owner: sovereign, number: 1, field: Stauts }",
      'the board sovereign#1 has no single-select field named "Stauts" (its single-select fields: "Status")',
    ],
    [
      "value",
      "board: { owner: sovereign, number: 1, value: Agneda }",
      'the field "Status" of the board sovereign#1 has no option "Agneda" (its options: "Agenda", "Idea", "Done")',
    ],
    [
      "estimate-field",
      "board: { owner: sovereign, number: 1, estimate-field: Minutes }",
      'the board sovereign#1 has no number field named "Minutes" (its number fields: "Estimate")',
    ],
  ])("a misspelt %s is an error at its config path, not an agenda without the board's topics", async (key, board, message) => {
    await syncAgenda(jobContext(sim, NOW), loadedConfig(BOARD_CONFIG), "iaas");
    const before = meetingBody();
    const typo = loadedConfig(BOARD_CONFIG.replace("board: { owner: sovereign, number: 1, estimate-field: Estimate }", board));
    await expect(syncAgenda(jobContext(sim, NOW), typo, "iaas")).rejects.toEqual(new CommandError(message, `meetings.iaas.board.${key}`));
    expect(meetingBody()).toBe(before);
  });

  it("a token without organization_projects: read cannot see the board: the same clear error", async () => {
    const result = runActionCommand(jobContext(sim, NOW, { token: "ghs_action_token_meetings_0001" }), loadedConfig(BOARD_CONFIG), {
      command: "agenda",
      series: "iaas",
    });
    await expect(result).rejects.toMatchObject({ configPath: "meetings.iaas.board", message: expect.stringContaining('"organization_projects: read"') });
  });

  it("skips board items the token may not see and says how many, without failing", async () => {
    const result = await runActionCommand(jobContext(sim, NOW, { token: NARROW_TOKEN }), loadedConfig(BOARD_CONFIG), { command: "agenda", series: "iaas" });
    expect(result.problems).toEqual([]);
    expect(result.warnings).toEqual([
      "meetings.iaas: 2 items on the board sovereign#1 are hidden from Docket (in repositories it may not read) and were skipped",
    ]);
    expect(meetingBody()).toContain("Rotate the chair of the IaaS call");
  });
});

describe("a user's board", () => {
  it("sends no events, so the Action's agenda command rebuilds from it (with a token that may read it)", async () => {
    const config = loadedConfig(CONFIG.replace("    label: agenda/iaas\n", "    label: agenda/iaas\n    board: { owner: alice, number: 3 }\n"));
    const result = await runActionCommand(jobContext(sim, NOW, { token: ALICE_TOKEN }), config, { command: "agenda", series: "iaas" });
    expect(result.problems).toEqual([]);
    expect(result.outputs).toMatchObject({ meetings: "1", scheduled: "4", waiting: "2" }); // four labelled topics fill the hour; the issue and the draft on her board wait
    expect(meetingBody()).toContain("[Thank the outgoing chair](https://github.com/users/alice/projects/3?pane=issue&itemId=");
    expect(meetingBody()).toContain("[sovereign/infra#4 Disk usage alerts fire too often]");
    expect(meetingBody()).not.toContain("Not yet");
  });
});

describe("a backlog with a board", () => {
  it("lists labelled ideas and board ideas (a draft too) once each, alphabetically", async () => {
    const result = await syncBacklog(jobContext(sim, NOW), loadedConfig(BOARD_CONFIG));
    expect(result.ideas.map((t) => t.title)).toEqual(["A mentoring programme", "Add a glossary", "Zero-downtime upgrades of the control plane"]);
    const body = issuesLabelled(BACKLOG_ISSUE_LABEL)[0]!.body ?? "";
    expect(body.match(/Add a glossary/g)).toHaveLength(1);
    expect(body).toMatch(/\[A mentoring programme\]\(https:\/\/github\.com\/orgs\/sovereign\/projects\/1\?pane=issue&itemId=\d+\)/);
  });

  it("an idea added on the board appears on the next rebuild", async () => {
    const config = loadedConfig(BOARD_CONFIG);
    await syncBacklog(jobContext(sim, NOW), config);
    await sim.act({ as: "bob", action: "board-add", board: "sovereign/1", issue: "sovereign/infra#3", values: { Status: "Idea" } });
    const again = await syncBacklog(jobContext(sim, "2025-01-08T10:00:00Z"), config);
    expect(again.updated).toBe(true);
    expect(again.ideas.map((t) => t.title)).toContain("Hands-on session on the new monitoring stack");
  });
});
