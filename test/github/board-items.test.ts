/**
 * A board item as GitHub's GraphQL answers it (the DocketBoardItem fragment) mapped into the
 * plain item src/domain/board.ts reads (src/github/boards.ts `toBoardItem`).
 */
import { describe, expect, it } from "vitest";
import { toBoardItem } from "../../src/github/gateway.js";
import type { BoardItemNode, TopicNode } from "../../src/github/wire.js";

const issue = (over: Partial<TopicNode> = {}): TopicNode => ({
  __typename: "Issue",
  id: "I_7",
  number: 7,
  title: "Upgrade Ceph",
  url: "https://github.com/acme/infra/issues/7",
  body: "### Estimate\n\n20m",
  createdAt: "2024-03-01T00:00:00Z",
  closedAt: null,
  author: { login: "alice" },
  repository: { nameWithOwner: "acme/infra", visibility: "PUBLIC" },
  labels: { nodes: [{ name: "agenda/iaas" }, null, { name: "time/15m" }] },
  reactions: {
    totalCount: 4,
    nodes: [
      { user: { __typename: "User", login: "bob" } },
      { user: { __typename: "User", login: "alice" } },
      { user: { __typename: "Bot", login: "renovate" } },
      { user: { __typename: "User", login: "Bob" } },
    ],
  },
  issueState: "OPEN",
  ...over,
});

const node = (over: Partial<BoardItemNode> = {}): BoardItemNode => ({
  id: "PVTI_1",
  type: "ISSUE",
  isArchived: false,
  createdAt: "2024-04-01T00:00:00Z",
  updatedAt: "2024-06-01T00:00:00Z",
  fullDatabaseId: "4711",
  content: issue(),
  fieldValues: { nodes: [] },
  ...over,
});

describe("toBoardItem", () => {
  it("maps an issue: state, labels, 👍 counted as votes (not the author's, not a bot's, a person once), its repository's audience", () => {
    expect(toBoardItem(node())).toEqual({
      id: "PVTI_1",
      databaseId: "4711",
      archived: false,
      addedAt: "2024-04-01T00:00:00Z",
      content: {
        kind: "issue",
        id: "I_7",
        repo: "acme/infra",
        number: 7,
        title: "Upgrade Ceph",
        url: "https://github.com/acme/infra/issues/7",
        author: "alice",
        state: "open",
        closedAt: null,
        labels: ["agenda/iaas", "time/15m"],
        body: "### Estimate\n\n20m",
        createdAt: "2024-03-01T00:00:00Z",
        thumbsUp: 1,
        audience: { visibility: "public", owner: "acme" },
      },
      values: [],
    });
  });

  it("a merged pull request is closed; a repository's visibility gives the audience (unknown: private); a database id may come as a number", () => {
    const pr = toBoardItem(
      node({
        type: "PULL_REQUEST",
        fullDatabaseId: 123456789012,
        isArchived: true,
        content: issue({
          __typename: "PullRequest",
          issueState: undefined,
          pullRequestState: "MERGED",
          closedAt: "2024-07-02T00:00:00Z",
          repository: { nameWithOwner: "acme/secret", visibility: "INTERNAL" },
        }),
      }),
    );
    expect(pr).toMatchObject({
      databaseId: "123456789012",
      archived: true,
      content: { kind: "pull_request", state: "closed", closedAt: "2024-07-02T00:00:00Z", audience: { visibility: "internal", owner: "acme" } },
    });
    expect(toBoardItem(node({ content: issue({ repository: { nameWithOwner: "acme/secret", visibility: "PRIVATE" } }) }))?.content).toMatchObject({
      audience: { visibility: "private", owner: "acme" },
    });
    expect(toBoardItem(node({ content: issue({ repository: { nameWithOwner: "acme/secret" } }) }))?.content).toMatchObject({
      audience: { visibility: "private", owner: "acme" },
    });
  });

  it("survives missing optional parts (no labels, no reactions, a deleted author, no database id)", () => {
    const item = toBoardItem(node({ fullDatabaseId: null, createdAt: undefined, content: issue({ labels: null, reactions: null, author: null, body: null }) }));
    expect(item).toMatchObject({ databaseId: null, addedAt: null, content: { labels: [], thumbsUp: 0, author: null, body: "" } });
  });

  it("maps a draft with its creator as author; a redacted item keeps no content", () => {
    const draft = toBoardItem(
      node({
        type: "DRAFT_ISSUE",
        content: { __typename: "DraftIssue", id: "DI_1", title: "Dark mode", body: null, createdAt: "2024-04-10T00:00:00Z", creator: { login: "bob" } },
      }),
    );
    expect(draft?.content).toEqual({ kind: "draft", id: "DI_1", title: "Dark mode", body: "", author: "bob", createdAt: "2024-04-10T00:00:00Z" });
    expect(
      toBoardItem(
        node({ type: "DRAFT_ISSUE", content: { __typename: "DraftIssue", id: "DI_2", title: "Gone", createdAt: "2024-04-10T00:00:00Z", creator: null } }),
      )?.content,
    ).toMatchObject({ author: null });
    expect(toBoardItem(node({ type: "REDACTED", content: null }))?.content).toBeNull();
    expect(toBoardItem(node({ type: "REDACTED" }))?.content).toBeNull();
    expect(toBoardItem(null)).toBeNull();
  });

  it("keeps single-select, number and iteration values as plain values, told apart by their fields; other kinds are left out", () => {
    const item = toBoardItem(
      node({
        fieldValues: {
          nodes: [
            {},
            null,
            {
              __typename: "ProjectV2ItemFieldSingleSelectValue",
              name: "Agenda",
              createdAt: "2024-05-01T08:00:00Z",
              updatedAt: "2024-05-02T10:00:00Z",
              field: { name: "Status" },
            },
            { name: null, field: { name: "Priority" } },
            { __typename: "ProjectV2ItemFieldNumberValue", number: 15, field: { name: "Estimate" } },
            { number: null, field: { name: "Points" } },
            { title: "Hobart", startDate: "2024-07-15", duration: 14, createdAt: "2024-06-20T09:00:00Z", field: { name: "Sprint" } },
            { __typename: "ProjectV2ItemFieldTextValue" },
          ],
        },
      }),
    );
    expect(item?.values).toEqual([
      { type: "single_select", field: "Status", name: "Agenda", createdAt: "2024-05-01T08:00:00Z", updatedAt: "2024-05-02T10:00:00Z" },
      { type: "single_select", field: "Priority", name: null, createdAt: undefined, updatedAt: undefined },
      { type: "number", field: "Estimate", number: 15 },
      { type: "number", field: "Points", number: null },
      { type: "iteration", field: "Sprint", title: "Hobart", startDate: "2024-07-15", duration: 14, createdAt: "2024-06-20T09:00:00Z", updatedAt: undefined },
    ]);
  });
});
