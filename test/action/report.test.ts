import { describe, expect, it } from "vitest";
import { configAnnotation, dryRunLog, logLine } from "../../src/action/report.js";

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
    expect(configAnnotation({ path: "x", message: "got @sovereign/everyone" }, meetings, meetings).message).toBe(
      ".github/docket.yml x: got @\u200bsovereign/everyone",
    );
  });
});

describe("dry run", () => {
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
});
