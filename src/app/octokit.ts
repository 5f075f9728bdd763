/**
 * The app's Octokit: Probot's (retries, throttling, paging, REST methods, GHES compatibility,
 * request logging) with Docket's throttle settings, shared with the Action
 * (../github/throttle.ts): only writes are spaced a second apart, and a primary or secondary
 * rate limit is waited out as GitHub's answer says (Probot's own settings never retried a
 * secondary limit).
 */
import { ProbotOctokit } from "probot";
import { spacedWrites, millisFromEnv, throttleOptions } from "../github/throttle.js";

/**
 * Test-only knobs, read once at start (defaults unchanged for production): the end-to-end tests
 * run the app as its own process and would otherwise wait GitHub's second between writes and
 * Octokit's 1, 4, 9 s between retries of a failed request (test/e2e/harness.ts sets them; what the
 * spacing and the retries do is shown at full length in-process, test/github/throttle.test.ts).
 *   DOCKET_WRITE_SPACING_MS  milliseconds between writes (default 1000); when set, the writes that
 *                            notify people (comments, issues) are spaced 3 times as much, GitHub's
 *                            proportion (unset: the throttling plugin's 3 s)
 *   DOCKET_RETRY_BASE_MS     unit of Octokit's retry waits of a failed request (default 1000)
 */
const writeSpacingMs = millisFromEnv(process.env.DOCKET_WRITE_SPACING_MS);
const retryBaseMs = millisFromEnv(process.env.DOCKET_RETRY_BASE_MS);

export const DocketOctokit = ProbotOctokit.plugin(spacedWrites).defaults((options: Record<string, unknown>) => ({
  ...options,
  // Probot's settings first (its Redis connection, if any; `enabled: false` from a test), Docket's limits on top.
  throttle: { ...(options.throttle as object | undefined), ...throttleOptions({ writeSpacingMs }) },
  ...(retryBaseMs !== undefined ? { retry: { ...(options.retry as object | undefined), retryAfterBaseValue: retryBaseMs } } : {}),
}));
