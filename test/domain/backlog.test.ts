import { describe, expect, it } from "vitest";
import { backlogIdeas } from "../../src/domain/backlog.js";
import { topic } from "../helpers/topics.js";

const idea = (title: string, extra: Parameters<typeof topic>[0] = {}) => topic({ title, labels: ["idea"], ...extra });

describe("backlogIdeas", () => {
  it("lists open ideas alphabetically, ignoring case, with numbers in numeric order", () => {
    const ideas = [
      idea("zebra crossing"),
      idea("Idea 10"),
      idea("apple"),
      idea("Idea 2"),
      idea("Banana"),
      idea("closed one", { state: "closed" }),
      topic({ title: "not an idea" }),
    ];
    expect(backlogIdeas(ideas, "idea", "en").map((t) => t.title)).toEqual(["apple", "Banana", "Idea 2", "Idea 10", "zebra crossing"]);
  });

  it("is locale-aware: Swedish sorts Ö after Z, German next to O", () => {
    const ideas = [idea("Östersund"), idea("Zürich"), idea("Oslo")];
    expect(backlogIdeas(ideas, "idea", "sv").map((t) => t.title)).toEqual(["Oslo", "Zürich", "Östersund"]);
    expect(backlogIdeas(ideas, "idea", "de").map((t) => t.title)).toEqual(["Oslo", "Östersund", "Zürich"]);
  });

  it("an unknown locale falls back to English instead of failing", () => {
    expect(backlogIdeas([idea("b"), idea("a")], "idea", "not a locale!").map((t) => t.title)).toEqual(["a", "b"]);
  });

  it("equal titles keep one order whatever order they arrive in", () => {
    const x = idea("Same", { number: 7 });
    const y = idea("Same", { number: 3 });
    expect(backlogIdeas([x, y], "idea", "en")).toEqual(backlogIdeas([y, x], "idea", "en"));
  });
});
