/**
 * Durations as people write them in config, labels and commands:
 * `30m`, `1h`, `1h30m`, `1.5h`, `90min`, `90` (minutes), and whole days for
 * what is planned ahead: `7d`, `1d12h`, `2 days`. Whole minutes only.
 */
const PATTERN = /^(?:(\d+(?:\.\d+)?)\s*d(?:ays?)?)?\s*(?:(\d+(?:\.\d+)?)\s*h(?:ours?|rs?)?)?\s*(?:(\d+)\s*m(?:in(?:utes?|s)?)?)?$/i;

const MINUTES_PER_DAY = 24 * 60;

/** Parses a duration to whole minutes; null when the text is not a duration. */
export function parseDuration(text: string): number | null {
  const t = text.trim();
  if (t === "") return null;
  if (/^\d+$/.test(t)) return Number(t);
  const m = PATTERN.exec(t);
  if (!m || (m[1] === undefined && m[2] === undefined && m[3] === undefined)) return null;
  const days = m[1] === undefined ? 0 : Number(m[1]);
  const hours = m[2] === undefined ? 0 : Number(m[2]);
  const minutes = m[3] === undefined ? 0 : Number(m[3]);
  const total = days * MINUTES_PER_DAY + hours * 60 + minutes;
  // 4.1h is 245.99999999999997 minutes in floating point: round, but only what is whole minutes to a hair.
  const whole = Math.round(total);
  return Math.abs(total - whole) < 1e-6 ? whole : null;
}

/** Formats minutes the way people write them: 10m, 1h, 1h30m. */
export function formatDuration(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  if (h === 0) return `${m}m`;
  return m === 0 ? `${h}h` : `${h}h${m}m`;
}

/** Formats a lead time: whole days as days (7d, 1d12h), shorter ones as formatDuration does. */
export function formatLeadTime(minutes: number): string {
  const d = Math.floor(minutes / MINUTES_PER_DAY);
  const rest = minutes % MINUTES_PER_DAY;
  if (d === 0) return formatDuration(rest);
  return rest === 0 ? `${d}d` : `${d}d${formatDuration(rest)}`;
}
