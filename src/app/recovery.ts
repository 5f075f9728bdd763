/**
 * Healing what was lost: reconciliation and redelivery.
 *
 * GitHub does not retry a failed webhook delivery, and a job can fail for good or die with its
 * process. The state lives in GitHub and every rebuild is derived from it, so:
 *
 *   - reconciliation rebuilds every known series and backlog on start, every
 *     DOCKET_RECONCILE_MINUTES (default 60) and when Redis comes back; a rebuild that changes
 *     nothing writes nothing;
 *   - redelivery asks GitHub for the app's recent deliveries and has those that failed
 *     (Docket down, refusing with 503, or not answering) delivered again, as GitHub's guide for
 *     failed deliveries does: a lost `/agenda` or `/poll` comment, which no rebuild can recover,
 *     then takes effect too.
 *
 * With Redis, one instance does each pass (a lock that lasts the interval); without, this one does.
 */
import type { Logger } from "../github/gateway.js";

/** The fields of GitHub's `hook-delivery-item` that redelivery reads. */
export interface HookDelivery {
  id: number;
  guid: string;
  delivered_at: string;
  redelivery: boolean;
  status_code: number;
}

/** Attempts per delivery after which Docket stops asking (a delivery that fails every time is not transient). */
export const MAX_ATTEMPTS_PER_DELIVERY = 3;

/**
 * The attempts to redeliver: per delivery (guid) that has no successful attempt and fewer than
 * MAX_ATTEMPTS_PER_DELIVERY attempts, its newest attempt; only deliveries first made since `since`.
 */
export function toRedeliver(attempts: readonly HookDelivery[], since: number): HookDelivery[] {
  const byGuid = new Map<string, HookDelivery[]>();
  for (const a of attempts) byGuid.set(a.guid, [...(byGuid.get(a.guid) ?? []), a]);
  const out: HookDelivery[] = [];
  for (const list of byGuid.values()) {
    if (list.some((a) => a.status_code >= 200 && a.status_code < 300)) continue;
    if (list.length >= MAX_ATTEMPTS_PER_DELIVERY) continue;
    const first = Math.min(...list.map((a) => Date.parse(a.delivered_at)));
    if (!(first >= since)) continue;
    out.push(list.reduce((a, b) => (Date.parse(b.delivered_at) > Date.parse(a.delivered_at) || (b.delivered_at === a.delivered_at && b.id > a.id) ? b : a)));
  }
  return out.sort((a, b) => Date.parse(a.delivered_at) - Date.parse(b.delivered_at) || a.id - b.id);
}

/** The app's own Octokit (JWT): what redelivery needs of it. */
export interface AppOctokit {
  request(route: string, params?: Record<string, unknown>): Promise<{ data: unknown; headers: Record<string, string | number | undefined> }>;
}

/** Lists deliveries newest first until one is older than `since` (at most `maxPages` pages), and redelivers the failed ones. */
export async function redeliverFailed(octokit: AppOctokit, since: number, log: Logger, maxPages = 10): Promise<number> {
  const attempts: HookDelivery[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < maxPages; page++) {
    const res = await octokit.request("GET /app/hook/deliveries", { per_page: 100, ...(cursor ? { cursor } : {}) });
    const items = res.data as HookDelivery[];
    attempts.push(...items);
    const next = /<([^>]+)>;\s*rel="next"/.exec(String(res.headers.link ?? ""))?.[1];
    cursor = next ? (new URL(next).searchParams.get("cursor") ?? undefined) : undefined;
    const oldest = items.at(-1);
    if (!cursor || !oldest || Date.parse(oldest.delivered_at) < since) break;
  }
  const todo = toRedeliver(attempts, since);
  let done = 0;
  for (const attempt of todo) {
    try {
      await octokit.request("POST /app/hook/deliveries/{delivery_id}/attempts", { delivery_id: attempt.id });
      done++;
    } catch (error) {
      log.warn({ err: error, delivery: attempt.guid }, "could not ask GitHub to redeliver a failed delivery");
    }
  }
  if (todo.length > 0) log.info({ failed: todo.length, redelivered: done }, "asked GitHub to redeliver the deliveries that failed");
  return done;
}

export interface RecoveryOptions {
  reconcile(): Promise<number>;
  redeliver(since: number): Promise<number>;
  /** Takes a pass's lock for `ms` (shared across instances with Redis); false when another instance has it. */
  claim(pass: string, ms: number): Promise<boolean>;
  log: Logger;
  intervalMinutes: number;
  /** How far back failed deliveries are redelivered on start (GitHub keeps them 3 days). */
  redeliverHours: number;
  now?: () => number;
}

export interface Recovery {
  /** Reconcile and redeliver now (start-up, Redis back, refused deliveries). */
  kick(reason: string): Promise<void>;
  stop(): void;
}

export function startRecovery(options: RecoveryOptions): Recovery {
  const now = options.now ?? Date.now;
  const intervalMs = options.intervalMinutes * 60_000;
  let running: Promise<void> | null = null;
  let again: string | null = null;

  async function pass(reason: string, scheduled: boolean): Promise<void> {
    // A scheduled pass runs once per interval across instances; a kick (start, Redis back) once within 10 s.
    if (!(await options.claim(scheduled ? "reconcile" : "kick", scheduled ? Math.max(1000, intervalMs - 1000) : 10_000).catch(() => false))) return;
    try {
      const queued = await options.reconcile();
      options.log.info({ reason, queued }, "reconciliation queued a rebuild of every known series and backlog");
    } catch (error) {
      options.log.warn({ err: error, reason }, "reconciliation failed; the next pass tries again");
    }
    try {
      await options.redeliver(now() - options.redeliverHours * 3600_000);
    } catch (error) {
      options.log.warn({ err: error, reason }, "could not list the app's failed deliveries (the app's JWT reads GET /app/hook/deliveries)");
    }
  }

  function kick(reason: string, scheduled = false): Promise<void> {
    if (running) {
      again = reason;
      return running;
    }
    running = pass(reason, scheduled).finally(() => {
      running = null;
      if (again !== null) {
        const next = again;
        again = null;
        void kick(next);
      }
    });
    return running;
  }

  const timer = setInterval(() => void kick("interval", true), intervalMs);
  timer.unref();
  return { kick: (reason) => kick(reason), stop: () => clearInterval(timer) };
}
