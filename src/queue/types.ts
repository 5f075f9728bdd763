/**
 * The job queue's contract, shared by the in-process queue (one instance, the
 * default) and the BullMQ queue on Redis (REDIS_URL: several instances and
 * separate workers). Both keep the same promises:
 *
 *   - jobs of one key (a meeting, a backlog, a poll's issue) never run at once;
 *   - requests for a key that arrive while its job waits or runs coalesce into
 *     one follow-up job, which receives every item requested meanwhile, in order;
 *   - a failed job is retried with exponential backoff (`RETRY`); what still
 *     fails is kept and counted, and the hourly reconciliation heals it.
 *
 * A job is plain data (`JobSpec`), so it survives a restart in Redis and any
 * instance can run it. Items are plain data too (topic ids to read fresh, the
 * comments of a poll).
 */
import type { RepoRef } from "../github/gateway.js";

export type OwnerType = "Organization" | "User";

interface InstallationJob {
  installationId: number;
  /** Web origin links point at (GitHub Enterprise Server). */
  serverUrl?: string;
}

export type JobSpec =
  /** A webhook delivery to route (its body as GitHub signed it): the router decides which of the jobs below it concerns. */
  | { type: "delivery"; id: string; name: string; body: string }
  /** Rebuild one series' agenda, from the configuration found in `home`. */
  | (InstallationJob & { type: "series"; home: RepoRef; ownerType: OwnerType; seriesId: string })
  /** Rebuild the idea backlog of the configuration found in `home`. */
  | (InstallationJob & { type: "backlog"; home: RepoRef; ownerType: OwnerType })
  /** Run the `/poll` comments of one issue, in order; `at` is the issue's repository. */
  | (InstallationJob & { type: "poll"; at: RepoRef; ownerType: OwnerType; issueNumber: number });

export interface JobRequest {
  /** Jobs of one key never run at once and coalesce. */
  key: string;
  spec: JobSpec;
  /** Added to the batch the job receives (null adds nothing). */
  item: unknown;
  /** Wait this long before the job starts, gathering a burst (milliseconds). */
  delayMs?: number;
}

/**
 * Runs one job with every item requested for its key since the last run. `signal` is aborted when
 * the queue can no longer vouch that this run is the only one of its key (its Redis went away:
 * a Redis restarted without persistence forgets the run, and another instance may start the same
 * key): the job must send nothing more to GitHub after that.
 */
export type Processor = (spec: JobSpec, items: unknown[], signal?: AbortSignal) => Promise<void>;

export interface QueueCounts {
  /** Waiting to start (also debounced). */
  queued: number;
  running: number;
  /** Failed at least once, waiting for the next attempt. */
  retrying: number;
  /** Gave up after every attempt: kept for operators, healed by reconciliation. */
  failed: number;
}

export interface JobQueue {
  /** Accepts a job durably (as durable as the queue is); throws when it cannot (Redis away). */
  request(job: JobRequest): Promise<void>;
  /** Starts running jobs here (a receiver-only instance never calls it). */
  work(processor: Processor): void;
  counts(): Promise<QueueCounts>;
  /** Whether the queue can accept jobs now. */
  healthy(): boolean;
  /** Called whenever the queue's store comes back after being away (Redis restarted). */
  onRecovered(listener: () => void): void;
  /** Resolves when nothing waits, runs or retries here (tests, the demo). */
  idle(): Promise<void>;
  /**
   * Stops taking jobs and lets running ones finish for at most `drainMs`; jobs not finished by
   * then go back to the queue (Redis) or are left to the next start's reconciliation (in-process).
   */
  close(drainMs: number): Promise<void>;
}

/** Exponential backoff: 5 s doubling, 8 attempts, about 10 minutes 35 s from first failure to giving up. */
export const RETRY = { attempts: 8, firstDelayMs: 5_000 } as const;

export function backoffMs(attempt: number, firstDelayMs: number = RETRY.firstDelayMs): number {
  return firstDelayMs * 2 ** Math.max(0, attempt - 1);
}
