/**
 * Reading a search past GitHub's ceiling of 1,000 results per query
 * (docs.github.com/graphql/reference/objects#searchresultitemconnection: `issueCount` reports
 * every match, the connection ends after 1,000).
 *
 * How: by creation time, as keyset pages. The first window is the query sorted oldest first,
 * and every search asks its first page that way (also the one that comes along with
 * DocketAgendaInputs), so a search past 1,000 reads on from that page instead of reading it twice;
 * when a window is full (it reports more than 1,000), the next one is the same query from the
 * creation time of the newest result read so far on (`created:>=T`, so results created in that
 * same second are read again, not lost; the caller drops the repeats by id). A window that reports
 * at most 1,000 holds everything that is left.
 *
 * Why this and not halving date ranges or repository groups: it needs no bounds (no guess of the
 * earliest date, no clock), wastes no request on ranges that turn out too big or empty, and every
 * window but the last is read full, so N results cost ⌈N/100⌉ pages plus one repeat per window.
 * Repository groups would need the list of repositories (another read), and one repository can
 * hold more than 1,000 on its own. What it cannot split: more than 1,000 results created in one
 * second (GitHub's timestamps have seconds); that is reported as before, as truncated.
 *
 * Pure: the gateway (./gateway.ts) does the reading. Results are ordered later, in src/domain,
 * so the order of the windows does not show.
 */

/** GitHub search returns at most 1,000 results for one query. */
export const SEARCH_LIMIT = 1000;

/**
 * The query of the window that starts at `from` (a result's `createdAt`; null: the first), oldest
 * first. Search compares creation times to the second, written `YYYY-MM-DDTHH:MM:SSZ`.
 */
export function windowQuery(query: string, from: string | null): string {
  return `${query}${from === null ? "" : ` created:>=${toSecond(from)}`} sort:created-asc`;
}

/** An instant as search writes it: UTC, to the second (fractions dropped: `>=` then still holds the instant). */
function toSecond(at: string): string {
  const t = Date.parse(at);
  return Number.isNaN(t) ? at : new Date(Math.floor(t / 1000) * 1000).toISOString().replace(/\.\d{3}Z$/, "Z");
}

export type NextWindow =
  /** The window held everything from its start on. */
  | { kind: "done" }
  /** Read on from here. */
  | { kind: "from"; from: string }
  /** More than 1,000 results were created in the second the window starts at: creation time cannot split them. */
  | { kind: "stuck" };

/**
 * After reading a window that reported `total` results: whether it was the last, else where the
 * next one starts (the newest creation time it returned). A full window whose results were all
 * created in one second cannot be moved past without losing some of them: stuck.
 */
export function nextWindow(total: number, createdAts: readonly string[]): NextWindow {
  if (total <= SEARCH_LIMIT) return { kind: "done" };
  const times = createdAts.map((at) => Date.parse(at)).filter((t) => !Number.isNaN(t));
  if (times.length === 0) return { kind: "stuck" };
  const newest = Math.max(...times);
  if (Math.min(...times) === newest) return { kind: "stuck" };
  return { kind: "from", from: createdAts[createdAts.findIndex((at) => Date.parse(at) === newest)]! };
}
