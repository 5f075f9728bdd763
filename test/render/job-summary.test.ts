/**
 * The job summary and the step outputs, rendered from what a command did
 * (src/render/job-summary.ts). The commands themselves run against the local
 * GitHub in test/workflows/; here the results are written out by hand.
 */
import { describe, expect, it } from "vitest";
import type { DocketConfig } from "../../src/config/schema.js";
import { commandOutputs, commandSummary, publishSentence, summaryMarkdown } from "../../src/render/job-summary.js";
import type { CommandResult } from "../../src/workflows/action-job.js";
import type { AgendaSyncResult } from "../../src/workflows/agenda.js";
import type { PublishResult } from "../../src/workflows/publish.js";

const meetings = {
  iaas: { title: "Team IaaS", "open-ahead": 7 * 24 * 60 },
  ops: { title: "Ops | weekly" },
  meetup: { title: "Meetup 2024" },
} as unknown as DocketConfig["meetings"];
const live = { meetings, dryRun: false, writes: [] };

function synced(seriesId: string, fields: Partial<AgendaSyncResult>): AgendaSyncResult {
  return {
    seriesId,
    occurrence: null,
    meeting: null,
    created: false,
    updated: false,
    promoted: [],
    moved: [],
    dropped: [],
    agenda: null,
    problems: [],
    warnings: [],
    hidden: 0,
    issues: [],
    ...fields,
  };
}
const occurrence = (seriesId: string, date: string) => ({
  seriesId,
  date,
  start: `${date}T14:00:00.000+01:00`,
  end: `${date}T14:30:00.000+01:00`,
  timezone: "Europe/Berlin",
});
const issue = (number: number) => ({ url: `https://github.com/sovereign/meetings/issues/${number}` }) as AgendaSyncResult["meeting"];

describe("open-next", () => {
  const result: CommandResult = {
    command: "open-next",
    meetings: [
      synced("iaas", { occurrence: occurrence("iaas", "2025-02-10"), opensAt: "2025-02-03T13:00:00.000Z" }),
      synced("ops", { occurrence: occurrence("ops", "2025-01-15"), created: true, meeting: issue(12) }),
      synced("meetup", {}),
    ],
    problems: [],
    warnings: [],
  };

  it("tells, per series, which issue was opened, which opens later and which series is over", () => {
    expect(commandSummary(result, live)).toBe(
      [
        "## Next meetings",
        "",
        "Opened 1 meeting issue.",
        "",
        "| Series | Next meeting | Issue |",
        "| --- | --- | --- |",
        "| Team IaaS | 2025-02-10 | opens 2025-02-03 13:00 UTC (7d ahead) |",
        "| Ops \\| weekly | 2025-01-15 | opened https://github.com/sovereign/meetings/issues/12 |",
        "| Meetup 2024 | — | no future meeting |",
      ].join("\n"),
    );
  });

  it("gives the opened issues as step outputs, one a line", () => {
    expect(commandOutputs(result)).toEqual({ opened: "1", issues: "https://github.com/sovereign/meetings/issues/12" });
  });

  it("starts a dry run's summary with the writes it held back, mentions defused", () => {
    const writes = [
      { kind: "create issue", target: "sovereign/meetings: Ops — 2025-01-15", dryRun: true },
      { kind: "comment", target: "sovereign/meetings#7 for @alice", dryRun: true },
    ];
    const md = commandSummary(result, { meetings, dryRun: true, writes });
    expect(md.split("\n\n")[0]).toBe(
      [
        "> [!NOTE]",
        "> **Dry run:** nothing was written. Docket would have:",
        "> - create issue: sovereign/meetings: Ops — 2025-01-15",
        "> - comment: sovereign/meetings#7 for @\u200balice",
      ].join("\n"),
    );
    expect(commandSummary(result, { meetings, dryRun: true, writes: [] })).toMatch(
      /^> \[!NOTE\]\n> \*\*Dry run:\*\* nothing was written, and nothing would have been: everything is up to date\.\n\n## Next meetings/,
    );
  });
});

describe("minutes", () => {
  it("says why there was nothing to do, with no outputs", () => {
    const minutes = {
      skipped: "sovereign/meetings#1 is not a Docket meeting issue",
      seriesId: null,
      date: null,
      meeting: null,
      model: null,
      markdown: null,
      published: null,
      commented: false,
      followUps: [],
      unlabelled: [],
      warnings: [],
      hidden: 0,
    };
    const result: CommandResult = { command: "minutes", minutes, problems: [], warnings: [] };
    expect(commandSummary(result, live)).toBe("## Minutes\n\nNothing to do: sovereign/meetings#1 is not a Docket meeting issue.");
    expect(commandOutputs(result)).toEqual({});
  });
});

describe("publishSentence", () => {
  const published: PublishResult = {
    status: "pull-request-opened",
    repository: "sovereign/meetings",
    path: "minutes/2025-01-13.md",
    url: "https://github.com/sovereign/meetings/pull/3",
    fileUrl: "https://github.com/sovereign/meetings/blob/main/minutes/2025-01-13.md",
    pullRequest: null,
    dryRun: false,
  };

  it("says what was done with the file, or with a dry run what would have been", () => {
    expect(publishSentence(published)).toBe(
      "Opened a pull request for `minutes/2025-01-13.md` in sovereign/meetings: https://github.com/sovereign/meetings/pull/3",
    );
    expect(publishSentence({ ...published, status: "created", url: published.fileUrl, dryRun: true })).toBe(
      "Would commit `minutes/2025-01-13.md` in sovereign/meetings (new): https://github.com/sovereign/meetings/blob/main/minutes/2025-01-13.md",
    );
  });
});

describe("summaryMarkdown", () => {
  const writes = [
    { kind: "create issue", target: "sovereign/meetings: Team IaaS — 2025-01-27", dryRun: true },
    { kind: "comment", target: "sovereign/meetings#7", dryRun: true },
  ];

  it("writes a summary with the command's own part (which lists a dry run's writes itself)", () => {
    expect(summaryMarkdown({ command: "open-next", dryRun: true, writes, body: "Opened **1** meeting issue.\n" })).toBe(
      ["## Docket: open-next (dry run)", "", "Opened **1** meeting issue.", ""].join("\n"),
    );
  });

  it("lists a dry run's writes when the command did not finish", () => {
    expect(summaryMarkdown({ command: "open-next", dryRun: true, writes, failure: "Not found" })).toBe(
      [
        "## Docket: open-next (dry run)",
        "",
        "**Failed:** Not found",
        "",
        "### Dry run: 2 writes not made",
        "",
        "| # | write | target |",
        "| --- | --- | --- |",
        "| 1 | create issue | sovereign/meetings: Team IaaS — 2025-01-27 |",
        "| 2 | comment | sovereign/meetings#7 |",
        "",
      ].join("\n"),
    );
  });

  it("says why a run failed, with the config's problems", () => {
    const md = summaryMarkdown({
      command: "minutes",
      dryRun: false,
      writes: [],
      failure: ".github/docket.yml has 1 problem: Docket changed nothing.",
      configProblems: {
        file: ".github/docket.yml",
        problems: [{ path: "meetings.iaas.day", message: 'expected one of monday, …, got "mon"', line: 5, column: 10 }],
      },
    });
    expect(md).toBe(
      [
        "## Docket: minutes",
        "",
        "**Failed:** .github/docket.yml has 1 problem: Docket changed nothing.",
        "",
        "Problems in `.github/docket.yml`:",
        "",
        '- .github/docket.yml:5:10 meetings.iaas.day: expected one of monday, …, got "mon"',
        "",
      ].join("\n"),
    );
  });
});
