/**
 * Topics and sprint items: issue searches (past GitHub's 1,000 results a query:
 * ./search-windows.ts), fresh reads by node id, every label event of a topic, and the agenda
 * rebuild's combined first request (AGENDA_INPUTS).
 */
import type { Topic } from "../domain/types.js";
import { countVotes, labelTimes } from "../domain/topics.js";
import { topicAudience, type Audience } from "../domain/visibility.js";
import { allowingNotFound, type GitHubClient, type RepoRef } from "./client.js";
import { meetingIssues, type DocketIssue } from "./issues.js";
import type { Repos } from "./repos.js";
import { nextWindow, SEARCH_LIMIT, windowQuery } from "./search-windows.js";
import { AGENDA_INPUTS, SEARCH_SPRINT_ITEMS, SEARCH_TOPICS, TOPIC_LABEL_EVENTS, TOPICS_BY_ID } from "./queries.js";
import {
  isTopicNode,
  type AgendaInputsData,
  type Connection,
  type OtherNode,
  type SprintItemNode,
  type TopicLabelEventsData,
  type TopicNode,
  type TopicsByIdData,
} from "./wire.js";

const NODES_PER_REQUEST = 100;

/** An issue or pull request of a sprint: when it was closed and when each label or milestone was (last) put on it. */
export interface SprintItemRecord {
  id: string;
  kind: "issue" | "pull_request";
  repo: string;
  number: number;
  title: string;
  url: string;
  author: string | null;
  labels: string[];
  state: "open" | "closed";
  createdAt: string;
  closedAt: string | null;
  labeledAt: Record<string, string>;
  milestonedAt: Record<string, string>;
  /** Who may read it: its repository's visibility and owner. */
  audience: Audience;
}

/** A search result node: DocketTopic or the sprint items' selection, or another kind of node. */
type SearchNode = { id?: string; createdAt?: string; __typename?: string };

export class Search {
  constructor(
    private readonly client: GitHubClient,
    private readonly repos: Repos,
  ) {}

  /** All issues and pull requests matching a search query (past GitHub's 1,000 a query: ./search-windows.ts). */
  async searchTopics(query: string): Promise<{ topics: Topic[]; total: number; truncated: boolean }> {
    const { items, total, truncated } = await this.search<TopicNode | OtherNode, TopicNode | OtherNode>(SEARCH_TOPICS, query, (n) => n, "topics");
    return { topics: await this.toTopics(items), total, truncated };
  }

  /** Search result nodes as topics, each with all its label events. */
  private async toTopics(items: ReadonlyArray<TopicNode | OtherNode>): Promise<Topic[]> {
    const topics: Topic[] = [];
    for (const node of items) {
      const topic = toTopic(await this.withAllLabelEvents(node));
      if (topic) topics.push(topic);
    }
    return topics;
  }

  /** Fresh reads by node id. A topic that is gone (deleted, or not visible) maps to null. */
  async readTopics(ids: readonly string[]): Promise<Map<string, Topic | null>> {
    const out = new Map<string, Topic | null>();
    const unique = [...new Set(ids)];
    for (let i = 0; i < unique.length; i += NODES_PER_REQUEST) {
      const batch = unique.slice(i, i + NODES_PER_REQUEST);
      const data = await allowingNotFound(this.client.graphql<TopicsByIdData | null>(TOPICS_BY_ID, { ids: batch }));
      const nodes = data?.nodes ?? [];
      for (const [k, id] of batch.entries()) out.set(id, toTopic(await this.withAllLabelEvents(nodes[k])));
    }
    return out;
  }

  /**
   * A topic node with every label event of its timeline: the query reads the first 100 (oldest
   * first); a topic with more (estimate toggles, say) is read on, 100 a page, so when its series
   * label was added is never guessed from a window (src/domain/topics.ts labelTimes).
   */
  private async withAllLabelEvents(node: TopicNode | OtherNode | null | undefined): Promise<TopicNode | OtherNode | null | undefined> {
    if (!isTopicNode(node)) return node;
    let page = node.timelineItems;
    if (typeof node.id !== "string" || !page?.pageInfo?.hasNextPage) return node;
    const nodes = [...(page.nodes ?? [])];
    while (page?.pageInfo?.hasNextPage && page.pageInfo.endCursor) {
      const data: TopicLabelEventsData | null = await this.client.graphql<TopicLabelEventsData | null>(TOPIC_LABEL_EVENTS, {
        id: node.id,
        after: page.pageInfo.endCursor,
      });
      page = data?.node?.timelineItems;
      nodes.push(...(page?.nodes ?? []));
    }
    return { ...node, timelineItems: { nodes } };
  }

