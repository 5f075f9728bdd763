import { describe, expect, it } from "vitest";
import {
  canShow,
  draftAudience,
  outputAudience,
  parseVisibility,
  partitionVisible,
  topicAudience,
  type Audience,
  type Visibility,
} from "../../src/domain/visibility.js";

const at = (visibility: Visibility, owner = "acme"): Audience => ({ visibility, owner });

describe("canShow", () => {
  // Every topic visibility against every output visibility, same owner: [topic, output, shown].
  const sameOwner: Array<[Visibility, Visibility, boolean]> = [
    ["public", "public", true],
    ["public", "internal", true],
    ["public", "private", true],
    ["internal", "public", false],
    ["internal", "internal", true],
    ["internal", "private", true],
    ["private", "public", false],
    ["private", "internal", false],
    ["private", "private", true],
  ];
  it.each(sameOwner)("same owner: a %s topic in a %s output: %s", (topic, output, shown) => {
    expect(canShow(at(topic), at(output))).toBe(shown);
  });

  // Another owner's readers are not the topic's: only public topics cross owners.
  const otherOwner: Array<[Visibility, Visibility, boolean]> = [
    ["public", "public", true],
    ["public", "private", true],
    ["internal", "internal", false],
    ["internal", "private", false],
    ["private", "private", false],
  ];
  it.each(otherOwner)("another owner: a %s topic in a %s output: %s", (topic, output, shown) => {
    expect(canShow(at(topic, "acme"), at(output, "globex"))).toBe(shown);
  });

  it("compares owners case-insensitively, as GitHub does logins", () => {
    expect(canShow(at("private", "Acme"), at("private", "acme"))).toBe(true);
    expect(canShow(at("internal", "ACME"), at("internal", "acme"))).toBe(true);
  });

  it("an empty owner matches nobody, not another empty owner", () => {
    expect(canShow(at("private", ""), at("private", ""))).toBe(false);
    expect(canShow(at("public", ""), at("public", ""))).toBe(true);
  });
});

describe("parseVisibility", () => {
  it("reads GraphQL's enum and REST's lower case alike", () => {
    expect(["PUBLIC", "INTERNAL", "PRIVATE", "public", "internal", "private"].map(parseVisibility)).toEqual([
      "public",
      "internal",
      "private",
      "public",
      "internal",
      "private",
    ]);
  });
  it("anything else is unknown", () => {
    expect([undefined, null, "", "secret", 1, true].map(parseVisibility)).toEqual([null, null, null, null, null, null]);
  });
});

describe("unknowns fall to the safe side", () => {
  it("an output of unknown visibility is public: only public topics", () => {
    const output = outputAudience("acme", undefined);
    expect(output).toEqual({ visibility: "public", owner: "acme" });
    expect(canShow(at("internal"), output)).toBe(false);
    expect(canShow(at("private"), output)).toBe(false);
  });
  it("a topic of unknown visibility is private to the owner its repository names", () => {
    expect(topicAudience("acme/infra", null)).toEqual({ visibility: "private", owner: "acme" });
    expect(topicAudience("acme/infra", "PUBLIC")).toEqual({ visibility: "public", owner: "acme" });
    expect(topicAudience("", null)).toEqual({ visibility: "private", owner: "" });
  });
});

describe("draftAudience", () => {
  it("a draft on a public board is public", () => {
    expect(draftAudience("acme", true)).toEqual({ visibility: "public", owner: "acme" });
  });
  it("a draft on a board not known to be public is private to the board's owner", () => {
    for (const p of [false, null, undefined]) expect(draftAudience("acme", p)).toEqual({ visibility: "private", owner: "acme" });
    expect(canShow(draftAudience("acme", false), at("public"))).toBe(false);
    expect(canShow(draftAudience("acme", false), at("private"))).toBe(true);
    expect(canShow(draftAudience("acme", false), at("private", "globex"))).toBe(false);
  });
});

describe("partitionVisible", () => {
  const items = [
    { t: "a", a: at("public") },
    { t: "b", a: at("private") },
    { t: "c", a: at("internal") },
    { t: "d", a: at("public", "globex") },
    { t: "e", a: at("private", "globex") },
  ];
  it("keeps order and counts what was left out", () => {
    expect(partitionVisible(items, (x) => x.a, at("public"))).toEqual({ shown: [items[0], items[3]], hidden: 3 });
    expect(partitionVisible(items, (x) => x.a, at("internal"))).toEqual({ shown: [items[0], items[2], items[3]], hidden: 2 });
    expect(partitionVisible(items, (x) => x.a, at("private"))).toEqual({ shown: [items[0], items[1], items[2], items[3]], hidden: 1 });
  });
  it("nothing to show: nothing hidden", () => {
    expect(partitionVisible([], (x: { a: Audience }) => x.a, at("public"))).toEqual({ shown: [], hidden: 0 });
  });
});
