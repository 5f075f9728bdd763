/**
 * What Docket's GraphQL documents (./queries.ts) select, as types: narrowed from GitHub's
 * published schema (@octokit/graphql-schema, the schema test/github/queries.test.ts validates the
 * documents against) with Pick<> for the fields each query asks for. Only src/github sees these;
 * each resource module maps them to the plain shapes of src/domain.
 *
 * The schema package types some scalars as `any` (DateTime, URI, Date, BigInt); on the wire they
 * are strings (a BigInt may come as a number), so they are spelled out here.
 *
 * Fields are as GitHub answers them; the mappers still read them defensively (`?.`, `??`), as
 * they did before these types: a fake GitHub in the tests may leave out what a query selects.
 */
import type {
  DraftIssue,
  Issue,
  IssueState,
  Label,
  Milestone,
  MilestoneState,
  PageInfo,
  ProjectV2,
  ProjectV2FieldType,
  ProjectV2Item,
  ProjectV2ItemType,
  PullRequest,
  PullRequestState,
  Repository,
  RepositoryVisibility,
} from "@octokit/graphql-schema";

/** DateTime, URI and Date scalars: strings on the wire. */
type Text = string;

/** A connection as a query selects it: `pageInfo { hasNextPage endCursor }`, `nodes`, and search's `issueCount`. */
export interface Connection<N> {
  issueCount?: number;
  totalCount?: number;
  pageInfo?: Pick<PageInfo, "hasNextPage" | "endCursor"> | null;
  nodes?: ReadonlyArray<N | null | undefined> | null;
}

type Login = { login?: string | null } | null;
type Typed<T extends string> = { __typename?: T };

// ------------------------------------------------------------------ issues

/** `id number title url body state stateReason` of an Issue (DOCKET_ISSUES, ISSUES_WITH_LABEL_SINCE). */
export type IssueNode = Pick<Issue, "id" | "number" | "title"> & {
  url: Text;
  body?: Issue["body"] | null;
  state: IssueState;
  stateReason?: string | null;
};

/** A repository with its Docket issues (DOCKET_ISSUES, AGENDA_INPUTS `repository`). */
export type DocketIssuesRepository = Pick<Repository, "id" | "visibility"> & { issues?: Connection<IssueNode> | null; closed?: Connection<IssueNode> | null };

export interface DocketIssuesData {
  repository?: DocketIssuesRepository | null;
}

export interface IssuesWithLabelData {
  repository?: { issues?: Connection<IssueNode> | null } | null;
}

// ------------------------------------------------------------------ topics

/** A label event of DocketTopic's timeline (LabeledEvent / UnlabeledEvent). */
export type LabelEventNode = { __typename?: string; createdAt?: Text; label?: Pick<Label, "name"> | null };

/** The DocketTopic fragment on an Issue or a PullRequest (their states aliased: the enums differ). */
export type TopicNode = Pick<Issue, "id"> &
  Partial<Pick<Issue, "number" | "title">> & {
    __typename: "Issue" | "PullRequest";
    url?: Text;
    body?: string | null;
    createdAt?: Text;
    closedAt?: Text | null;
    author?: Login;
    repository?: Partial<Pick<Repository, "nameWithOwner" | "visibility">> | null;
    labels?: Connection<Partial<Pick<Label, "name">>> | null;
    reactions?: (Connection<{ user?: (Typed<string> & Login) | null }> & { totalCount?: number }) | null;
    timelineItems?: Connection<LabelEventNode> | null;
    issueState?: IssueState;
    pullRequestState?: PullRequestState;
  };

/** What DocketTopic answers for a node that is neither an issue nor a pull request. */
export type OtherNode = Typed<string>;

/** An issue or a pull request, not some other node. */
export function isTopicNode(node: TopicNode | OtherNode | null | undefined): node is TopicNode {
  return !!node && (node.__typename === "Issue" || node.__typename === "PullRequest");
}

/** A search of DocketTopic nodes (SEARCH_TOPICS `search`, AGENDA_INPUTS `search`). */
export type TopicSearch = Connection<TopicNode | OtherNode>;

export interface SearchTopicsData {
  search: TopicSearch;
}

export interface TopicsByIdData {
  nodes?: ReadonlyArray<TopicNode | OtherNode | null> | null;
}

export interface TopicLabelEventsData {
  node?: { timelineItems?: Connection<LabelEventNode> | null } | null;
}

