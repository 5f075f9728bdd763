/**
 * Probot itself against the simulator, in-process: the simulator's signed webhook passes Probot's
 * signature check, and Probot's app authentication (@octokit/auth-app: JWT, then an installation
 * token) works against it, as it will when the app runs as a process with GHE_HOST.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { createNodeMiddleware, Probot } from "probot";
import { afterAll, beforeAll, expect, it } from "vitest";
import { testPrivateKey } from "../fixtures/keys.js";
import { SimClient } from "./client.js";
import { APP_ID, startTestSimulator, TestOctokit, violationText } from "./helpers.js";
import type { Simulator } from "./server.js";

const SECRET = "probot-secret";
let sim: Simulator;
let server: Server;
const seen: string[] = [];

beforeAll(async () => {
  sim = await startTestSimulator();
  const probot = new Probot({
    appId: APP_ID,
    privateKey: testPrivateKey(),
    secret: SECRET,
    baseUrl: `${sim.url}/api/v3`,
    Octokit: TestOctokit,
    logLevel: "fatal",
  });
  const middleware = await createNodeMiddleware(
    (app) => {
      app.on("issues.labeled", async (context) => {
        seen.push(`${context.name}.${context.payload.action} ${context.payload.label?.name}`);
        if (context.payload.sender.type === "Bot") return; // its own label below
        const { data: me } = await (await app.auth()).request("GET /app");
        await context.octokit.request(
          "POST /repos/{owner}/{repo}/issues/{issue_number}/comments",
          context.issue({ body: `${me?.slug} saw ${context.payload.label?.name}` }),
        );
        await context.octokit.request("POST /repos/{owner}/{repo}/issues/{issue_number}/labels", context.issue({ labels: ["seen"] }));
      });
    },
    { probot, webhooksPath: "/api/github/webhooks" },
  );
  server = createServer((req, res) => void middleware(req, res));
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
  sim.setWebhook(`http://127.0.0.1:${(server.address() as AddressInfo).port}/api/github/webhooks`, SECRET);
});
afterAll(async () => {
  await sim.close();
  await new Promise<void>((r) => server.close(() => r()));
});

it("a labelled issue reaches the Probot app, which answers through the simulator as its installation", async () => {
  const client = new SimClient(sim.url);
  const result = await client.label("bob", "sovereign/infra", 4, "agenda/iaas");
  expect(result.delivery?.status).toBe(200);
  await client.settled();
  const issue = await client.issue("sovereign", "infra", 4);
  expect(issue.comments.map((c) => `${c.author}: ${c.body}`)).toEqual(["docket[bot]: docket saw agenda/iaas"]);
  expect(issue.labels.map((l) => `${l.name} by ${l.by}`)).toEqual(["agenda/iaas by bob", "seen by docket[bot]"]);
  expect(seen).toEqual(["issues.labeled agenda/iaas", "issues.labeled seen"]);
  expect(sim.log.map((e) => `${e.status} ${e.route} ${e.principal}`)).toEqual([
    "200 GET /app app:1001",
    "201 POST /app/installations/{installation_id}/access_tokens app:1001",
    "201 POST /repos/{owner}/{repo}/issues/{issue_number}/comments installation:42",
    "200 POST /repos/{owner}/{repo}/issues/{issue_number}/labels installation:42",
  ]);
  expect(violationText(sim)).toEqual([]);
});

it("a webhook signed with another secret is refused by Probot", async () => {
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/github/webhooks`;
  sim.setWebhook(url, "wrong secret");
  try {
    const result = await new SimClient(sim.url).comment("carol", "sovereign/infra", 4, "hello");
    expect(result.delivery?.status).toBe(400);
  } finally {
    sim.setWebhook(url, SECRET);
  }
});
