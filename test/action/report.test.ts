import { describe, expect, it } from "vitest";
import { configAnnotation, dryRunLog, logLine, summaryMarkdown } from "../../src/action/report.js";

const meetings = { owner: "sovereign", repo: "meetings" };

describe("logLine", () => {
  it("puts the message first, then the fields", () => {
    expect(logLine({ kind: "create issue", target: "sovereign/meetings: Team IaaS" }, "dry run: would write")).toBe(
      'dry run: would write kind="create issue" target="sovereign/meetings: Team IaaS"',
    );
    expect(logLine({ err: new Error("boom"), n: 3, job: "a#b" }, "failed")).toBe('failed err="boom" n=3 job=a#b');
    expect(logLine("plain")).toBe("plain");
  });
});

describe("configAnnotation", () => {
  const problem = { path: "meetings.iaas.timezone", message: 'expected an IANA time zone, got "Europe/Berln"', line: 7, column: 15 };

  it("points at the file and line in the workflow's repository", () => {
    expect(configAnnotation(problem, meetings, meetings)).toEqual({
      message: '.github/docket.yml:7:15 meetings.iaas.timezone: expected an IANA time zone, got "Europe/Berln"',
      properties: { file: ".github/docket.yml", startLine: 7, startColumn: 15 },
    });
  });

  it("names a config in another repository in the message only", () => {
    expect(configAnnotation(problem, { owner: "sovereign", repo: ".github" }, meetings)).toEqual({
      message: 'sovereign/.github/.github/docket.yml:7:15 meetings.iaas.timezone: expected an IANA time zone, got "Europe/Berln"',
      properties: {},
    });
  });

  it("cannot ping anyone", () => {
    expect(configAnnotation({ path: "x", message: "got @sovereign/everyone" }, meetings, meetings).message).toBe(".github/docket.yml x: got @\u200bsovereign/everyone");
  });
});

describe("dry run and summary", () => {
  const writes = [
    { kind: "create issue", target: "sovereign/meetings: Team IaaS — 2025-01-27", dryRun: true },
    { kind: "comment", target: "sovereign/meetings#7", dryRun: true },
  ];

  it("lists the writes not made", () => {
    expect(dryRunLog(writes)).toEqual({
      title: "Dry run: 2 writes not made",
      lines: ["- create issue: sovereign/meetings: Team IaaS — 2025-01-27", "- comment: sovereign/meetings#7"],
    });
    expect(dryRunLog([])).toEqual({ title: "Dry run: nothing would be written.", lines: [] });
  });

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
      configProblems: { file: ".github/docket.yml", problems: [{ path: "meetings.iaas.day", message: 'expected one of monday, …, got "mon"', line: 5, column: 10 }] },
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
