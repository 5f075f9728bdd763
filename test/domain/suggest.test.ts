import { describe, expect, it } from "vitest";
import { closestMatch, didYouMean, editDistance } from "../../src/domain/suggest.js";

const WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];
const SERIES_KEYS = [
  "title",
  "repository",
  "cadence",
  "weeks",
  "day",
  "nth",
  "time",
  "duration",
  "timezone",
  "label",
  "default-estimate",
  "order",
  "waiting-list",
];

describe("editDistance", () => {
  it.each([
    ["", "", 0],
    ["abc", "", 3],
    ["", "abc", 3],
    ["monday", "monday", 0],
    ["munday", "monday", 1], // substitution
    ["mondy", "monday", 1], // deletion
    ["mondaay", "monday", 1], // insertion
    ["lable", "label", 1], // neighbours swapped: one typo, not two
    ["mnoday", "monday", 1],
    ["iaass", "iaas", 1],
    ["kitten", "sitting", 3],
    ["ca", "abc", 3], // optimal string alignment: a swapped pair is not edited again
  ])("%j -> %j is %i", (a, b, d) => {
    expect(editDistance(a, b)).toBe(d);
    expect(editDistance(b, a)).toBe(d);
  });
});

describe("closestMatch", () => {
  it("recognises a value written with other case, dashes, underscores or spaces", () => {
    expect(closestMatch("Monday", WEEKDAYS)).toBe("monday");
    expect(closestMatch("waiting_list", SERIES_KEYS)).toBe("waiting-list");
    expect(closestMatch("defaultEstimate", SERIES_KEYS)).toBe("default-estimate");
    expect(closestMatch("pull request", ["commit", "pull-request"])).toBe("pull-request");
  });

  it("completes an unambiguous prefix of three letters or more, and only then", () => {
    expect(closestMatch("wed", WEEKDAYS)).toBe("wednesday");
    expect(closestMatch("mo", WEEKDAYS)).toBeUndefined();
    expect(closestMatch("t", WEEKDAYS)).toBeUndefined();
  });

  it("forgives one typo in a short word and two in a longer one; a swap is one typo", () => {
    expect(closestMatch("Munday", WEEKDAYS)).toBe("monday");
    expect(closestMatch("tusday", WEEKDAYS)).toBe("tuesday");
    expect(closestMatch("timezon", SERIES_KEYS)).toBe("timezone");
    expect(closestMatch("lable", SERIES_KEYS)).toBe("label");
    expect(closestMatch("iaass", ["iaas", "platform"])).toBe("iaas");
    expect(closestMatch("votes", ["fifo", "votes"])).toBe("votes");
    expect(closestMatch("vote", ["fifo", "votes"])).toBe("votes");
    expect(closestMatch("mintues", ["minutes", "hours", "days"])).toBe("minutes");
  });

  it("recognises the known word at the end of a compound key", () => {
    expect(closestMatch("agenda-lable", SERIES_KEYS)).toBe("label");
    expect(closestMatch("agenda-label", SERIES_KEYS)).toBe("label");
    expect(closestMatch("meeting-timezone", SERIES_KEYS)).toBe("timezone");
    expect(closestMatch("team-iaas", ["iaas", "platform"])).toBe("iaas");
  });

  it("suggests nothing for words that are not close", () => {
    expect(closestMatch("fortnightly", ["weekly", "biweekly", "monthly"])).toBeUndefined();
    expect(closestMatch("colour", ["title", "cadence"])).toBeUndefined();
    expect(closestMatch("xyz", ["iaas", "platform"])).toBeUndefined();
    expect(closestMatch("", WEEKDAYS)).toBeUndefined();
    expect(closestMatch("-", WEEKDAYS)).toBeUndefined();
    expect(closestMatch("monday", [])).toBeUndefined();
    expect(closestMatch("agenda-xy", SERIES_KEYS)).toBeUndefined();
  });

  it("breaks ties by the order of the candidates", () => {
    expect(closestMatch("bat", ["cat", "hat"])).toBe("cat");
    expect(closestMatch("bat", ["hat", "cat"])).toBe("hat");
  });
});

describe("didYouMean", () => {
  it("words the suggestion, or says nothing", () => {
    expect(didYouMean("Munday", WEEKDAYS)).toBe(" (did you mean `monday`?)");
    expect(didYouMean("fortnightly", ["weekly"])).toBe("");
  });
});
