/**
 * Every GraphQL document Docket sends, in one place, so a test can validate
 * each against GitHub's published schema (test/github/queries.test.ts), with
 * `first`/`last` on every connection.
 *
 * One search page of 100 topics carries everything an agenda needs: labels,
 * the issue body (form estimate), who gave a 👍 (the first 100) and the first
 * 100 label events of the timeline, so a rebuild of N topics costs ceil(N / 100)
 * requests, plus one for each further 100 label events of a topic.
 */

/** What an issue or pull request is to Docket as a topic, from search, by id or on a board. */
const CONTENT_FIELDS = /* GraphQL */ `
  id
  number
  title
  url
  body
  createdAt
  author { login }
  repository { nameWithOwner visibility }
  labels(first: 100) { nodes { name } }
  reactions(content: THUMBS_UP, first: 100) { totalCount nodes { user { __typename login } } }
`;

/**
 * Label events oldest first, so the first page always holds when a label was first added; a topic
 * with more than 100 label events is read on with TOPIC_LABEL_EVENTS (src/github/gateway.ts), and
 * src/domain/topics.ts labelTimes works out since when each label is on. Never `last: N`: other
 * labels' events (estimate toggles) could push the series label's out of such a window.
 */
const LABEL_EVENTS = /* GraphQL */ `
  pageInfo { hasNextPage endCursor }
  nodes {
    __typename
    ... on LabeledEvent { createdAt label { name } }
    ... on UnlabeledEvent { createdAt label { name } }
  }
`;

const TOPIC_FIELDS = /* GraphQL */ `
  ${CONTENT_FIELDS}
  timelineItems(itemTypes: [LABELED_EVENT, UNLABELED_EVENT], first: 100) { ${LABEL_EVENTS} }
`;

/** The next 100 label events of a topic whose first page was full. */
export const TOPIC_LABEL_EVENTS = /* GraphQL */ `
  query DocketTopicLabelEvents($id: ID!, $after: String) {
    node(id: $id) {
      ... on Issue { timelineItems(itemTypes: [LABELED_EVENT, UNLABELED_EVENT], first: 100, after: $after) { ${LABEL_EVENTS} } }
      ... on PullRequest { timelineItems(itemTypes: [LABELED_EVENT, UNLABELED_EVENT], first: 100, after: $after) { ${LABEL_EVENTS} } }
    }
  }
`;

/** Issue.state and PullRequest.state have different enum types, so GraphQL needs them under different names. */
export const TOPIC_FRAGMENT = /* GraphQL */ `
  fragment DocketTopic on Node {
    __typename
    ... on Issue { ${TOPIC_FIELDS} issueState: state }
    ... on PullRequest { ${TOPIC_FIELDS} pullRequestState: state }
  }
`;

/** Issues and pull requests matching a search query, 100 a page. */
export const SEARCH_TOPICS = /* GraphQL */ `
  query DocketSearchTopics($searchQuery: String!, $after: String) {
    search(type: ISSUE, query: $searchQuery, first: 100, after: $after) {
      issueCount
      pageInfo { hasNextPage endCursor }
      nodes { ...DocketTopic }
    }
  }
  ${TOPIC_FRAGMENT}
`;

/** A repository's visibility (PUBLIC, INTERNAL, PRIVATE): who may read what Docket writes there. */
export const REPOSITORY_VISIBILITY = /* GraphQL */ `
  query DocketRepositoryVisibility($owner: String!, $name: String!) {
    repository(owner: $owner, name: $name) { visibility }
  }
`;

/** Fresh reads by node id (at most 100 ids): not subject to the search index lag. */
export const TOPICS_BY_ID = /* GraphQL */ `
  query DocketTopicsById($ids: [ID!]!) {
    nodes(ids: $ids) { ...DocketTopic }
  }
  ${TOPIC_FRAGMENT}
`;

