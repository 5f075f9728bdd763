import { describe, expect, it } from "vitest";
import type { Topic } from "../../src/domain/types.js";
import { characters, MAX_BODY } from "../../src/domain/limits.js";
import { BACKLOG_SECTION, backlogBody, backlogPage, backlogSection, fitBacklog } from "../../src/render/backlog.js";
import { readSection, readState } from "../../src/render/markers.js";

function idea(number: number, title: string, author: string | null): { topic: Topic } {
  return {
    topic: {
      id: `I_${number}`,
      kind: "issue",
      repo: "SovereignCloudStack/standards",
      number,
      title,
      url: `https://github.com/SovereignCloudStack/standards/issues/${number}`,
      author,
      state: "open",
      labels: ["idea"],
      body: "",
      createdAt: "2023-11-01T10:00:00Z",
      labeledAt: {},
      thumbsUp: 3,
      audience: { visibility: "public", owner: "SovereignCloudStack" },
    },
  };
}

const ideas = [idea(9, "Archive old meetings", "fkr"), idea(3, "- Zero downtime @team", "garloff")];

describe("backlogSection", () => {
  it("states that the order claims no priority and keeps the order it is given", () => {
    expect(backlogSection(ideas, { label: "idea" })).toBe(
      `## Ideas

Ordered alphabetically; the order claims no priority.

- [Archive old meetings — SovereignCloudStack/standards#9](https://github.com/SovereignCloudStack/standards/issues/9) by [fkr](https://github.com/fkr)
- [\\- Zero downtime @\u200Bteam — SovereignCloudStack/standards#3](https://github.com/SovereignCloudStack/standards/issues/3) by [garloff](https://github.com/garloff)

<!-- docket:state {"scheduled":["I_9","I_3"],"waiting":[]} -->`,
    );
  });

  it("tells people how to add an idea when there is none", () => {
    expect(backlogSection([], { label: "idea" })).toBe(
      '## Ideas\n\nNo ideas yet — label an issue `idea` to add it here.\n\n<!-- docket:state {"scheduled":[],"waiting":[]} -->',
    );
  });
});

describe("backlogBody", () => {
  it("greets people and holds the backlog section", () => {
    const body = backlogBody(ideas, { label: "idea" });
    expect(body).toBe(
      "This issue collects ideas: each issue labelled `idea` is listed below, and Docket keeps the list up to date. " +
        "To propose an idea, open an issue and add the label. Anything written outside the list stays as you wrote it.\n\n" +
        `<!-- docket:begin backlog -->\n${backlogSection(ideas, { label: "idea" })}\n<!-- docket:end backlog -->`,
    );
    expect(readSection(body, "backlog")).toBe(backlogSection(ideas, { label: "idea" }));
  });
});

describe("a backlog that would be too long for GitHub", () => {
  const idea = (i: number) => ({
    topic: {
      id: `I_${i}`,
      kind: "issue" as const,
      repo: "acme/ideas",
      number: i,
      title: "<".repeat(256),
      url: `https://github.com/acme/ideas/issues/${i}`,
      author: "mallory",
      state: "open" as const,
      labels: ["idea"],
      body: "",
      createdAt: "2025-01-01T10:00:00Z",
      labeledAt: {},
      thumbsUp: 0,
      audience: { visibility: "public" as const, owner: "acme" },
    },
  });
  const ALL = "https://github.com/search?q=org%3Aacme%20label%3A%22idea%22%20is%3Aopen&type=issues";

  it("1,000 ideas titled with 256 '<': within 65,536 characters, the first ideas listed, the rest counted with the search link, every id remembered", () => {
    const ideas = Array.from({ length: 1000 }, (_, i) => idea(i + 1));
    const opts = { label: "idea", allIdeasUrl: ALL };
    const body = fitBacklog(ideas, opts, (o) => backlogBody(ideas, o))!;
    expect(characters(body)).toBeLessThanOrEqual(MAX_BODY);
    const listed = (body.match(/^- \[(&lt;)+… — acme\/ideas#\d+\]/gm) ?? []).length;
    expect(listed).toBeGreaterThan(50);
    expect(body).toContain(
      `**${1000 - listed} more ideas are in the backlog**, not listed here: GitHub allows an issue 65,536 characters. See [all ideas labelled \`idea\`](${ALL}).`,
    );
    expect(readState(body, BACKLOG_SECTION)!.scheduled).toHaveLength(1000);
    expect(fitBacklog(ideas, opts, (o) => backlogBody(ideas, o))).toBe(body);
  });

  it("a backlog that fits is left as it is", () => {
    const ideas = [idea(1), idea(2)];
    expect(fitBacklog(ideas, { label: "idea" }, (o) => backlogBody(ideas, o))).toBe(backlogBody(ideas, { label: "idea" }));
  });
});

describe("backlogPage and backlogSection: one title, a committed file and an issue body", () => {
  const hostile = [idea(4, "Ask @team -> (x) | <script>", "fkr")];
  const url = "https://github.com/SovereignCloudStack/standards/issues/4";

  it("writes the title in the file as people wrote it, escaping only what Markdown needs, and keeps every guard in the issue body", () => {
    const page = backlogPage(hostile, { label: "idea", title: "Ideas @team -> (x)" });
    expect(page).toContain("# Ideas @team -> (x)\n");
    expect(page).toContain(`- [Ask @team -> (x) \\| \\<script> — SovereignCloudStack/standards#4](${url}) by [fkr](https://github.com/fkr)\n`);
    expect(page).not.toMatch(/\u200B|&gt;|&lt;|\\\(/);
    // The issue body is where GitHub would ping the team.
    expect(backlogSection(hostile, { label: "idea" })).toContain(
      `- [Ask @\u200Bteam -&gt; \\(x\\) \\| &lt;script&gt; — SovereignCloudStack/standards#4](${url}) by [fkr](https://github.com/fkr)\n`,
    );
  });
});
