import { describe, expect, it } from "vitest";
import {
  emptyPlan,
  interpretAgendaCommand,
  interpretCancelCommand,
  mayTriage,
  mayWrite,
  parseCommands,
  planAgendaCommands,
  planConfigProblem,
  REFUSAL_WINDOW_MS,
  refusalReplyDue,
  type AgendaInput,
} from "../../src/domain/commands.js";

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

describe("/agenda: what it could not read, and what was probably meant", () => {
  const USAGE = "Usage: `/agenda <series> [estimate]` or `/agenda remove [<series>]`; series: `iaas`, `meetup`.";
  const message = (body: string, series?: string[]) => {
    const [parsed] = agenda(body, series);
    return parsed?.kind === "invalid" ? parsed.message : parsed;
  };

  it.each([
    ["/agenda iaas 15 minutes", 15],
    ["/agenda iaas 15 min", 15],
    ["/agenda iaas 2 hours", 120],
    ["/agenda iaas 1 hour 30 minutes", 90],
    ["/agenda iaas 1h 30m", 90],
    ["/agenda iaas 1.5 hours", 90],
  ])("reads an estimate of several words: %s", (body, minutes) => {
    expect(agenda(body)).toEqual([{ kind: "add", series: "iaas", minutes }]);
  });

  it("reads an estimate of several words when the only series is left out", () => {
    expect(agenda("/agenda 15 minutes", ["iaas"])).toEqual([{ kind: "add", series: "iaas", minutes: 15 }]);
  });

  it("suggests the nearest series for a typo, as the command to write, and lists the series", () => {
    expect(message("/agenda iaass")).toBe(`Unknown series \`iaass\` (did you mean \`/agenda iaas\`?). ${USAGE}`);
    expect(message("/agenda iaass 15m")).toBe(`Unknown series \`iaass\` (did you mean \`/agenda iaas 15m\`?). ${USAGE}`);
    expect(message("/agenda meetpu 15 minutes")).toBe(`Unknown series \`meetpu\` (did you mean \`/agenda meetup 15 minutes\`?). ${USAGE}`);
    expect(message("/agenda remove iaass")).toBe(`Unknown series \`iaass\` (did you mean \`/agenda remove iaas\`?). ${USAGE}`);
    expect(message("/agenda remvoe")).toBe(`Unknown series \`remvoe\` (did you mean \`/agenda remove\`?). ${USAGE}`);
  });

  it("suggests the series for a typo even when it is the only one", () => {
    expect(message("/agenda iaass", ["iaas"])).toBe(
      "Unknown series `iaass` (did you mean `/agenda iaas`?). Usage: `/agenda <series> [estimate]` or `/agenda remove [<series>]`; series: `iaas`.",
    );
  });

  it("names the word of the estimate it could not read, and the command with the unit spelt right", () => {
    expect(message("/agenda iaas 15 mintues")).toBe(
      `\`mintues\` in \`15 mintues\` is not understood: expected an estimate such as 15m, 1h30m or 15 minutes (did you mean \`/agenda iaas 15 minutes\`?). ${USAGE}`,
    );
    expect(message("/agenda iaas 15mintues")).toBe(
      `\`15mintues\` is not an estimate such as 15m, 1h30m or 15 minutes (did you mean \`/agenda iaas 15minutes\`?). ${USAGE}`,
    );
    expect(message("/agenda 15 mintues", ["iaas"])).toContain("(did you mean `/agenda 15 minutes`?)");
    expect(message("/agenda iaas 10m extra")).toBe(
      `\`extra\` in \`10m extra\` is not understood: expected an estimate such as 15m, 1h30m or 15 minutes. ${USAGE}`,
    );
    expect(message("/agenda iaas fifteen minutes")).toBe(`\`fifteen\` is not an estimate such as 15m, 1h30m or 15 minutes. ${USAGE}`);
  });

  it("asks for the series when an estimate comes first and there are several", () => {
    expect(message("/agenda 15 minutes")).toBe(`Which series? Name it before the estimate: \`/agenda <series> 15 minutes\`. ${USAGE}`);
  });

  it("says what `/agenda remove` takes when given more", () => {
    expect(message("/agenda remove iaas now")).toBe(`\`now\` is not understood: \`/agenda remove\` takes at most a series. ${USAGE}`);
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

describe("planAgendaCommands for an event with tracks", () => {
  const texts = { onDocketIssue: "ON-DOCKET-ISSUE", notAllowed: "NOT-ALLOWED" };
  const series = [
    { id: "iaas", label: "agenda/iaas" },
    {
      id: "ptg",
      label: "ptg-topic",
      tracks: [
        { id: "edge", label: "ptg/edge" },
        { id: "nova", label: "ptg/nova" },
      ],
    },
  ];
  const plan = (body: string, labels: string[] = []) =>
    planAgendaCommands({ commands: parseCommands(body), series, estimatePrefix: "time/", labels, isDocketIssue: false, allowed: true }, texts);

  it("`/agenda <event> <track> [estimate]` adds the track's label; a second track makes a joint session", () => {
    expect(plan("/agenda ptg edge 20m")).toMatchObject({ addLabels: ["ptg/edge", "time/20m"], removeLabels: [], touched: ["ptg"], refusals: [] });
    expect(plan("/agenda ptg Nova", ["ptg/edge"])).toMatchObject({ addLabels: ["ptg/nova"], touched: ["ptg"], refusals: [] });
  });

  it("`/agenda remove <event> [<track>]` takes one track's label, or every track's", () => {
    expect(plan("/agenda remove ptg nova", ["ptg/edge", "ptg/nova"])).toMatchObject({ removeLabels: ["ptg/nova"], addLabels: [], touched: ["ptg"] });
    expect(plan("/agenda remove ptg", ["ptg/edge", "ptg/nova", "bug"])).toMatchObject({ removeLabels: ["ptg/edge", "ptg/nova"], touched: ["ptg"] });
  });

  it("the event without a track, or an unknown track, is refused with the forms to use and changes nothing", () => {
    const without = plan("/agenda ptg");
    expect(without.addLabels).toEqual([]);
    expect(without.refusals).toEqual([
      "Which track? `ptg` has tracks: name one after it, `/agenda ptg <track> [estimate]` (twice, for two tracks: a joint session), or `/agenda remove ptg [<track>]`; tracks: `edge`, `nova`.",
    ]);
    expect(plan("/agenda ptg edgy 15m").refusals[0]).toMatch(/^Unknown track `edgy` \(did you mean `\/agenda ptg edge 15m`\?\)\./);
  });
});

describe("words echoed in refusals", () => {
  /** The text outside Markdown code spans (a run of n backticks closes only on a run of exactly n). */
  const outsideCode = (text: string) => text.replace(/(?<!`)(`+)(?!`)[\s\S]*?(?<!`)\1(?!`)/g, "");
  const sneaky = "x`@acme/everyone`<img/src=x>";
  const series = [
    { id: "iaas", label: "agenda/iaas" },
    { id: "ptg", label: "ptg-topic", tracks: [{ id: "edge", label: "ptg/edge" }] },
  ];
  const refusals = (body: string) =>
    planAgendaCommands(
      { commands: parseCommands(body), series, estimatePrefix: "time/", labels: [], isDocketIssue: false, allowed: true },
      { onDocketIssue: "", notAllowed: "" },
    ).refusals;

  it("a misspelt track, series, estimate or date stays code however many backticks it holds: it mentions nobody and is no HTML", () => {
    const replies = [
      ...refusals(`/agenda ptg ${sneaky}`),
      ...refusals(`/agenda ptg edgy ${sneaky}`),
      ...refusals(`/agenda edgy${sneaky}`),
      ...refusals(`/agenda iaass ${sneaky}`),
      ...refusals(`/agenda remove iaas ${sneaky}`),
      ...refusals(`/agenda iaas 15m ${sneaky}`),
      ...refusals(`/agenda 15m ${sneaky}`),
      ...parseCommands(`/cancel iaass ${sneaky}`).map((c) => interpretCancelCommand(c, ["iaas"])),
      ...parseCommands(`/cancel iaas ${sneaky}`).map((c) => interpretCancelCommand(c, ["iaas"])),
      ...parseCommands(`/cancel iaas 2026-01-05 ${sneaky}`).map((c) => interpretCancelCommand(c, ["iaas"])),
    ].map((r) => (typeof r === "string" ? r : "message" in r ? r.message : ""));
    expect(replies).toHaveLength(10);
    for (const reply of replies) {
      expect(reply).toContain("@acme/everyone");
      expect(outsideCode(reply)).not.toMatch(/@acme|<img/);
    }
  });
});

describe("planAgendaCommands", () => {
  const texts = { onDocketIssue: "ON-DOCKET-ISSUE", notAllowed: "NOT-ALLOWED" };
  const series = [
    { id: "iaas", label: "agenda/iaas" },
    { id: "meetup", label: "Meetup-Topic" },
  ];
  const plan = (body: string, labels: string[] = [], more: Partial<AgendaInput> = {}) =>
    planAgendaCommands({ commands: parseCommands(body), series, estimatePrefix: "time/", labels, isDocketIssue: false, allowed: true, ...more }, texts);
  const changes = (body: string, labels: string[] = []) => {
    const p = plan(body, labels);
    return { remove: p.removeLabels, add: p.addLabels, touched: p.touched, ack: p.acknowledge, refusals: p.refusals };
  };

  it("no command, no plan", () => {
    expect(plan("just words")).toEqual(emptyPlan());
  });

  it("an estimate in words sets the same estimate label as its short form", () => {
    expect(changes("/agenda iaas 1 hour 30 minutes", ["time/10m"])).toEqual({
      remove: ["time/10m"],
      add: ["agenda/iaas", "time/1h30m"],
      touched: ["iaas"],
      ack: true,
      refusals: [],
    });
  });

  it("adds the series label and the estimate, replacing other estimate labels (not look-alikes)", () => {
    expect(changes("/agenda iaas 15m", ["time/5m", "time/later", "bug"])).toEqual({
      remove: ["time/5m"],
      add: ["agenda/iaas", "time/15m"],
      touched: ["iaas"],
      ack: true,
      refusals: [],
    });
  });

  it("changes nothing when the labels are already as asked, in any case: an empty plan, no 👍", () => {
    expect(plan("/agenda iaas 15m", ["Agenda/IaaS", "time/15m"])).toEqual(emptyPlan());
    expect(plan("/agenda meetup", ["meetup-topic"])).toEqual(emptyPlan());
    expect(plan("/agenda remove", ["bug"])).toEqual(emptyPlan());
    expect(plan("/agenda remove meetup", ["agenda/iaas"])).toEqual(emptyPlan());
  });

  it("an estimate alone is a change of its series", () => {
    expect(changes("/agenda iaas 30m", ["agenda/iaas", "time/15m"])).toEqual({
      remove: ["time/15m"],
      add: ["time/30m"],
      touched: ["iaas"],
      ack: true,
      refusals: [],
    });
  });

  it("removes the labels of one or every series, as the issue spells them", () => {
    expect(changes("/agenda remove", ["Agenda/IaaS", "meetup-topic", "time/5m"])).toEqual({
      remove: ["Agenda/IaaS", "meetup-topic"],
      add: [],
      touched: ["iaas", "meetup"],
      ack: true,
      refusals: [],
    });
    expect(changes("/agenda remove meetup", ["agenda/iaas", "meetup-topic"])).toMatchObject({ remove: ["meetup-topic"], touched: ["meetup"] });
  });

  it("several commands in one comment make one net difference: nothing written twice or undone", () => {
    expect(changes("/agenda iaas\n/agenda remove iaas", [])).toMatchObject({ remove: [], add: [], touched: ["iaas"] });
    expect(changes("/agenda iaas 5m\n/agenda iaas 10m", ["time/1h"])).toMatchObject({
      remove: ["time/1h"],
      add: ["agenda/iaas", "time/10m"],
      touched: ["iaas"],
    });
  });

  it("malformed commands are refusals; the well-formed ones still apply, without a 👍", () => {
    const p = plan("/agenda sprint\n/agenda iaas", []);
    expect(p.refusals).toEqual([expect.stringMatching(/^Unknown series `sprint`\./)]);
    expect(p.addLabels).toEqual(["agenda/iaas"]);
    expect(p.acknowledge).toBe(false);
  });

  it("without the role, or on a meeting issue, one refusal and nothing else", () => {
    expect(plan("/agenda iaas\n/agenda sprint", [], { allowed: false })).toEqual({ ...emptyPlan(), refusals: ["NOT-ALLOWED"] });
    expect(plan("/agenda iaas", [], { isDocketIssue: true })).toEqual({ ...emptyPlan(), refusals: ["ON-DOCKET-ISSUE"] });
  });
});

describe("refusalReplyDue", () => {
  const now = new Date("2023-11-29T10:00:00Z");
  const ago = (ms: number) => new Date(now.getTime() - ms).toISOString();

  it("replies when Docket has not refused this person on this issue within the hour", () => {
    expect(refusalReplyDue([], "mallory", now)).toBe(true);
    expect(refusalReplyDue([{ to: "eve", at: ago(1000) }], "mallory", now)).toBe(true);
    expect(refusalReplyDue([{ to: "mallory", at: ago(REFUSAL_WINDOW_MS) }], "mallory", now)).toBe(true);
    expect(refusalReplyDue([{ to: "mallory", at: "not a date" }], "mallory", now)).toBe(true);
  });

  it("not again within the hour, whatever the spelling of the login", () => {
    expect(refusalReplyDue([{ to: "mallory", at: ago(REFUSAL_WINDOW_MS - 1) }], "Mallory", now)).toBe(false);
    expect(
      refusalReplyDue(
        [
          { to: "eve", at: ago(5) },
          { to: "MALLORY", at: ago(5) },
        ],
        "mallory",
        now,
      ),
    ).toBe(false);
  });
});

describe("planConfigProblem", () => {
  it("tells who can fix the configuration, and gives anybody else a 😕 only", () => {
    expect(planConfigProblem(true, "BROKEN")).toEqual({ ...emptyPlan(), refusals: ["BROKEN"] });
    expect(planConfigProblem(false, "BROKEN")).toEqual({ ...emptyPlan(), quietRefusal: true });
  });
});
