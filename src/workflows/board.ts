/**
 * Reading a configured Projects (v2) board for a job: the items that carry
 * the configured value, as topics (src/domain/board.ts decides which count).
 *
 * - A board that does not exist, or that Docket may not read, or whose
 *   `field`, `value` or `estimate-field` it does not have (a typo would drop
 *   every board topic, or every board estimate, silently), stops the job
 *   with a CommandError naming the config path (`meetings.<id>.board`,
 *   `backlog.board`): the agenda or backlog is then left as it is, because
 *   rebuilding it without the board would drop every topic that is only on
 *   the board. The app logs the error; the Action reports it on the config line.
 * - Items the token may not see (GitHub returns them REDACTED) are skipped
 *   and reported as a warning, not a failure: the rest of the board counts.
 * - The board is its own scope: its issues and pull requests count from any
 *   repository, and its drafts have none. Who may read a draft is who may read
 *   the board: public only when GitHub says the board is (`ProjectV2.public`),
 *   else private to its owner (src/domain/visibility.ts).
 */
import { boardTopics, type BoardTopic } from "../domain/board.js";
import { BoardNotFound, findBoardField, type BoardRead, type BoardRef } from "../github/gateway.js";
import { CommandError } from "./command-error.js";
import type { JobContext } from "./context.js";

export interface BoardSource extends BoardRef {
  field: string;
  value: string;
  "estimate-field"?: string | undefined;
}

export interface BoardTopicsRead {
  topics: BoardTopic[];
  warnings: string[];
}

/** The board, or a CommandError at `configPath` when it does not exist or may not be read. */
export async function readBoard(ctx: JobContext, ref: BoardRef, configPath: string): Promise<BoardRead> {
  try {
    return await ctx.gateway.board({ owner: ref.owner, number: ref.number });
  } catch (error) {
    if (error instanceof BoardNotFound) throw new CommandError(error.message, configPath);
    throw error;
  }
}

const names = (list: readonly string[]) => list.map((n) => `"${n}"`).join(", ") || "none";

export async function readBoardTopics(ctx: JobContext, source: BoardSource, configPath: string): Promise<BoardTopicsRead> {
  const board = await readBoard(ctx, source, configPath);
  const where = `the board ${source.owner}#${source.number}`;
  // A misspelt field or option would silently drop every topic on the board: say so instead.
  const field = findBoardField(board.fields, source.field);
  if (field?.type !== "single_select") {
    const selects = board.fields.filter((f) => f.type === "single_select").map((f) => f.name);
    throw new CommandError(`${where} has no single-select field named "${source.field}" (its single-select fields: ${names(selects)})`, `${configPath}.field`);
  }
  const wanted = source.value.trim().toLowerCase();
  if (!field.options.some((o) => o.trim().toLowerCase() === wanted)) {
    throw new CommandError(
      `the field "${field.name}" of ${where} has no option "${source.value}" (its options: ${names(field.options)})`,
      `${configPath}.value`,
    );
  }
  const estimateField = source["estimate-field"];
  if (estimateField !== undefined && findBoardField(board.fields, estimateField)?.type !== "number") {
    const numbers = board.fields.filter((f) => f.type === "number").map((f) => f.name);
    throw new CommandError(`${where} has no number field named "${estimateField}" (its number fields: ${names(numbers)})`, `${configPath}.estimate-field`);
  }
  const { topics, skipped } = boardTopics(board.items, {
    field: source.field,
    value: source.value,
    estimateField: source["estimate-field"],
    boardUrl: board.url,
    draft: board.draftAudience,
  });
  const warnings = hiddenItemsWarning(skipped.redacted, source, "skipped");
  ctx.log.info({ board: `${source.owner}#${source.number}`, items: board.items.length, topics: topics.length, ...skipped }, "board read");
  return { topics, warnings };
}

/** The warning for board items GitHub redacted (none when there are none): "3 items on the board acme#6 are hidden from Docket … and were skipped". */
export function hiddenItemsWarning(count: number, board: BoardRef, outcome: string): string[] {
  if (count === 0) return [];
  const one = count === 1;
  return [
    `${count} item${one ? "" : "s"} on the board ${board.owner}#${board.number} ${one ? "is" : "are"} hidden from Docket (in repositories it may not read) and ${one ? "was" : "were"} ${outcome}`,
  ];
}
