/**
 * The idea backlog: open ideas in alphabetical order, on purpose, so that the
 * order claims no priority. Locale-aware (Swedish puts Ö after Z, German next to O),
 * case- and accent-insensitive at the first level, numbers in numeric order
 * ("Idea 2" before "Idea 10"); ties end on repository and number so the order is total.
 */
import { compareTopicPlace } from "./agenda.js";
import { hasLabel } from "./topics.js";
import type { Topic } from "./types.js";
import { uniqueBy } from "./unique.js";

export function backlogIdeas(topics: readonly Topic[], label: string, locale: string): Topic[] {
  const collator = collatorFor(locale);
  return uniqueBy(
    topics.filter((t) => t.state === "open" && hasLabel(t, label)),
    (t) => t.id,
  ).sort((a, b) => collator.compare(a.title.trim(), b.title.trim()) || compareTopicPlace(a, b));
}

function collatorFor(locale: string): Intl.Collator {
  try {
    return new Intl.Collator(locale, { sensitivity: "base", numeric: true });
  } catch {
    return new Intl.Collator("en", { sensitivity: "base", numeric: true });
  }
}
