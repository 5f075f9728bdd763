/**
 * Request and write counts for the figures the issue asks for:
 * - an agenda rebuild of 250 topics across 40 repositories;
 * - a burst of 50 labels on 50 issues at once;
 * - a board of 1,000 items (issues and drafts) behind a series, rebuilt on a `projects_v2_item` event.
 * Runs the real app (Probot + Docket) against the nock-backed GitHub of the app
 * tests, so every request is also checked against GitHub's descriptions.
 *
 *   npm run bench
 */
import nock from "nock";
import { issuesPayload, projectsV2ItemPayload, webhookEvent } from "../test/fixtures/webhooks.js";
import { FakeGitHub, type FakeIssue } from "../test/helpers/fake-github.js";
import { testApp } from "../test/helpers/probot.js";

nock.disableNetConnect();

const CONFIG = `
meetings:
  iaas: { title: Team IaaS, cadence: weekly, day: monday, time: "14:00", duration: 2h, timezone: Europe/Berlin, default-estimate: 10m }
`;

const app = (debounceMs: number) => testApp({ debounceMs, now: "2023-11-29T10:00:00Z", configTtlMs: 30_000 });

const labeled = (i: FakeIssue, n: number) =>
  webhookEvent(
    "issues.labeled",
    issuesPayload("labeled", {
      owner: "acme",
      ownerType: "Organization",
      repo: i.repo,
      number: i.number,
      labels: i.labels.map((l) => l.name),
      label: "agenda/iaas",
    }),
    `d-${n}`,
  );

function count(fake: FakeGitHub, from = 0) {
  const reqs = fake.gh.requests.slice(from);
  const by = (pred: (r: (typeof reqs)[number]) => boolean) => reqs.filter(pred).length;
  return {
    requests: reqs.length,
    "config reads": by((r) => r.path.includes("/contents/")),
    "search pages": by((r) => r.operationName === "DocketSearchTopics"),
    "fresh reads": by((r) => r.operationName === "DocketTopicsById"),
    "meeting lookups": by((r) => r.operationName === "DocketIssues"),
    "board pages": by((r) => r.operationName === "DocketBoardItems"),
    "board lookups": by((r) => r.operationName === "DocketBoardById"),
    writes: by((r) => r.method !== "GET" && !r.path.endsWith("graphql")),
  };
}

async function rebuild250() {
  const fake = new FakeGitHub();
  fake.config("acme", ".github", CONFIG);
  const topics: FakeIssue[] = [];
  for (let i = 0; i < 250; i++)
    topics.push(fake.issue({ repo: `repo-${i % 40}`, number: 1 + Math.floor(i / 40), labels: ["agenda/iaas", `time/${1 + (i % 5)}m`] }));
  const { probot, docket } = app(0);
  await probot.receive(labeled(topics[0]!, 0) as never);
  await docket.idle();
  const first = count(fake);
  const mark = fake.gh.requests.length;
  const extra = fake.issue({ repo: "repo-7", number: 99, labels: ["agenda/iaas"] });
  await probot.receive(labeled(extra, 1) as never);
  await docket.idle();
  const again = count(fake, mark);
  fake.gh.assertDone();
  nock.cleanAll();
  return { first, again };
}

async function burst50(debounceMs: number) {
  const fake = new FakeGitHub();
  fake.config("acme", ".github", CONFIG);
  const topics = Array.from({ length: 50 }, (_, i) => fake.issue({ repo: `repo-${i % 10}`, number: 1 + i, labels: ["agenda/iaas"] }));
  const { probot, docket } = app(debounceMs);
  const t0 = performance.now();
  await Promise.all(topics.map((t, i) => probot.receive(labeled(t, i) as never)));
  await docket.idle();
  const ms = performance.now() - t0;
  const c = count(fake);
  fake.gh.assertDone();
  nock.cleanAll();
  return { ...c, "meeting issue writes": fake.writes().filter((w) => /\/acme\/\.github\/issues(\/\d+)?$/.test(w)).length, "ms until idle": Math.round(ms) };
}