/**
 * Issues Docket created for a series (found by their label, newest first). Not search: no index lag.
 * With the repository's visibility: who may read what Docket writes there (src/domain/visibility.ts).
 * `closed`: the 100 newest closed ones, without bodies (small), so that a meeting cancelled far
 * ahead (its issue opened then, already closed) is still known once 30 newer issues exist.
 * One fragment, for DOCKET_ISSUES and AGENDA_INPUTS (the operation declares `$label`).
 */
const MEETING_ISSUES_FRAGMENT = /* GraphQL */ `
  fragment DocketMeetingIssues on Repository {
    id
    visibility
    issues(first: 30, labels: [$label], orderBy: { field: CREATED_AT, direction: DESC }) {
      nodes { id number title url body state stateReason }
    }
    closed: issues(first: 100, labels: [$label], states: [CLOSED], orderBy: { field: CREATED_AT, direction: DESC }) {
      nodes { id number title url state stateReason }
    }
  }
`;

/** The meeting issues of a series (MEETING_ISSUES_FRAGMENT) on their own. */
export const DOCKET_ISSUES = /* GraphQL */ `
  query DocketIssues($owner: String!, $name: String!, $label: String!) {
    repository(owner: $owner, name: $name) {
      ...DocketMeetingIssues
    }
  }
  ${MEETING_ISSUES_FRAGMENT}
`;

/**
 * What one agenda rebuild reads first, in one request (issue 14: four requests per rebuild):
 * the series' meeting issues (as DOCKET_ISSUES), the first page of the label's search (as
 * SEARCH_TOPICS, `withSearch`; further pages are SEARCH_TOPICS with its cursor) and the fresh
 * reads of the topics the triggering events named (as TOPICS_BY_ID, at most 100 ids, `withIds`).
 */
export const AGENDA_INPUTS = /* GraphQL */ `
  query DocketAgendaInputs($owner: String!, $name: String!, $label: String!, $searchQuery: String!, $withSearch: Boolean!, $ids: [ID!]!, $withIds: Boolean!) {
    repository(owner: $owner, name: $name) {
      ...DocketMeetingIssues
    }
    search(type: ISSUE, query: $searchQuery, first: 100) @include(if: $withSearch) {
      issueCount
      pageInfo { hasNextPage endCursor }
      nodes { ...DocketTopic }
    }
    nodes(ids: $ids) @include(if: $withIds) { ...DocketTopic }
  }
  ${TOPIC_FRAGMENT}
  ${MEETING_ISSUES_FRAGMENT}
`;

export const PIN_ISSUE = /* GraphQL */ `
  mutation DocketPinIssue($issueId: ID!) {
    pinIssue(input: { issueId: $issueId }) { issue { id } }
  }
`;

/** Issues with a label updated since an instant, 100 a page, oldest first (follow-up issues of a meeting). Not search: no index lag. */
export const ISSUES_WITH_LABEL_SINCE = /* GraphQL */ `
  query DocketIssuesWithLabelSince($owner: String!, $name: String!, $label: String!, $since: DateTime!, $after: String) {
    repository(owner: $owner, name: $name) {
      issues(first: 100, after: $after, filterBy: { labels: [$label], since: $since }, orderBy: { field: CREATED_AT, direction: ASC }) {
        pageInfo { hasNextPage endCursor }
        nodes { id number title url body state stateReason }
      }
    }
  }
`;

/** Open pull requests from a branch of the repository (publishing through a pull request finds its earlier one). */
export const PULL_REQUESTS_FROM_BRANCH = /* GraphQL */ `
  query DocketPullRequestsFromBranch($owner: String!, $name: String!, $head: String!) {
    repository(owner: $owner, name: $name) {
      pullRequests(headRefName: $head, states: [OPEN], first: 10, orderBy: { field: CREATED_AT, direction: DESC }) {
        nodes { number url baseRefName isCrossRepository }
      }
    }
  }
`;

