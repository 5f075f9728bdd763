/**
 * The Action's `backlog` command (src/workflows/backlog-page.ts) against the local GitHub: the
 * idea backlog as a Markdown page, the same ideas in the same order as the backlog issue it keeps
 * in sync, published once.
 */
import { describe, expect, it } from "vitest";
import { runActionCommand } from "../../src/action/run.js";
import { CommandError } from "../../src/workflows/action-job.js";
import { BACKLOG_ISSUE_LABEL } from "../../src/workflows/backlog.js";
import { CONFIG, jobContext, lastSeq, loadedConfig, useActionWorld, writesSince } from "./action-world.js";

const sim = useActionWorld();

const NOW = "2025-01-08T09:00:00Z";

const EXPECTED_PAGE = `# Idea Backlog

2 ideas from issues labelled \`idea\`, ordered alphabetically: the order claims no priority. To propose one, open an issue and add the label.

- [Add a glossary — sovereign/standards#3](https://github.com/sovereign/standards/issues/3) by [carol](https://github.com/carol)
- [Zero-downtime upgrades of the control plane — sovereign/standards#2](https://github.com/sovereign/standards/issues/2) by [carol](https://github.com/carol)
`;

describe("backlog page", () => {
  it("publishes the ideas at backlog.path, in the order of the backlog issue it keeps in sync; a rerun writes nothing", async () => {
    const result = await runActionCommand(jobContext(sim, NOW), loadedConfig(), { command: "backlog" });
    const meetings = sim.state.repo("sovereign", "meetings")!;
    expect(sim.state.resolveRef(meetings)!.files.get("docs/backlog.md")?.text).toBe(EXPECTED_PAGE);
    const issue = [...meetings.issues.values()].find((i) => i.labels.some((l) => l.name === BACKLOG_ISSUE_LABEL))!;
    expect(result.outputs).toEqual({
      path: "docs/backlog.md",
      url: "https://github.com/sovereign/meetings/blob/main/docs/backlog.md",
      ideas: "2",
      issue: `https://github.com/sovereign/meetings/issues/${issue.number}`,
    });
    const listed = [...(issue.body ?? "").matchAll(/^- \[([^\]]+ — sovereign\/[^\]]+)\]/gm)].map((m) => m[1]);
    expect(listed).toEqual(["Add a glossary — sovereign/standards#3", "Zero-downtime upgrades of the control plane — sovereign/standards#2"]);

    // A new idea reaches both on the next run; then nothing changes.
    await sim.act({ as: "bob", action: "label", repo: "sovereign/infra", number: 4, label: "idea" });
    const second = await runActionCommand(jobContext(sim, NOW), loadedConfig(), { command: "backlog" });
    expect(second.outputs.ideas).toBe("3");
    expect(sim.state.resolveRef(meetings)!.files.get("docs/backlog.md")?.text).toContain("- [Disk usage alerts fire too often — sovereign/infra#4]");
    const seq = lastSeq(sim);
    await runActionCommand(jobContext(sim, NOW), loadedConfig(), { command: "backlog" });
    expect(writesSince(sim, seq)).toEqual([]);
  });

  it("dry run: nothing written; the summary names the file and the issue it would write", async () => {
    const result = await runActionCommand(jobContext(sim, NOW, { dryRun: true }), loadedConfig(), { command: "backlog" });
    expect(writesSince(sim)).toEqual([]);
    expect(result.summary.split("\n").slice(0, 5)).toEqual([
      "> [!NOTE]",
      "> **Dry run:** nothing was written. Docket would have:",
      "> - create issue: sovereign/meetings: Idea Backlog",
      "> - create file: sovereign/meetings:main:docs/backlog.md",
      "",
    ]);
    expect(result.summary).toContain(EXPECTED_PAGE.trimEnd());
  });

  it("without backlog.path (or a backlog) it is a config error naming the path", async () => {
    const noPath = CONFIG.replace("  path: docs/backlog.md\n", "");
    await expect(runActionCommand(jobContext(sim, NOW), loadedConfig(noPath), { command: "backlog" })).rejects.toEqual(
      new CommandError("the backlog has no `path`: set where its page is published, e.g. docs/backlog.md", "backlog.path"),
    );
    const noBacklog = CONFIG.replace(/backlog:\n(?: {2}.*\n)*/, "");
    await expect(runActionCommand(jobContext(sim, NOW), loadedConfig(noBacklog), { command: "backlog" })).rejects.toMatchObject({ configPath: "backlog" });
    expect(writesSince(sim)).toEqual([]);
  });
});
