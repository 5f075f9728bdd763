import { describe, expect, it } from "vitest";
import type { Topic } from "../../src/domain/types.js";
import { backlogBody, backlogSection } from "../../src/render/backlog.js";
import { readSection } from "../../src/render/markers.js";

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

- [SovereignCloudStack/standards#9 Archive old meetings](https://github.com/SovereignCloudStack/standards/issues/9) by [fkr](https://github.com/fkr)
- [SovereignCloudStack/standards#3 \\- Zero downtime @\u200Bteam](https://github.com/SovereignCloudStack/standards/issues/3) by [garloff](https://github.com/garloff)

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
