import { describe, expect, it } from "vitest";
import { createOctokit, endpoints, RATE_LIMIT_RETRIES } from "../../src/action/octokit.js";

describe("endpoints", () => {
  it("github.com: REST at api.github.com, GraphQL beside it", () => {
    expect(endpoints(undefined, undefined)).toEqual({ api: "https://api.github.com", graphql: "https://api.github.com/graphql" });
    expect(endpoints("https://api.github.com", "https://api.github.com/graphql")).toEqual({
      api: "https://api.github.com",
      graphql: "https://api.github.com/graphql",
    });
  });

  it("GitHub Enterprise Server: /api/v3 and /api/graphql, derived when GITHUB_GRAPHQL_URL is unset", () => {
    expect(endpoints("https://ghes.example/api/v3/", "")).toEqual({ api: "https://ghes.example/api/v3", graphql: "https://ghes.example/api/graphql" });
    expect(endpoints("http://127.0.0.1:3300/api/v3", "http://127.0.0.1:3300/api/graphql")).toEqual({
      api: "http://127.0.0.1:3300/api/v3",
      graphql: "http://127.0.0.1:3300/api/graphql",
    });
  });
});

type Answer = { status: number; body?: unknown; headers?: Record<string, string> };

/** A fetch that records requests and answers from a script (then 200 `{}`). */
function scriptedFetch(answers: Answer[]) {
  const calls: Array<{ method: string; url: string; auth: string | null }> = [];
  const fetchImpl = (async (input: string | URL | Request, init?: RequestInit) => {
    const url = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
    const headers = new Headers(init?.headers);
    calls.push({ method: init?.method ?? "GET", url, auth: headers.get("authorization") });
    const a = answers.shift() ?? { status: 200, body: {} };
    return new Response(a.status === 204 ? null : JSON.stringify(a.body ?? {}), {
      status: a.status,
      headers: { "content-type": "application/json; charset=utf-8", ...a.headers },
    });
  }) as typeof fetch;
  return { fetch: fetchImpl, calls };
}

function logs() {
  const lines: string[] = [];
  const log = {
    debug: () => {},
    info: (m: string) => lines.push(`info ${m}`),
    warn: (m: string) => lines.push(`warn ${m}`),
    error: (m: string) => lines.push(`error ${m}`),
  };
  return { lines, log };
}

describe("createOctokit", () => {
  it("sends REST to GITHUB_API_URL and GraphQL to GITHUB_GRAPHQL_URL, with the token", async () => {
    const f = scriptedFetch([
      { status: 200, body: { full_name: "sovereign/meetings" } },
      { status: 200, body: { data: { viewer: { login: "x" } } } },
    ]);
    const octokit = createOctokit({
      token: "ghs_t",
      apiUrl: "http://sim.test/api/v3",
      graphqlUrl: "http://sim.test/api/graphql",
      log: logs().log,
      fetch: f.fetch,
    });
    await octokit.request("GET /repos/{owner}/{repo}", { owner: "sovereign", repo: "meetings" });
    expect(await octokit.graphql("query { viewer { login } }")).toEqual({ viewer: { login: "x" } });
    expect(f.calls).toEqual([
      { method: "GET", url: "http://sim.test/api/v3/repos/sovereign/meetings", auth: "token ghs_t" },
      { method: "POST", url: "http://sim.test/api/graphql", auth: "token ghs_t" },
    ]);
  });

  it("takes GITHUB_GRAPHQL_URL as given, even where Octokit would guess another", async () => {
    const f = scriptedFetch([{ status: 200, body: { data: {} } }]);
    const octokit = createOctokit({
      token: "t",
      apiUrl: "https://ghes.example/api/v3",
      graphqlUrl: "https://graphql.ghes.example/",
      log: logs().log,
      fetch: f.fetch,
    });
    await octokit.graphql("query { viewer { login } }");
    expect(f.calls.map((c) => c.url)).toEqual(["https://graphql.ghes.example"]);
  });

  it("retries server errors", async () => {
    const f = scriptedFetch([
      { status: 502, body: { message: "Bad Gateway" } },
      { status: 200, body: { ok: 1 } },
    ]);
    const octokit = createOctokit({ token: "t", apiUrl: "http://sim.test", log: logs().log, fetch: f.fetch, retryAfterBaseValue: 1 });
    const res = await octokit.request("GET /rate_limit");
    expect(res.data).toEqual({ ok: 1 });
    expect(f.calls).toHaveLength(2);
  });

  it("waits out a secondary rate limit as retry-after says, and logs it", async () => {
    const limited = {
      status: 403,
      body: { message: "You have exceeded a secondary rate limit. Please wait a few minutes before you try again." },
      headers: { "retry-after": "2" },
    };
    const f = scriptedFetch([limited, { status: 200, body: { ok: 1 } }]);
    const { lines, log } = logs();
    const octokit = createOctokit({ token: "t", apiUrl: "http://sim.test", log, fetch: f.fetch, retryAfterBaseValue: 1 });
    expect((await octokit.request("GET /rate_limit")).data).toEqual({ ok: 1 });
    expect(lines).toEqual(["info GitHub's secondary rate limit for GET /rate_limit: retrying in 2 s (retry 1 of 3)"]);
  });

  it("waits for a primary rate limit's reset", async () => {
    const reset = String(Math.floor(Date.now() / 1000) + 1);
    const limited = { status: 403, body: { message: "API rate limit exceeded" }, headers: { "x-ratelimit-remaining": "0", "x-ratelimit-reset": reset } };
    const f = scriptedFetch([limited, { status: 200, body: { ok: 1 } }]);
    const { lines, log } = logs();
    const octokit = createOctokit({ token: "t", apiUrl: "http://sim.test", log, fetch: f.fetch, retryAfterBaseValue: 1 });
    expect((await octokit.request("GET /rate_limit")).data).toEqual({ ok: 1 });
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^info GitHub's rate limit for GET \/rate_limit: retrying in \d s \(retry 1 of 3\)$/);
  });

  it("gives up after a few tries, and says so", async () => {
    const limited = { status: 403, body: { message: "You have exceeded a secondary rate limit." }, headers: { "retry-after": "1" } };
    const f = scriptedFetch(Array.from({ length: RATE_LIMIT_RETRIES + 1 }, () => ({ ...limited })));
    const { lines, log } = logs();
    const octokit = createOctokit({ token: "t", apiUrl: "http://sim.test", log, fetch: f.fetch, retryAfterBaseValue: 1 });
    await expect(octokit.request("GET /rate_limit")).rejects.toMatchObject({ status: 403 });
    expect(f.calls).toHaveLength(RATE_LIMIT_RETRIES + 1);
    expect(lines.at(-1)).toBe("warn GitHub's secondary rate limit for GET /rate_limit: not retrying (tried 4 times; retry-after 1 s)");
  });
});
