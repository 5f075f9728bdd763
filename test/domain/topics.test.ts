import { describe, expect, it } from "vitest";
import { candidatesFor, mergeFresh } from "../../src/domain/topics.js";
import { topic } from "../helpers/topics.js";

const estimate = { labelPrefix: "time/", formField: "Estimate", defaultMinutes: 10 };

describe("candidatesFor", () => {
  it("takes open topics with the series label, queued by the time the label was added", () => {
    const a = topic({ labels: ["Agenda/IaaS"], labeledAt: { "Agenda/IaaS": "2023-11-20T10:00:00Z" } });
    const closed = topic({ labels: ["agenda/iaas"], state: "closed" });
    const other = topic({ labels: ["agenda/scs"] });
    const noTimeline = topic({ labels: ["agenda/iaas", "time/20m"], createdAt: "2023-11-02T08:00:00Z" });
    const result = candidatesFor([a, closed, other, noTimeline], "agenda/iaas", estimate);
    expect(result.map((c) => [c.topic.id, c.minutes, c.queuedAt])).toEqual([
      [a.id, 10, "2023-11-20T10:00:00Z"],
      [noTimeline.id, 20, "2023-11-02T08:00:00Z"],
    ]);
  });
});

describe("mergeFresh", () => {
  it("a fresh read replaces the lagging search result, and a vanished topic is dropped", () => {
    const stale = topic({ number: 1, title: "Old title" });
    const gone = topic({ number: 2 });
    const kept = topic({ number: 3 });
    const fresh = new Map([
      [stale.id, { ...stale, title: "New title" }],
      [gone.id, null],
    ]);
    expect(mergeFresh([stale, gone, kept], fresh).map((t) => t.title)).toEqual(["New title", "Topic 3"]);
  });

  it("a topic search has not indexed yet is added", () => {
    const indexed = topic({ number: 10 });
    const brandNew = topic({ number: 11 });
    expect(mergeFresh([indexed], new Map([[brandNew.id, brandNew]])).map((t) => t.number)).toEqual([10, 11]);
  });
});
