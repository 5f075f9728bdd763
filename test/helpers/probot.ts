import { Probot, ProbotOctokit } from "probot";
import { createDocket, type Docket, type DocketOptions } from "../../src/app.js";
import { testPrivateKey } from "../fixtures/keys.js";

/**
 * A Probot instance for tests, with Docket loaded. Retries and throttling are
 * switched off with the callback form of ProbotOctokit.defaults (the object
 * form would replace Probot's own options instead of extending them).
 */
export function testApp(options: DocketOptions = {}): { probot: Probot; docket: Docket } {
  const probot = new Probot({
    appId: 1,
    privateKey: testPrivateKey(),
    secret: "test",
    logLevel: "fatal",
    Octokit: ProbotOctokit.defaults((o: Record<string, unknown>) => ({ ...o, retry: { enabled: false }, throttle: { enabled: false } })),
  });
  return { probot, docket: createDocket(probot, { debounceMs: 0, configTtlMs: 0, retry: { attempts: 1, firstDelayMs: 0 }, ...options }) };
}
