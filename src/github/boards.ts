/**
 * Projects (v2) boards: a board's fields and items (read once per job), the boards a topic is
 * on, and the board a node id names. The board's wire shapes (./wire.ts) are mapped here into
 * the plain `BoardItem` src/domain/board.ts reads: src/domain never sees a GraphQL shape.
 */
import type { BoardDraftContent, BoardFieldValue, BoardIssueContent, BoardItem, IterationConfig } from "../domain/board.js";
import { draftAudience, type Audience } from "../domain/visibility.js";
import { allowingNotFound, graphqlErrors, type GitHubClient } from "./client.js";
import { BOARD_BY_ID, BOARD_ITEMS, TOPIC_BOARDS } from "./queries.js";
import { toTopic } from "./search.js";
import {
  isTopicNode,
  type BoardByIdData,
  type BoardFieldNode,
  type BoardItemNode,
  type BoardItemsData,
  type BoardPageNode,
  type Connection,
  type DraftNode,
  type FieldValueNode,
  type TopicBoardsData,
} from "./wire.js";

/** A Projects (v2) board as `board:` in the config names it. */
export interface BoardRef {
  owner: string;
  number: number;
}

/** A field of a board: its name, and its options when it is a single-select field. */
export interface BoardField {
  name: string;
  type: "single_select" | "iteration" | "number" | "other";
  /** Single-select: the option names. */
  options: string[];
  /** Iteration: the iterations, completed and active. */
  iterations: IterationConfig[];
}

export interface BoardRead {
  id: string;
  title: string;
  /** The board's web URL (links to draft items). */
  url: string;
  /** Who may read its drafts: whoever may read the board (`ProjectV2.public`, else its owner's private audience). */
  draftAudience: Audience;
  fields: BoardField[];
  /** Every item in board order, redacted ones included (src/domain/board.ts skips and counts them). */
  items: BoardItem[];
}

/** The board does not exist, or this installation or token may not see it. */
export class BoardNotFound extends Error {
  constructor(
    readonly board: BoardRef,
    /** What GitHub said when it refused (FORBIDDEN, INSUFFICIENT_SCOPES), if it did. */
    readonly refusal?: string,
  ) {
    super(
      `the Projects (v2) board ${board.owner}#${board.number} does not exist or Docket may not read it` +
        (refusal ? ` (GitHub answered: ${refusal})` : "") +
        ` (an organisation board needs the app's "organization_projects: read" permission, or a token that may read projects)`,
    );
    this.name = "BoardNotFound";
  }
}

/** GraphQL error types that mean "this board may not be read", not "something broke". */
const BOARD_REFUSALS = new Set(["NOT_FOUND", "FORBIDDEN", "INSUFFICIENT_SCOPES"]);

/** A board page's answer, with what GitHub said when it refused the board. */
type BoardAnswer = BoardItemsData & { refusal?: string };

/**
 * A board query asks for the organisation's and the user's board of that number: the kind the
 * owner is not answers NOT_FOUND, a board the token may not read FORBIDDEN ("Resource not
 * accessible by integration") or, for a classic token without `read:project`, INSUFFICIENT_SCOPES.
 * Those leave the data with no board, and `boardProject` throws BoardNotFound with GitHub's words.
 */
async function readingBoard(answer: Promise<BoardItemsData | null>): Promise<BoardAnswer | null> {
  try {
    return await answer;
  } catch (error) {
    const failed = graphqlErrors(error);
    if (!failed?.errors.every((x) => BOARD_REFUSALS.has(x.type ?? ""))) throw error;
    const refusal = failed.errors.find((x) => x.type !== "NOT_FOUND")?.message;
    return { ...((failed.data as BoardItemsData | null) ?? {}), refusal };
  }
}

function boardProject(data: BoardAnswer | null, ref: BoardRef): BoardPageNode {
  const project = data?.organization?.projectV2 ?? data?.user?.projectV2 ?? null;
  if (project === null) throw new BoardNotFound(ref, data?.refusal);
  return project;
}

function toBoardFields(fields: Connection<BoardFieldNode> | null | undefined): BoardField[] {
  return (fields?.nodes ?? []).flatMap((f): BoardField[] => {
    if (!f || typeof f.name !== "string") return [];
    if (f.__typename === "ProjectV2SingleSelectField")
      return [{ name: f.name, type: "single_select" as const, options: (f.options ?? []).map((o) => String(o.name)), iterations: [] }];
    if (f.__typename === "ProjectV2IterationField") {
      const all = [...(f.configuration?.completedIterations ?? []), ...(f.configuration?.iterations ?? [])];
      return [
        {
          name: f.name,
          type: "iteration" as const,
          options: [],
          iterations: all.map((i) => ({ title: i.title, startDate: i.startDate, duration: i.duration })),
        },
      ];
    }
    return [{ name: f.name, type: f.dataType === "NUMBER" ? ("number" as const) : ("other" as const), options: [], iterations: [] }];
  });
}

/** A board's field by name, trimmed and case-insensitive (as the configuration names it). */
export function findBoardField(fields: readonly BoardField[], name: string): BoardField | undefined {
  const wanted = name.trim().toLowerCase();
  return fields.find((f) => f.name.trim().toLowerCase() === wanted);
}

function isDraftNode(node: BoardItemNode["content"]): node is DraftNode {
  return node?.__typename === "DraftIssue";
}