  /**
   * What an agenda rebuild reads first, in one request (AGENDA_INPUTS): the series' meeting issues
   * (as `docketIssues`), with `searchQuery` all its results (as `searchTopics`: the first page comes
   * along, the others follow, the first page's total decides whether windows are needed) and the
   * fresh reads of `fresh` (as `readTopics`: the first 100 come along). Without `searchQuery`, no
   * search (`searched` is null).
   */
  async agendaInputs(
    at: RepoRef,
    label: string,
    searchQuery: string | null,
    fresh: readonly string[],
  ): Promise<{ issues: DocketIssue[]; searched: { topics: Topic[]; total: number; truncated: boolean } | null; fresh: Map<string, Topic | null> }> {
    const ids = [...new Set(fresh)];
    const batch = ids.slice(0, NODES_PER_REQUEST);
    const variables = {
      owner: at.owner,
      name: at.repo,
      label,
      searchQuery: searchQuery === null ? "" : windowQuery(searchQuery, null),
      withSearch: searchQuery !== null,
      ids: batch,
      withIds: batch.length > 0,
    };
    // A fresh read of a topic that is gone answers NOT_FOUND for it (as `readTopics`); the meeting's repository missing is an error, as in `docketIssues`.
    const data = await allowingNotFound(this.client.graphql<AgendaInputsData | null>(AGENDA_INPUTS, variables), (path) => path[0] === "nodes");
    if (data?.repository) this.repos.rememberAudience(at, data.repository.visibility);
    const issues = meetingIssues(data?.repository);
    const read = new Map<string, Topic | null>();
    const nodes = data?.nodes ?? [];
    for (const [k, id] of batch.entries()) read.set(id, toTopic(await this.withAllLabelEvents(nodes[k])));
    if (ids.length > batch.length) for (const [id, topic] of await this.readTopics(ids.slice(batch.length))) read.set(id, topic);
    let searched = null;
    if (searchQuery !== null) {
      const { items, total, truncated } = await this.search<TopicNode | OtherNode, TopicNode | OtherNode>(
        SEARCH_TOPICS,
        searchQuery,
        (n) => n,
        "topics",
        data?.search,
      );
      searched = { topics: await this.toTopics(items), total, truncated };
    }
    return { issues, searched, fresh: read };
  }

  /** Issues and pull requests of a sprint (a search), with when each label and milestone was put on them. */
  async searchSprintItems(query: string): Promise<{ items: SprintItemRecord[]; total: number; truncated: boolean }> {
    return this.search<SprintItemNode | OtherNode, SprintItemRecord>(SEARCH_SPRINT_ITEMS, query, toSprintItem, "sprint items");
  }

  /**
   * All results of an issue search. One that reports more than GitHub lets one query read
   * (1,000) is read on in windows by creation time (./search-windows.ts); the first page is the
   * first window's (oldest first), so no page is read twice. Only more than 1,000 created in one
   * second stay out (`truncated`, and a warning).
   */
  private async search<N extends SearchNode, T>(
    query: string,
    searchQuery: string,
    map: (node: N) => T | null,
    what: string,
    firstPage?: Connection<N> | null,
  ): Promise<{ items: T[]; total: number; truncated: boolean }> {
    const connection = (d: { search: Connection<N> }) => d.search;
    const node = (n: N) => n;
    const first = await this.client.pages(query, { searchQuery: windowQuery(searchQuery, null) }, connection, node, SEARCH_LIMIT, undefined, firstPage);
    let nodes: N[] = first.items;
    let next = nextWindow(
      first.total,
      nodes.map((n) => n.createdAt ?? ""),
    );
    if (next.kind === "from") {
      const byId = new Map<unknown, N>(nodes.map((n) => [n.id, n]));
      while (next.kind === "from") {
        const window = await this.client.pages(query, { searchQuery: windowQuery(searchQuery, next.from) }, connection, node, SEARCH_LIMIT);
        for (const n of window.items) byId.set(n.id, n);
        next = nextWindow(
          window.total,
          window.items.map((n) => n.createdAt ?? ""),
        );
      }
      nodes = [...byId.values()];
    }
    const truncated = first.total > nodes.length;
    if (truncated)
      this.client.log.warn(
        { query: searchQuery, total: first.total, read: nodes.length },
        `search reported more ${what} than Docket could read: GitHub reads 1,000 a query, and more than that were created in one second`,
      );
    const items = nodes.map(map).filter((x): x is T => x !== null);
    return { items, total: first.total, truncated };
  }
}

