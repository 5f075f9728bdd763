import { describe, expect, it } from "vitest";
import { characters, MAX_BODY } from "../../src/domain/limits.js";
import { bestRange, candidateSlots, tallyPoll, type PollSpec } from "../../src/domain/poll.js";
import { pollResultComment, readPollResult, readSlotComment, slotComment, slotWhen } from "../../src/render/poll.js";

const february: PollSpec = { from: "2025-02-03", to: "2025-02-14", time: "09:00", timezone: "UTC", weekdays: true };
const ID = "2025-02-03..2025-02-14 09:00 UTC weekdays";
const slots = candidateSlots(february);

describe("slotComment", () => {
  it("asks for a 👍, names the slot, and hides the poll id and date", () => {
    expect(slotComment(slots[0]!, slots.length)).toBe(
      [
        `<!-- docket:poll-slot {"poll":"${ID}","date":"2025-02-03"} -->`,
        "👍 this comment if **Monday, 3 February 2025, 09:00 UTC** suits you.",
        "",
        `<sub>Slot 1 of 10 of the poll \`${ID}\` · [in your time zone](https://www.timeanddate.com/worldclock/fixedtime.html?iso=20250203T0900&p1=1440)</sub>`,
      ].join("\n"),
    );
  });

  it("gives the UTC time for another zone, with the UTC date when it differs", () => {
    const [berlin] = candidateSlots({ ...february, timezone: "Europe/Berlin" });
    expect(slotWhen(berlin!)).toBe("Monday, 3 February 2025, 09:00 Europe/Berlin (08:00 UTC)");
    const [tokyo] = candidateSlots({ ...february, time: "07:30", timezone: "Asia/Tokyo" });
    expect(slotWhen(tokyo!)).toBe("Monday, 3 February 2025, 07:30 Asia/Tokyo (22:30 UTC on 2 February)");
    const [la] = candidateSlots({ ...february, timezone: "America/Los_Angeles" });
    expect(slotWhen(la!)).toBe("Monday, 3 February 2025, 09:00 America/Los\\_Angeles (17:00 UTC)");
  });
});

describe("readSlotComment", () => {
  it("rebuilds the slot from its comment, for every slot", () => {
    for (const slot of slots) expect(readSlotComment(slotComment(slot, slots.length))).toEqual(slot);
    const berlin = candidateSlots({ ...february, timezone: "Europe/Berlin", weekdays: false });
    expect(readSlotComment(slotComment(berlin[5]!, berlin.length))).toEqual(berlin[5]);
  });

  it("finds the marker where people may have edited around it", () => {
    expect(readSlotComment(`Edited by a maintainer:\r\n\r\n${slotComment(slots[2]!, 10)}\r\n\r\nThanks!`)).toEqual(slots[2]);
  });

  it("is null for other comments, garbage, a date not in the poll, or a poll id that is not canonical", () => {
    expect(readSlotComment(null)).toBeNull();
    expect(readSlotComment("👍 this comment if Monday suits you")).toBeNull();
    expect(readSlotComment("<!-- docket:poll-slot {not json} -->")).toBeNull();
    expect(readSlotComment(`<!-- docket:poll-slot {"poll":"${ID}"} -->`)).toBeNull();
    expect(readSlotComment(`<!-- docket:poll-slot {"poll":"${ID}","date":"2025-02-08"} -->`)).toBeNull(); // a Saturday
    expect(readSlotComment(`<!-- docket:poll-slot {"poll":"${ID}","date":"2025-03-03"} -->`)).toBeNull();
    expect(readSlotComment(`<!-- docket:poll-slot {"poll":"2025-02-03..2025-02-14 9:00 UTC","date":"2025-02-03"} -->`)).toBeNull();
    expect(readSlotComment(`<!-- docket:poll-slot {"poll":"2025-01-01..2025-12-31 09:00 UTC","date":"2025-01-01"} -->`)).toBeNull();
  });
});

