import { describe, expect, it } from "vitest";
import { formatPath, formatProblem, formatProblems, MAX_ALIAS_COUNT, parseConfigText, validateConfig, type ConfigProblem } from "../../src/config/load.js";
import { EXAMPLE_CONFIG } from "../../scripts/config-docs.js";

/** The problems of a config text that must be invalid. */
function problems(text: string): ConfigProblem[] {
  const result = parseConfigText(text);
  if (result.ok) throw new Error(`expected problems, the config is valid:\n${text}`);
  return result.problems;
}

/** A series with everything a weekly meeting needs, plus the given lines (4-space indent). */
const series = (...lines: string[]) => `${["meetings:", "  iaas:", "    title: Team IaaS", ...lines].join("\n")}\n`;

describe("parseConfigText", () => {
  it("accepts the example from the design notes", () => {
    const result = parseConfigText(EXAMPLE_CONFIG);
    expect(result.ok && result.warnings).toEqual([]);
  });

  it("reports a bad time zone with its line, path and a suggestion", () => {
    const text = series("    cadence: weekly", "    day: monday", '    time: "14:00"', "    timezone: Europe/Berln");
    expect(problems(text)).toEqual([
      {
        path: "meetings.iaas.timezone",
        line: 7,
        column: 15,
        message: 'expected an IANA time zone such as Europe/Berlin or UTC, got "Europe/Berln" (did you mean `Europe/Berlin`?)',
      },
    ]);
    expect(formatProblems(problems(text))).toBe(
      '- .github/docket.yml:7:15 meetings.iaas.timezone: expected an IANA time zone such as Europe/Berlin or UTC, got "Europe/Berln" (did you mean `Europe/Berlin`?)',
    );
  });

  it("reports `time: 2pm` and suggests the 24-hour form", () => {
    expect(problems(series("    cadence: weekly", "    day: monday", "    time: 2pm"))).toEqual([
      {
        path: "meetings.iaas.time",
        line: 6,
        column: 11,
        message: 'expected a time of day as "HH:MM" (24-hour) in quotes, such as "14:00", got "2pm" (did you mean "14:00"?)',
      },
    ]);
  });

  it("reads an unquoted 14:00 as the time 14:00 (YAML 1.2)", () => {
    const result = parseConfigText(series("    cadence: weekly", "    day: monday", "    time: 14:00"));
    expect(result.ok && result.config.meetings.iaas?.time).toBe("14:00");
  });

  it("explains the number a YAML 1.1 file makes of an unquoted 14:00", () => {
    const text = `%YAML 1.1\n---\n${series("    cadence: weekly", "    day: monday", "    time: 14:00")}`;
    expect(problems(text)).toEqual([
      {
        path: "meetings.iaas.time",
        line: 8,
        column: 11,
        message:
          'expected a time of day as "HH:MM" (24-hour) in quotes, such as "14:00", got 840 (YAML 1.1 reads an unquoted 14:00 as the number 840: write "14:00" in quotes)',
      },
    ]);
  });

  it("accepts YAML 1.1 dates (timestamps) in an event", () => {
    const text = `%YAML 1.1\n---\n${series("    event: { from: 2025-02-03, to: 2025-02-14, start: '09:00', daily-budget: 2h }")}`;
    const result = parseConfigText(text);
    expect(result.ok && result.config.meetings.iaas?.event).toMatchObject({ from: "2025-02-03", to: "2025-02-14" });
  });

  it("asks for `weeks` on a biweekly cadence, pointing at the series", () => {
    expect(problems(series("    cadence: biweekly", "    day: monday", '    time: "14:00"'))).toEqual([
      { path: "meetings.iaas.weeks", line: 2, column: 3, message: "missing, expected `weeks: odd` or `weeks: even` for a biweekly cadence" },
    ]);
  });

  it("rejects `weeks` with a weekly cadence", () => {
    expect(problems(series("    cadence: weekly", "    weeks: odd", "    day: monday", '    time: "14:00"'))).toEqual([
      {
        path: "meetings.iaas.weeks",
        line: 5,
        column: 12,
        message: "expected no `weeks` with cadence weekly: `weeks` applies only to `cadence: biweekly`",
      },
    ]);
  });

  it("checks an RRULE cadence with the same rules the scheduler uses", () => {
    expect(problems(series("    cadence: FREQ=WEEKLY;BYDAY=MO;BYHOUR=9", '    time: "14:00"'))).toEqual([
      expect.objectContaining({ path: "meetings.iaas.cadence", line: 4, message: expect.stringMatching(/BYHOUR/) }),
    ]);
    expect(parseConfigText(series("    cadence: FREQ=WEEKLY;INTERVAL=3;BYDAY=TH", '    time: "14:00"')).ok).toBe(true);
  });

  it("rejects `day` next to an RRULE and `nth` outside a monthly cadence, instead of ignoring them", () => {
    expect(problems(series("    cadence: FREQ=WEEKLY;BYDAY=MO", "    day: tuesday", '    time: "14:00"')).map((p) => p.path)).toEqual(["meetings.iaas.day"]);
    expect(problems(series("    cadence: weekly", "    day: monday", "    nth: 2", '    time: "14:00"'))).toEqual([
      expect.objectContaining({ path: "meetings.iaas.nth", message: "expected no `nth` here: `nth` applies only to `cadence: monthly`" }),
    ]);
  });

  it("names an unknown key, points at the key and suggests the near miss", () => {
    expect(problems(series("    cadence: weekly", "    day: monday", '    time: "14:00"', "    timezon: Europe/Berlin"))).toEqual([
      { path: "meetings.iaas.timezon", line: 7, column: 5, message: "unknown key `timezon` (did you mean `timezone`?)" },
    ]);
  });

  it("lists the allowed keys when an unknown key is no near miss, one problem per key", () => {
    const found = problems("colour: blue\nmeetings: {}\nflavour: mint\n");
    expect(found.map((p) => [p.path, p.line, p.column])).toEqual([
      ["colour", 1, 1],
      ["flavour", 3, 1],
    ]);
    expect(found[0]?.message).toBe(
      "unknown key `colour` (expected one of: repository, estimate-label-prefix, estimate-field, meetings, backlog, sprints, calendar)",
    );
  });

  it("reports a duration it cannot read", () => {
    expect(problems(series("    cadence: weekly", "    day: monday", '    time: "14:00"', "    duration: 30x"))).toEqual([
      { path: "meetings.iaas.duration", line: 7, column: 15, message: 'expected a duration such as 30m, 1h or 1h30m, got "30x"' },
    ]);
  });

  it("rejects negative durations, written as a number or as text", () => {
    const found = problems(series("    cadence: weekly", "    day: monday", '    time: "14:00"', "    duration: -30", "    default-estimate: -5m"));
    expect(found).toEqual([
      { path: "meetings.iaas.duration", line: 7, column: 15, message: "expected a duration greater than zero, such as 30m, 1h or 1h30m, got -30" },
      {
        path: "meetings.iaas.default-estimate",
        line: 8,
        column: 23,
        message: 'expected a duration greater than zero, such as 30m, 1h or 1h30m, got "-5m"',
      },
    ]);
  });

  it("rejects an event that ends before it starts", () => {
    const text = series("    event:", "      from: 2025-02-14", "      to: 2025-02-03", '      start: "09:00"', "      daily-budget: 2h");
    expect(problems(text)).toEqual([
      { path: "meetings.iaas.event.to", line: 6, column: 11, message: 'expected a date on or after `from` (2025-02-14), got "2025-02-03"' },
    ]);
  });

  it("rejects an event whose days all fall on a weekend while `weekdays` is true, naming the series", () => {
    const text = series("    event:", "      from: 2025-03-15", "      to: 2025-03-16", '      start: "10:00"', "      daily-budget: 4h");
    expect(problems(text)).toEqual([
      {
        path: "meetings.iaas.event.from",
        line: 5,
        column: 13,
        message:
          "expected at least one day from Monday to Friday (`weekdays` is true, the default), got only 2025-03-15 (Saturday) to 2025-03-16 (Sunday): the event has no day. Set `weekdays: false` to meet at the weekend.",
      },
    ]);
    // Meeting at the weekend on purpose is fine.
    expect(parseConfigText(series("    event: { from: 2025-03-15, to: 2025-03-15, weekdays: false, start: '10:00', daily-budget: 4h }")).ok).toBe(true);
  });

  it("rejects an event together with a cadence", () => {
    const text = series("    cadence: weekly", "    event: { from: 2025-02-03, to: 2025-02-14, start: '09:00', daily-budget: 2h }");
    expect(problems(text)).toEqual([
      {
        path: "meetings.iaas.cadence",
        line: 4,
        column: 14,
        message: "expected either `cadence` or `event`, not both: `cadence` does not apply to an event",
      },
    ]);
  });

  it("rejects a series id with upper-case letters, pointing at the id", () => {
    const text = "meetings:\n  IaaS:\n    title: Team IaaS\n";
    expect(problems(text)).toEqual([
      {
        path: "meetings.IaaS",
        line: 2,
        column: 3,
        message: 'expected a series id of lower-case letters, digits and dashes (at most 39), such as team-iaas, got "IaaS"',
      },
    ]);
  });

  it("lists the allowed values of an enum and suggests the near miss", () => {
    expect(problems(series("    cadence: weekly", "    day: Mon", '    time: "14:00"'))).toEqual([
      {
        path: "meetings.iaas.day",
        line: 5,
        column: 10,
        message: 'expected one of monday, tuesday, wednesday, thursday, friday, saturday, sunday, got "Mon" (did you mean `monday`?)',
      },
    ]);
  });

  it("reports `cadence: fortnightly` once, at the cadence, with the word Docket knows for it; the correct `weeks` and `day` are left alone", () => {
    expect(problems(series("    cadence: fortnightly", "    weeks: odd", "    day: monday", '    time: "14:00"'))).toEqual([
      {
        path: "meetings.iaas.cadence",
        line: 4,
        column: 14,
        message: 'expected weekly, biweekly, monthly or an RFC 5545 RRULE such as FREQ=WEEKLY;BYDAY=MO, got "fortnightly" (did you mean `biweekly`?)',
      },
    ]);
  });

  it.each([
    ["Weekley", "weekly"],
    ["bi-weekly", "biweekly"],
    ["every other week", "biweekly"],
    ["month", "monthly"],
  ])("suggests a cadence for `cadence: %s`", (written, meant) => {
    const found = problems(series(`    cadence: ${written}`, "    day: monday", '    time: "14:00"'));
    expect(found.map((p) => [p.path, p.message.endsWith(`(did you mean \`${meant}\`?)`)])).toEqual([["meetings.iaas.cadence", true]]);
  });

  it("reports a cadence that is no word and no rule without a regex or a guess", () => {
    expect(problems(series("    cadence: 2", "    day: monday", '    time: "14:00"')).map((p) => p.message)).toEqual([
      "expected weekly, biweekly, monthly or an RFC 5545 RRULE such as FREQ=WEEKLY;BYDAY=MO, got 2",
    ]);
  });

  it("suggests the day for `day: Munday` and lists the days", () => {
    expect(problems(series("    cadence: weekly", "    day: Munday", '    time: "14:00"'))).toEqual([
      {
        path: "meetings.iaas.day",
        line: 5,
        column: 10,
        message: 'expected one of monday, tuesday, wednesday, thursday, friday, saturday, sunday, got "Munday" (did you mean `monday`?)',
      },
    ]);
  });

  it.each([
    ["weeks", "    cadence: biweekly|    weeks: odds|    day: monday", 'expected one of odd, even, got "odds" (did you mean `odd`?)'],
    ["order", "    cadence: weekly|    day: monday|    order: FIFO", 'expected one of fifo, votes, got "FIFO" (did you mean `fifo`?)'],
    [
      "waiting-list",
      "    cadence: weekly|    day: monday|    waiting-list: firstfit",
      'expected one of first-fit, strict, got "firstfit" (did you mean `first-fit`?)',
    ],
    [
      "minutes.publish",
      "    cadence: weekly|    day: monday|    minutes: { publish: pull-requests }",
      'expected one of commit, pull-request, got "pull-requests" (did you mean `pull-request`?)',
    ],
  ])("reports a wrong `%s` as that one key, with the allowed values", (key, lines, message) => {
    expect(problems(series(...lines.split("|"), '    time: "14:00"')).map((p) => [p.path, p.message])).toEqual([[`meetings.iaas.${key}`, message]]);
  });

  it("suggests the key an unknown compound key ends in, and a swapped pair of letters", () => {
    expect(problems(series("    cadence: weekly", "    day: monday", '    time: "14:00"', "    agenda-lable: agenda/iaas"))).toEqual([
      { path: "meetings.iaas.agenda-lable", line: 7, column: 5, message: "unknown key `agenda-lable` (did you mean `label`?)" },
    ]);
    expect(problems("estimate-lable-prefix: t/\n")).toEqual([
      { path: "estimate-lable-prefix", line: 1, column: 1, message: "unknown key `estimate-lable-prefix` (did you mean `estimate-label-prefix`?)" },
    ]);
  });

  it("reports a time that is not one once, not also as missing", () => {
    expect(problems(series("    cadence: weekly", "    day: monday", '    time: ""')).map((p) => [p.path, p.message])).toEqual([
      ["meetings.iaas.time", 'expected a time of day as "HH:MM" (24-hour) in quotes, such as "14:00", got ""'],
    ]);
  });

  it("reports an event date that is not one once, and compares no range with it", () => {
    const event = (from: string) => series("    event:", `      from: ${from}`, "      to: 2025-02-10", '      start: "09:00"', "      daily-budget: 2h");
    expect(problems(event("abc")).map((p) => [p.path, p.message])).toEqual([
      ["meetings.iaas.event.from", 'expected a date as YYYY-MM-DD, such as 2025-02-03, got "abc"'],
    ]);
    expect(problems(event("2025-02-30")).map((p) => [p.path, p.message])).toEqual([
      ["meetings.iaas.event.from", 'expected a calendar date that exists, got "2025-02-30"'],
    ]);
  });

  it("reports tabs used for indentation as one problem at the first such line, and nothing that follows from them", () => {
    expect(problems(series("\tcadence: weekly", "\tday: monday", '    time: "14:00"'))).toEqual([
      { path: "", line: 4, column: 1, message: "tabs are not allowed for indentation in YAML; indent with spaces (tabs on lines 4, 5)" },
    ]);
    expect(problems("meetings:\n\tiaas:\n\t\ttitle: Team IaaS\n")).toEqual([
      { path: "", line: 2, column: 1, message: "tabs are not allowed for indentation in YAML; indent with spaces (tabs on lines 2, 3)" },
    ]);
    expect(problems(series("\tcadence: weekly", "    day: monday", '    time: "14:00"'))).toEqual([
      { path: "", line: 4, column: 1, message: "tabs are not allowed for indentation in YAML; indent with spaces" },
    ]);
  });

  it("shows one YAML syntax error per line: the first, not what follows from it", () => {
    expect(problems(series("    cadence: weekly", "   day: monday", '    time: "14:00"'))).toEqual([
      { path: "", line: 5, column: 1, message: "YAML syntax error: All mapping items must start at the same column" },
    ]);
  });

  it("points a missing key at its parent map", () => {
    expect(problems(series("    cadence: weekly", "    day: monday", '    time: "14:00"', "    board: { number: 6 }"))).toEqual([
      { path: "meetings.iaas.board.owner", line: 7, column: 5, message: "missing, expected a string" },
    ]);
  });

  it("writes list items as path[index]", () => {
    const found = problems(
      series("    cadence: weekly", "    day: monday", '    time: "14:00"', "    recurring:", "      - Roll call", "      - 42", '      - ""'),
    );
    expect(found.map((p) => [p.path, p.line, p.column, p.message])).toEqual([
      ["meetings.iaas.recurring[1]", 9, 9, "expected a string, got 42"],
      ["meetings.iaas.recurring[2]", 10, 9, 'expected a non-empty string, got "" (0 characters)'],
    ]);
  });

  it("reports a YAML syntax error with its line", () => {
    const found = problems("meetings:\n  iaas:\n    title: [Team IaaS\n    cadence: weekly\n");
    expect(found.length).toBeGreaterThan(0);
    expect(found[0]).toMatchObject({ path: "", line: 4 });
    expect(found[0]?.message).toMatch(/^YAML syntax error: /);
  });

  it("rejects duplicate keys with the line of the second one", () => {
    expect(problems(series("    cadence: weekly", "    day: monday", '    time: "14:00"', "    day: tuesday"))).toEqual([
      { path: "meetings.iaas", line: 7, column: 5, message: "duplicate key `day`: a key may appear only once in a map" },
    ]);
  });

  it("rejects an alias bomb quickly", () => {
    const rows = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    const names = "abcdefghij";
    for (let i = 1; i < names.length; i++) {
      const prev = names[i - 1];
      rows.push(`${names[i]}: &${names[i]} [${Array(9).fill(`*${prev}`).join(",")}]`);
    }
    // Without the alias limit this expands to ~3.4 billion items and never returns (the test times out).
    const found = problems(`${rows.join("\n")}\n`);
    expect(found).toEqual([
      {
        path: "",
        line: 2,
        column: 8,
        message: `expected at most ${MAX_ALIAS_COUNT} alias expansions (*name), got more: the file expands too much`,
      },
    ]);
  });

  it("allows a few honest aliases", () => {
    const text = "meetings:\n  a: &base { title: A, cadence: weekly, day: monday, time: '14:00' }\n  b: *base\n";
    const result = parseConfigText(text);
    expect(result.ok && Object.keys(result.config.meetings)).toEqual(["a", "b"]);
  });

  it("treats an empty file, or one with only comments, as no meetings", () => {
    for (const text of ["", "\n", "# nothing yet\n", "~\n"]) {
      const result = parseConfigText(text);
      expect(result.ok && result.config.meetings).toEqual({});
    }
  });

  it("rejects a file that is not a map", () => {
    expect(problems("- iaas\n")).toEqual([{ path: "", line: 1, column: 1, message: "expected a map of keys and values, got a list" }]);
  });

  it("ignores `_extends` (the loader resolves it)", () => {
    const result = parseConfigText("_extends: .github\nmeetings: {}\n");
    expect(result.ok).toBe(true);
  });

  it("orders problems by line", () => {
    const text = series("    cadence: weekly", "    day: monday", "    time: 2pm", "    colour: blue", "    duration: 30x", "    order: random");
    expect(problems(text).map((p) => p.line)).toEqual([6, 7, 8, 9]);
  });

  it("refuses a huge file before parsing it", () => {
    const found = problems(`# ${"x".repeat(300 * 1024)}\n`);
    expect(found[0]?.message).toMatch(/^expected a config file of at most 256 KB/);
  });

  it("warns about a label two series share", () => {
    const text =
      "meetings:\n  a: { title: A, cadence: weekly, day: monday, time: '14:00', label: talks }\n  b: { title: B, cadence: weekly, day: friday, time: '14:00', label: talks }\n";
    const result = parseConfigText(text);
    expect(result.ok && result.warnings).toEqual([
      { path: "meetings.b.label", message: "label `talks` is also the label of meetings.a: its issues would be topics of both" },
    ]);
  });
});

