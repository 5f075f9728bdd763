/**
 * "Nothing lost" (the world, the checks every scenario ends with and how they read GitHub:
 * test/e2e/lost-world.ts): the app as it runs in production, its own process, against the local GitHub,
 * while what production does to it happens.
 * Here: a crash (kill -9) right after a burst with the queue in Redis, and a command posted while no app listens.
 */
import { describe, expect, it } from "vitest";
import { freePort } from "../helpers/net.js";
import { quiet, WEBHOOK_PATH, WEBHOOK_SECRET } from "./harness.js";
import {
  burstThenRestart,
  describePicture,
  gh,
  LABEL,
  launch,
  log,
  ms,
  nothingLost,
  ORG,
  picture,
  sim,
  sleep,
  title,
  TOPICS_REPO,
  useLostWorld,
} from "./lost-world.js";

useLostWorld({ redis: true });

describe("nothing lost", () => {
  it(
    "a burst of 120 labels, then SIGKILL (queue: Redis): after the restart the agenda is complete within 60 s",
    () => burstThenRestart({ signal: "SIGKILL", queue: "Redis" }),
    180_000,
  );

  it("an /agenda command posted while no app listens takes effect after the app starts (redelivery)", async () => {
    // The app's webhook URL names a port nothing listens on yet: every delivery fails to connect.
    const port = await freePort();
    sim.setWebhook(`http://127.0.0.1:${port}${WEBHOOK_PATH}`, WEBHOOK_SECRET);
    for (const n of [1, 2]) await sim.act({ as: "bob", action: "label", repo: TOPICS_REPO, number: n, label: LABEL });
    const comment = await sim.act({ as: "carol", action: "comment", repo: TOPICS_REPO, number: 42, body: "/agenda ops 5m" });
    expect(comment.deliveries.map((d) => d.status)).toEqual([null]); // nobody answered
    const start = Date.now();
    const app = await launch({}, { port });
    const wanted = `${TOPICS_REPO}#42 ${title(42)}`;
    for (;;) {
      const topic = await gh.issue(ORG, "topics", 42);
      const p = await picture();
      if (topic.labels.some((l) => l.name === LABEL) && p.scheduled.includes(wanted)) break;
      if (ms(start) > 30_000)
        throw new Error(
          `/agenda did not take effect within 30 s of the start: labels ${JSON.stringify(topic.labels.map((l) => l.name))}; ${describePicture(p)}\n${app.output().slice(-3000)}`,
        );
      await sleep(250);
    }
    log(`/agenda: took effect ${ms(start)} ms after the start`);
    await quiet(sim, app);
    const topic = await gh.issue(ORG, "topics", 42);
    expect(topic.labels.map((l) => l.name).sort()).toEqual([LABEL, "time/5m"]);
    expect(
      sim
        .deliveries()
        .filter((d) => d.event === "issue_comment")
        .map((d) => d.attempts.map((a) => [a.redelivery, a.status_code])),
    ).toEqual([
      [
        [false, 0],
        [true, 202],
      ],
    ]);
    // 5 minutes: it fits after the first two topics (10 + 10 + 5 of 30).
    await nothingLost(3, [1, 2, 42]);
  }, 120_000);
});
