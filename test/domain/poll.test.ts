import { describe, expect, it } from "vitest";
import { parseConfigText } from "../../src/config/load.js";
import { parseCommands } from "../../src/domain/commands.js";
import {
  MAX_SLOTS,
  bestRange,
  candidateSlots,
  eventConfigFromPoll,
  eventFromPoll,
  parsePollCommand,
  planWriteConfig,
  pollId,
  pollSpecFromId,
  tallyPoll,
  validatePollSpec,
  type PollSpec,
  type PollTally,
} from "../../src/domain/poll.js";

const command = (text: string) => parsePollCommand(parseCommands(text)[0]!);
const message = (text: string): string => {
  const result = command(text);
  if (result.kind !== "invalid") throw new Error(`expected an invalid command, got ${result.kind}`);
  return result.message;
};

const february: PollSpec = { from: "2025-02-03", to: "2025-02-14", time: "09:00", timezone: "UTC", weekdays: true };
const ID = "2025-02-03..2025-02-14 09:00 UTC weekdays";

describe("parsePollCommand: /poll slots", () => {
  it("reads the range, the time, the zone and `weekdays`, and lists the candidate slots", () => {
    const result = command("/poll slots 2025-02-03..2025-02-14 09:00 UTC weekdays");
    expect(result.kind).toBe("open");
    if (result.kind !== "open") return;
    expect(result.spec).toEqual(february);
    expect(result.id).toBe(ID);
    expect(result.slots.map((s) => s.date)).toEqual([
      "2025-02-03",
      "2025-02-04",
      "2025-02-05",
      "2025-02-06",
      "2025-02-07",
      "2025-02-10",
      "2025-02-11",
      "2025-02-12",
      "2025-02-13",
      "2025-02-14",
    ]);
    expect(result.slots[0]).toEqual({ poll: ID, index: 0, date: "2025-02-03", start: "2025-02-03T09:00:00.000Z", timezone: "UTC" });
    expect(result.slots.map((s) => s.index)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it("takes every day without `weekdays`, and is forgiving about case and a one-digit hour", () => {
    const result = command("/Poll SLOTS 2025-02-03..2025-02-14 9:00 europe/berlin");
    expect(result.kind).toBe("open");
    if (result.kind !== "open") return;
    expect(result.spec).toEqual({ ...february, timezone: "Europe/Berlin", weekdays: false });
    expect(result.slots).toHaveLength(12);
    expect(result.slots[0]!.start).toBe("2025-02-03T09:00:00.000+01:00");
    expect(command("/poll slots 2025-02-03..2025-02-07 09:00 utc Weekdays")).toMatchObject({ kind: "open", id: "2025-02-03..2025-02-07 09:00 UTC weekdays" });
  });

  it("keeps the local time across a daylight saving change", () => {
    const result = command("/poll slots 2025-03-28..2025-03-31 09:00 Europe/Berlin");
    if (result.kind !== "open") throw new Error(result.kind);
    expect(result.slots.map((s) => s.start)).toEqual([
      "2025-03-28T09:00:00.000+01:00",
      "2025-03-29T09:00:00.000+01:00",
      "2025-03-30T09:00:00.000+02:00",
      "2025-03-31T09:00:00.000+02:00",
    ]);
  });

  it("says what is wrong with the dates", () => {
    expect(message("/poll slots")).toMatch(/^Which days\? Usage: `\/poll slots/);
    expect(message("/poll slots 2025-02-03 09:00 UTC")).toBe("`2025-02-03` is not a range of days: expected <from>..<to>, such as 2025-02-03..2025-02-14.");
    expect(message("/poll slots 2025-02-30..2025-03-02 09:00 UTC")).toBe("`2025-02-30` is not a date: expected YYYY-MM-DD, such as 2025-02-03.");
    expect(message("/poll slots 2025-02-03..14.2.2025 09:00 UTC")).toMatch(/^`2025-02-03..14.2.2025` is not a range of days/);
    expect(message("/poll slots 2025-02-03..2025/02/14 09:00 UTC")).toBe("`2025/02/14` is not a date: expected YYYY-MM-DD, such as 2025-02-14.");
    expect(message("/poll slots 2025-02-14..2025-02-03 09:00 UTC")).toBe("The range ends (2025-02-03) before it starts (2025-02-14).");
    expect(message("/poll slots 2025-02-08..2025-02-09 09:00 UTC weekdays")).toBe(
      "2025-02-08..2025-02-09 has no weekdays: leave out `weekdays` or widen the range.",
    );
  });

  it(`takes at most ${MAX_SLOTS} candidate days, counting only weekdays when asked`, () => {
    expect(command("/poll slots 2025-01-01..2025-01-31 09:00 UTC").kind).toBe("open");
    expect(message("/poll slots 2025-01-01..2025-02-01 09:00 UTC")).toBe(
      "2025-01-01..2025-02-01 has 32 candidate days; a poll takes at most 31 (one comment each).",
    );
    // 2025-02-03 (Monday) .. 2025-03-17 (Monday): 43 days, 31 of them weekdays.
    expect(command("/poll slots 2025-02-03..2025-03-17 09:00 UTC weekdays")).toMatchObject({ kind: "open", slots: { length: 31 } });
    expect(message("/poll slots 2025-02-03..2025-03-18 09:00 UTC weekdays")).toMatch(/has 32 candidate days/);
    // A typo in the year must not build centuries of days before saying no.
    expect(message("/poll slots 2025-02-03..9025-02-14 09:00 UTC")).toMatch(/has 2556709 candidate days/);
  });

  it("says what is wrong with the time and the zone", () => {
    expect(message("/poll slots 2025-02-03..2025-02-14")).toMatch(/^At what time\?/);
    expect(message("/poll slots 2025-02-03..2025-02-14 09:00")).toMatch(/^In which time zone\?/);
    expect(message("/poll slots 2025-02-03..2025-02-14 25:00 UTC")).toBe("`25:00` is not a time of day: expected HH:MM (24-hour), such as 09:00.");
    expect(message("/poll slots 2025-02-03..2025-02-14 9am UTC")).toMatch(/^`9am` is not a time of day/);
    expect(message("/poll slots 2025-02-03..2025-02-14 09:00 Europe/Berln")).toBe(
      "`Europe/Berln` is not a time zone: expected an IANA name such as UTC or Europe/Berlin (did you mean `Europe/Berlin`?).",
    );
    expect(message("/poll slots 2025-02-03..2025-02-14 09:00 CETT")).toMatch(/^`CETT` is not a time zone/);
  });

  it("rejects words it does not know", () => {
    expect(message("/poll slots 2025-02-03..2025-02-14 09:00 UTC weekends")).toMatch(/^`weekends` is not understood here: the only option is `weekdays`/);
    expect(message("/poll slots 2025-02-03..2025-02-14 09:00 UTC weekdays weekdays")).toMatch(/^`weekdays` is not understood here/);
  });
});

describe("parsePollCommand: /poll close and the rest", () => {
  it("closes, on request writing the config", () => {
    expect(command("/poll close")).toEqual({ kind: "close", writeConfig: null });
    expect(command("/poll close write-config")).toEqual({ kind: "close", writeConfig: { series: null, days: null } });
    expect(command("/poll Close Write-Config")).toEqual({ kind: "close", writeConfig: { series: null, days: null } });
    expect(message("/poll close now")).toMatch(/^`\/poll close` takes nothing or `write-config`, got `now`/);
    expect(message("/poll close 3d")).toMatch(/^`\/poll close` takes nothing or `write-config`, got `3d`/);
  });

  it("write-config takes a series and a number of days, each optional, in either order", () => {
    expect(command("/poll close write-config meetup-2025")).toEqual({ kind: "close", writeConfig: { series: "meetup-2025", days: null } });
    expect(command("/poll close write-config 3d")).toEqual({ kind: "close", writeConfig: { series: null, days: 3 } });
    expect(command("/poll close write-config meetup-2025 3D")).toEqual({ kind: "close", writeConfig: { series: "meetup-2025", days: 3 } });
    expect(command("/poll close write-config 31d meetup-2025")).toEqual({ kind: "close", writeConfig: { series: "meetup-2025", days: 31 } });
  });

  it("write-config refuses days out of range and words given twice, with the usage", () => {
    expect(message("/poll close write-config 0d")).toMatch(
      /^`0d`: an event lasts 1 to 31 days here .* Usage: .*`\/poll close write-config \[<series>\] \[<n>d\]`/,
    );
    expect(message("/poll close write-config 32d")).toMatch(/^`32d`: an event lasts 1 to 31 days/);
    expect(message("/poll close write-config meetup 2d 3d")).toMatch(
      /^`3d` is not understood here: `write-config` takes a series and a number of days such as `3d`, each at most once\. Usage:/,
    );
    expect(message("/poll close write-config meetup retro")).toMatch(/^`retro` is not understood here/);
  });

  it("write-config reads a number of days written out: `3 days`, `1 day`, `3days`", () => {
    expect(command("/poll close write-config meetup-2025 3 days")).toEqual({ kind: "close", writeConfig: { series: "meetup-2025", days: 3 } });
    expect(command("/poll close write-config 1 day meetup-2025")).toEqual({ kind: "close", writeConfig: { series: "meetup-2025", days: 1 } });
    expect(command("/poll close write-config 3days")).toEqual({ kind: "close", writeConfig: { series: null, days: 3 } });
  });

  it("suggests the command a misspelt word probably meant", () => {
    expect(message("/poll slot 2025-02-03..2025-02-14 09:00 UTC")).toMatch(
      /^`slot` is not a poll command \(did you mean `\/poll slots 2025-02-03\.\.2025-02-14 09:00 UTC`\?\)\. Usage:/,
    );
    expect(message("/poll clsoe")).toMatch(/^`clsoe` is not a poll command \(did you mean `\/poll close`\?\)\. Usage:/);
    expect(message("/poll close write-confg meetup-2025 3d")).toMatch(
      /^`\/poll close` takes nothing or `write-config`, got `write-confg meetup-2025 3d` \(did you mean `\/poll close write-config meetup-2025 3d`\?\)\. Usage:/,
    );
  });

  it("explains itself for anything else", () => {
    expect(message("/poll")).toMatch(/^Open or close a poll\? Usage:/);
    expect(message("/poll vote 3")).toMatch(/^`vote` is not a poll command\. Usage:/);
  });

  it("is not run from a quote or a code block (parseCommands)", () => {
    expect(parseCommands("> /poll close\n```\n/poll close\n```")).toEqual([]);
  });
});

describe("poll ids", () => {
  it("are the canonical spec, and give it back", () => {
    expect(pollId(february)).toBe(ID);
    expect(pollId({ ...february, weekdays: false, timezone: "Europe/Berlin" })).toBe("2025-02-03..2025-02-14 09:00 Europe/Berlin");
    expect(pollSpecFromId(ID)).toEqual(february);
    expect(pollSpecFromId("2025-02-03..2025-02-14 9:00 UTC")).toBeNull(); // not canonical
    expect(pollSpecFromId("2025-02-03..2025-02-14 09:00 utc")).toBeNull();
    expect(pollSpecFromId("garbage")).toBeNull();
    expect(pollSpecFromId("")).toBeNull();
  });

  it("candidateSlots refuses a spec validatePollSpec rejects", () => {
    expect(validatePollSpec(february)).toBeNull();
    expect(() => candidateSlots({ ...february, time: "9" })).toThrow(/not a time of day/);
  });
});

// ---------------------------------------------------------------------------

const slots = candidateSlots(february);
const votes = (byDate: Record<string, Array<string | null>>) => slots.map((s) => ({ slot: s, voters: byDate[s.date] ?? [] }));

describe("tallyPoll", () => {
  it("ranks by votes, ties by date, tied slots sharing a rank", () => {
    const tally = tallyPoll(
      votes({
        "2025-02-05": ["alice", "bob", "carol"],
        "2025-02-04": ["alice", "bob"],
        "2025-02-11": ["dave", "erin"],
        "2025-02-03": ["carol"],
      }),
    );
    expect(tally.poll).toBe(ID);
    expect(tally.ranking.map((t) => [t.rank, t.slot.date, t.votes])).toEqual([
      [1, "2025-02-05", 3],
      [2, "2025-02-04", 2],
      [2, "2025-02-11", 2],
      [4, "2025-02-03", 1],
      [5, "2025-02-06", 0],
      [5, "2025-02-07", 0],
      [5, "2025-02-10", 0],
      [5, "2025-02-12", 0],
      [5, "2025-02-13", 0],
      [5, "2025-02-14", 0],
    ]);
    expect(tally.voters).toEqual(["alice", "bob", "carol", "dave", "erin"]);
  });

  it("counts a person once per slot (logins are case-insensitive) and leaves out bots and ghosts", () => {
    const tally = tallyPoll(votes({ "2025-02-03": ["Alice", "alice", "ALICE", "docket-app", "dependabot[bot]", "Docket[BOT]", null, "", "bob"] }), {
      exclude: ["Docket-App"],
    });
    expect(tally.ranking[0]).toMatchObject({ votes: 2, voters: ["Alice", "bob"] });
    expect(tally.voters).toEqual(["Alice", "bob"]);
  });

  it("sorts voters alphabetically, whatever order the reactions came in", () => {
    const tally = tallyPoll(votes({ "2025-02-03": ["zoe", "Bob", "alice"] }));
    expect(tally.ranking[0]!.voters).toEqual(["alice", "Bob", "zoe"]);
  });

  it("handles a poll nobody voted on, and refuses mixed polls or a slot listed twice", () => {
    expect(tallyPoll(votes({})).ranking.every((t) => t.rank === 1 && t.votes === 0)).toBe(true);
    expect(tallyPoll([])).toEqual({ poll: "", ranking: [], voters: [] });
    const other = candidateSlots({ ...february, time: "10:00" })[0]!;
    expect(() =>
      tallyPoll([
        { slot: slots[0]!, voters: [] },
        { slot: other, voters: [] },
      ]),
    ).toThrow(/one poll/);
    expect(() =>
      tallyPoll([
        { slot: slots[0]!, voters: [] },
        { slot: slots[0]!, voters: [] },
      ]),
    ).toThrow(/listed twice/);
  });
});

describe("bestRange", () => {
  const tally: PollTally = tallyPoll(
    votes({
      "2025-02-03": ["alice"],
      "2025-02-04": ["alice", "bob", "carol"],
      "2025-02-05": ["alice", "bob", "carol"],
      "2025-02-06": ["alice", "bob"],
      "2025-02-07": ["dave", "erin", "frank"],
      "2025-02-10": ["dave", "erin", "frank"],
      "2025-02-11": ["dave", "erin"],
    }),
  );

  it("finds the consecutive candidate days with the most votes; ties go to more people on every day, then the earlier range", () => {
    // 02-04..02-06 and 02-07..02-11 both have 8 votes; each has two people on every day: the earlier wins.
    expect(bestRange(tally, 3)).toMatchObject({ from: "2025-02-04", to: "2025-02-06", votes: 8, everyDay: ["alice", "bob"] });
    // 02-04..02-05 and 02-07..02-10 both have 6 votes and three people on both days: the earlier wins.
    expect(bestRange(tally, 2)).toMatchObject({ from: "2025-02-04", to: "2025-02-05", votes: 6, everyDay: ["alice", "bob", "carol"] });
    expect(bestRange(tally, 1)).toMatchObject({ from: "2025-02-04", to: "2025-02-04", votes: 3 });
    expect(bestRange(tally, 3)!.slots.map((s) => s.slot.date)).toEqual(["2025-02-04", "2025-02-05", "2025-02-06"]);
  });

  it("counts a weekend inside a weekdays poll as no gap: Friday and Monday are consecutive candidates", () => {
    const t = tallyPoll(votes({ "2025-02-06": ["a"], "2025-02-07": ["a", "b"], "2025-02-10": ["a", "b", "c"], "2025-02-11": ["c"] }));
    expect(bestRange(t, 2)).toMatchObject({ from: "2025-02-07", to: "2025-02-10", votes: 5, everyDay: ["a", "b"] });
  });

  it("prefers, at equal votes, the range more people can attend on every day", () => {
    const t = tallyPoll(
      votes({
        "2025-02-03": ["a", "b", "c"],
        "2025-02-04": ["d", "e", "f"],
        "2025-02-05": ["a", "b"],
        "2025-02-06": ["a", "b"],
      }),
    );
    // 02-03..02-04: 6 votes, nobody both days; 02-04..02-05: 5; 02-05..02-06: 4. Most votes wins first.
    expect(bestRange(t, 2)).toMatchObject({ from: "2025-02-03", votes: 6, everyDay: [] });
    const u = tallyPoll(votes({ "2025-02-03": ["a", "b", "c"], "2025-02-04": ["d"], "2025-02-05": ["a", "b"], "2025-02-06": ["a", "b"] }));
    // 02-03..02-04 and 02-05..02-06 have 4 votes each; a and b can come on both days of the second.
    expect(bestRange(u, 2)).toMatchObject({ from: "2025-02-05", to: "2025-02-06", votes: 4, everyDay: ["a", "b"] });
  });

  it("is null when the poll has fewer days, and refuses a length that is not a whole positive number", () => {
    expect(bestRange(tally, 10)).toMatchObject({ from: "2025-02-03", to: "2025-02-14" });
    expect(bestRange(tally, 11)).toBeNull();
    expect(() => bestRange(tally, 0)).toThrow(/at least 1/);
    expect(() => bestRange(tally, 1.5)).toThrow(/whole number/);
  });
});

describe("eventFromPoll / eventConfigFromPoll", () => {
  const chosen = { from: "2025-02-04", to: "2025-02-06" };

  it("writes the event: block for the chosen dates", () => {
    expect(eventFromPoll(february, chosen, 150)).toEqual({
      from: "2025-02-04",
      to: "2025-02-06",
      weekdays: true,
      start: "09:00",
      timezone: "UTC",
      "daily-budget": 150,
    });
    expect(eventConfigFromPoll(february, chosen, 150)).toBe(
      ["event:", "  from: 2025-02-04", "  to: 2025-02-06", "  weekdays: true", '  start: "09:00"', "  timezone: UTC", "  daily-budget: 2h30m", ""].join("\n"),
    );
    expect(eventConfigFromPoll({ ...february, weekdays: false, timezone: "Europe/Berlin" }, chosen, undefined, 4)).toBe(
      [
        "    event:",
        "      from: 2025-02-04",
        "      to: 2025-02-06",
        "      weekdays: false",
        '      start: "09:00"',
        "      timezone: Europe/Berlin",
        "",
      ].join("\n"),
    );
  });

  it("writes YAML the config loader accepts, in YAML 1.2 and 1.1 alike", () => {
    const range = bestRange(tallyPoll(votes({ "2025-02-12": ["a"] })), 3)!;
    const text = ["meetings:", "  meetup-2025:", "    title: Team Meetup 2025", eventConfigFromPoll(february, range, 150, 4)].join("\n");
    for (const prefix of ["", "%YAML 1.1\n---\n"]) {
      const result = parseConfigText(prefix + text);
      expect(result.ok).toBe(true);
      if (result.ok) {
        expect(result.config.meetings["meetup-2025"]?.event).toEqual({
          from: "2025-02-10",
          to: "2025-02-12",
          weekdays: true,
          start: "09:00",
          timezone: "UTC",
          "daily-budget": 150,
        });
      }
    }
  });

  it("refuses dates outside the poll or in the wrong order", () => {
    expect(() => eventFromPoll(february, { from: "2025-02-01", to: "2025-02-06" })).toThrow(/within the poll's 2025-02-03..2025-02-14/);
    expect(() => eventFromPoll(february, { from: "2025-02-06", to: "2025-02-04" })).toThrow(/on or before its end/);
  });
});

describe("planWriteConfig", () => {
  const meetup = {
    title: "Team Meetup 2025",
    event: { from: "2025-03-03", to: "2025-03-05", weekdays: true, start: "10:00", timezone: "UTC", "daily-budget": 150 },
  };
  const iaas = { title: "Team IaaS" };
  const tally = tallyPoll(
    votes({
      "2025-02-03": ["alice"],
      "2025-02-04": ["alice", "bob", "carol"],
      "2025-02-05": ["alice", "bob", "carol"],
      "2025-02-06": ["alice", "bob"],
      "2025-02-07": ["dave"],
    }),
  );
  const plan = (meetings: Record<string, { title: string; event?: typeof meetup.event }>, series: string | null, days: number | null = null) =>
    planWriteConfig(meetings, { series, days }, tally);

  it("takes the only event series and its number of days (3), keeping its daily budget", () => {
    expect(plan({ iaas, "meetup-2025": meetup }, null)).toMatchObject({
      series: "meetup-2025",
      title: "Team Meetup 2025",
      days: 3,
      range: { from: "2025-02-04", to: "2025-02-06", votes: 8, everyDay: ["alice", "bob"] },
      event: { from: "2025-02-04", to: "2025-02-06", weekdays: true, start: "09:00", timezone: "UTC", "daily-budget": 150 },
    });
  });

  it("names the series case-insensitively and takes the days asked for", () => {
    expect(plan({ iaas, "meetup-2025": meetup }, "Meetup-2025", 2)).toMatchObject({
      series: "meetup-2025",
      days: 2,
      range: { from: "2025-02-04", to: "2025-02-05" },
    });
  });

  it("explains which series when it cannot tell, or the one named is not an event", () => {
    expect(plan({ iaas, a: meetup, b: meetup }, null)).toEqual({
      problem: "which series? Name one: `/poll close write-config <series>`, with <series> one of `a`, `b`",
    });
    expect(plan({ iaas }, null)).toEqual({ problem: "no series in the configuration has an `event:`, so there are no dates to write" });
    expect(plan({ iaas, "meetup-2025": meetup }, "iaas")).toEqual({
      problem: "the series `iaas` is not an event (it has no `event:`); series with one: `meetup-2025`",
    });
    expect(plan({ iaas, "meetup-2025": meetup }, "meetup-2024")).toEqual({
      problem: "there is no series `meetup-2024` (did you mean `meetup-2025`?); series with an `event:`: `meetup-2025`",
    });
  });

  it("says so when the event is longer than the poll, or nobody voted", () => {
    expect(plan({ "meetup-2025": meetup }, null, 11)).toEqual({
      problem: "the event lasts 11 days but the poll has only 10 candidate days; say how many with `/poll close write-config meetup-2025 <n>d`",
    });
    expect(planWriteConfig({ "meetup-2025": meetup }, { series: null, days: null }, tallyPoll(votes({})))).toEqual({
      problem: "nobody voted yet, so there are no dates to choose",
    });
  });
});
