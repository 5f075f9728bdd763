/**
 * Writes are spaced, reads are not (src/github/throttle.ts), for both of Docket's Octokits: the
 * app's (Probot's, as `npm start` makes it) and the Action's — against the local GitHub, with
 * the real @octokit/plugin-throttling in between.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { ActionOctokit, createOctokit } from "../../src/action/octokit.js";
import { isMutation, millisFromEnv, throttleOptions } from "../../src/github/throttle.js";
import { probotFor } from "../../src/server.js";
import { testPrivateKey } from "../fixtures/keys.js";
import { ACTION_TOKEN, APP_ID, INSTALLATION_ID, startTestSimulator } from "../sim/helpers.js";
import type { Simulator } from "../sim/server.js";

type Client = {
  request(route: string, params?: Record<string, unknown>): Promise<unknown>;
  graphql(query: string, variables?: Record<string, unknown>): Promise<any>;
};

const silent = { debug() {}, info() {}, warn() {}, error() {} };

function appEnv(host: string): NodeJS.ProcessEnv {
  return { APP_ID: String(APP_ID), PRIVATE_KEY: testPrivateKey(), GHE_HOST: host, GHE_PROTOCOL: "http", LOG_LEVEL: "fatal" };
}

describe("a burst of reads and writes against the local GitHub", () => {
  let sim: Simulator;
  beforeAll(async () => {
    sim = await startTestSimulator({ urls: "local" });
  });
  afterAll(async () => {
    await sim?.close();
  });
  beforeEach(() => sim.reset());

  const clients: Array<[string, () => Promise<Client>]> = [
    ["the app's Octokit", async () => (await probotFor(appEnv(`127.0.0.1:${sim.port}`)).auth(INSTALLATION_ID)) as unknown as Client],
    [
      "the Action's Octokit",
      async () => createOctokit({ token: ACTION_TOKEN, apiUrl: `${sim.url}/api/v3`, graphqlUrl: `${sim.url}/api/graphql`, log: silent }),
    ],
  ];

  it.each(clients)(
    "%s: ten queries go out at once, the writes beside them a second apart",
    async (_name, make) => {
      const octokit = await make();
      const { repository } = await octokit.graphql(
        "query($owner: String!, $name: String!) { repository(owner: $owner, name: $name) { issue(number: 1) { id } } }",
        { owner: "sovereign", name: "meetings" },
      );
      const subjectId = repository.issue.id as string;
      const from = sim.log.length;

      const t0 = Date.now();
      await Promise.all([
        octokit.graphql('mutation($id: ID!) { addComment(input: { subjectId: $id, body: "one" }) { clientMutationId } }', { id: subjectId }),
        octokit.request("POST /repos/{owner}/{repo}/issues/{issue_number}/comments", { owner: "sovereign", repo: "meetings", issue_number: 1, body: "two" }),
        octokit.graphql('mutation($id: ID!) { addComment(input: { subjectId: $id, body: "three" }) { clientMutationId } }', { id: subjectId }),
        ...Array.from({ length: 10 }, (_, i) =>
          octokit.graphql(`# a read, whatever its text says: "mutation"\nquery Read${i}($owner: String!) { repositoryOwner(login: $owner) { login } }`, {
            owner: "sovereign",
          }),
        ),
      ]);

      const entries = sim.log.slice(from);
      const reads = entries.filter((e) => e.kind === "graphql" && !e.contentCreating).map((e) => Date.parse(e.at) - t0);
      const writes = entries
        .filter((e) => e.contentCreating)
        .map((e) => Date.parse(e.at) - t0)
        .sort((a, b) => a - b);
      expect(reads).toHaveLength(10);
      expect(writes).toHaveLength(3);
      // Every read reached GitHub before a second write was allowed to go out…
      expect(Math.max(...reads)).toBeLessThan(900);
      // …and the writes went out one a second: the second no sooner than 1 s after the burst began, the third 2 s.
      expect(writes[1]).toBeGreaterThanOrEqual(1000);
      expect(writes[2]).toBeGreaterThanOrEqual(2000);
    },
    20_000,
  );

  it("with the end-to-end tests' shorter spacing, comments keep GitHub's proportion to it (3 times)", async () => {
    // GitHub's pace is a write a second and a comment (it notifies people) every 3 s;
    // DOCKET_WRITE_SPACING_MS=100 must make that 100 and 300 ms, not leave comments at 3 s.
    const octokit = new ActionOctokit({ auth: ACTION_TOKEN, baseUrl: `${sim.url}/api/v3`, throttle: throttleOptions({ writeSpacingMs: 100 }) });
    const from = sim.log.length;
    const t0 = Date.now();
    await Promise.all(
      ["one", "two", "three"].map((body) =>
        octokit.request("POST /repos/{owner}/{repo}/issues/{issue_number}/comments", { owner: "sovereign", repo: "meetings", issue_number: 1, body }),
      ),
    );
    const took = Date.now() - t0;
    const comments = sim.log
      .slice(from)
      .filter((e) => e.method === "POST" && e.path.startsWith("/repos/sovereign/meetings/issues/1/comments"))
      .map((e) => Date.parse(e.at))
      .sort((a, b) => a - b);
    expect(comments).toHaveLength(3);
    // 300 ms apart, as the local GitHub logs their arrival (give or take the machine's load; the
    // writes' own spacing alone would be 100 ms).
    expect(comments[1]! - comments[0]!).toBeGreaterThanOrEqual(200);
    expect(comments[2]! - comments[1]!).toBeGreaterThanOrEqual(200);
    // Not GitHub's 3 s between comments (6 s for three).
    expect(took).toBeLessThan(2500);
  }, 20_000);
});

describe("GitHub's secondary rate limit", () => {
  let server: Server;
  let host: string;
  const seen: Array<{ method: string; url: string; at: number }> = [];
  beforeAll(async () => {
    // A GitHub that answers the first comment with a secondary rate limit (retry-after: 1 s), the next with 201.
    server = createServer((req, res) => {
      req.resume();
      req.on("end", () => {
        const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
          res.writeHead(status, { "content-type": "application/json; charset=utf-8", ...headers }).end(JSON.stringify(body));
        if (req.url?.endsWith("/access_tokens")) return json(201, { token: "ghs_limited", expires_at: new Date(Date.now() + 3600_000).toISOString() });
        seen.push({ method: req.method ?? "", url: req.url ?? "", at: Date.now() });
        if (seen.length === 1) {
          return json(403, { message: "You have exceeded a secondary rate limit. Please wait a few minutes before you try again." }, { "retry-after": "1" });
        }
        json(201, { id: 1, body: "hello" });
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    host = `127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it("the app waits as long as retry-after says, then sends the write again", async () => {
    const octokit = (await probotFor(appEnv(host)).auth(INSTALLATION_ID)) as unknown as Client;
    const res = (await octokit.request("POST /repos/{owner}/{repo}/issues/{issue_number}/comments", {
      owner: "o",
      repo: "r",
      issue_number: 1,
      body: "hello",
    })) as { status: number };
    expect(res.status).toBe(201);
    expect(seen.map((s) => `${s.method} ${s.url}`)).toEqual(["POST /api/v3/repos/o/r/issues/1/comments", "POST /api/v3/repos/o/r/issues/1/comments"]);
    expect(seen[1]!.at - seen[0]!.at).toBeGreaterThanOrEqual(950);
  }, 10_000);
});

describe("millisFromEnv (DOCKET_WRITE_SPACING_MS, DOCKET_RETRY_BASE_MS)", () => {
  it("takes a number of milliseconds >= 0; anything else leaves GitHub's pace", () => {
    expect(["50", "0", " 20 ", "1.5"].map(millisFromEnv)).toEqual([50, 0, 20, 1.5]);
    expect([undefined, "", "  ", "-1", "fast", "Infinity"].map(millisFromEnv)).toEqual([undefined, undefined, undefined, undefined, undefined, undefined]);
  });
});

describe("isMutation", () => {
  it("reads a document's operations, not the words in its strings, comments and selections", () => {
    expect(isMutation('mutation AddComment($id: ID!) { addComment(input: { subjectId: $id, body: "x" }) { clientMutationId } }')).toBe(true);
    expect(isMutation("query A { a }\nmutation B { b }")).toBe(true);
    expect(isMutation('# mutation\nquery Q($mutation: String = "mutation") { search(query: """mutation""") { mutation } }')).toBe(false);
    expect(isMutation("{ viewer { login } }")).toBe(false);
    // What cannot be read as a query is spaced like a write.
    expect(isMutation(undefined)).toBe(true);
    expect(isMutation("")).toBe(true);
  });
});
