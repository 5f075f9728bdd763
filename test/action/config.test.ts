import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { loadActionConfig, parsePath, positionOf } from "../../src/action/config.js";
import { createOctokit, asOctokitLike } from "../../src/action/octokit.js";
import { GitHubGateway } from "../../src/github/gateway.js";
import { ACTION_TOKEN, installationToken, startTestSimulator, violationText } from "../sim/helpers.js";
import type { Simulator } from "../sim/server.js";

const silent = { debug() {}, info() {}, warn() {}, error() {} };
const meetings = { owner: "sovereign", repo: "meetings" };

describe("parsePath", () => {
  it("reads the YAML paths config problems name", () => {
    expect(parsePath("meetings.iaas.recurring[2]")).toEqual(["meetings", "iaas", "recurring", 2]);
    expect(parsePath('meetings.iaas.roles["a.b"]')).toEqual(["meetings", "iaas", "roles", "a.b"]);
    expect(parsePath("")).toEqual([]);
    expect(parsePath("meetings..iaas")).toBeUndefined();
  });
});

describe("positionOf", () => {
  const text = [
    "# comment",
    "meetings:",
    "  iaas:",
    "    title: Team IaaS",
    "    recurring:",
    '      - "One"',
    '      - "Two"',
    "backlog: { label: idea }",
    "",
  ].join("\n");

  it("finds keys, list items and flow maps", () => {
    expect(positionOf(text, "meetings.iaas")).toEqual({ line: 3, column: 3 });
    expect(positionOf(text, "meetings.iaas.title")).toEqual({ line: 4, column: 5 });
    expect(positionOf(text, "meetings.iaas.recurring[1]")).toEqual({ line: 7, column: 9 });
    expect(positionOf(text, "backlog.label")).toEqual({ line: 8, column: 12 });
  });

  it("shows a missing key at its nearest parent", () => {
    expect(positionOf(text, "meetings.iaas.timezone")).toEqual({ line: 3, column: 3 });
    expect(positionOf(text, "meetings.infra")).toEqual({ line: 2, column: 1 });
  });

  it("knows nothing for the file itself or text that is not YAML", () => {
    expect(positionOf(text, "")).toBeUndefined();
    expect(positionOf("a: [", "a")).toBeUndefined();
  });
});

describe("loadActionConfig against the local GitHub", () => {
  let sim: Simulator;
  beforeAll(async () => {
    sim = await startTestSimulator();
  });
  afterAll(async () => {
    await sim?.close();
  });
  beforeEach(() => sim.reset());

  const gateway = (token: string) =>
    new GitHubGateway(asOctokitLike(createOctokit({ token, apiUrl: `${sim.url}/api/v3`, graphqlUrl: `${sim.url}/api/graphql`, log: silent })));
  const organization = async () => "Organization" as const;

  it("finds nothing the workflow's GITHUB_TOKEN may read when the config is org-wide", async () => {
    const got = await loadActionConfig(gateway(ACTION_TOKEN), meetings, { ownerType: organization });
    expect(got).toEqual({ kind: "missing", searched: [meetings, { owner: "sovereign", repo: ".github" }] });
    expect(violationText(sim)).toEqual([]);
  });

  it("finds the org-wide config with a token that can read the org's .github", async () => {
    const got = await loadActionConfig(gateway(await installationToken(sim)), meetings, { ownerType: organization });
    expect(got.kind).toBe("ok");
    if (got.kind !== "ok") return;
    expect(got.loaded.home).toEqual({ owner: "sovereign", repo: ".github" });
    expect(got.loaded.scope).toEqual({ kind: "owner", owner: "sovereign", ownerType: "Organization" });
    expect(Object.keys(got.loaded.config.meetings)).toEqual(["iaas", "meetup-2025"]);
  });

  it("prefers the repository's own config, and scopes it to the repository", async () => {
    await sim.act({ as: "alice", action: "push-file", repo: "sovereign/meetings", path: ".github/docket.yml", text: "backlog: { label: idea }\n" });
    const got = await loadActionConfig(gateway(ACTION_TOKEN), meetings, { ownerType: () => Promise.reject(new Error("not needed")) });
    expect(got).toMatchObject({ kind: "ok", loaded: { home: meetings, scope: { kind: "repo", owner: "sovereign", repo: "meetings" } } });
  });

  it("reports schema problems with their lines", async () => {
    const text = "meetings:\n  iaas:\n    title: Team IaaS\n    cadence: weekly\n    day: monday\n    time: '14:00'\n    timezone: Europe/Berln\n";
    await sim.act({ as: "alice", action: "push-file", repo: "sovereign/meetings", path: ".github/docket.yml", text });
    const got = await loadActionConfig(gateway(ACTION_TOKEN), meetings, { ownerType: organization });
    expect(got.kind).toBe("invalid");
    if (got.kind !== "invalid") return;
    expect(got.home).toEqual(meetings);
    expect(got.problems).toEqual([expect.objectContaining({ path: "meetings.iaas.timezone", line: 7 })]);
  });

  it("reports a YAML syntax error with its line (the config plugin only says it could not parse)", async () => {
    await sim.act({
      as: "alice",
      action: "push-file",
      repo: "sovereign/meetings",
      path: ".github/docket.yml",
      text: "meetings:\n  iaas:\n    title: [Team IaaS\n",
    });
    const got = await loadActionConfig(gateway(ACTION_TOKEN), meetings, { ownerType: organization });
    expect(got.kind).toBe("invalid");
    if (got.kind !== "invalid") return;
    expect(got.problems[0]?.message).toMatch(/^YAML syntax error/);
    expect(got.problems[0]?.line).toBeGreaterThanOrEqual(3);
  });
});
