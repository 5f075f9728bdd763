import { describe, expect, it } from "vitest";
import { buildSprintReview } from "../../src/domain/sprint.js";
import type { Sprint } from "../../src/domain/sprint.js";
import { gothenburg, hobart, sprintItem } from "../fixtures/sprint.js";
import { sprintDates, sprintReviewMarkdown } from "../../src/render/sprint.js";

const item = sprintItem;

const items = [
  item("acme/infra", 15, "Ceph Reef upgrade"),
  item("acme/infra", 12, "Rotate the CI secrets", { state: "closed", closedAt: "2024-07-03T09:12:00Z", addedAt: "2024-07-01T08:00:00Z" }),
  item("acme/infra", 18, "Fix the flaky Tempest run", { state: "closed", closedAt: "2024-07-10T16:00:00Z", addedAt: "2024-07-08T11:00:00Z" }),
  item("acme/docs", 7, "Write the IaaS onboarding guide", { state: "closed", closedAt: "2024-07-15T00:00:00Z" }),
  item("acme/docs", 9, "Document the SBOM", { state: "closed", closedAt: "2024-07-01T00:00:00Z" }),
  item("acme/infra", 21, "Kubernetes 1.30 in the CI", { addedAt: "2024-07-04T09:00:00Z" }),
  item("acme/web", 3, "Status page", { state: "closed", closedAt: null }),
];

const planned = [
  item("acme/infra", 15, "Ceph Reef upgrade"),
  item("acme/infra", 21, "Kubernetes 1.30 in the CI"),
  item("acme/infra", 25, "Rotate the CI secrets, part 2"),
  item("acme/docs", 11, "Record an onboarding video"),
];

