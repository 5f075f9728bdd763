/**
 * What an agenda rebuild remembers for the next rebuild of the same series in the same process
 * (the app keeps one memo per meeting job), so a rebuild that has nothing new to go on does not
 * search again (issue 14: bursts cost requests, and each search is ⌈N/100⌉ of them).
 *
 * "Nothing new", decided safely (all of it must hold, else the rebuild searches as always):
 * - the rebuild was triggered by events (it has topics to read fresh): the hourly reconciliation,
 *   a new configuration or a meeting issue closed or reopened never reuse;
 * - the series reads no board (a board is read in full on every rebuild anyway);
 * - the last rebuild of this series here completed with no problems, and every topic the events
 *   named was among the topics it read (searched or read fresh, in scope): an event about a topic
 *   not listed (a label just added, a topic moved in) always searches;
 * - the fresh read of each of those topics is exactly what the last rebuild read of it (labels,
 *   estimate label and form field, state, title, body, 👍, label times, visibility): a label added
 *   or removed, an estimate or state changed, a renamed topic, all search;
 * - the configuration, the series' meeting issues (every one: id, state, body, as read in the same
 *   request) and the meeting picked are the same as after the last rebuild (its own write
 *   included), so nobody edited them and no meeting has passed since.
 * Then the agenda would come out as it is: nothing is searched, nothing written, and the last
 * rebuild's result is reported again. Typical case: a burst of labels, where a rebuild's search
 * already found the topics whose events arrive during it.
 *
 * What a reuse can miss: changes no event announces (GitHub sends none for 👍 reactions) to
 * topics the events did not name; the next full rebuild (any event about a new or changed topic,
 * the hourly reconciliation) picks them up, as it did before this memo existed.
 */
import type { DocketIssue } from "../github/gateway.js";
import type { Topic } from "../domain/types.js";
import type { AgendaSyncResult } from "./agenda.js";
import type { LoadedConfig } from "./context.js";

/** Kept by the caller between rebuilds of one series; empty at first. */
export interface AgendaMemo {
  last?: {
    config: string;
    issues: string;
    occurrence: string;
    topics: ReadonlyMap<string, string>;
    result: AgendaSyncResult;
  };
}

const configKey = (loaded: LoadedConfig) => JSON.stringify([loaded.config, loaded.scope]);
const issuesKey = (issues: readonly DocketIssue[]) => JSON.stringify(issues.map((i) => [i.id, i.state, i.stateReason, i.title, i.body]));

type Remembered = NonNullable<AgendaMemo["last"]>;

/**
 * Before the rebuild's first request: what the last rebuild left when this one may leave the
 * search out (the fresh reads then decide, `reusable`), else null. Either way the memo is
 * emptied: a rebuild cut short (comments written, the body not) must not be taken for done.
 */
export function takeForReuse(memo: AgendaMemo | undefined, fresh: readonly string[], hasBoard: boolean): Remembered | null {
  const last = memo?.last;
  if (memo) delete memo.last;
  return last !== undefined && !hasBoard && fresh.length > 0 && fresh.every((id) => last.topics.has(id)) ? last : null;
}

/** After it: whether nothing is new (see the module's comment); if so the memo keeps `last`, else the rebuild searches. */
export function reusable(
  memo: AgendaMemo | undefined,
  last: Remembered,
  now: { loaded: LoadedConfig; issues: readonly DocketIssue[]; occurrence: string; fresh: ReadonlyMap<string, Topic | null> },
): boolean {
  if (!sameInputs(last, now)) return false;
  if (memo) memo.last = last;
  return true;
}

function sameInputs(
  last: Remembered,
  now: { loaded: LoadedConfig; issues: readonly DocketIssue[]; occurrence: string; fresh: ReadonlyMap<string, Topic | null> },
): boolean {
  if (last.config !== configKey(now.loaded) || last.issues !== issuesKey(now.issues) || last.occurrence !== now.occurrence) return false;
  for (const [id, topic] of now.fresh) if (topic === null || last.topics.get(id) !== JSON.stringify(topic)) return false;
  return true;
}

/** After a complete rebuild: what the next one compares with (only without problems: a rebuild that reported some always runs again in full). */
export function remember(
  memo: AgendaMemo | undefined,
  done: { loaded: LoadedConfig; issues: readonly DocketIssue[]; occurrence: string; topics: readonly Topic[]; result: AgendaSyncResult },
): void {
  if (!memo || done.result.problems.length > 0) return;
  memo.last = {
    config: configKey(done.loaded),
    issues: issuesKey(done.issues),
    occurrence: done.occurrence,
    topics: new Map(done.topics.map((t) => [t.id, JSON.stringify(t)])),
    result: done.result,
  };
}
