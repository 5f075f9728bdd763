import { describe, expect, it } from "vitest";
import { buildSprintReview, classifyItem, compareItems } from "../../src/domain/sprint.js";
import type { SprintItem } from "../../src/domain/sprint.js";
import { gothenburg, hobart, sprintItem } from "../fixtures/sprint.js";

const item = sprintItem;

const closed = (closedAt: string | null, overrides: Partial<SprintItem> = {}) => item("acme/infra", 1, "X", { state: "closed", closedAt, ...overrides });

describe("classifyItem", () => {
  it("reads the window as [start, end): closed exactly at the start is done, exactly at the end is not", () => {
    expect(classifyItem(closed("2024-07-01T00:00:00Z"), gothenburg).status).toBe("done");
    expect(classifyItem(closed("2024-07-01T02:00:00+02:00"), gothenburg).status).toBe("done");
    expect(classifyItem(closed("2024-07-14T23:59:59.999Z"), gothenburg).status).toBe("done");
    expect(classifyItem(closed("2024-07-15T00:00:00Z"), gothenburg)).toMatchObject({ status: "carried-over", closedAfterEnd: true });
    expect(classifyItem(closed("2024-06-30T23:59:59Z"), gothenburg).status).toBe("closed-before");
  });

  it("carries open items over, and counts a closed item without closedAt as done", () => {
    expect(classifyItem(item("acme/infra", 1, "X"), gothenburg)).toEqual({
      item: item("acme/infra", 1, "X"),
      status: "carried-over",
      addedMidSprint: false,
      closedAfterEnd: false,
    });
    expect(classifyItem(closed(null), gothenburg).status).toBe("done");
    expect(classifyItem(closed("not a date"), gothenburg).status).toBe("done");
    // An open item with a stale closedAt (reopened) is open.
    expect(classifyItem(item("acme/infra", 1, "X", { closedAt: "2024-07-03T00:00:00Z" }), gothenburg).status).toBe("carried-over");
  });

  it("calls an item added mid-sprint only when it came more than a day (the grace) after the start", () => {
    const added = (addedAt: string | null, grace?: number) => classifyItem(item("acme/infra", 1, "X", { addedAt }), gothenburg, grace).addedMidSprint;
    expect(added("2024-06-20T00:00:00Z")).toBe(false);
    expect(added("2024-07-01T15:00:00Z")).toBe(false);
    expect(added("2024-07-02T00:00:00Z")).toBe(false);
    expect(added("2024-07-02T00:00:00.001Z")).toBe(true);
    expect(added("2024-07-01T00:00:01Z", 0)).toBe(true);
    expect(added(null)).toBe(false);
  });

  it("refuses a sprint whose window is not two ordered instants", () => {
    expect(() => classifyItem(closed(null), { ...gothenburg, end: "soon" })).toThrow(/expected ISO-8601 instants/);
    expect(() => buildSprintReview({ sprint: { ...gothenburg, end: gothenburg.start }, items: [] })).toThrow(/after its start/);
  });
});

describe("buildSprintReview", () => {
  const items = [
    item("acme/infra", 15, "Ceph Reef upgrade", { labels: ["area/storage"] }),
    item("acme/infra", 12, "Rotate the CI secrets", { state: "closed", closedAt: "2024-07-03T09:12:00Z", labels: ["area/CI", "area/security"] }),
    item("Acme/Docs", 7, "Write the IaaS onboarding guide", { state: "closed", closedAt: "2024-07-20T00:00:00Z" }),
    item("acme/infra", 9, "Old", { state: "closed", closedAt: "2024-06-01T00:00:00Z", labels: ["area/ci"] }),
    item("", null, "Draft: a retro format", { addedAt: "2024-07-05T00:00:00Z" }),
    item("acme/infra", 12, "Rotate the CI secrets (read twice)"),
  ];

  it("sorts by repository and number, splits done / carried over / closed before, and counts", () => {
    const r = buildSprintReview({ sprint: gothenburg, items });
    const refs = (xs: ReadonlyArray<{ item: SprintItem }>) => xs.map((x) => `${x.item.repo}#${x.item.number ?? "-"}`);
    expect(refs(r.done)).toEqual(["acme/infra#12"]);
    expect(refs(r.carriedOver)).toEqual(["Acme/Docs#7", "acme/infra#15", "#-"]);
    expect(refs(r.closedBefore)).toEqual(["acme/infra#9"]);
    expect(refs(r.addedMidSprint)).toEqual(["#-"]);
    expect(r.counts).toEqual({ done: 1, carriedOver: 3, closedBefore: 1, added: 1, total: 5 });
    expect(r.groups.map((g) => [g.key, g.title, g.done.length, g.carriedOver.length, g.closedBefore.length, g.addedMidSprint.length])).toEqual([
      ["acme/docs", "Acme/Docs", 0, 1, 0, 0],
      ["acme/infra", "acme/infra", 1, 1, 1, 0],
      [null, "Drafts", 0, 1, 0, 1],
    ]);
    expect(r.next).toBeNull();
  });

  it("groups by a label prefix, case-insensitively, the first such label alphabetically; the rest under Other", () => {
    const r = buildSprintReview({ sprint: gothenburg, items, groupBy: { labelPrefix: "Area/" } });
    expect(r.groups.map((g) => [g.key, g.title, [...g.done, ...g.carriedOver, ...g.closedBefore].map((x) => x.item.number)])).toEqual([
      ["area/ci", "ci", [12, 9]], // spelled as on the first item in order (#9)
      ["area/storage", "storage", [15]],
      [null, "Other", [7, null]],
    ]);
  });

  it("plans the next sprint: its items sorted and grouped the same way", () => {
    const r = buildSprintReview({
      sprint: gothenburg,
      items,
      next: { sprint: hobart, items: [item("acme/infra", 25, "Part 2"), item("acme/infra", 15, "Ceph Reef upgrade"), item("acme/docs", 11, "Video")] },
    });
    expect(r.next?.sprint).toBe(hobart);
    expect(r.next?.items.map((i) => i.number)).toEqual([11, 15, 25]);
    expect(r.next?.groups.map((g) => [g.title, g.items.map((i) => i.number)])).toEqual([
      ["acme/docs", [11]],
      ["acme/infra", [15, 25]],
    ]);
  });

  it("is deterministic whatever order the items arrive in", () => {
    const a = buildSprintReview({ sprint: gothenburg, items: items.slice(0, 5) });
    const b = buildSprintReview({ sprint: gothenburg, items: [...items.slice(0, 5)].reverse() });
    expect(b).toEqual(a);
    expect(
      [item("b", 2, "x"), item("", 1, "d"), item("a", null, "z"), item("a", 10, "y"), item("A", 9, "w")].sort(compareItems).map((i) => `${i.repo}#${i.number}`),
    ).toEqual(["A#9", "a#10", "a#null", "b#2", "#1"]);
  });
});
