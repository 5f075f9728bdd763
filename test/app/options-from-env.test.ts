/**
 * `npm start`'s settings from the environment (.env.example): what an operator sets is what the app
 * runs with; unset or unreadable values keep the defaults.
 */
import { describe, expect, it } from "vitest";
import { optionsFromEnv } from "../../src/app.js";

describe("optionsFromEnv", () => {
  it("reads the documented variables, the test-only queue lock among them; unreadable ones keep the defaults", () => {
    expect(
      optionsFromEnv({
        DOCKET_DEBOUNCE_MS: "150",
        DOCKET_WRITE_BUDGET: "20",
        DOCKET_NOW: "2025-01-08T09:00:00Z",
        REDIS_URL: "redis://127.0.0.1:6379",
        DOCKET_REDIS_PREFIX: "e2e",
        DOCKET_WORKER: "false",
        DOCKET_RETRY_FIRST_MS: "500",
        DOCKET_QUEUE_LOCK_MS: "6000",
      }),
    ).toEqual({
      debounceMs: 150,
      writeBudget: 20,
      now: "2025-01-08T09:00:00Z",
      redisUrl: "redis://127.0.0.1:6379",
      redisPrefix: "e2e",
      worker: false,
      retry: { attempts: 8, firstDelayMs: 500 },
      queueLockMs: 6000,
    });
    // Unset, empty, not a number, or a lock that is no duration: the defaults.
    expect(optionsFromEnv({ DOCKET_DEBOUNCE_MS: "", DOCKET_WRITE_BUDGET: "many", DOCKET_QUEUE_LOCK_MS: "0" })).toEqual({});
    expect(optionsFromEnv({ DOCKET_QUEUE_LOCK_MS: "-5" })).toEqual({});
  });
});
