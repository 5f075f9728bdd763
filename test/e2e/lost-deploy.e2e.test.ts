/**
 * "Nothing lost" (the world, the checks every scenario ends with and how they read GitHub:
 * test/e2e/lost-world.ts): the app as it runs in production, its own process, against the local GitHub,
 * while what production does to it happens.
 * Here: a deploy (SIGTERM) or a crash (kill -9) right after a burst of 120 labels, with the in-process queue.
 */
import { describe, it } from "vitest";
import { burstThenRestart, useLostWorld } from "./lost-world.js";

useLostWorld();

describe("nothing lost", () => {
  it.each([{ signal: "SIGTERM" as const }, { signal: "SIGKILL" as const }])(
    "a burst of 120 labels, then $signal (queue: in-process): after the restart the agenda is complete within 60 s",
    ({ signal }) => burstThenRestart({ signal, queue: "in-process" }),
    180_000,
  );
});