describe("pollResultComment", () => {
  const tally = tallyPoll(
    slots.map((slot) => ({
      slot,
      voters: { "2025-02-04": ["alice", "bob", "carol"], "2025-02-05": ["alice", "bob"], "2025-02-06": ["bob", "carol"] }[slot.date] ?? [],
    })),
  );

  it("renders the ranking as a table, voters as profile links that ping nobody", () => {
    const text = pollResultComment(tally);
    expect(text.split("\n").slice(0, 10)).toEqual([
      `<!-- docket:poll-result {"poll":"${ID}"} -->`,
      `### Poll result for \`${ID}\``,
      "",
      "3 people voted on 10 slots.",
      "",
      "| Rank | Slot | 👍 | Who |",
      "| -: | --- | -: | --- |",
      "| 1 | Tuesday, 4 February 2025, 09:00 UTC | 3 | [alice](https://github.com/alice), [bob](https://github.com/bob), [carol](https://github.com/carol) |",
      "| 2 | Wednesday, 5 February 2025, 09:00 UTC | 2 | [alice](https://github.com/alice), [bob](https://github.com/bob) |",
      "| 2 | Thursday, 6 February 2025, 09:00 UTC | 2 | [bob](https://github.com/bob), [carol](https://github.com/carol) |",
    ]);
    expect(text.split("\n").at(-1)).toBe("| 4 | Friday, 14 February 2025, 09:00 UTC | 0 |  |");
    expect(text).not.toMatch(/@/);
    expect(readPollResult(text)).toBe(ID);
  });

  it("says where the chosen days take place: location escaped, join link only when it is http(s)", () => {
    const range = bestRange(tally, 1);
    const place = { location: "Hall *B* <!-- docket:end x --> @team", joinUrl: "https://meet.example.org/meetup" };
    expect(pollResultComment(tally, { range, place }).split("\n\n").at(-1)).toBe(
      "**Where:** Hall \\*B\\* &lt;!-- docket:end x --&gt; @\u200Bteam · [Join the meeting](https://meet.example.org/meetup)",
    );
    expect(pollResultComment(tally, { range, place: { joinUrl: "javascript:alert(1)" } })).toBe(pollResultComment(tally, { range }));
  });

  it("adds the best run of days, and links to a GitHub Enterprise server", () => {
    const text = pollResultComment(tally, { range: bestRange(tally, 3), dailyBudget: 150, serverUrl: "https://ghe.example.com/" });
    expect(text.split("\n").at(-1)).toBe(
      "**Best 3 consecutive days, 2h30m a day:** 4–6 February 2025 (7 votes; 1 person can come on every day: [bob](https://ghe.example.com/bob)).",
    );
    expect(
      pollResultComment(tally, { range: bestRange(tally, 1) })
        .split("\n")
        .at(-1),
    ).toBe("**Best day:** Tuesday, 4 February 2025 (3 votes).");
    const nobody = tallyPoll(slots.map((slot) => ({ slot, voters: slot.index % 2 === 0 ? ["alice"] : ["bob"] })));
    expect(
      pollResultComment(nobody, { range: bestRange(nobody, 2) })
        .split("\n")
        .at(-1),
    ).toBe("**Best 2 consecutive days:** 3–4 February 2025 (2 votes; nobody can come on every day).");
  });

  it("says so when nobody voted", () => {
    const empty = tallyPoll(slots.slice(0, 1).map((slot) => ({ slot, voters: [] })));
    expect(pollResultComment(empty)).toContain("Nobody voted on the 1 slot.");
  });

  it("readPollResult is null for other comments", () => {
    expect(readPollResult(undefined)).toBeNull();
    expect(readPollResult("<!-- docket:poll-result {} -->")).toBeNull();
    expect(readPollResult(slotComment(slots[0]!, 10))).toBeNull();
  });
});

describe("pollResultComment within GitHub's limit", () => {
  it("31 slots with 100 voters each (long logins): within 65,536 characters, the first voters of each slot named and the rest counted", () => {
    const many = candidateSlots({ ...february, from: "2025-02-01", to: "2025-03-03", weekdays: false });
    expect(many).toHaveLength(31);
    const login = (i: number) => `voter-${String(i).padStart(3, "0")}-${"x".repeat(28)}`;
    const tally = tallyPoll(many.map((slot) => ({ slot, voters: Array.from({ length: 100 }, (_, i) => login(i)) })));
    const text = pollResultComment(tally);
    expect(characters(text)).toBeLessThanOrEqual(MAX_BODY);
    const row = text.split("\n").find((l) => l.startsWith("| 1 |"))!;
    const named = (row.match(/\[voter-/g) ?? []).length;
    expect(named).toBeGreaterThan(5);
    expect(row).toContain(` and ${100 - named} more |`);
    expect(pollResultComment(tally)).toBe(text);
  });
});
