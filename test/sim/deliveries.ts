/**
 * Webhook deliveries as GitHub keeps them for an app's hook.
 *
 * GitHub posts each event once and never retries: every POST is one *attempt*, listed (newest
 * first, for the last three days) by `GET /app/hook/deliveries` in the shape of the
 * `hook-delivery-item` schema, and an app may ask for any attempt to be made again with
 * `POST /app/hook/deliveries/{delivery_id}/attempts` (its JWT). A redelivery re-posts the same
 * payload with the same `X-GitHub-Delivery` guid, signed with the hook's current secret, and is
 * recorded as a new attempt with `redelivery: true`.
 *
 * Here the simulator's webhook URL (`--webhook-url`, `setWebhook`) is the app's hook. Deliveries
 * go out one at a time, in order, through one queue (`settled()` waits for it), redeliveries too.
 *
 * Status texts are those GitHub's "Troubleshooting webhooks" page names: `OK`, `Invalid HTTP
 * Response: 503` (any status outside 2xx; redirects are not followed), `failed to connect to
 * network` (the receiver refused the connection), `failed to connect to host` (the name did not
 * resolve, or the host was unreachable), `timed out` (no answer within 10 s). Without an HTTP
 * answer `status_code` is 0.
 */
import { createHmac, randomUUID } from "node:crypto";
import type { Clock } from "./state.js";
import { SimError } from "./state.js";

/** GitHub.com gives a receiver 10 seconds (GitHub Enterprise Server: 30). */
export const WEBHOOK_TIMEOUT_MS = 10_000;
/** GitHub.com lists and redelivers the deliveries of the last 3 days (GitHub Enterprise Server: 7). */
export const DELIVERY_RETENTION_DAYS = 3;
/** Attempt ids are int64 on GitHub and already past 2^32; the simulator's are too. */
const FIRST_ATTEMPT_ID = 40_000_000_001;

/** One POST to the hook, as `GET /app/hook/deliveries` lists it (GitHub's `hook-delivery-item`). */
export interface DeliveryAttempt {
  /** Unique per attempt (the `delivery_id` of the redelivery route). */
  id: number;
  /** The X-GitHub-Delivery header: the same for the first delivery and every redelivery. */
  guid: string;
  /** Simulated time of the attempt. */
  delivered_at: string;
  redelivery: boolean;
  /** Seconds. */
  duration: number;
  /** `OK`, `Invalid HTTP Response: 503`, `failed to connect to network`, `failed to connect to host`, `timed out`. */
  status: string;
  /** The receiver's HTTP status; 0 when it gave no HTTP answer. */
  status_code: number;
  event: string;
  action: string | null;
  installation_id: number | null;
  repository_id: number | null;
  /** Always null: the simulator does not throttle deliveries. */
  throttled_at: string | null;
}

/** One webhook event for one installation (one guid), with every attempt to deliver it. */
export interface Delivery {
  /** X-GitHub-Delivery (the attempts' `guid`). */
  id: string;
  /** `issues.labeled`, `push`, … */
  name: string;
  event: string;
  action?: string;
  installationId: number;
  repo: string;
  /** The repository's id (`repository_id` of the attempts); null for events without a repository. */
  repositoryId: number | null;
  sender: string;
  /** Simulated time of the event. */
  at: string;
  /** HTTP status of the webhook receiver at the latest attempt; null when not (yet) delivered or it gave no HTTP answer. */
  status: number | null;
  /** Why the latest attempt failed without an HTTP answer (or: no webhook URL configured). */
  error?: string;
  /** Of the latest attempt. */
  durationMs?: number;
  payload: Record<string, unknown>;
  /** Every attempt, oldest first (empty while none was made, e.g. without a webhook URL). */
  attempts: DeliveryAttempt[];
}

export interface Hook {
  url: string;
  secret: string;
}

/** A page of `GET /app/hook/deliveries`: newest first, and the cursor of the next page if there is one. */
export interface AttemptPage {
  attempts: DeliveryAttempt[];
  next: string | null;
}