/** A repository's milestones (sprints), 100 a page, by due date. */
export const MILESTONES = /* GraphQL */ `
  query DocketMilestones($owner: String!, $name: String!, $after: String) {
    repository(owner: $owner, name: $name) {
      milestones(first: 100, after: $after, orderBy: { field: DUE_DATE, direction: ASC }) {
        pageInfo { hasNextPage endCursor }
        nodes { id number title state dueOn createdAt closedAt url }
      }
    }
  }
`;

/** A repository's labels whose name contains a text (sprint labels), 100 a page. */
export const LABELS_MATCHING = /* GraphQL */ `
  query DocketLabelsMatching($owner: String!, $name: String!, $text: String!, $after: String) {
    repository(owner: $owner, name: $name) {
      labels(first: 100, after: $after, query: $text) {
        pageInfo { hasNextPage endCursor }
        nodes { name description }
      }
    }
  }
`;

const SPRINT_ITEM_FIELDS = `
  id
  number
  title
  url
  createdAt
  closedAt
  author { login }
  repository { nameWithOwner visibility }
  labels(first: 100) { nodes { name } }
  timelineItems(itemTypes: [LABELED_EVENT, MILESTONED_EVENT], last: 100) {
    nodes {
      ... on LabeledEvent { createdAt label { name } }
      ... on MilestonedEvent { createdAt milestoneTitle }
    }
  }
`;

/** Issues and pull requests of a sprint (a milestone or a label), 100 a page: when each was closed and when it entered the sprint. */
export const SEARCH_SPRINT_ITEMS = /* GraphQL */ `
  query DocketSearchSprintItems($searchQuery: String!, $after: String) {
    search(type: ISSUE, query: $searchQuery, first: 100, after: $after) {
      issueCount
      pageInfo { hasNextPage endCursor }
      nodes {
        __typename
        ... on Issue { ${SPRINT_ITEM_FIELDS} issueState: state }
        ... on PullRequest { ${SPRINT_ITEM_FIELDS} pullRequestState: state }
      }
    }
  }
`;

const BOARD_CONTENT_FIELDS = `
  ${CONTENT_FIELDS}
  closedAt
`;

/** A Projects (v2) item as src/github/boards.ts maps it for src/domain/board.ts (issue and pull request states aliased: their enums differ). */
export const BOARD_ITEM_FRAGMENT = /* GraphQL */ `
  fragment DocketBoardItem on ProjectV2Item {
    id
    type
    isArchived
    createdAt
    updatedAt
    fullDatabaseId
    content {
      __typename
      ... on Issue { ${BOARD_CONTENT_FIELDS} issueState: state }
      ... on PullRequest { ${BOARD_CONTENT_FIELDS} pullRequestState: state }
      ... on DraftIssue { id title body createdAt creator { login } }
    }
    fieldValues(first: 50) {
      nodes {
        __typename
        ... on ProjectV2ItemFieldSingleSelectValue { name createdAt updatedAt field { ... on ProjectV2FieldCommon { name } } }
        ... on ProjectV2ItemFieldNumberValue { number field { ... on ProjectV2FieldCommon { name } } }
        ... on ProjectV2ItemFieldIterationValue { title startDate duration createdAt updatedAt field { ... on ProjectV2FieldCommon { name } } }
      }
    }
  }
`;

/**
 * A board's fields with their options, looked up by name in Docket (case-insensitively, as the
 * configuration is matched) rather than with `field(name:)`, whose matching GitHub does not
 * document. 50 fields is GitHub's limit per board.
 */
const BOARD_FIELDS = `
  fields(first: 50) @include(if: $withFields) {
    nodes {
      __typename
      ... on ProjectV2FieldCommon { name dataType }
      ... on ProjectV2SingleSelectField { options { name } }
      ... on ProjectV2IterationField {
        configuration {
          iterations { title startDate duration }
          completedIterations { title startDate duration }
        }
      }
    }
  }
`;

const BOARD_PAGE = `
  id
  title
  url
  public
  ${BOARD_FIELDS}
  items(first: 100, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    nodes { ...DocketBoardItem }
  }
`;

