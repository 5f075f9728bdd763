/**
 * Several app instances side by side (REDIS_URL set on each): events for one
 * meeting that reach different instances at once must not race. Without the
 * shared lock both instances would find no meeting issue and both create one.
 */
import { afterAll, beforeAll, expect, it, onTestFinished } from "vitest";
import { acmeWorld, teamIaas } from "../fixtures/acme.js";
import { useAppSim } from "../helpers/app-sim.js";
import { startRedis, type TestRedis } from "../helpers/redis-server.js";

let redis: TestRedis;
beforeAll(async () => {
  redis = await startRedis();
});
afterAll(async () => {
  await redis?.stop();
});

const NOW = "2023-11-29T10:00:00Z";
const github = useAppSim(acmeWorld({ now: NOW, config: `meetings:\n${teamIaas({ duration: "30m" })}\n` }), { now: NOW });
const prefix = `docket-test-${process.pid}`;
const instance = () => github.start({ redisUrl: redis.url, redisPrefix: prefix });

it("two instances labelling topics of one meeting at once create one meeting issue with both topics", async () => {
  const one = instance();
  const two = instance();
  // After the helper's checks (which read the last instance's status through Redis).
  onTestFinished(() => Promise.all([one.docket.queue.close(1000), two.docket.queue.close(1000)]).then(() => undefined));
  const infra = github.sim.state.repo("acme", "infra")!;
  const numbers = [1, 2, 3, 4].map((n) => github.sim.state.createIssue(infra, { title: `Topic ${n}`, author: "alice" }).number);
  const deliveries = [];
  for (const number of numbers)
    deliveries.push(...(await github.sim.act({ as: "bob", action: "label", repo: "acme/infra", number, label: "agenda/iaas" })).deliveries);
  const payloads = github.sim.deliveries();
  await Promise.all(
    deliveries.map((d, i) =>
      (i % 2 === 0 ? one : two).docket.accept({ id: d.id, name: d.event, body: JSON.stringify(payloads.find((p) => p.id === d.id)!.payload) }),
    ),
  );
  await Promise.all([one.docket.idle(), two.docket.idle()]);

  const meetings = github.labelled("acme/.github", "docket/iaas");
  expect(meetings.map((m) => m.title)).toEqual(["Team IaaS — 2023-12-04"]);
  for (const n of numbers) expect(meetings[0]!.body).toContain(`acme/infra#${n} `);
});