/** What the REST handlers may do with the app's hook. */
export interface AppHook {
  /** 404 when the app has no webhook. */
  list(o: { perPage: number; cursor?: string; status?: "success" | "failure" }): AttemptPage;
  /** Queues a redelivery of an attempt; 404 for an unknown (or expired) attempt or without a webhook. */
  redeliver(attemptId: number): Promise<DeliveryAttempt>;
}

/** What happened when a payload was posted. */
interface Outcome {
  statusCode: number;
  status: string;
  error?: string;
  durationMs: number;
}

/** GitHub's status text for a failure without an HTTP answer. */
function failureStatus(error: unknown): { status: string; error: string } {
  const e = error as { name?: string; message?: string; cause?: { code?: string; message?: string } };
  const message = e?.cause?.message ?? e?.message ?? String(error);
  if (e?.name === "TimeoutError" || e?.name === "AbortError") return { status: "timed out", error: message };
  const code = e?.cause?.code ?? "";
  if (code === "ECONNREFUSED") return { status: "failed to connect to network", error: message };
  if (["ENOTFOUND", "EAI_AGAIN", "EHOSTUNREACH", "ENETUNREACH"].includes(code)) return { status: "failed to connect to host", error: message };
  // A connection that broke off (reset, closed before an answer): GitHub's wording is not documented.
  return { status: code ? `failed to connect to host (${code})` : "failed to connect to host", error: message };
}

/**
 * The app's hook: the queue of deliveries, their attempts and redeliveries. The server hands it
 * every delivery it builds (`enqueue`); REST handlers list and redeliver through {@link AppHook}.
 */
export class WebhookDeliveries implements AppHook {
  private hook: Hook | null = null;
  private list_: Delivery[] = [];
  private attemptList: DeliveryAttempt[] = [];
  private readonly byId = new Map<number, { attempt: DeliveryAttempt; delivery: Delivery; body: string }>();
  private nextId = FIRST_ATTEMPT_ID;
  private queue: Promise<void> = Promise.resolve();
  /** Bumped by `clear()`: attempts of deliveries from before a reset are not recorded. */
  private generation = 0;

  constructor(
    private readonly clock: Clock,
    private readonly appId: () => number,
    private readonly timeoutMs = WEBHOOK_TIMEOUT_MS,
  ) {}

  setHook(hook: Hook | null): void {
    this.hook = hook ? { ...hook } : null;
  }

  configured(): boolean {
    return this.hook !== null;
  }

  hookUrl(): string | null {
    return this.hook?.url ?? null;
  }

  /** Every delivery (one per guid), oldest first. */
  deliveries(): Delivery[] {
    return [...this.list_];
  }

  /** Every attempt, oldest first. */
  attempts(): DeliveryAttempt[] {
    return [...this.attemptList];
  }

  /** Resolves when everything queued so far was attempted. */
  settled(): Promise<void> {
    return this.queue;
  }

  /** Forgets every delivery and attempt (ids go on counting, so an old id never names a new attempt). */
  clear(): void {
    this.list_ = [];
    this.attemptList = [];
    this.byId.clear();
    this.generation++;
  }

  /** Records a delivery and queues its first attempt. */
  enqueue(d: Delivery): void {
    this.list_.push(d);
    const generation = this.generation;
    this.queue = this.queue.then(async () => {
      const hook = this.hook;
      if (!hook) {
        d.error = "no webhook URL configured";
        return;
      }
      await this.attempt(d, JSON.stringify(d.payload), hook, false, generation);
    });
  }

  list(o: { perPage: number; cursor?: string; status?: "success" | "failure" }): AttemptPage {
    if (!this.hook)
      throw new SimError(404, "Not Found", { documentation_url: "https://docs.github.com/rest/apps/webhooks#list-deliveries-for-an-app-webhook" });
    let from = Number.POSITIVE_INFINITY;
    if (o.cursor !== undefined && o.cursor !== "") {
      const m = /^v1_(\d+)$/.exec(o.cursor);
      if (!m) throw new SimError(400, "Bad Request", { documentation_url: "https://docs.github.com/rest/apps/webhooks#list-deliveries-for-an-app-webhook" });
      from = Number(m[1]);
    }
    const inRange = (code: number) => (o.status === "success" ? code >= 200 && code <= 399 : o.status === "failure" ? code >= 400 && code <= 599 : true);
    const newestFirst = this.retained()
      .filter((a) => a.id <= from && inRange(a.status_code))
      .reverse();
    const perPage = Math.min(100, Math.max(1, o.perPage));
    const page = newestFirst.slice(0, perPage);
    const following = newestFirst[perPage];
    return { attempts: page.map((a) => ({ ...a })), next: following ? `v1_${following.id}` : null };
  }

