/**
 * The app's webhook deliveries, as GitHub keeps them: every POST is an attempt listed by
 * `GET /app/hook/deliveries` (newest first, cursor pagination with a Link header), failed
 * attempts are not retried, and the app redelivers one with `POST /app/hook/deliveries/{id}/attempts`
 * — all with the app's JWT, through Probot's own authentication.
 */
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { Probot, type ProbotOctokit } from "probot";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { testPrivateKey } from "../fixtures/keys.js";
import { SimClient } from "./client.js";
import { ACTION_TOKEN, APP_ID, INSTALLATION_ID, installationToken, octokitFor, startTestSimulator, TestOctokit, violationText } from "./helpers.js";
import type { Simulator } from "./server.js";

const SECRET = "deliveries-secret";
const ISO_SECONDS = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/;

/** A webhook receiver on a fixed port that can go down (connections refused) and come back. */
interface Receiver {
  url: string;
  received: Array<{ headers: IncomingHttpHeaders; body: string }>;
  /** The status it answers. */
  status: number;
  /** How long it waits before answering (ms). */
  delayMs: number;
  down(): Promise<void>;
  up(): Promise<void>;
}

async function receiver(): Promise<Receiver> {
  let server: Server | null = null;
  let port = 0;
  const r: Receiver = {
    url: "",
    received: [],
    status: 202,
    delayMs: 0,
    async down() {
      const s = server;
      if (!s) return;
      server = null;
      s.closeAllConnections();
      await new Promise<void>((resolve) => s.close(() => resolve()));
    },
    async up() {
      if (server) return;
      const s = createServer((req, res) => {
        const chunks: Buffer[] = [];
        req.on("data", (c: Buffer) => chunks.push(c));
        req.on("end", () => {
          r.received.push({ headers: req.headers, body: Buffer.concat(chunks).toString("utf8") });
          setTimeout(() => res.writeHead(r.status).end(), r.delayMs);
        });
      });
      await new Promise<void>((resolve) => s.listen(port, "127.0.0.1", () => resolve()));
      port = (s.address() as AddressInfo).port;
      r.url = `http://127.0.0.1:${port}/api/github/webhooks`;
      server = s;
    },
  };
  await r.up();
  return r;
}

let sim: Simulator;
let hook: Receiver;
let probot: Probot;
/** Authenticated as the app (JWT), as Probot does it. */
let app: ProbotOctokit;

const repo = "sovereign/infra";
const attemptShape = {
  id: expect.any(Number),
  guid: expect.any(String),
  delivered_at: expect.stringMatching(ISO_SECONDS),
  redelivery: false,
  duration: expect.any(Number),
  throttled_at: null,
};

beforeAll(async () => {
  sim = await startTestSimulator();
  hook = await receiver();
  sim.setWebhook(hook.url, SECRET);
  probot = new Probot({ appId: APP_ID, privateKey: testPrivateKey(), secret: SECRET, baseUrl: `${sim.url}/api/v3`, Octokit: TestOctokit, logLevel: "fatal" });
  app = await probot.auth();
});
afterAll(async () => {
  await sim.close();
  await hook.down();
});
beforeEach(async () => {
  sim.reset();
  sim.setWebhook(hook.url, SECRET);
  await hook.up();
  hook.status = 202;
  hook.delayMs = 0;
  hook.received.length = 0;
});
afterEach(() => {
  expect(violationText(sim)).toEqual([]);
});