describe("sprintReviewMarkdown", () => {
  it("writes the Gothenburg review and the Hobart planning as a team would", () => {
    const review = buildSprintReview({ sprint: gothenburg, items, next: { sprint: hobart, items: planned } });
    expect(sprintReviewMarkdown(review)).toBe(`# Sprint Gothenburg review

1–14 July 2024 · 7 items: 4 done, 3 carried over; 2 added mid-sprint.

\`\`\`mermaid
pie title Sprint Gothenburg
    "Done" : 4
    "Carried over" : 3
\`\`\`

| Group | Done | Carried over | Added mid-sprint |
| --- | -: | -: | -: |
| acme/docs | 1 | 1 | 0 |
| acme/infra | 2 | 2 | 2 |
| acme/web | 1 | 0 | 0 |

## acme/docs

### Done

- [acme/docs#9 Document the SBOM](https://github.com/acme/docs/issues/9)

### Carried over

- [acme/docs#7 Write the IaaS onboarding guide](https://github.com/acme/docs/issues/7) — closed after the sprint ended

## acme/infra

### Done

- [acme/infra#12 Rotate the CI secrets](https://github.com/acme/infra/issues/12)
- [acme/infra#18 Fix the flaky Tempest run](https://github.com/acme/infra/issues/18)

### Carried over

- [acme/infra#15 Ceph Reef upgrade](https://github.com/acme/infra/issues/15)
- [acme/infra#21 Kubernetes 1.30 in the CI](https://github.com/acme/infra/issues/21)

### Added mid-sprint

- [acme/infra#18 Fix the flaky Tempest run](https://github.com/acme/infra/issues/18) — done
- [acme/infra#21 Kubernetes 1.30 in the CI](https://github.com/acme/infra/issues/21) — carried over

## acme/web

### Done

- [acme/web#3 Status page](https://github.com/acme/web/issues/3)

# Sprint Hobart planning

15–28 July 2024 · 4 items.

## acme/docs

- [acme/docs#11 Record an onboarding video](https://github.com/acme/docs/issues/11)

## acme/infra

- [acme/infra#15 Ceph Reef upgrade](https://github.com/acme/infra/issues/15) — carried over from Sprint Gothenburg
- [acme/infra#21 Kubernetes 1.30 in the CI](https://github.com/acme/infra/issues/21) — carried over from Sprint Gothenburg
- [acme/infra#25 Rotate the CI secrets, part 2](https://github.com/acme/infra/issues/25)
`);
    // Same review, same bytes, whatever order the items came in.
    const again = buildSprintReview({ sprint: gothenburg, items: [...items].reverse(), next: { sprint: hobart, items: [...planned].reverse() } });
    expect(sprintReviewMarkdown(again)).toBe(sprintReviewMarkdown(review));
  });

  it("groups by label, shows items closed before the sprint, and says when nothing is planned yet", () => {
    const labelled = [
      item("acme/infra", 12, "Rotate the CI secrets", { labels: ["area/ci"], state: "closed", closedAt: "2024-07-03T09:12:00Z" }),
      item("acme/infra", 9, "Old news", { labels: ["area/ci"], state: "closed", closedAt: "2024-06-03T09:12:00Z" }),
      item("acme/docs", 7, "Onboarding guide"),
    ];
    const review = buildSprintReview({ sprint: gothenburg, items: labelled, groupBy: { labelPrefix: "area/" }, next: { sprint: hobart, items: [] } });
    expect(sprintReviewMarkdown(review)).toBe(`# Sprint Gothenburg review

1–14 July 2024 · 3 items: 1 done, 1 carried over, 1 closed before the sprint.

\`\`\`mermaid
pie title Sprint Gothenburg
    "Done" : 1
    "Carried over" : 1
    "Closed before the sprint" : 1
\`\`\`

| Group | Done | Carried over | Closed before | Added mid-sprint |
| --- | -: | -: | -: | -: |
| ci | 1 | 0 | 1 | 0 |
| Other | 0 | 1 | 0 | 0 |

## ci

### Done

- [acme/infra#12 Rotate the CI secrets](https://github.com/acme/infra/issues/12)

### Closed before the sprint

- [acme/infra#9 Old news](https://github.com/acme/infra/issues/9)

## Other

### Carried over

- [acme/docs#7 Onboarding guide](https://github.com/acme/docs/issues/7)

# Sprint Hobart planning

15–28 July 2024 · 0 items.

Nothing planned yet.
`);
  });

  it("renders an empty sprint without a chart, and leaves out a zero slice", () => {
    expect(sprintReviewMarkdown(buildSprintReview({ sprint: gothenburg, items: [] }))).toBe(`# Sprint Gothenburg review

1–14 July 2024 · 0 items: 0 done, 0 carried over.

No items were in this sprint.
`);
    const allDone = sprintReviewMarkdown(
      buildSprintReview({ sprint: gothenburg, items: [item("acme/web", 3, "Status page", { state: "closed", closedAt: null })] }),
    );
    expect(allDone).toContain('pie title Sprint Gothenburg\n    "Done" : 1\n```');
  });

  it("does not say Sprint twice for names that say it already (Sprint 12, GitHub's default Iteration 13)", () => {
    const twelve = sprintReviewMarkdown(
      buildSprintReview({ sprint: { ...gothenburg, name: "Sprint 12" }, items: [], next: { sprint: { ...gothenburg, name: "iteration 13" }, items: [] } }),
    );
    expect(twelve.split("\n")[0]).toBe("# Sprint 12 review");
    expect(twelve).toContain("# iteration 13 planning");
    expect(twelve).not.toMatch(/Sprint Sprint|Sprint iteration/i);
    expect(sprintReviewMarkdown(buildSprintReview({ sprint: { ...gothenburg, name: "Sprinter" }, items: [] })).split("\n")[0]).toBe("# Sprint Sprinter review");
  });

  it("escapes a hostile sprint name and titles for Markdown and for Mermaid", () => {
    const sprint: Sprint = { ...gothenburg, name: 'Göteborg "2024"\n```\n<!-- x --> @team; #1: 50%' };
    const md = sprintReviewMarkdown(
      buildSprintReview({
        sprint,
        items: [item("acme/infra", 1, "Ask @acme/ops | <!-- docket:end agenda --> `now`", { state: "closed", closedAt: "2024-07-02T00:00:00Z" })],
      }),
    );
    expect(md.split("\n")[0]).toBe('# Sprint Göteborg "2024" \\`\\`\\` \\<!-- x --> @team; #1: 50% review');
    expect(md).toContain("```mermaid\npie title Sprint Göteborg #quot;2024#quot; #96;#96;#96; #60;#33;-#45; x -#45;#62; #64;team#59; #35;1#58; 50#37;\n");
    expect(md).toContain("- [acme/infra#1 Ask @acme/ops \\| \\<!-- docket:end agenda --> \\`now\\`](https://github.com/acme/infra/issues/1)\n");
    expect(md).not.toMatch(/(^|[^\\])<!--/m);
    // Exactly one code block: the chart.
    expect(md.match(/^```/gm)).toHaveLength(2);
  });
});

describe("sprintDates", () => {
  it("shows the last day of the half-open window, compactly", () => {
    expect(sprintDates(gothenburg)).toBe("1–14 July 2024");
    expect(sprintDates({ start: "2024-06-24T00:00:00Z", end: "2024-07-08T00:00:00Z" })).toBe("24 June – 7 July 2024");
    expect(sprintDates({ start: "2024-12-23T00:00:00Z", end: "2025-01-06T00:00:00Z" })).toBe("23 December 2024 – 5 January 2025");
    expect(sprintDates({ start: "2024-07-01T00:00:00+02:00", end: "2024-07-02T00:00:00+02:00" })).toBe("1 July 2024");
    expect(sprintDates({ start: "x", end: "y" })).toBe("");
  });
});
