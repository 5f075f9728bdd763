/**
 * The Action's scheduled jobs over meeting series: `open-next` opens the issue
 * of each series' next meeting once it is within the series' `open-ahead`
 * (syncAgenda finds or creates it, so it is opened once, with its recurring
 * items and the topics carried over ahead of new ones); `agenda` is the app's
 * full rebuild, for communities that run only the Action.
 */
import { syncAgenda, type AgendaSyncResult } from "./agenda.js";
import { syncBacklog, type BacklogSyncResult } from "./backlog.js";
import { selectSeries } from "./command-error.js";
import type { JobContext, LoadedConfig } from "./context.js";

/** Syncs the next meeting of each series (or of `only`), creating its issue only within the series' `open-ahead`. */
export async function openNextMeetings(ctx: JobContext, loaded: LoadedConfig, only?: string): Promise<AgendaSyncResult[]> {
  const results: AgendaSyncResult[] = [];
  for (const id of selectSeries(loaded.config.meetings, only)) {
    const openAhead = loaded.config.meetings[id]?.["open-ahead"];
    results.push(await syncAgenda(ctx, loaded, id, openAhead === undefined ? {} : { openAhead }));
  }
  return results;
}

/** Every series' agenda (or only `only`'s) and, when no series is named, the idea backlog. */
export async function rebuildAgendas(
  ctx: JobContext,
  loaded: LoadedConfig,
  only?: string,
): Promise<{ meetings: AgendaSyncResult[]; backlog: BacklogSyncResult | null }> {
  const meetings: AgendaSyncResult[] = [];
  for (const id of selectSeries(loaded.config.meetings, only)) meetings.push(await syncAgenda(ctx, loaded, id));
  const backlog = only || !loaded.config.backlog ? null : await syncBacklog(ctx, loaded);
  return { meetings, backlog };
}