describe("attempts", () => {
  it("a receiver that is down: the attempt fails (status_code 0), is not retried, and is listed", async () => {
    await hook.down();
    const r = await sim.act({ as: "bob", action: "label", repo, number: 4, label: "agenda/iaas" });
    expect(r.delivery?.status).toBeNull();
    await sim.settled();
    const { data, status } = await app.request("GET /app/hook/deliveries");
    expect(status).toBe(200);
    expect(data).toEqual([
      {
        ...attemptShape,
        guid: r.delivery!.id,
        status: "failed to connect to network",
        status_code: 0,
        event: "issues",
        action: "labeled",
        installation_id: INSTALLATION_ID,
        repository_id: sim.state.repo("sovereign", "infra")!.id,
      },
    ]);
    const [d] = sim.deliveries();
    expect(d).toMatchObject({ id: r.delivery!.id, status: null, error: expect.any(String), repositoryId: sim.state.repo("sovereign", "infra")!.id });
    expect(d!.attempts).toEqual(data);
    expect(sim.deliveryAttempts()).toEqual(data);
  });

  it("a receiver answering 503 is recorded with status_code 503; the status filter follows status_code", async () => {
    hook.status = 503;
    const r = await sim.act({ as: "carol", action: "comment", repo, number: 4, body: "hello" });
    expect(r.delivery?.status).toBe(503);
    const { data } = await app.request("GET /app/hook/deliveries");
    expect(data).toEqual([
      {
        ...attemptShape,
        guid: r.delivery!.id,
        status: "Invalid HTTP Response: 503",
        status_code: 503,
        event: "issue_comment",
        action: "created",
        installation_id: INSTALLATION_ID,
        repository_id: expect.any(Number),
      },
    ]);
    expect((await app.request("GET /app/hook/deliveries", { status: "failure" })).data.map((a) => a.id)).toEqual([data[0]!.id]);
    expect((await app.request("GET /app/hook/deliveries", { status: "success" })).data).toEqual([]);
    hook.status = 200;
    await sim.act({ as: "carol", action: "comment", repo, number: 4, body: "again" });
    expect((await app.request("GET /app/hook/deliveries", { status: "success" })).data.map((a) => [a.status, a.status_code])).toEqual([["OK", 200]]);
  });

  it("a receiver that does not answer in time: `timed out`, status_code 0", async () => {
    const quick = await startTestSimulator({ webhookTimeoutMs: 200 });
    try {
      quick.setWebhook(hook.url, SECRET);
      hook.delayMs = 1000;
      const r = await quick.act({ as: "bob", action: "label", repo, number: 4, label: "agenda/iaas" });
      expect(r.delivery?.status).toBeNull();
      expect(quick.deliveryAttempts().map((a) => [a.status, a.status_code])).toEqual([["timed out", 0]]);
      expect(quick.deliveryAttempts()[0]!.duration).toBeLessThan(1);
      expect(violationText(quick)).toEqual([]);
    } finally {
      await quick.close();
    }
  });

  it("without a webhook URL nothing is attempted (deliveries are only listed) and the app has no hook to list", async () => {
    const hookless = await startTestSimulator();
    try {
      const r = await hookless.act({ as: "bob", action: "label", repo, number: 4, label: "agenda/iaas" });
      expect(r.delivery?.status).toBeNull();
      expect(hookless.deliveries()).toMatchObject([{ error: "no webhook URL configured", attempts: [] }]);
      expect(hookless.deliveryAttempts()).toEqual([]);
      const jwtApp = await new Probot({
        appId: APP_ID,
        privateKey: testPrivateKey(),
        baseUrl: `${hookless.url}/api/v3`,
        Octokit: TestOctokit,
        logLevel: "fatal",
      }).auth();
      await expect(jwtApp.request("GET /app/hook/deliveries")).rejects.toMatchObject({ status: 404 });
      expect(violationText(hookless)).toEqual([]);
    } finally {
      await hookless.close();
    }
  });
});

describe("listing", () => {
  it("pages newest first with a Link cursor that octokit.paginate follows", async () => {
    for (let i = 1; i <= 5; i++) await sim.act({ as: "carol", action: "comment", repo, number: 4, body: `comment ${i}` });
    const guidsNewestFirst = sim
      .deliveries()
      .map((d) => d.id)
      .reverse();
    expect(guidsNewestFirst).toHaveLength(5);

    const first = await app.request("GET /app/hook/deliveries", { per_page: 2 });
    expect(first.data.map((a) => a.guid)).toEqual(guidsNewestFirst.slice(0, 2));
    expect(first.headers.link).toMatch(/^<http:\/\/127\.0\.0\.1:\d+\/api\/v3\/app\/hook\/deliveries\?per_page=2&cursor=v1_\d+>; rel="next"$/);

    const before = sim.log.length;
    const all = await app.paginate("GET /app/hook/deliveries", { per_page: 2 });
    expect(all.map((a) => a.guid)).toEqual(guidsNewestFirst);
    expect(all.map((a) => a.id)).toEqual([...all.map((a) => a.id)].sort((a, b) => b - a));
    expect(new Set(all.map((a) => a.id)).size).toBe(5);
    expect(sim.log.slice(before).map((e) => `${e.status} ${e.route} ${e.principal}`)).toEqual(Array(3).fill(`200 GET /app/hook/deliveries app:${APP_ID}`));
    // The last page has no next link.
    const last = await app.request("GET /app/hook/deliveries", { per_page: 5 });
    expect(last.headers.link).toBeUndefined();
  });

  it("keeps three days (simulated time): older attempts are neither listed nor redelivered", async () => {
    hook.status = 500;
    await sim.act({ as: "carol", action: "comment", repo, number: 4, body: "old" });
    const [old] = sim.deliveryAttempts();
    sim.setClock({ advanceMs: 3 * 86_400_000 + 60_000 });
    expect((await app.request("GET /app/hook/deliveries")).data).toEqual([]);
    await expect(app.request("POST /app/hook/deliveries/{delivery_id}/attempts", { delivery_id: old!.id })).rejects.toMatchObject({ status: 404 });
  });

  it("GET /app/installations lists the world's installations", async () => {
    const { data } = await app.request("GET /app/installations");
    const world = [...sim.state.app!.installations.values()];
    expect(data.map((i) => [i.id, i.account && "login" in i.account ? i.account.login : null, i.app_id])).toEqual(
      world.map((i) => [i.id, i.account.login, APP_ID]),
    );
    expect(data.map((i) => i.id)).toContain(INSTALLATION_ID);
  });
});