export interface AgendaInputsData extends DocketIssuesData, TopicsByIdData {
  search?: TopicSearch | null;
}

/** A sprint item of SEARCH_SPRINT_ITEMS: a topic with its label and milestone events. */
export type SprintItemNode = Omit<TopicNode, "timelineItems"> & {
  timelineItems?: Connection<{ createdAt?: Text; label?: Pick<Label, "name"> | null; milestoneTitle?: string }> | null;
};

export interface SearchSprintItemsData {
  search: Connection<SprintItemNode | OtherNode>;
}

// ------------------------------------------------------------------ repositories

export interface VisibilityData {
  repository?: Partial<Pick<Repository, "visibility">> | null;
}

export type { RepositoryVisibility };

export type MilestoneNode = Pick<Milestone, "id" | "number" | "title"> & {
  state: MilestoneState;
  dueOn?: Text | null;
  createdAt: Text;
  closedAt?: Text | null;
  url: Text;
};

export interface MilestonesData {
  repository?: { milestones?: Connection<MilestoneNode> | null } | null;
}

export interface LabelsData {
  repository?: { labels?: Connection<Pick<Label, "name"> & { description?: Label["description"] }> | null } | null;
}

export interface PullRequestsFromBranchData {
  repository?: { pullRequests?: Connection<Pick<PullRequest, "number" | "isCrossRepository" | "baseRefName"> & { url: Text }> | null } | null;
}

export interface PollCommentsData {
  repository?: {
    issueOrPullRequest?: {
      comments?: Connection<{
        databaseId?: number | null;
        body?: string | null;
        author?: (Typed<string> & Login) | null;
        reactions?: (Connection<{ user?: Login }> & { totalCount?: number }) | null;
      }> | null;
    } | null;
  } | null;
}

export interface OwnerFilesData {
  repositoryOwner?: { repositories?: Connection<{ name?: string; object?: (Typed<string> & { oid?: string }) | null }> | null } | null;
}

/** OWNER_PROFILE: an organisation's name and description, a user's name. */
export interface OwnerProfileData {
  repositoryOwner?: { login?: string; name?: string | null; description?: string | null } | null;
}

// ------------------------------------------------------------------ boards

/** A field value of the DocketBoardItem fragment (single select, number, iteration; `{}` for other kinds). */
export type FieldValueNode = {
  __typename?: string;
  field?: { name?: string } | null;
  name?: string | null;
  number?: number | null;
  title?: string;
  startDate?: Text;
  duration?: number;
  createdAt?: Text;
  updatedAt?: Text;
};

export type DraftNode = Pick<DraftIssue, "id" | "title"> & {
  __typename: "DraftIssue";
  body?: string | null;
  createdAt: Text;
  creator: { login: string } | null;
};

/** The DocketBoardItem fragment: a ProjectV2Item with its content and field values. */
export type BoardItemNode = Pick<ProjectV2Item, "id"> & {
  type?: ProjectV2ItemType;
  isArchived?: boolean;
  createdAt?: Text;
  updatedAt?: Text;
  fullDatabaseId?: string | number | null;
  content?: TopicNode | DraftNode | OtherNode | null;
  fieldValues?: Connection<FieldValueNode> | null;
};

type IterationNode = { title: string; startDate: Text; duration: number };

/** A board field (BOARD_FIELDS). */
export type BoardFieldNode = {
  __typename?: string;
  name?: string;
  dataType?: ProjectV2FieldType;
  options?: ReadonlyArray<{ name: string }> | null;
  configuration?: { iterations?: ReadonlyArray<IterationNode> | null; completedIterations?: ReadonlyArray<IterationNode> | null } | null;
};

/** A board page of BOARD_ITEMS (fields with the first page only). */
export type BoardPageNode = Pick<ProjectV2, "id" | "title" | "public"> & {
  url: Text;
  fields?: Connection<BoardFieldNode> | null;
  items: Connection<BoardItemNode>;
};

export interface BoardItemsData {
  organization?: { projectV2?: BoardPageNode | null } | null;
  user?: { projectV2?: BoardPageNode | null } | null;
}

type BoardOwner = { __typename?: string; login?: string } | null;

export interface BoardByIdData {
  node?: { __typename?: string; number?: number; owner?: BoardOwner } | null;
}

export interface TopicBoardsData {
  node?: { __typename?: string; projectItems?: Connection<{ project?: { number: number; owner?: BoardOwner } | null }> | null } | null;
}
