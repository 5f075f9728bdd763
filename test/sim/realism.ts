/**
 * Realism switches: what makes the simulator behave like a busy GitHub rather
 * than an instant, flawless one. All off by default; set with
 * `startSimulator({ realism })`, `sim.setRealism()` or `POST /_sim/realism`.
 */

export interface Realism {
  /** Search results reflect the state as it was this many (real) milliseconds ago. */
  searchLagMs?: number;
  /** Every API request (REST and GraphQL) waits this long before it is answered. */
  latencyMs?: number;
  /** Answer this fraction (0..1) of API requests with a 5xx, drawn from a seeded generator. */
  fail5xx?: { rate: number; seed?: number; status?: number };
  /** Answer the next N API requests with a 5xx (502 unless `failStatus`). */
  failNext?: number;
  failStatus?: number;
  /**
   * GitHub's secondary rate limit for content-creating requests (REST POST/PATCH/PUT/DELETE,
   * GraphQL mutations), per token: more than `perMinute` (80) in a minute or `perHour` (500)
   * in an hour is answered 403 with `retry-after`. `true` = GitHub's documented numbers.
   */
  secondaryRateLimit?: boolean | { perMinute?: number; perHour?: number };
}

export const SECONDARY_RATE_LIMIT = { perMinute: 80, perHour: 500 } as const;

export const SECONDARY_RATE_LIMIT_MESSAGE =
  "You have exceeded a secondary rate limit. Please wait a few minutes before you try again. If you reach out to GitHub Support for help, please include the request ID";

export const SECONDARY_RATE_LIMIT_DOCS = "https://docs.github.com/rest/using-the-rest-api/rate-limits-for-the-rest-api#about-secondary-rate-limits";

/** mulberry32: a small seeded generator, so injected failures repeat run after run. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Content-creating request times per principal, and a per-minute histogram for stats. */
export class ContentCreationTracker {
  private readonly perPrincipal = new Map<string, number[]>();
  private readonly minutes = new Map<string, number>();
  total = 0;

  constructor(private readonly realNow: () => number = Date.now) {}

  /**
   * Counts one content-creating request by `who`, unless that breaks the limit: then returns
   * the seconds to wait (GitHub's `retry-after`) and counts nothing.
   */
  attempt(who: string, limit: { perMinute: number; perHour: number } | null): { allowed: true } | { allowed: false; retryAfter: number } {
    const now = this.realNow();
    const times = (this.perPrincipal.get(who) ?? []).filter((t) => t > now - 3600_000);
    if (limit) {
      const lastMinute = times.filter((t) => t > now - 60_000);
      if (lastMinute.length >= limit.perMinute) {
        return { allowed: false, retryAfter: Math.max(1, Math.ceil((lastMinute[0]! + 60_000 - now) / 1000)) };
      }
      if (times.length >= limit.perHour) {
        return { allowed: false, retryAfter: Math.max(1, Math.ceil((times[0]! + 3600_000 - now) / 1000)) };
      }
    }
    times.push(now);
    this.perPrincipal.set(who, times);
    this.total++;
    const minute = new Date(Math.floor(now / 60_000) * 60_000).toISOString();
    this.minutes.set(minute, (this.minutes.get(minute) ?? 0) + 1);
    if (this.minutes.size > 180) this.minutes.delete(this.minutes.keys().next().value!);
    return { allowed: true };
  }

  stats(): {
    total: number;
    lastMinute: number;
    lastHour: number;
    perMinute: Array<{ minute: string; count: number }>;
    byPrincipal: Record<string, { lastMinute: number; lastHour: number }>;
  } {
    const now = this.realNow();
    const byPrincipal: Record<string, { lastMinute: number; lastHour: number }> = {};
    let lastMinute = 0;
    let lastHour = 0;
    for (const [who, times] of this.perPrincipal) {
      const m = times.filter((t) => t > now - 60_000).length;
      const h = times.filter((t) => t > now - 3600_000).length;
      byPrincipal[who] = { lastMinute: m, lastHour: h };
      lastMinute += m;
      lastHour += h;
    }
    return { total: this.total, lastMinute, lastHour, perMinute: [...this.minutes].map(([minute, count]) => ({ minute, count })), byPrincipal };
  }

  reset(): void {
    this.perPrincipal.clear();
    this.minutes.clear();
    this.total = 0;
  }
}

export function secondaryLimit(r: Realism): { perMinute: number; perHour: number } | null {
  const s = r.secondaryRateLimit;
  if (!s) return null;
  if (s === true) return { ...SECONDARY_RATE_LIMIT };
  return { perMinute: s.perMinute ?? SECONDARY_RATE_LIMIT.perMinute, perHour: s.perHour ?? SECONDARY_RATE_LIMIT.perHour };
}