  redeliver(attemptId: number): Promise<DeliveryAttempt> {
    const hook = this.hook;
    const known = this.byId.get(attemptId);
    const docs = { documentation_url: "https://docs.github.com/rest/apps/webhooks#redeliver-a-delivery-for-an-app-webhook" };
    if (!hook || !known || !this.isRetained(known.attempt)) throw new SimError(404, "Not Found", docs);
    const generation = this.generation;
    let made: DeliveryAttempt | undefined;
    this.queue = this.queue.then(async () => {
      // The hook's URL and secret when the redelivery goes out (it may have been changed meanwhile).
      made = await this.attempt(known.delivery, known.body, this.hook ?? hook, true, generation);
    });
    return this.queue.then(() => made!);
  }

  /** Attempts of the retention window (simulated time), oldest first. */
  private retained(): DeliveryAttempt[] {
    return this.attemptList.filter((a) => this.isRetained(a));
  }

  private isRetained(a: DeliveryAttempt): boolean {
    return Date.parse(a.delivered_at) >= this.clock.now().getTime() - DELIVERY_RETENTION_DAYS * 86_400_000;
  }

  /** Posts the body once and records the attempt. */
  private async attempt(d: Delivery, body: string, hook: Hook, redelivery: boolean, generation: number): Promise<DeliveryAttempt> {
    const deliveredAt = this.clock.iso();
    const outcome = await this.post(d, body, hook);
    const attempt: DeliveryAttempt = {
      id: this.nextId++,
      guid: d.id,
      delivered_at: deliveredAt,
      redelivery,
      duration: Math.round(outcome.durationMs / 10) / 100,
      status: outcome.status,
      status_code: outcome.statusCode,
      event: d.event,
      action: d.action ?? null,
      installation_id: d.installationId,
      repository_id: d.repositoryId,
      throttled_at: null,
    };
    d.attempts.push(attempt);
    d.status = outcome.statusCode === 0 ? null : outcome.statusCode;
    if (outcome.error !== undefined) d.error = outcome.error;
    else delete d.error;
    d.durationMs = outcome.durationMs;
    if (generation === this.generation) {
      this.attemptList.push(attempt);
      this.byId.set(attempt.id, { attempt, delivery: d, body });
    }
    return attempt;
  }

  /** One POST, signed as GitHub signs it; never throws. */
  private async post(d: Delivery, body: string, hook: Hook): Promise<Outcome> {
    const t0 = performance.now();
    const elapsed = () => Math.round(performance.now() - t0);
    try {
      const res = await fetch(hook.url, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          "user-agent": "GitHub-Hookshot/docket-sim",
          "x-github-event": d.event,
          "x-github-delivery": d.id,
          "x-github-hook-id": "1",
          "x-github-hook-installation-target-id": String(this.appId()),
          "x-github-hook-installation-target-type": "integration",
          "x-hub-signature-256": `sha256=${createHmac("sha256", hook.secret).update(body).digest("hex")}`,
        },
        body,
        // GitHub does not follow redirects: a 3xx is an invalid answer like any other non-2xx.
        redirect: "manual",
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      await res.arrayBuffer().catch(() => undefined);
      const ok = res.status >= 200 && res.status < 300;
      return { statusCode: res.status, status: ok ? "OK" : `Invalid HTTP Response: ${res.status}`, durationMs: elapsed() };
    } catch (error) {
      return { statusCode: 0, ...failureStatus(error), durationMs: elapsed() };
    }
  }
}

/** A fresh X-GitHub-Delivery guid. */
export const newGuid = (): string => randomUUID();