/**
 * An item's content: an issue or a pull request as a search's topic is mapped (./search.ts
 * `toTopic`: its state, labels, 👍 counted as votes, audience), with when it was closed; a draft
 * with its creator as author; null for anything else.
 */
function toBoardContent(c: BoardItemNode["content"]): BoardIssueContent | BoardDraftContent | null {
  if (isDraftNode(c)) return { kind: "draft", id: c.id, title: c.title, body: c.body ?? "", author: c.creator?.login ?? null, createdAt: c.createdAt };
  const topic = toTopic(c);
  if (topic === null || !isTopicNode(c)) return null;
  const { labeledAt: _noTimeline, ...rest } = topic;
  return { ...rest, kind: c.__typename === "PullRequest" ? "pull_request" : "issue", closedAt: c.closedAt ?? null };
}

/**
 * A field value Docket reads, told apart by its fields (as the fragment selects them, `__typename`
 * or not): an iteration (a start date and a duration), a number, a single-select option; other
 * kinds of value (`{}`: no fragment matched) are left out.
 */
function toFieldValue(v: FieldValueNode | null | undefined): BoardFieldValue[] {
  if (!v || typeof v !== "object") return [];
  const field = typeof v.field?.name === "string" ? v.field.name : "";
  const times = { createdAt: v.createdAt, updatedAt: v.updatedAt };
  if (typeof v.startDate === "string" && typeof v.duration === "number")
    return [{ type: "iteration", field, title: v.title ?? "", startDate: v.startDate, duration: v.duration, ...times }];
  if ((typeof v.number === "number" || v.number === null) && !("startDate" in v)) return [{ type: "number", field, number: v.number }];
  if (typeof v.name === "string" || v.name === null) return [{ type: "single_select", field, name: v.name, ...times }];
  return [];
}

/**
 * A ProjectV2Item (the DocketBoardItem fragment) as the plain item src/domain/board.ts reads. An
 * item GitHub redacted (type REDACTED, or content it may not show) keeps no content, to be
 * skipped and counted there.
 */
export function toBoardItem(n: BoardItemNode | null | undefined): BoardItem | null {
  if (!n || typeof n.id !== "string") return null;
  const visible = n.type === "ISSUE" || n.type === "PULL_REQUEST" || n.type === "DRAFT_ISSUE";
  return {
    id: n.id,
    databaseId: n.fullDatabaseId === null || n.fullDatabaseId === undefined ? null : String(n.fullDatabaseId),
    archived: n.isArchived === true,
    addedAt: n.createdAt || null,
    content: visible ? toBoardContent(n.content) : null,
    values: (n.fieldValues?.nodes ?? []).flatMap(toFieldValue),
  };
}

export class Boards {
  private readonly reads = new Map<string, Promise<BoardRead>>();

  constructor(private readonly client: GitHubClient) {}

  /**
   * Every item of a Projects (v2) board, 100 a page (1,000 items: 10 requests). The owner may be an
   * organisation or a user: one query asks for both, and the kind the owner is not answers NOT_FOUND.
   */
  board(ref: BoardRef): Promise<BoardRead> {
    // One job may ask for the same board for several series and the backlog: it is read once.
    const key = `${ref.owner.toLowerCase()}#${ref.number}`;
    let read = this.reads.get(key);
    if (read === undefined) {
      read = this.readBoard(ref);
      this.reads.set(key, read);
      read.catch(() => this.reads.delete(key));
    }
    return read;
  }

  private async readBoard(ref: BoardRef): Promise<BoardRead> {
    let board: Omit<BoardRead, "items"> | null = null;
    const { items } = await this.client.pages(
      BOARD_ITEMS,
      { owner: ref.owner, number: ref.number },
      (d: BoardAnswer | null) => {
        const project = boardProject(d, ref);
        board ??= {
          id: project.id,
          title: project.title,
          url: project.url,
          draftAudience: draftAudience(ref.owner, project.public),
          fields: toBoardFields(project.fields),
        };
        return project.items;
      },
      toBoardItem,
      Number.POSITIVE_INFINITY,
      (query, vars) => readingBoard(this.client.graphql<BoardItemsData | null>(query, { ...vars, withFields: vars.after === null })),
    );
    return { ...board!, items };
  }

  /** The boards an issue or pull request is on; null when it does not resolve (deleted, or not visible). */
  async topicBoards(contentId: string): Promise<BoardRef[] | null> {
    const data = await allowingNotFound(this.client.graphql<TopicBoardsData | null>(TOPIC_BOARDS, { id: contentId }));
    const node = data?.node;
    if (!node || (node.__typename !== "Issue" && node.__typename !== "PullRequest")) return null;
    return (node.projectItems?.nodes ?? []).flatMap((n) =>
      n?.project && typeof n.project.owner?.login === "string" ? [{ owner: n.project.owner.login, number: n.project.number }] : [],
    );
  }

  /** The board a node id names (a `projects_v2_item` event's `project_node_id`); null when it does not resolve (deleted, or not visible). */
  async boardById(projectNodeId: string): Promise<BoardRef | null> {
    const data = await allowingNotFound(this.client.graphql<BoardByIdData | null>(BOARD_BY_ID, { projectId: projectNodeId }));
    const project = data?.node;
    const login: unknown = project?.owner?.login;
    return project?.__typename === "ProjectV2" && typeof login === "string" ? { owner: login, number: project.number as number } : null;
  }
}
