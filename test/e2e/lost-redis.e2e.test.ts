/**
 * "Nothing lost" (the world, the checks every scenario ends with and how they read GitHub:
 * test/e2e/lost-world.ts): the app as it runs in production, its own process, against the local GitHub,
 * while what production does to it happens.
 * Here: two instances on one Redis, Redis restarted in the middle of a burst and while a rebuild tells authors their topics moved up.
 */
import { describe, expect, it } from "vitest";
import { quiet, WEBHOOK_SECRET } from "./harness.js";
import {
  burst,
  completeWithin,
  dropOut,
  githubQuietFor,
  LABEL,
  launch,
  log,
  ms,
  nothingLost,
  redis,
  roundRobin,
  sim,
  sleep,
  TOPICS,
  TOPICS_REPO,
  useLostWorld,
} from "./lost-world.js";

useLostWorld({ redis: true });

describe("nothing lost", () => {
  it("two instances on one Redis, Redis restarted in the middle of the burst: complete within 10 s after Redis is back and the burst over, refused deliveries redelivered", async () => {
    const env = { REDIS_URL: redis.url, DOCKET_REDIS_PREFIX: `lost-two-${process.pid}` };
    const one = await launch(env, { webhook: false });
    const two = await launch(env, { webhook: false });
    // GitHub delivers to one URL: a load balancer in front of both instances.
    sim.setWebhook(await roundRobin([one.port, two.port]), WEBHOOK_SECRET);
    const t0 = Date.now();
    let done = 0;
    // The burst as it arrives: labels only (the drop-outs' rebuild meeting a Redis restart is the last scenario).
    const labelling = burst({ dropAt: null, labelled: (n) => (done = n) });
    while (done < TOPICS / 2) await sleep(5);
    const down = Date.now();
    const at = done;
    // Stopped, down for 100 ms, a new empty server; deliveries are refused with 503 until each
    // instance has reconnected. (Each refused one costs a second of redelivery: Octokit spaces the app's writes.)
    await redis.restart(() => sleep(100));
    const back = Date.now();
    log(`redis: stopped after label ${at}, back ${back - down} ms later (label ${done} by then)`);
    await labelling;
    const last = Date.now();
    log(`redis: ${TOPICS} labels in ${ms(t0)} ms; the last ${last - back} ms after Redis was back`);
    const refused = sim.deliveries().filter((d) => d.attempts.some((a) => a.status_code === 503));
    log(`redis: ${refused.length} deliveries refused with 503`);
    expect(refused.length, "deliveries refused while Redis was away").toBeGreaterThan(0);
    // The agenda cannot hold labels not yet made: the 10 s run from Redis being back and the burst being over.
    const took = await completeWithin(10_000, last, [one, two], "Redis was back and the burst over");
    log(`redis: agenda complete ${took} ms after the last label, ${took + last - back} ms after Redis was back`);

    // What was refused was asked for again and taken. The app asks one at a time, a second apart
    // (Octokit's throttling of non-GET requests, as GitHub asks of integrations).
    const failed = () => sim.deliveries().filter((d) => d.attempts.length > 0 && !d.attempts.some((a) => a.status_code >= 200 && a.status_code < 300));
    const limit = 15_000 + refused.length * 1_500;
    while (failed().length > 0 && ms(back) < limit) await sleep(250);
    log(`redis: every refused delivery redelivered and taken ${ms(back)} ms after Redis was back`);
    expect(failed().map((d) => `${d.name} ${d.id}: ${d.attempts.map((a) => a.status).join(", ")}`)).toEqual([]);
    await quiet(sim, [one, two], 60_000);
    await nothingLost(TOPICS, [1, 2, 3]);
  }, 180_000);

  // A Redis restarted without persistence forgets the running rebuild, and the reconciliation on
  // "Redis is back" queues the meeting again for the other instance: the run from before the
  // restart must send nothing more, or both read the old waiting list and tell #5's author twice.
  it("two instances on one Redis, Redis restarted while a rebuild posts its promotions: every author is told once", async () => {
    const env = { REDIS_URL: redis.url, DOCKET_REDIS_PREFIX: `lost-promotions-${process.pid}` };
    const one = await launch(env, { webhook: false });
    const two = await launch(env, { webhook: false });
    sim.setWebhook(await roundRobin([one.port, two.port]), WEBHOOK_SECRET);
    for (let n = 1; n <= 10; n++) await sim.act({ as: "bob", action: "label", repo: TOPICS_REPO, number: n, label: LABEL });
    await quiet(sim, [one, two]);
    const mark = sim.log.length;
    await dropOut();
    // The rebuild has reached its promotions (it reads #4's comments for an earlier one): Redis restarts.
    const deadline = Date.now() + 30_000;
    while (!sim.log.slice(mark).some((e) => e.path.startsWith(`/repos/${TOPICS_REPO}/issues/4/comments`))) {
      if (Date.now() > deadline)
        throw new Error(`the rebuild did not reach its promotions within 30 s:\n${one.output().slice(-2000)}\n---\n${two.output().slice(-2000)}`);
      await sleep(5);
    }
    await redis.restart(() => sleep(300));
    const back = Date.now();
    await completeWithin(30_000, back, [one, two], "Redis was back");
    // GET /docket/status counts what Redis holds: a rebuild still running from before the restart is
    // not in it. It shows on GitHub: wait until the apps have sent nothing for 1.5 s (longer than any
    // wait of theirs at the harness's pace: writes 50 ms apart, retries after 100-900 ms).
    await githubQuietFor(1_500, 20_000);
    await quiet(sim, [one, two], 60_000);
    await nothingLost(8, [3, 4, 5]);
  }, 120_000);
});
