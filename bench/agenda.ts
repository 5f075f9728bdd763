/**
 * Request and write counts for the figures the issue asks for:
 * - an agenda rebuild of 250 topics across 40 repositories;
 * - a burst of 50 labels on 50 issues at once.
 * Runs the real app (Probot + Docket) against the nock-backed GitHub of the app
 * tests, so every request is also checked against GitHub's descriptions.
 *
 *   npm run bench
 */
import nock from "nock";
import { issuesPayload, webhookEvent } from "../test/contracts/webhooks.js";
import { FakeGitHub, type FakeIssue } from "../test/helpers/fake-github.js";
import { testApp } from "../test/helpers/probot.js";

nock.disableNetConnect();

const CONFIG = `
meetings:
  iaas: { title: Team IaaS, cadence: weekly, day: monday, time: "14:00", duration: 2h, timezone: Europe/Berlin, default-estimate: 10m }
`;

const app = (debounceMs: number) => testApp({ debounceMs, now: "2023-11-29T10:00:00Z", configTtlMs: 30_000 });

const labeled = (i: FakeIssue, n: number) =>
  webhookEvent("issues.labeled", issuesPayload("labeled", { owner: "acme", ownerType: "Organization", repo: i.repo, number: i.number, labels: i.labels.map((l) => l.name), label: "agenda/iaas" }), `d-${n}`);

function count(fake: FakeGitHub, from = 0) {
  const reqs = fake.gh.requests.slice(from);
  const by = (pred: (r: (typeof reqs)[number]) => boolean) => reqs.filter(pred).length;
  return {
    requests: reqs.length,
    "config reads": by((r) => r.path.includes("/contents/")),
    "search pages": by((r) => r.operationName === "DocketSearchTopics"),
    "fresh reads": by((r) => r.operationName === "DocketTopicsById"),
    "meeting lookups": by((r) => r.operationName === "DocketIssues"),
    writes: by((r) => r.method !== "GET" && !r.path.endsWith("graphql")),
  };
}

async function rebuild250() {
  const fake = new FakeGitHub();
  fake.config("acme", ".github", CONFIG);
  const topics: FakeIssue[] = [];
  for (let i = 0; i < 250; i++) topics.push(fake.issue({ repo: `repo-${i % 40}`, number: 1 + Math.floor(i / 40), labels: ["agenda/iaas", `time/${1 + (i % 5)}m`] }));
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

const { first, again } = await rebuild250();
console.log("Agenda of 250 topics across 40 repositories (GitHub requests per job, besides the installation token):");
console.table({ "first build (creates the meeting issue)": first, "rebuild after one more label": again });
console.log("A burst of 50 labels on 50 issues at once:");
console.table({ "debounce 0 ms": await burst50(0), "debounce 1000 ms (default)": await burst50(1000) });
