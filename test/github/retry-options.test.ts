/**
 * One Octokit per installation lives for the whole process; @octokit/plugin-retry must still treat
 * each request on its own: a request that used up its retries must not make the next one wait longer.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { Octokit } from "@octokit/core";
import { retry } from "@octokit/plugin-retry";
import { afterEach, describe, expect, it } from "vitest";
import { ownRequestOptions } from "../../src/github/gateway.js";

const RetryingOctokit = Octokit.plugin(retry);

/** A GitHub that answers 500 `failures` times per path, then 200. */
async function flakyGitHub(failures: Record<string, number>): Promise<{ url: string; server: Server }> {
  const server = createServer((req, res) => {
    const left = failures[req.url ?? ""] ?? 0;
    if (left > 0) {
      failures[req.url ?? ""] = left - 1;
      res.writeHead(500, { "content-type": "application/json" }).end(JSON.stringify({ message: "Server Error" }));
    } else res.writeHead(200, { "content-type": "application/json" }).end("{}");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

let server: Server | undefined;
afterEach(() => server?.close());

/** The delays (in units of retryAfterBaseValue) plugin-retry schedules for each retry of the second request. */
async function secondRequestDelays(isolate: boolean): Promise<number[]> {
  const github = await flakyGitHub({ "/first": 99, "/second": 1 });
  server = github.server;
  const octokit = new RetryingOctokit({ baseUrl: github.url, retry: { retryAfterBaseValue: 1 } });
  if (isolate) ownRequestOptions(octokit);
  await expect(octokit.request("GET /first")).rejects.toMatchObject({ status: 500 });
  const delays: number[] = [];
  const retryRequest = octokit.retry.retryRequest;
  octokit.retry.retryRequest = (error, retries, after) => {
    delays.push(after);
    return retryRequest(error, retries, after);
  };
  await expect(octokit.request("GET /second")).resolves.toMatchObject({ status: 200 });
  return delays;
}

describe("requests of one long-lived Octokit", () => {
  it("retry with the first back-off after an earlier request used up its retries", async () => {
    expect(await secondRequestDelays(true)).toEqual([1]);
  });

  it("(without the per-request copy, plugin-retry carries the count over: the reason for ownRequestOptions)", async () => {
    expect(await secondRequestDelays(false)).toEqual([25]);
  });
});
