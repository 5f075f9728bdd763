import { describe, expect, it } from "vitest";
import { DEFAULT_WRITE_BUDGET, InputError, parseBoolean, parseDate, parseInputs, parseWriteBudget, type InputName } from "../../src/action/inputs.js";

const reader = (values: Partial<Record<InputName, string>>) => (name: InputName) => values[name] ?? "";
const base = { command: "minutes", token: "ghs_x" };

describe("parseInputs", () => {
  it("reads the command, the token and the defaults", () => {
    expect(parseInputs(reader(base))).toEqual({ inputs: { command: "minutes" }, token: "ghs_x", dryRun: false, writeBudget: DEFAULT_WRITE_BUDGET });
  });

  it("reads every input, trimmed", () => {
    const parsed = parseInputs(
      reader({ command: " sprint-review ", token: "t", series: "iaas", date: "2025-01-13", sprint: "Gothenburg", "dry-run": "true", "write-budget": "7" }),
    );
    expect(parsed).toEqual({
      inputs: { command: "sprint-review", series: "iaas", date: "2025-01-13", sprint: "Gothenburg" },
      token: "t",
      dryRun: true,
      writeBudget: 7,
    });
  });

  it("refuses an unknown command with the list and a suggestion", () => {
    expect(() => parseInputs(reader({ ...base, command: "minute" }))).toThrow(
      'command: expected one of minutes, sprint-review, backlog, open-next, agenda, calendar, recap, site, got "minute" (did you mean `minutes`?)',
    );
    expect(() => parseInputs(reader({ ...base, command: "publish" }))).toThrow(/^command: expected one of .*, got "publish"$/);
    expect(() => parseInputs(reader({ ...base, command: "" }))).toThrow("command: missing, expected one of minutes, sprint-review, backlog, open-next, agenda");
  });

  it("reads the site's directory for the site command", () => {
    expect(parseInputs(reader({ command: "site", token: "t", "site-dir": " public " })).inputs).toEqual({ command: "site", siteDir: "public" });
  });

  it("needs a token", () => {
    expect(() => parseInputs(reader({ command: "backlog" }))).toThrow(/^token: missing/);
  });

  it("names the input of every problem", () => {
    try {
      parseInputs(reader({ ...base, date: "13.01.2025" }));
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(InputError);
      expect((error as InputError).input).toBe("date");
      expect((error as Error).message).toBe('date: expected a date YYYY-MM-DD, got "13.01.2025"');
    }
  });
});

describe("dry-run", () => {
  it("takes YAML 1.2 core booleans, as core.getBooleanInput does", () => {
    for (const v of ["true", "True", "TRUE"]) expect(parseBoolean("dry-run", v, false)).toBe(true);
    for (const v of ["false", "False", "FALSE"]) expect(parseBoolean("dry-run", v, true)).toBe(false);
    expect(parseBoolean("dry-run", "", false)).toBe(false);
  });

  it("refuses anything else rather than guess", () => {
    for (const v of ["yes", "1", "on", "tru"]) expect(() => parseBoolean("dry-run", v, false)).toThrow(`dry-run: expected true or false, got "${v}"`);
  });
});

describe("write-budget", () => {
  it("is a whole number of at least 1", () => {
    expect(parseWriteBudget("")).toBe(100);
    expect(parseWriteBudget("1")).toBe(1);
    for (const v of ["0", "-3", "2.5", "ten", "1e3"])
      expect(() => parseWriteBudget(v)).toThrow(`write-budget: expected a whole number of at least 1, got "${v}"`);
  });
});

describe("parseDate", () => {
  it("takes calendar dates only", () => {
    expect(parseDate("date", "2024-02-29")).toBe("2024-02-29");
    for (const v of ["2025-02-29", "2025-13-01", "2025-1-5", "2025-01-13T14:00"])
      expect(() => parseDate("date", v)).toThrow(/^date: expected a date YYYY-MM-DD/);
  });
});
