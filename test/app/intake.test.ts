import { createHmac } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { intakeHandler, memoryReplayGuard, redisReplayGuard, REPLAY_WINDOW_SECONDS, type Delivery } from "../../src/app/intake.js";
import { startRedis } from "../helpers/redis-server.js";

const SECRET = "intake-secret";
const sign = (body: string) => `sha256=${createHmac("sha256", SECRET).update(body).digest("hex")}`;
const verify = async (body: string, signature: string) => signature === sign(body);

let server: Server;
let url: string;
let queued: Delivery[];
let logged: Array<{ fields: Record<string, unknown>; message: string }>;
let refusing: string | null;
let enqueueFails: boolean;

beforeEach(async () => {
  queued = [];
  logged = [];
  refusing = null;
  enqueueFails = false;
  const log = { debug() {}, info() {}, error() {}, warn: (fields: Record<string, unknown>, message: string) => void logged.push({ fields, message }) };
  const handler = intakeHandler({
    path: "/api/github/webhooks",
    verify,
    guard: memoryReplayGuard(),
    enqueue: async (d) => {
      if (enqueueFails) throw new Error("Redis is away");
      queued.push(d);
    },
    refusing: () => refusing,
    log,
    maxBytes: 1024,
  });
  server = createServer((req, res) => void handler(req, res).then((handled) => handled || res.writeHead(404).end()));
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/github/webhooks`;
});
afterEach(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
});

function post(body: string, headers: Record<string, string> = {}) {
  return fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", "x-github-event": "issues", "x-github-delivery": "d-1", "x-hub-signature-256": sign(body), ...headers },
    body,
  });
}

describe("the webhook intake", () => {
  it("queues a signed delivery and answers 202 without waiting for anything else", async () => {
    const res = await post('{"action":"labeled"}');
    expect(res.status).toBe(202);
    expect(queued).toEqual([{ id: "d-1", name: "issues", body: '{"action":"labeled"}' }]);
  });

  it("a replay (same delivery id, or the same signed body under another id) does nothing", async () => {
    await post('{"action":"labeled"}');
    expect((await post('{"action":"labeled"}')).status).toBe(202);
    expect((await post('{"action":"labeled"}', { "x-github-delivery": "d-2" })).status).toBe(202);
    expect((await post('{"action":"opened"}')).status).toBe(202); // same id, another body
    expect(queued).toHaveLength(1);
    expect((await post('{"action":"opened"}', { "x-github-delivery": "d-3" })).status).toBe(202);
    expect(queued.map((d) => d.id)).toEqual(["d-1", "d-3"]);
  });

  it("refuses a bad signature with 401 and logs the delivery id and reason, never the body", async () => {
    const res = await post('{"secret":"do-not-log-me"}', { "x-hub-signature-256": "sha256=00" });
    expect(res.status).toBe(401);
    expect(queued).toEqual([]);
    expect(logged).toHaveLength(1);
    expect(logged[0]!.fields).toMatchObject({ delivery: "d-1", event: "issues", status: 401 });
    expect(JSON.stringify(logged)).not.toContain("do-not-log-me");
  });

  it("refuses a body over the cap with 413, by its announced length or while reading it", async () => {
    const big = JSON.stringify({ text: "x".repeat(2000) });
    expect((await post(big)).status).toBe(413);
    // Without a content-length (chunked), the body is read only up to the cap.
    const chunked = await fetch(url, {
      method: "POST",
      headers: { "x-github-event": "issues", "x-github-delivery": "d-9", "x-hub-signature-256": sign(big) },
      body: new ReadableStream({
        start(c) {
          c.enqueue(new TextEncoder().encode(big));
          c.close();
        },
      }),
      duplex: "half",
    } as RequestInit);
    expect(chunked.status).toBe(413);
    expect(queued).toEqual([]);
    expect(logged.map((l) => l.fields.status)).toEqual([413, 413]);
  });

  it("answers 400 for requests without GitHub's delivery headers, and 405 for other methods", async () => {
    expect((await post("{}", { "x-github-event": "" })).status).toBe(400);
    expect((await fetch(url)).status).toBe(405);
  });

  it("answers 503 while shutting down or when the queue cannot take it, and a later redelivery is taken", async () => {
    refusing = "Docket is shutting down";
    expect((await post('{"a":1}')).status).toBe(503);
    refusing = null;
    enqueueFails = true;
    expect((await post('{"a":1}')).status).toBe(503);
    enqueueFails = false;
    // GitHub's redelivery: the same id and body, now accepted (the refused claim was forgotten).
    expect((await post('{"a":1}')).status).toBe(202);
    expect(queued.map((d) => d.id)).toEqual(["d-1"]);
  });
});

describe("replay guards", () => {
  it("in memory: forgets deliveries older than 72 hours", async () => {
    let now = 0;
    const guard = memoryReplayGuard(100, () => now);
    expect(await guard.claim("a", "h1")).toBe(true);
    expect(await guard.claim("a", "h2")).toBe(false);
    now = (REPLAY_WINDOW_SECONDS + 1) * 1000;
    expect(await guard.claim("a", "h1")).toBe(true);
  });

  it("in Redis: shared by instances and kept across restarts of the app", async () => {
    const redis = await startRedis();
    try {
      const one = redisReplayGuard(redis.client(), "t1");
      const two = redisReplayGuard(redis.client(), "t1");
      expect(await one.claim("a", "h1")).toBe(true);
      expect(await two.claim("a", "h9")).toBe(false);
      expect(await two.claim("b", "h1")).toBe(false);
      await one.release("c", "h3");
      expect(await two.claim("c", "h3")).toBe(true);
      await two.release("c", "h3");
      expect(await one.claim("c", "h3")).toBe(true);
      expect(await redis.client().ttl("t1:seen:id:a")).toBeGreaterThan(REPLAY_WINDOW_SECONDS - 10);
    } finally {
      await redis.stop();
    }
  });
});