/** A board of `total` items, every third one a draft, every other one marked Agenda; answered 100 a page like GitHub. */
async function board1000(total = 1000) {
  const fake = new FakeGitHub();
  fake.config("acme", ".github", CONFIG.replace("default-estimate: 10m }", "default-estimate: 10m, board: { owner: acme, number: 6 } }"));
  const item = (i: number) => {
    const at = new Date(Date.UTC(2023, 10, 1) + i * 60_000).toISOString();
    const content =
      i % 3 === 0
        ? { __typename: "DraftIssue", id: `DI_${i}`, title: `Draft ${i}`, body: "", createdAt: at, creator: { login: "bob" } }
        : {
            __typename: "Issue",
            id: `I_${i}`,
            number: i,
            title: `Topic ${i}`,
            url: `https://github.com/acme/infra/issues/${i}`,
            body: "",
            createdAt: at,
            closedAt: null,
            author: { login: "alice" },
            repository: { nameWithOwner: "acme/infra" },
            labels: { nodes: [] },
            reactions: { totalCount: 0 },
            issueState: "OPEN",
          };
    const status = {
      __typename: "ProjectV2ItemFieldSingleSelectValue",
      name: i % 2 === 0 ? "Agenda" : "Done",
      createdAt: at,
      updatedAt: at,
      field: { name: "Status" },
    };
    return {
      id: `PVTI_${i}`,
      type: i % 3 === 0 ? "DRAFT_ISSUE" : "ISSUE",
      isArchived: false,
      createdAt: at,
      updatedAt: at,
      fullDatabaseId: String(5000 + i),
      content,
      fieldValues: { nodes: [status] },
    };
  };
  const items = Array.from({ length: total }, (_, i) => item(i + 1));
  fake.gh.graphql("DocketBoardById", () => ({ node: { __typename: "ProjectV2", number: 6, owner: { __typename: "Organization", login: "acme" } } }), {
    persist: true,
  });
  fake.gh.graphql(
    "DocketBoardItems",
    (v) => {
      const start = v.after ? Number(v.after) : 0;
      const nodes = items.slice(start, start + 100);
      const end = start + nodes.length;
      return {
        data: {
          organization: {
            projectV2: {
              id: "PVT_6",
              title: "Planning",
              url: "https://github.com/orgs/acme/projects/6",
              ...(v.withFields
                ? {
                    fields: {
                      nodes: [
                        {
                          __typename: "ProjectV2SingleSelectField",
                          name: "Status",
                          dataType: "SINGLE_SELECT",
                          options: [{ name: "Agenda" }, { name: "Done" }],
                        },
                      ],
                    },
                  }
                : {}),
              items: { totalCount: total, pageInfo: { hasNextPage: end < total, endCursor: String(end) }, nodes },
            },
          },
          user: null,
        },
        errors: [{ type: "NOT_FOUND", path: ["user"], message: "Could not resolve to a User with the login of 'acme'." }],
      };
    },
    { persist: true },
  );
  const { probot, docket } = app(0);
  const event = (n: number) =>
    webhookEvent(
      "projects_v2_item",
      projectsV2ItemPayload("edited", { org: "acme", projectNodeId: "PVT_6", itemNodeId: `PVTI_${n}`, contentNodeId: `I_${n}` }),
      `b-${n}`,
    );
  await probot.receive(event(2) as never);
  await docket.idle();
  const first = count(fake);
  const mark = fake.gh.requests.length;
  await probot.receive(event(4) as never);
  await docket.idle();
  const again = count(fake, mark);
  fake.gh.assertDone();
  nock.cleanAll();
  return { first, again };
}

const { first, again } = await rebuild250();
console.log("Agenda of 250 topics across 40 repositories (GitHub requests per job, besides the installation token):");
console.table({ "first build (creates the meeting issue)": first, "rebuild after one more label": again });
console.log("A burst of 50 labels on 50 issues at once:");
console.table({ "debounce 0 ms": await burst50(0), "debounce 1000 ms (default)": await burst50(1000) });
console.log("A board of 1,000 items behind a series (half of them marked Agenda), rebuilt on projects_v2_item events:");
const board = await board1000();
console.table({ "first event (looks the board up, creates the meeting issue)": board.first, "next event (board known)": board.again });
