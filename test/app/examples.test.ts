/**
 * GitHub's own example payloads, unmodified, for every event Docket listens to:
 * the app must take each without an error. The examples' repository
 * (Codertocat/Hello-World) has no Docket config, so the only requests are the
 * two config reads (the repository, then the owner's .github repository); a
 * board event has no repository, so it reads the organisation's .github only.
 * And a payload that is not what GitHub sends must not crash the app either.
 */
import { afterEach, describe, expect, it } from "vitest";
import { examplePayloads } from "../contracts/webhooks.js";
import { mockGitHub, resetGitHubMock } from "../helpers/github-mock.js";
import { testApp as app } from "../helpers/probot.js";

const EVENTS = ["issues", "pull_request", "issue_comment", "push", "projects_v2_item"];

afterEach(() => resetGitHubMock());

describe("GitHub's example payloads", () => {
  const cases = EVENTS.flatMap((event) =>
    examplePayloads(event).map((payload, i) => [`${event}.${String(payload.action ?? "")} #${i}`, event, payload] as const),
  );

  it("cover every event Docket subscribes to", () => {
    expect(new Set(cases.map(([, event]) => event))).toEqual(new Set(EVENTS));
  });

  it.each(cases)("%s is handled without an error", async (_name, event, payload) => {
    const gh = mockGitHub();
    gh.rest("GET /repos/{owner}/{repo}/contents/{path}", [404, { message: "Not Found", documentation_url: "https://docs.github.com/rest" }], { persist: true });
    gh.rest("GET /app", [404, { message: "Not Found", documentation_url: "https://docs.github.com/rest" }], { persist: true });
    const { probot, docket } = app();
    await docket.accept({ id: "example", name: event, body: JSON.stringify(payload) });
    await docket.idle();
    expect((await docket.status()).failed).toBe(0);
    expect(gh.unexpected).toEqual([]);
    expect(gh.violations).toEqual([]);
    expect(gh.requests.filter((r) => r.method !== "GET")).toEqual([]);
  });
});

describe("payloads GitHub would not send", () => {
  it("an issues event without an issue or repository, or a body that is not JSON, is ignored, not a crash", async () => {
    const gh = mockGitHub();
    const { probot, docket } = app();
    await docket.accept({ id: "odd-1", name: "issues", body: JSON.stringify({ action: "labeled", sender: { login: "x", type: "User" } }) });
    await docket.accept({ id: "odd-2", name: "issue_comment", body: JSON.stringify({ action: "created", comment: { body: "/agenda x" } }) });
    await docket.accept({ id: "odd-3", name: "push", body: JSON.stringify({ commits: null }) });
    await docket.accept({ id: "odd-4", name: "issues", body: "{ signed, but not JSON" });
    await docket.idle();
    expect(await docket.status()).toMatchObject({ failed: 0, busy: 0 });
    expect(gh.requests).toEqual([]);
  });
});
