import { describe, expect, it } from "vitest";
import { interpretAgendaCommand, mayTriage, mayWrite, parseCommands } from "../../src/domain/commands.js";

const agenda = (body: string, series = ["iaas", "meetup"]) => parseCommands(body).map((c) => interpretAgendaCommand(c, series));

describe("parseCommands", () => {
  it("finds commands at the start of lines, not in code blocks or quotes", () => {
    const body = ["Let's talk about this.", "/agenda iaas 15m", "> /agenda meetup", "```", "/agenda meetup", "```", "  /note remember"].join("\r\n");
    expect(parseCommands(body).map((c) => [c.name, c.args, c.line])).toEqual([
      ["agenda", ["iaas", "15m"], 2],
      ["note", ["remember"], 7],
    ]);
  });

  it("a slash in the middle of a sentence is no command", () => {
    expect(parseCommands("see /agenda iaas in the docs")).toEqual([]);
  });
});

describe("/agenda", () => {
  it("adds to a named series, with or without an estimate", () => {
    expect(agenda("/agenda iaas")).toEqual([{ kind: "add", series: "iaas", minutes: null }]);
    expect(agenda("/agenda IaaS 1h30m")).toEqual([{ kind: "add", series: "iaas", minutes: 90 }]);
  });

  it("removes from one series or from all", () => {
    expect(agenda("/agenda remove")).toEqual([{ kind: "remove", series: null }]);
    expect(agenda("/agenda remove meetup")).toEqual([{ kind: "remove", series: "meetup" }]);
  });

  it("may leave the series out when only one is configured", () => {
    expect(agenda("/agenda", ["iaas"])).toEqual([{ kind: "add", series: "iaas", minutes: null }]);
    expect(agenda("/agenda 20m", ["iaas"])).toEqual([{ kind: "add", series: "iaas", minutes: 20 }]);
  });

  it("explains what is wrong instead of guessing", () => {
    expect(agenda("/agenda sprint")[0]).toMatchObject({
      kind: "invalid",
      message: expect.stringMatching(/^Unknown series `sprint`\. Usage: .*series: `iaas`, `meetup`\.$/),
    });
    expect(agenda("/agenda")[0]).toMatchObject({ kind: "invalid", message: expect.stringContaining("Which series?") });
    expect(agenda("/agenda iaas soon")[0]).toMatchObject({ kind: "invalid", message: expect.stringContaining("`soon` is not an estimate") });
    expect(agenda("/agenda iaas 0m")[0]).toMatchObject({ kind: "invalid" });
    expect(agenda("/agenda iaas 10m extra")[0]).toMatchObject({ kind: "invalid" });
  });
});

describe("mayTriage", () => {
  it("accepts triage and above, refuses read and none", () => {
    for (const role_name of ["admin", "maintain", "write", "triage"]) expect(mayTriage({ role_name, permission: "read" })).toBe(true);
    expect(mayTriage({ role_name: "read", permission: "read" })).toBe(false);
    expect(mayTriage({ role_name: null, permission: "none" })).toBe(false);
  });

  it("trusts a custom role as far as its legacy permission (write) says", () => {
    expect(mayTriage({ role_name: "release-managers", permission: "write" })).toBe(true);
    expect(mayTriage({ role_name: "docs-readers", permission: "read" })).toBe(false);
  });
});

describe("mayWrite", () => {
  it("accepts write, maintain and admin; refuses triage, read and none", () => {
    for (const role_name of ["admin", "maintain", "write", "Write"]) expect(mayWrite({ role_name, permission: "read" })).toBe(true);
    for (const role_name of ["triage", "read"]) expect(mayWrite({ role_name, permission: "read" })).toBe(false);
    expect(mayWrite({ role_name: null, permission: "none" })).toBe(false);
    expect(mayWrite({})).toBe(false);
  });

  it("trusts a custom role as far as its legacy permission (write or admin) says", () => {
    expect(mayWrite({ role_name: "release-managers", permission: "write" })).toBe(true);
    expect(mayWrite({ role_name: "owners", permission: "admin" })).toBe(true);
    expect(mayWrite({ role_name: "issue-wranglers", permission: "read" })).toBe(false);
  });
});