/** Label (or milestone) -> when it was last put on, from timeline events. */
function latestTimes(events: Array<{ name: string | undefined; at: string | undefined }>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const { name, at } of events) {
    if (!name || !at) continue;
    const prev = out[name];
    if (prev === undefined || Date.parse(at) > Date.parse(prev)) out[name] = at;
  }
  return out;
}

const labelsOf = (n: Pick<TopicNode, "labels">): string[] => (n.labels?.nodes ?? []).map((l) => l?.name).filter((x): x is string => typeof x === "string");

/** GitHub's GraphQL Issue / PullRequest of SEARCH_SPRINT_ITEMS as a record; anything else is null. */
export function toSprintItem(node: SprintItemNode | OtherNode | null | undefined): SprintItemRecord | null {
  if (!node || (node.__typename !== "Issue" && node.__typename !== "PullRequest")) return null;
  const n = node as SprintItemNode;
  const events = n.timelineItems?.nodes ?? [];
  return {
    id: n.id,
    kind: n.__typename === "Issue" ? "issue" : "pull_request",
    repo: n.repository?.nameWithOwner ?? "",
    number: n.number as number,
    title: n.title ?? "",
    url: n.url ?? "",
    author: n.author?.login ?? null,
    labels: labelsOf(n),
    state: (n.issueState ?? n.pullRequestState) === "OPEN" ? "open" : "closed",
    createdAt: n.createdAt ?? "",
    closedAt: n.closedAt ?? null,
    labeledAt: latestTimes(events.map((e) => ({ name: e?.label?.name, at: e?.createdAt }))),
    milestonedAt: latestTimes(events.map((e) => ({ name: e?.milestoneTitle, at: e?.createdAt }))),
    audience: topicAudience(n.repository?.nameWithOwner ?? "", n.repository?.visibility),
  };
}

/** GitHub's GraphQL Issue / PullRequest (the DocketTopic fragment) as a Topic; anything else is null. */
export function toTopic(node: TopicNode | OtherNode | null | undefined): Topic | null {
  if (!isTopicNode(node)) return null;
  const n = node;
  const labeledAt = labelTimes(
    (n.timelineItems?.nodes ?? []).flatMap((ev) =>
      typeof ev?.label?.name === "string" && typeof ev.createdAt === "string" && (ev.__typename === "LabeledEvent" || ev.__typename === "UnlabeledEvent")
        ? [{ label: ev.label.name, at: ev.createdAt, added: ev.__typename === "LabeledEvent" }]
        : [],
    ),
  );
  return {
    id: n.id,
    kind: n.__typename === "Issue" ? "issue" : "pull_request",
    repo: n.repository?.nameWithOwner ?? "",
    number: n.number ?? null,
    title: n.title ?? "",
    url: n.url ?? "",
    author: n.author?.login ?? null,
    state: (n.issueState ?? n.pullRequestState) === "OPEN" ? "open" : "closed",
    labels: labelsOf(n),
    body: n.body ?? "",
    createdAt: n.createdAt ?? "",
    labeledAt,
    thumbsUp: countVotes(
      (n.reactions?.nodes ?? []).map((r) => ({ login: r?.user?.login ?? null, bot: r?.user?.__typename === "Bot" })),
      n.author?.login ?? null,
    ),
    audience: topicAudience(n.repository?.nameWithOwner ?? "", n.repository?.visibility),
  };
}
