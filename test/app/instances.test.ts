/**
 * Several app instances side by side (REDIS_URL set on each): events for one
 * meeting that reach different instances at once must not race. Without the
 * shared lock both instances would find no meeting issue and both create one.
 */
import { afterAll, afterEach, beforeAll, expect, it } from "vitest";
import { issuesPayload, webhookEvent } from "../fixtures/webhooks.js";
import { FakeGitHub } from "../helpers/fake-github.js";
import { resetGitHubMock } from "../helpers/github-mock.js";
import { testApp } from "../helpers/probot.js";
import { startRedis, type TestRedis } from "../helpers/redis-server.js";

let redis: TestRedis;
beforeAll(async () => {
  redis = await startRedis();
});
afterAll(async () => {
  await redis?.stop();
});
afterEach(() => resetGitHubMock());

const prefix = `docket-test-${process.pid}`;
const instance = () => testApp({ now: "2023-11-29T10:00:00Z", redisUrl: redis.url, redisPrefix: prefix });

it("two instances labelling topics of one meeting at once create one meeting issue with both topics", async () => {
  const fake = new FakeGitHub();
  fake.config("acme", ".github", 'meetings:\n  iaas: { title: Team IaaS, cadence: weekly, day: monday, time: "14:00", duration: 30m }\n');
  const one = instance();
  const two = instance();
  const topics = [1, 2, 3, 4].map((n) => fake.issue({ number: n, labels: ["agenda/iaas"] }));
  const event = (n: number) =>
    webhookEvent("issues.labeled", issuesPayload("labeled", { owner: "acme", ownerType: "Organization", repo: "infra", number: n, labels: ["agenda/iaas"], label: "agenda/iaas" }), `d${n}`);
  await Promise.all(topics.map((t, i) => (i % 2 === 0 ? one : two).probot.receive(event(t.number) as never)));
  await Promise.all([one.docket.idle(), two.docket.idle()]);

  const meetings = fake.docketIssues("docket/iaas");
  expect(meetings.map((m) => m.title)).toEqual(["Team IaaS — 2023-12-04"]);
  for (const n of [1, 2, 3, 4]) expect(meetings[0]!.body).toContain(`acme/infra#${n} `);
  fake.gh.assertDone();
  await Promise.all([one.docket.queue.close(1000), two.docket.queue.close(1000)]);
});