describe("redelivery", () => {
  it("redelivers a failed attempt once the receiver is up: same guid and body, signed with the current secret, a new attempt", async () => {
    await hook.down();
    const r = await sim.act({ as: "bob", action: "label", repo, number: 4, label: "agenda/iaas" });
    const [failed] = (await app.request("GET /app/hook/deliveries")).data;
    expect(failed).toMatchObject({ guid: r.delivery!.id, status_code: 0, redelivery: false });

    await hook.up();
    const rotated = "rotated-secret";
    sim.setWebhook(hook.url, rotated);
    const accepted = await app.request("POST /app/hook/deliveries/{delivery_id}/attempts", { delivery_id: Number(failed!.id) });
    expect(accepted.status).toBe(202);
    expect(accepted.data).toEqual({});
    await sim.settled();

    expect(hook.received).toHaveLength(1);
    const [got] = hook.received;
    expect(got!.headers["x-github-delivery"]).toBe(r.delivery!.id);
    expect(got!.headers["x-github-event"]).toBe("issues");
    const [d] = sim.deliveries();
    expect(got!.body).toBe(JSON.stringify(d!.payload));
    const verifier = new Probot({
      appId: APP_ID,
      privateKey: testPrivateKey(),
      secret: rotated,
      baseUrl: `${sim.url}/api/v3`,
      Octokit: TestOctokit,
      logLevel: "fatal",
    });
    await Promise.all([verifier.ready(), probot.ready()]);
    expect(await verifier.webhooks.verify(got!.body, String(got!.headers["x-hub-signature-256"]))).toBe(true);
    expect(await probot.webhooks.verify(got!.body, String(got!.headers["x-hub-signature-256"]))).toBe(false);

    const list = (await app.request("GET /app/hook/deliveries")).data;
    expect(list).toEqual([
      {
        ...failed!,
        id: expect.any(Number),
        delivered_at: expect.stringMatching(ISO_SECONDS),
        duration: expect.any(Number),
        redelivery: true,
        status: "OK",
        status_code: 202,
      },
      failed,
    ]);
    expect(list[0]!.id).toBeGreaterThan(failed!.id);
    expect(d).toMatchObject({ status: 202, attempts: [failed, list[0]] });
    expect(d!.error).toBeUndefined();
  });

  it("an unknown attempt is 404", async () => {
    await expect(app.request("POST /app/hook/deliveries/{delivery_id}/attempts", { delivery_id: 12345 })).rejects.toMatchObject({ status: 404 });
  });

  it("the control API lists attempts and redelivers, as the app would", async () => {
    const client = new SimClient(sim.url);
    hook.status = 500;
    await client.comment("carol", repo, 4, "hello");
    const [failed] = await client.attempts();
    expect(failed).toMatchObject({ status: "Invalid HTTP Response: 500", status_code: 500, redelivery: false });
    hook.status = 200;
    const { attempt } = await client.redeliver(failed!.id);
    expect(attempt).toMatchObject({ guid: failed!.guid, redelivery: true, status: "OK", status_code: 200 });
    expect((await client.attempts(failed!.id)).map((a) => a.id)).toEqual([attempt.id]);
    expect((await client.deliveries()).map((d) => [d.status, d.attempts.length])).toEqual([[200, 2]]);
    expect(await client.webhook()).toEqual({ url: hook.url });
    await expect(client.redeliver(1)).rejects.toMatchObject({ status: 404 });
  });
});

describe("authentication", () => {
  it("needs the app's JWT: installation tokens and plain tokens are refused as on GitHub", async () => {
    await sim.act({ as: "carol", action: "comment", repo, number: 4, body: "hello" });
    const [attempt] = sim.deliveryAttempts();
    // A raw installation token: Probot's own installation client would send its JWT to /app/* routes.
    const installation = octokitFor(sim, await installationToken(sim));
    const plain = octokitFor(sim, ACTION_TOKEN);
    for (const who of [installation, plain]) {
      for (const call of [
        () => who.request("GET /app/hook/deliveries"),
        () => who.request("POST /app/hook/deliveries/{delivery_id}/attempts", { delivery_id: attempt!.id }),
        () => who.request("GET /app/installations"),
      ]) {
        await expect(call()).rejects.toMatchObject({ status: 401, response: { data: { message: "A JSON web token could not be decoded" } } });
      }
    }
    const anonymous = await fetch(`${sim.url}/api/v3/app/hook/deliveries`);
    expect(anonymous.status).toBe(401);
    expect(((await anonymous.json()) as { message: string }).message).toBe("Requires authentication");
    // Nothing was redelivered.
    await sim.settled();
    expect(sim.deliveryAttempts()).toHaveLength(1);
  });
});
