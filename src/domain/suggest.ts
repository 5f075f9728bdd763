/**
 * "Did you mean …?": the one place that decides which known word a near miss
 * meant (config keys and values, series ids in commands, time zones, the
 * Action's inputs). Pure.
 *
 * Only close calls are suggested: a wrong guess is worse than none, since
 * people copy what Docket proposes.
 */

/**
 * Edit distance counting an insertion, a deletion, a substitution or a swap of
 * two neighbouring letters (`lable` -> `label`, the commonest typo) as one
 * edit (optimal string alignment).
 */
export function editDistance(a: string, b: string): number {
  // rows[i][j]: distance between a's first i and b's first j letters; three rows suffice.
  let before: number[] = [];
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, before[j - 2]! + 1);
      cur[j] = d;
    }
    before = prev;
    prev = cur;
  }
  return prev[b.length]!;
}

const norm = (s: string) => s.toLowerCase().replace(/[-_\s]/g, "");

/** How many typos a word of this many letters may have and still be recognised. */
const allowedTypos = (length: number) => (length >= 6 ? 2 : length >= 3 ? 1 : 0);

function nearest(input: string, candidates: readonly string[]): string | undefined {
  const n = norm(input);
  if (n === "") return undefined;
  const same = candidates.find((c) => norm(c) === n);
  if (same !== undefined) return same;
  if (n.length >= 3) {
    const prefixed = candidates.filter((c) => norm(c).startsWith(n));
    if (prefixed.length === 1) return prefixed[0];
  }
  let best: string | undefined;
  let bestDistance = allowedTypos(n.length) + 1;
  for (const c of candidates) {
    const d = editDistance(n, norm(c));
    if (d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  return best;
}

/**
 * The candidate a near miss most likely meant, if any: the same letters but
 * for case, `-`/`_`/spaces; an unambiguous prefix (`mon` -> `monday`); one or
 * two typos, a swap of neighbouring letters counting as one (`timezon` ->
 * `timezone`, `Munday` -> `monday`); or, for a compound word, its last part
 * (`agenda-lable` -> `label`). Deterministic: ties go to the earlier candidate.
 */
export function closestMatch(input: string, candidates: readonly string[]): string | undefined {
  const found = nearest(input, candidates);
  if (found !== undefined) return found;
  // `agenda-lable`, `series-timezone`: a qualifier in front of a known word.
  const parts = input.split(/[-_\s]+/).filter((p) => p !== "");
  for (let i = 1; i < parts.length; i++) {
    const tail = nearest(parts.slice(i).join("-"), candidates);
    if (tail !== undefined && norm(parts.slice(i).join("")).length >= 3) return tail;
  }
  return undefined;
}

/** ` (did you mean `x`?)` for a near miss, "" when nothing is close. */
export function didYouMean(input: string, candidates: readonly string[]): string {
  const found = closestMatch(input, candidates);
  return found === undefined ? "" : ` (did you mean \`${found}\`?)`;
}