/**
 * A board's items, 100 a page (1,000 items: 10 requests), its fields with the
 * first page only (`withFields`). One query asks for the organisation's and the
 * user's board of that number: the owner that is not of that kind answers
 * NOT_FOUND, which the gateway tolerates.
 */
export const BOARD_ITEMS = /* GraphQL */ `
  query DocketBoardItems($owner: String!, $number: Int!, $after: String, $withFields: Boolean!) {
    organization(login: $owner) { projectV2(number: $number) { ${BOARD_PAGE} } }
    user(login: $owner) { projectV2(number: $number) { ${BOARD_PAGE} } }
  }
  ${BOARD_ITEM_FRAGMENT}
`;

/**
 * The board a `projects_v2_item` event names by node id only: its owner and number, to find the
 * series that name it.
 */
export const BOARD_BY_ID = /* GraphQL */ `
  query DocketBoardById($projectId: ID!) {
    node(id: $projectId) {
      __typename
      ... on ProjectV2 { number owner { __typename ... on Organization { login } ... on User { login } } }
    }
  }
`;

const TOPIC_BOARD_ITEMS = `
  projectItems(first: 50, includeArchived: false) {
    nodes { project { number owner { __typename ... on Organization { login } ... on User { login } } } }
  }
`;

/**
 * The boards an issue or pull request is on (not archived there): whether closing a topic that
 * carries no label concerns a series or backlog that reads a board. Boards the token may not
 * read are left out by GitHub.
 */
export const TOPIC_BOARDS = /* GraphQL */ `
  query DocketTopicBoards($id: ID!) {
    node(id: $id) {
      __typename
      ... on Issue { ${TOPIC_BOARD_ITEMS} }
      ... on PullRequest { ${TOPIC_BOARD_ITEMS} }
    }
  }
`;

const POLL_COMMENTS_CONNECTION = /* GraphQL */ `
  comments(first: 100, after: $after) {
    pageInfo { hasNextPage endCursor }
    nodes {
      databaseId
      body
      author { __typename login }
      reactions(content: THUMBS_UP, first: 100) { totalCount nodes { user { login } } }
    }
  }
`;

/**
 * The comments of an issue or pull request with the 👍 on each (a time-slot poll's votes:
 * GitHub sends no events for reactions, so `/poll close` reads them). 100 comments a page;
 * at most 100 voters per comment are read (`totalCount` says when there were more).
 */
export const POLL_COMMENTS = /* GraphQL */ `
  query DocketPollComments($owner: String!, $name: String!, $number: Int!, $after: String) {
    repository(owner: $owner, name: $name) {
      issueOrPullRequest(number: $number) {
        __typename
        ... on Issue { ${POLL_COMMENTS_CONNECTION} }
        ... on PullRequest { ${POLL_COMMENTS_CONNECTION} }
      }
    }
  }
`;

/**
 * Which of an owner's repositories have a file (`expression`: "HEAD:<path>"), 100 a page: one
 * request tells the app which repositories have no `.github/docket.yml` of their own, instead of
 * one 404 each (src/app/configs.ts). An installation sees only the repositories it was given.
 */
export const OWNER_FILES = /* GraphQL */ `
  query DocketOwnerFiles($owner: String!, $expression: String!, $after: String) {
    repositoryOwner(login: $owner) {
      repositories(first: 100, after: $after, ownerAffiliations: [OWNER]) {
        pageInfo { hasNextPage endCursor }
        nodes { name object(expression: $expression) { __typename ... on Blob { oid } } }
      }
    }
  }
`;

/** An owner's display name and description (the meetings site's title and the line under it). */
export const OWNER_PROFILE = /* GraphQL */ `
  query DocketOwnerProfile($owner: String!) {
    repositoryOwner(login: $owner) {
      login
      ... on Organization { name description }
      ... on User { name }
    }
  }
`;