describe("series order", () => {
  it("warns that an id of digits only is listed first, whatever its place in the file (the site's order would not be the file's)", () => {
    const text =
      "meetings:\n  team: { title: Team, cadence: weekly, day: monday, time: '14:00' }\n  2025: { title: Summit, cadence: weekly, day: friday, time: '14:00' }\n  y2026: { title: Next, cadence: weekly, day: friday, time: '15:00' }\n";
    const result = parseConfigText(text);
    expect(result.ok && result.warnings.map((w) => `${w.path}: ${w.message}`)).toEqual([
      "meetings.2025: an id made only of digits is listed before the other series (on the meetings site too), whatever its place in the file; start it with a letter (e.g. `y2025`) to keep the file's order",
    ]);
  });
});

describe("validateConfig", () => {
  it("treats null and undefined (no file) as no meetings", () => {
    for (const raw of [null, undefined]) {
      const result = validateConfig(raw);
      expect(result).toEqual({ ok: true, config: { "estimate-label-prefix": "time/", "estimate-field": "Estimate", meetings: {} }, warnings: [] });
    }
  });

  it("drops a leftover `_extends`", () => {
    const result = validateConfig({ _extends: "octo-org/.github", meetings: {} });
    expect(result.ok).toBe(true);
  });

  it("reports paths without lines, one problem per issue, in a stable order", () => {
    const raw = {
      meetings: {
        iaas: { title: "Team IaaS", cadence: "weekly", day: "monday", time: "14:00", timezone: "Mars/Olympus", colour: "blue", recurring: ["ok", 3] },
      },
    };
    const first = validateConfig(raw);
    if (first.ok) throw new Error("expected problems");
    expect(first.problems.map((p) => p.path)).toEqual(["meetings.iaas.timezone", "meetings.iaas.recurring[1]", "meetings.iaas.colour"]);
    expect(first.problems.every((p) => p.line === undefined && p.column === undefined)).toBe(true);
    expect(first.problems[0]?.message).toBe('expected an IANA time zone such as Europe/Berlin or UTC, got "Mars/Olympus"');
    expect(first.problems[1]?.message).toBe("expected a string, got 3");
    expect(first.problems[2]?.message).toMatch(/^unknown key `colour` \(expected one of: title, repository, cadence, /);
    expect(validateConfig(raw)).toEqual(first);
  });

  it("explains a sexagesimal number for a time", () => {
    const result = validateConfig({ meetings: { iaas: { title: "T", cadence: "weekly", day: "monday", time: 840 } } });
    expect(!result.ok && result.problems[0]?.message).toMatch(/got 840 \(YAML 1\.1 reads an unquoted 14:00 as the number 840/);
  });

  it("never throws, whatever it is given", () => {
    const circular: Record<string, unknown> = {};
    circular.self = circular;
    for (const raw of ["hello", 42, true, [], circular, { meetings: [] }, { meetings: { a: null } }]) {
      expect(() => validateConfig(raw)).not.toThrow();
      expect(validateConfig(raw).ok).toBe(false);
    }
  });
});

describe("formatting", () => {
  it("formats one problem per line, with the file, position and path", () => {
    const list: ConfigProblem[] = [
      { path: "meetings.iaas.timezone", message: 'expected an IANA time zone such as Europe/Berlin, got "Europe/Berln"', line: 7, column: 15 },
      { path: "", message: "expected a map of keys and values, got a list" },
    ];
    expect(formatProblems(list)).toBe(
      [
        '- .github/docket.yml:7:15 meetings.iaas.timezone: expected an IANA time zone such as Europe/Berlin, got "Europe/Berln"',
        "- .github/docket.yml expected a map of keys and values, got a list",
      ].join("\n"),
    );
    expect(formatProblem(list[0]!, "org/.github/docket.yml")).toMatch(/^org\/\.github\/docket\.yml:7:15 /);
  });

  it("does not ping anyone or open HTML", () => {
    const text = formatProblem({ path: "meetings.a.label", message: 'expected x, got "@octo-org/team <img>"' });
    expect(text).not.toMatch(/@octo/);
    expect(text).not.toMatch(/(^|[^\\])<img/);
  });

  it("writes YAML paths", () => {
    expect(formatPath([])).toBe("");
    expect(formatPath(["meetings", "iaas", "recurring", 2])).toBe("meetings.iaas.recurring[2]");
    expect(formatPath(["meetings", "iaas", "roles", "a.b"])).toBe('meetings.iaas.roles["a.b"]');
  });
});
