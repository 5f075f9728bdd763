/**
 * The Action's `sprint-review` command (src/workflows/sprint.ts) against the local GitHub:
 * milestones as sprints (the sprint that ended last, its items across the organisation by
 * milestone title, the next sprint's plan), labels as sprints (days in the label's description),
 * and the errors a user can fix. Sprints from a board's iteration field: sprint-board.test.ts.
 */
import { describe, expect, it } from "vitest";
import { runActionCommand } from "../../src/action/run.js";
import { CommandError } from "../../src/workflows/action-job.js";
import { labelSprints, milestoneSprints, sprintSlug } from "../../src/workflows/sprint.js";
import { CONFIG, jobContext, lastSeq, loadedConfig, useActionWorld, writesSince } from "./action-world.js";

const sim = useActionWorld();

const withSprints = (sprints: string) => CONFIG.replace(/sprints:\n(?: {2}.*\n)*/, `sprints:\n${sprints}\n`);
const fileIn = (repo: string, path: string) => sim.state.resolveRef(sim.state.repo("sovereign", repo)!)!.files.get(path)?.text;

const EXPECTED_REVIEW = `# Sprint Gothenburg review

27 December 2024 – 10 January 2025 · 5 items: 3 done, 1 carried over, 1 closed before the sprint; 2 added mid-sprint.

\`\`\`mermaid
pie title Sprint Gothenburg
    "Done" : 3
    "Carried over" : 1
    "Closed before the sprint" : 1
\`\`\`

| Group | Done | Carried over | Closed before | Added mid-sprint |
| --- | -: | -: | -: | -: |
| sovereign/infra | 2 | 1 | 1 | 1 |
| sovereign/standards | 1 | 0 | 0 | 1 |

## sovereign/infra

### Done

- [sovereign/infra#5 Automate the image builds](https://github.com/sovereign/infra/issues/5)
- [sovereign/infra#7 Add Grafana dashboards](https://github.com/sovereign/infra/pull/7)

### Carried over

- [sovereign/infra#6 Rotate the TLS certificates](https://github.com/sovereign/infra/issues/6)

### Closed before the sprint

- [sovereign/infra#8 Remove the old bastion host](https://github.com/sovereign/infra/issues/8)

### Added mid-sprint

- [sovereign/infra#6 Rotate the TLS certificates](https://github.com/sovereign/infra/issues/6) — carried over

## sovereign/standards

### Done

- [sovereign/standards#5 Document the flavor naming](https://github.com/sovereign/standards/issues/5)

### Added mid-sprint

- [sovereign/standards#5 Document the flavor naming](https://github.com/sovereign/standards/issues/5) — done

# Sprint Hobart planning

11–24 January 2025 · 1 item.

## sovereign/infra

- [sovereign/infra#9 Upgrade Ceph to Reef](https://github.com/sovereign/infra/issues/9)

<!-- docket:sprint-review {"sprint":"Gothenburg","ended":true,"carried":[{"id":"I_c292ZXJlaWduL2luZnJhIzY","repo":"sovereign/infra","number":6,"title":"Rotate the TLS certificates","url":"https://github.com/sovereign/infra/issues/6","kind":"issue","added":true}]} -->
`;

describe("milestones as sprints", () => {
  it("reviews the sprint that ended last (items of that milestone title anywhere in the organisation) and plans the next", async () => {
    const result = await runActionCommand(jobContext(sim, "2025-01-13T09:00:00Z"), loadedConfig(), { command: "sprint-review" });
    expect(fileIn("infra", "sprints/gothenburg.md")).toBe(EXPECTED_REVIEW);
    expect(result.outputs).toEqual({
      path: "sprints/gothenburg.md",
      url: "https://github.com/sovereign/infra/blob/main/sprints/gothenburg.md",
      done: "3",
      "carried-over": "1",
      added: "2",
    });
    expect(result.summary).toBe(`- Committed \`sprints/gothenburg.md\` in sovereign/infra (new): ${result.outputs.url}\n\n---\n\n${EXPECTED_REVIEW.trimEnd()}`);
    expect(result.problems).toEqual([]);

    const seq = lastSeq(sim);
    await runActionCommand(jobContext(sim, "2025-01-14T09:00:00Z"), loadedConfig(), { command: "sprint-review" });
    expect(writesSince(sim, seq)).toEqual([]);
  });

  it("a sprint by name (or slug); the last sprint has no plan of a next one", async () => {
    const result = await runActionCommand(jobContext(sim, "2025-01-13T09:00:00Z"), loadedConfig(), { command: "sprint-review", sprint: "hobart" });
    expect(result.outputs).toMatchObject({ path: "sprints/hobart.md", done: "0", "carried-over": "1", added: "0" });
    expect(fileIn("infra", "sprints/hobart.md")).toBe(
      '# Sprint Hobart review\n\n11–24 January 2025 · 1 item: 0 done, 1 carried over.\n\n```mermaid\npie title Sprint Hobart\n    "Carried over" : 1\n```\n\n| Group | Done | Carried over | Added mid-sprint |\n| --- | -: | -: | -: |\n| sovereign/infra | 0 | 1 | 0 |\n\n## sovereign/infra\n\n### Carried over\n\n- [sovereign/infra#9 Upgrade Ceph to Reef](https://github.com/sovereign/infra/issues/9)\n\n<!-- docket:sprint-review {"sprint":"Hobart","ended":false,"carried":[{"id":"I_c292ZXJlaWduL2luZnJhIzk","repo":"sovereign/infra","number":9,"title":"Upgrade Ceph to Reef","url":"https://github.com/sovereign/infra/issues/9","kind":"issue"}]} -->\n',
    );
  });

  it("errors: an unknown sprint, a milestone without a due date, a board that does not exist, no sprints at all", async () => {
    const run = (config: string, sprint?: string, now = "2025-01-13T09:00:00Z") =>
      runActionCommand(jobContext(sim, now), loadedConfig(config), { command: "sprint-review", ...(sprint ? { sprint } : {}) });
    await expect(run(CONFIG, "Lisbon")).rejects.toEqual(
      new CommandError('there is no sprint "Lisbon" (milestones in sovereign/infra: Gothenburg, Hobart)', "sprints.milestones"),
    );
    await expect(run(CONFIG, "Someday")).rejects.toMatchObject({
      message: 'the milestone "Someday" in sovereign/infra has no due date, so it has no sprint window',
    });
    await expect(run(withSprints("  board: { owner: sovereign, number: 99, iteration-field: Sprint }"))).rejects.toEqual(
      new CommandError(
        `the Projects (v2) board sovereign#99 does not exist or Docket may not read it (an organisation board needs the app's "organization_projects: read" permission, or a token that may read projects)`,
        "sprints.board",
      ),
    );
    await expect(run(CONFIG.replace(/sprints:\n(?: {2}.*\n)*/, ""))).rejects.toMatchObject({ configPath: "sprints" });
    expect(writesSince(sim)).toEqual([]);
  });
});

