/**
 * Shared set-up for the simulator's own tests (and usable by end-to-end tests): a simulator on
 * the example world with the test app key, Octokit clients pointed at it (Probot's, with retries
 * and throttling off), installation tokens, and a local webhook receiver.
 */
import { readFileSync } from "node:fs";
import { createServer, type IncomingHttpHeaders } from "node:http";
import { Kind, parse, print, visit } from "graphql";
import type { AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";
import { ProbotOctokit } from "probot";
import { parse as parseYaml } from "yaml";
import { testPrivateKey } from "../fixtures/keys.js";
import { signAppJwt } from "./auth.js";
import { startSimulator, type Simulator, type SimulatorOptions } from "./server.js";

export const COMMUNITY_WORLD = fileURLToPath(new URL("../../examples/worlds/community.yml", import.meta.url));
export const APP_ID = 1001;
export const INSTALLATION_ID = 42;
export const ACTION_TOKEN = "ghs_action_token_meetings_0001";

/**
 * The example world (examples/worlds/community.yml) as plain data to add to, its clock frozen at
 * its `now` (a second per request), with an org-wide token for a workflow: `github-actions[bot]`
 * on every repository of sovereign with `permissions`.
 */
export function frozenCommunityWorld(token: string, permissions: Record<string, string>): Record<string, any> {
  // the world is YAML the caller adds to freely; the simulator checks it on start
  const world = parseYaml(readFileSync(COMMUNITY_WORLD, "utf8"));
  world.clock = { frozen: true, step_ms: 1000 };
  world.tokens.push({ token, login: "github-actions[bot]", repos: ["sovereign/*"], permissions });
  return world;
}

/** Probot's Octokit without retries and throttling (tests want to see every answer). */
export const TestOctokit = ProbotOctokit.defaults((o: Record<string, unknown>) => ({ ...o, retry: { enabled: false }, throttle: { enabled: false } }));
export type TestOctokitInstance = InstanceType<typeof TestOctokit>;

const silent = { debug() {}, info() {}, warn() {}, error() {} };

/** A simulator on the example world (or `world`), with the test app's key. */
export function startTestSimulator(options: Partial<SimulatorOptions> = {}): Promise<Simulator> {
  return startSimulator({ world: COMMUNITY_WORLD, app: { id: APP_ID, privateKeyPem: testPrivateKey() }, ...options });
}

/** An Octokit talking to the simulator as GitHub Enterprise Server (`/api/v3`), with a token. */
export function octokitFor(sim: Simulator, token: string, prefix = "/api/v3"): TestOctokitInstance {
  return new TestOctokit({ auth: { token }, baseUrl: `${sim.url}${prefix}`, log: silent });
}

export function appJwt(privateKeyPem = testPrivateKey(), appId: number = APP_ID): string {
  return signAppJwt(appId, privateKeyPem);
}

/** A fresh installation token from the simulator (`POST /app/installations/{id}/access_tokens` with the app's JWT). */
export async function installationToken(sim: Simulator, installationId = INSTALLATION_ID, body?: unknown): Promise<string> {
  const res = await fetch(`${sim.url}/api/v3/app/installations/${installationId}/access_tokens`, {
    method: "POST",
    headers: { authorization: `Bearer ${appJwt()}`, accept: "application/vnd.github+json", ...(body ? { "content-type": "application/json" } : {}) },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  if (res.status !== 201) throw new Error(`installation token: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { token: string }).token;
}

export interface ReceivedWebhook {
  headers: IncomingHttpHeaders;
  body: string;
  json: Record<string, unknown>;
}

/** A local HTTP listener that records webhooks (answers 202 unless told otherwise). */
export async function webhookReceiver(status = 202): Promise<{ url: string; received: ReceivedWebhook[]; close(): Promise<void> }> {
  const received: ReceivedWebhook[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body = Buffer.concat(chunks).toString("utf8");
      received.push({ headers: req.headers, body, json: JSON.parse(body) as Record<string, unknown> });
      res.writeHead(status).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/api/github/webhooks`,
    received,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

/** The simulator's contract violations as text (tests expect none unless they provoke them). */
export function violationText(sim: Simulator): string[] {
  return sim.violations.map((v) => `${v.kind} ${v.request}: ${v.messages.join("; ")}`);
}

/**
 * The same document with `__typename` selected in every selection set. GitHub (and the simulator)
 * answer `__typename` only where asked, while checkGraphQLResponse needs it on interface and union
 * values: ask the augmented document, then check its answer.
 */
export function withTypenames(query: string): string {
  const doc = visit(parse(query), {
    SelectionSet(node) {
      if (node.selections.some((s) => s.kind === Kind.FIELD && s.name.value === "__typename" && !s.alias)) return undefined;
      return { ...node, selections: [...node.selections, { kind: Kind.FIELD, name: { kind: Kind.NAME, value: "__typename" } }] };
    },
    OperationDefinition: {
      leave(node) {
        // The operation's own selection set is the Query/Mutation root: no __typename needed there.
        return {
          ...node,
          selectionSet: {
            ...node.selectionSet,
            selections: node.selectionSet.selections.filter((s) => !(s.kind === Kind.FIELD && s.name.value === "__typename")),
          },
        };
      },
    },
  });
  return print(doc);
}
