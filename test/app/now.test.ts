/**
 * `/now` in the app: GitHub's own issue_comment payload on a gathering's event issue, against the
 * nock-backed GitHub. The command runs with its series' job, and the issue shows it.
 */
import { beforeEach, describe, expect, it } from "vitest";
import type { Docket } from "../../src/app.js";
import { readSection } from "../../src/render/markers.js";
import { issueCommentPayload } from "../fixtures/webhooks.js";
import { FakeGitHub, type FakeIssue } from "../helpers/fake-github.js";
import { testApp } from "../helpers/probot.js";

const CONFIG = `
meetings:
  ptg:
    title: Project Teams Gathering
    label: ptg-topic
    event:
      from: 2025-02-03
      to: 2025-02-05
      start: "09:00"
      timezone: UTC
      daily-budget: 3h
      tracks:
        - { id: edge, title: Edge computing, room: Room A }
        - { id: tripleo, title: TripleO, room: Room B }
`;

const org = { owner: "acme", ownerType: "Organization" as const };
let fake: FakeGitHub;
let docket: Docket;
let issue: FakeIssue;

beforeEach(() => {
  fake = new FakeGitHub();
  fake.config("acme", ".github", CONFIG);
  fake.permissions.set("acme/.github:tess", "triage");
  ({ docket } = testApp({ now: "2025-02-03T10:15:00Z" }));
  issue = fake.issue({ owner: "acme", repo: ".github", number: 5, title: "Project Teams Gathering — 2025-02-03", author: "tess", body: "Our gathering.\n", labels: ["docket/ptg"] });
});

async function say(body: string, commenter: string): Promise<void> {
  const payload = issueCommentPayload({ ...org, repo: issue.repo, number: issue.number, body, commenter, issueAuthor: issue.author, labels: ["docket/ptg"] });
  await docket.accept({ id: `delivery-${Math.random()}`, name: "issue_comment", body: JSON.stringify(payload) });
  await docket.idle();
}

describe("/now in the app", () => {
  it("a triager's `/now edge` updates the event issue's Happening now section and gets a 👍", async () => {
    await say("/now edge Opening plenary", "tess");
    expect(readSection(issue.body, "now")).toContain("- **Room A** — Edge computing: now Opening plenary · next —");
    expect(issue.body.startsWith("Our gathering.\n")).toBe(true);
    expect(fake.reactions.map((r) => r.content)).toEqual(["+1"]);
    // The series' rebuild ran after it in the same job and kept it.
    expect(readSection(issue.body, "agenda")).toContain("<!-- docket:state ");
  });
});
