/**
 * Every GraphQL document Docket sends is checked against GitHub's published
 * schema (@octokit/graphql-schema), including first/last bounds on every
 * connection: a query GitHub would reject fails here first.
 */
import { describe, expect, it } from "vitest";
import * as queries from "../../src/github/queries.js";
import { FILES_PER_QUERY, filesQuery } from "../../src/github/files.js";
import { checkGraphQLDocument, checkGraphQLRequest } from "../contracts/graphql.js";

const documents = Object.entries(queries).filter(([name]) => !name.endsWith("_FRAGMENT"));

describe("src/github/queries.ts", () => {
  it("exports the documents the gateway sends", () => {
    expect(documents.map(([name]) => name).sort()).toEqual([
      "AGENDA_INPUTS",
      "BOARD_BY_ID",
      "BOARD_ITEMS",
      "DOCKET_ISSUES",
      "ISSUES_WITH_LABEL_SINCE",
      "LABELS_MATCHING",
      "MILESTONES",
      "OWNER_FILES",
      "OWNER_PROFILE",
      "PIN_ISSUE",
      "POLL_COMMENTS",
      "PULL_REQUESTS_FROM_BRANCH",
      "REPOSITORY_VISIBILITY",
      "SEARCH_SPRINT_ITEMS",
      "SEARCH_TOPICS",
      "TOPICS_BY_ID",
      "TOPIC_BOARDS",
      "TOPIC_LABEL_EVENTS",
    ]);
  });

  it.each(documents)("%s is valid against GitHub's schema with bounded connections", (_name, doc) => {
    expect(checkGraphQLDocument(doc)).toEqual([]);
  });

  it("the meetings site's batched file read and owner profile are valid with their variables", () => {
    const files = { owner: "acme", name: "meetings", e0: "HEAD:minutes/2025-01-13.md", e1: "HEAD:minutes/2025-01-27.md" };
    expect(checkGraphQLRequest(filesQuery(2), files)).toEqual([]);
    expect(
      checkGraphQLRequest(filesQuery(FILES_PER_QUERY), {
        owner: "acme",
        name: "meetings",
        ...Object.fromEntries(Array.from({ length: FILES_PER_QUERY }, (_, i) => [`e${i}`, `HEAD:m/${i}.md`])),
      }),
    ).toEqual([]);
    expect(checkGraphQLRequest(queries.OWNER_PROFILE, { owner: "acme" })).toEqual([]);
  });

  it("the variables the gateway passes are accepted", () => {
    expect(checkGraphQLRequest(queries.SEARCH_TOPICS, { searchQuery: 'org:acme label:"agenda/iaas" is:open', after: null })).toEqual([]);
    expect(checkGraphQLRequest(queries.TOPICS_BY_ID, { ids: ["I_1", "PR_2"] })).toEqual([]);
    expect(checkGraphQLRequest(queries.DOCKET_ISSUES, { owner: "acme", name: "meetings", label: "docket/iaas" })).toEqual([]);
    const inputs = { owner: "acme", name: "meetings", label: "docket/iaas", searchQuery: 'org:acme label:"agenda/iaas" is:open' };
    expect(checkGraphQLRequest(queries.AGENDA_INPUTS, { ...inputs, withSearch: true, ids: ["I_1", "PR_2"], withIds: true })).toEqual([]);
    expect(checkGraphQLRequest(queries.AGENDA_INPUTS, { ...inputs, withSearch: false, ids: [], withIds: false })).toEqual([]);
    expect(checkGraphQLRequest(queries.PIN_ISSUE, { issueId: "I_1" })).toEqual([]);
    expect(
      checkGraphQLRequest(queries.ISSUES_WITH_LABEL_SINCE, {
        owner: "acme",
        name: "meetings",
        label: "docket/follow-up",
        since: "2025-01-13T13:00:00Z",
        after: null,
      }),
    ).toEqual([]);
    expect(checkGraphQLRequest(queries.PULL_REQUESTS_FROM_BRANCH, { owner: "acme", name: "meetings", head: "docket/minutes/iaas-2025-01-13" })).toEqual([]);
    expect(checkGraphQLRequest(queries.MILESTONES, { owner: "acme", name: "meetings", after: null })).toEqual([]);
    expect(checkGraphQLRequest(queries.LABELS_MATCHING, { owner: "acme", name: "meetings", text: "sprint/", after: "Y3Vyc29yOjE=" })).toEqual([]);
    expect(checkGraphQLRequest(queries.BOARD_ITEMS, { owner: "acme", number: 6, after: null, withFields: true })).toEqual([]);
    expect(checkGraphQLRequest(queries.BOARD_BY_ID, { projectId: "PVT_1" })).toEqual([]);
    expect(checkGraphQLRequest(queries.TOPIC_BOARDS, { id: "I_1" })).toEqual([]);
    expect(checkGraphQLRequest(queries.POLL_COMMENTS, { owner: "acme", name: "meetings", number: 12, after: null })).toEqual([]);
    expect(checkGraphQLRequest(queries.SEARCH_SPRINT_ITEMS, { searchQuery: 'org:acme milestone:"Sprint Gothenburg"', after: null })).toEqual([]);
  });

  it("a misspelled field would be caught", () => {
    expect(checkGraphQLDocument(queries.TOPICS_BY_ID.replace("createdAt", "createdOn")).join("\n")).toMatch(/createdOn/);
  });
});
