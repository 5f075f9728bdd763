/**
 * "Nothing lost" (the world, the checks every scenario ends with and how they read GitHub:
 * test/e2e/lost-world.ts): the app as it runs in production, its own process, against the local GitHub,
 * while what production does to it happens.
 * Here: GitHub answers half of the requests with a 5xx for 10 s.
 */
import { describe, it } from "vitest";
import { quiet } from "./harness.js";
import {
  AFTER_BURST,
  burst,
  completeWithin,
  describePicture,
  FAILING_MS,
  launch,
  log,
  ms,
  nothingLost,
  picture,
  sim,
  sleep,
  TOPICS,
  useLostWorld,
} from "./lost-world.js";

useLostWorld();

describe("nothing lost", () => {
  it("GitHub answers half of the requests with a 5xx for 10 s: complete within one reconcile interval (15 s) plus a rebuild after it ends", async () => {
    const app = await launch({ DOCKET_RECONCILE_MINUTES: "0.25" });
    const failing = Date.now();
    sim.setRealism({ fail5xx: { rate: 0.5, seed: 7 } });
    await burst();
    log(`5xx: ${TOPICS} labels in ${ms(failing)} ms`);
    await sleep(Math.max(0, FAILING_MS - ms(failing)));
    sim.setRealism({});
    const healed = Date.now();
    const before = await picture();
    log(`5xx: when the failures stopped: ${describePicture(before)}; status ${JSON.stringify(await app.status())}`);
    // The bound: one reconcile interval (15 s), then a rebuild (15 s). A rebuild of this series is
    // five requests (a second apart with GitHub's write spacing, ~5 s); one already running when
    // the failures stop first sits out Octokit's retry wait for the request that failed last
    // (1, 4, then 9 s at full length), and the reconciliation's rebuild waits for it.
    const took = await completeWithin(15_000 + 15_000, healed, [app], "the failures stopped");
    log(`5xx: agenda complete ${took} ms after the failures stopped`);
    await quiet(sim, app, 120_000);
    await nothingLost(AFTER_BURST, [3, 4, 5]);
  }, 240_000);
});