describe("labels as sprints", () => {
  const config = withSprints('  label-prefix: "sprint/"\n  repository: infra\n  path: "reviews/{sprint}.md"');

  it("a label's description gives its days; its items are everything carrying it", async () => {
    const result = await runActionCommand(jobContext(sim, "2025-01-21T09:00:00Z"), loadedConfig(config), { command: "sprint-review" });
    expect(result.outputs).toEqual({
      path: "reviews/oslo.md",
      url: "https://github.com/sovereign/infra/blob/main/reviews/oslo.md",
      done: "1",
      "carried-over": "1",
      added: "1",
    });
    expect(fileIn("infra", "reviews/oslo.md")?.split("\n").slice(0, 3)).toEqual([
      "# Sprint oslo review",
      "",
      "6–19 January 2025 · 2 items: 1 done, 1 carried over; 1 added mid-sprint.",
    ]);
  });

  it("before any sprint is over there is nothing to review", async () => {
    await expect(runActionCommand(jobContext(sim, "2025-01-13T09:00:00Z"), loadedConfig(config), { command: "sprint-review" })).rejects.toEqual(
      new CommandError("no sprint has ended yet (sprint labels with dates in sovereign/infra: oslo)", "sprints.label-prefix"),
    );
  });

  it("a sprint label without dates says how to give them", async () => {
    await expect(
      runActionCommand(jobContext(sim, "2025-01-21T09:00:00Z"), loadedConfig(config), { command: "sprint-review", sprint: "someday" }),
    ).rejects.toEqual(
      new CommandError(
        "the label `sprint/someday` in sovereign/infra gives no dates: write its first and last day in its description, e.g. 2025-01-06..2025-01-19",
        "sprints.label-prefix",
      ),
    );
  });
});

describe("sprint windows", () => {
  const now = new Date("2025-01-13T09:00:00Z");
  const m = (title: string, dueOn: string | null, createdAt = "2024-12-01T10:00:00Z", state: "open" | "closed" = "open") => ({
    id: title,
    number: 1,
    title,
    state,
    dueOn,
    createdAt,
    closedAt: null,
    url: "",
  });

  it("milestones: each ends with its due date (in sprints.timezone) and starts where the previous ended; undated ones are no sprints", () => {
    const { sprints, undated } = milestoneSprints(
      [m("Sprint B", "2025-01-24T08:00:00Z"), m("Sprint A", "2025-01-10T08:00:00Z"), m("Backlog", null)],
      "Europe/Berlin",
      now,
    );
    expect(sprints.map((s) => [s.name, s.start, s.end, s.ended])).toEqual([
      ["A", "2024-12-01T00:00:00.000+01:00", "2025-01-11T00:00:00.000+01:00", true],
      ["B", "2025-01-11T00:00:00.000+01:00", "2025-01-25T00:00:00.000+01:00", false],
    ]);
    expect(undated).toEqual(["Backlog"]);
  });

  it("labels: first..last day from the description, in order of their start", () => {
    const { sprints, undated } = labelSprints(
      [
        { name: "sprint/b", description: "2025-01-20 – 2025-02-02" },
        { name: "Sprint/A", description: "Days: 2025-01-06..2025-01-19" },
        { name: "sprint/x", description: "2025-01-19..2025-01-06" },
        { name: "other", description: "2025-01-06..2025-01-19" },
      ],
      "sprint/",
      "UTC",
      now,
    );
    expect(sprints.map((s) => [s.name, s.key, s.start, s.end])).toEqual([
      ["A", "Sprint/A", "2025-01-06T00:00:00.000Z", "2025-01-20T00:00:00.000Z"],
      ["b", "sprint/b", "2025-01-20T00:00:00.000Z", "2025-02-03T00:00:00.000Z"],
    ]);
    expect(undated).toEqual(["sprint/x"]);
  });

  it("slugs", () => {
    expect(["Gothenburg", "Sprint 12 (Q1)", "Malmö", "///"].map(sprintSlug)).toEqual(["gothenburg", "sprint-12-q1", "malmo", "sprint"]);
  });
});
