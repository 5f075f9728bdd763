/**
 * Tests never reach the network (test/setup.ts): GitHub is the simulator on 127.0.0.1. Local
 * requests skip nock's interception; every other one is still refused.
 */
import { createServer, get } from "node:http";
import type { AddressInfo } from "node:net";
import nock from "nock";
import { afterEach, describe, expect, it } from "vitest";

afterEach(() => {
  nock.cleanAll();
});

describe("the network guard", () => {
  it("refuses fetch and http requests to any other host", async () => {
    await expect(fetch("https://api.github.com/zen")).rejects.toThrow();
    const error = await new Promise<Error>((resolve) => {
      get("http://example.com/", () => resolve(new Error("answered"))).on("error", resolve);
    });
    expect(error.message).toMatch(/Nock: Disallowed net connect/);
  });

  it("lets fetch reach a server on this machine, by address or as localhost", async () => {
    const server = createServer((req, res) => res.end(`hello ${req.method} ${req.url}`));
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
    const { port } = server.address() as AddressInfo;
    try {
      expect(await (await fetch(`http://127.0.0.1:${port}/a`)).text()).toBe("hello GET /a");
      expect(await (await fetch(new URL(`http://127.0.0.1:${port}/b`), { method: "POST", body: "x" })).text()).toBe("hello POST /b");
      expect(await (await fetch(new Request(`http://127.0.0.1:${port}/c`))).text()).toBe("hello GET /c");
    } finally {
      await new Promise<void>((r) => server.close(() => r()));
    }
  });

  it("still answers from a nock interceptor a test sets up for another host", async () => {
    nock("https://example.org").get("/status").reply(503, { message: "down" });
    const res = await fetch("https://example.org/status");
    expect(res.status).toBe(503);
    expect(await res.json()).toEqual({ message: "down" });
  });
});
