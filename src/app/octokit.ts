/**
 * The app's Octokit: Probot's (retries, throttling, paging, REST methods, GHES compatibility,
 * request logging) with Docket's throttle settings, shared with the Action
 * (../github/throttle.ts): only writes are spaced a second apart, and a primary or secondary
 * rate limit is waited out as GitHub's answer says (Probot's own settings never retried a
 * secondary limit).
 */
import { ProbotOctokit } from "probot";
import { spacedWrites, throttleOptions } from "../github/throttle.js";

export const DocketOctokit = ProbotOctokit.plugin(spacedWrites).defaults((options: Record<string, unknown>) => ({
  ...options,
  // Probot's settings first (its Redis connection, if any; `enabled: false` from a test), Docket's limits on top.
  throttle: { ...(options.throttle as object | undefined), ...throttleOptions() },
}));
