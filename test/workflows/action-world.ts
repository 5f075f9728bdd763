import { afterAll, afterEach, beforeAll, beforeEach, expect } from "vitest";
import { parseConfigText } from "../../src/config/load.js";
import { GitHubGateway, silentLogger, type OctokitLike } from "../../src/github/gateway.js";
import type { PadClient } from "../../src/pads/pads.js";
import { scopeFor, type JobContext, type LoadedConfig } from "../../src/workflows/context.js";
import { teamIaas } from "../fixtures/acme.js";
import { frozenCommunityWorld, octokitFor, violationText } from "../sim/helpers.js";
import { startSimulator, type Simulator } from "../sim/server.js";
import type { Issue } from "../sim/state.js";
import type { World } from "../sim/world.js";

export const ORG_TOKEN = "ghs_action_token_org_0001";
export const NARROW_TOKEN = "ghs_action_token_narrow_0001";
/** Alice's personal token: it may read her own board. */
export const ALICE_TOKEN = "ghp_alice_personal_token_0001";
export { ACTION_TOKEN } from "../sim/helpers.js";

type Loose = Record<string, any>;

/** The example world, frozen at its `now`, with the org-wide token and the sprint milestones. */
export function actionWorld(): World {
  const world = frozenCommunityWorld(ORG_TOKEN, {
    issues: "write",
    contents: "write",
    pull_requests: "write",
    organization_projects: "read",
    metadata: "read",
  });
  // Alice's own board (a user's board sends no webhooks) and her token, which may read it.
  world.users[0].projects = [
    {
      number: 3,
      title: "Alice's agenda",
      public: true,
      fields: [{ name: "Status", type: "single_select", options: ["Agenda", "Later"] }],
      items: [
        { content: "sovereign/infra#4", values: { Status: "Agenda" }, created_at: "2025-01-07T18:00:00Z" },
        { draft: { title: "Thank the outgoing chair" }, values: { Status: "Agenda" }, created_at: "2025-01-07T19:00:00Z" },
        { draft: { title: "Not yet" }, values: { Status: "Later" } },
      ],
    },
  ];
  world.tokens.push({
    token: ALICE_TOKEN,
    login: "alice",
    repos: ["sovereign/*"],
    permissions: { issues: "write", contents: "write", pull_requests: "write", metadata: "read" },
  });
  // A token for some repositories only (as a fine-grained token): board items elsewhere come back redacted.
  world.tokens.push({
    token: NARROW_TOKEN,
    login: "github-actions[bot]",
    repos: ["sovereign/meetings", "sovereign/standards"],
    permissions: { issues: "write", organization_projects: "read", metadata: "read" },
  });
  const repo = (name: string): Loose => world.orgs[0].repos.find((r: Loose) => r.name === name);

  const gothenburg = {
    title: "Sprint Gothenburg",
    state: "closed",
    due_on: "2025-01-10T08:00:00Z",
    created_at: "2024-12-27T09:00:00Z",
    closed_at: "2025-01-10T16:30:00Z",
  };
  const hobart = { title: "Sprint Hobart", due_on: "2025-01-24T08:00:00Z", created_at: "2025-01-02T09:00:00Z" };
  const infra = repo("infra");
  infra.milestones = [gothenburg, hobart, { title: "Someday" }];
  // A sprint as a label, its days in the label's description.
  infra.labels.push(
    { name: "sprint/oslo", color: "bfd4f2", description: "Sprint Oslo: 2025-01-06..2025-01-19" },
    { name: "sprint/someday", description: "no dates yet" },
  );
  infra.issues.find((i: Loose) => i.number === 4).labels = [{ name: "sprint/oslo", at: "2025-01-07T10:00:00Z", by: "alice" }];
  infra.issues.push(
    {
      number: 5,
      title: "Automate the image builds",
      author: "dave",
      state: "closed",
      created_at: "2024-12-20T09:00:00Z",
      closed_at: "2025-01-09T12:00:00Z",
      milestone: { title: "Sprint Gothenburg", at: "2024-12-27T10:00:00Z", by: "alice" },
      labels: [{ name: "sprint/oslo", at: "2025-01-06T10:00:00Z", by: "alice" }],
    },
    {
      number: 6,
      title: "Rotate the TLS certificates",
      author: "dave",
      created_at: "2024-12-30T08:00:00Z",
      milestone: { title: "Sprint Gothenburg", at: "2024-12-30T09:00:00Z", by: "alice" },
    },
    {
      number: 7,
      title: "Add Grafana dashboards",
      author: "dave",
      state: "closed",
      created_at: "2024-12-27T11:00:00Z",
      closed_at: "2025-01-08T15:00:00Z",
      pull_request: { head: "dashboards", merged: true },
      milestone: { title: "Sprint Gothenburg", at: "2024-12-27T11:00:00Z", by: "dave" },
    },
    {
      number: 8,
      title: "Remove the old bastion host",
      author: "alice",
      state: "closed",
      created_at: "2024-12-10T09:00:00Z",
      closed_at: "2024-12-20T10:00:00Z",
      milestone: { title: "Sprint Gothenburg", at: "2024-12-27T10:05:00Z", by: "alice" },
    },
    {
      number: 9,
      title: "Upgrade Ceph to Reef",
      author: "dave",
      created_at: "2025-01-06T09:00:00Z",
      milestone: { title: "Sprint Hobart", at: "2025-01-11T09:00:00Z", by: "alice" },
    },
  );
  const standards = repo("standards");
  standards.milestones = [gothenburg];
  standards.issues.push({
    number: 5,
    title: "Document the flavor naming",
    author: "bob",
    state: "closed",
    created_at: "2024-12-28T09:00:00Z",
    closed_at: "2025-01-10T16:00:00Z",
    milestone: { title: "Sprint Gothenburg", at: "2024-12-28T09:00:00Z", by: "bob" },
  });
  return world as World;
}

/**
 * A simulator on the action world for the tests of one file: started once, reset before each
 * test, and after each test no contract violation (no request GitHub would refuse). The value
 * stands for the running simulator (it is started in `beforeAll`). `world` builds another world
 * (the action world with changes, say) for the same lifecycle.
 */
export function useActionWorld(world: () => World = actionWorld): Simulator {
  let sim: Simulator | undefined;
  beforeAll(async () => {
    sim = await startSimulator({ world: world() });
  });
  afterAll(() => sim?.close());
  beforeEach(() => sim!.reset());
  afterEach(() => {
    expect(violationText(sim!)).toEqual([]);
  });
  return new Proxy({} as Simulator, {
    get(_target, property) {
      if (!sim) throw new Error("the simulator starts in beforeAll: use it inside a test");
      const value: unknown = Reflect.get(sim, property);
      return typeof value === "function" ? value.bind(sim) : value;
    },
  });
}

/** The configuration the tests use (the example's, with a 1-hour IaaS meeting and what the Action needs). */
export const CONFIG = `
repository: meetings
meetings:
${teamIaas({ duration: "1h", label: "agenda/iaas", more: ['    recurring: ["Anything to add to the agenda?"]', "    roles: { minutes: [alice, bob] }", "    open-ahead: 3d"] })}
  meetup-2025:
    title: Team Meetup 2025
    event: { from: 2025-02-03, to: 2025-02-14, weekdays: true, start: "09:00", timezone: UTC, daily-budget: 2h30m }
    label: meetup-topic
backlog:
  label: idea
  title: Idea Backlog
  path: docs/backlog.md
sprints:
  milestones: true
  repository: infra
`;

/** A loaded configuration from YAML text, as the Action's runner hands it over (home: the org's .github). */
export function loadedConfig(text: string = CONFIG): LoadedConfig {
  const result = parseConfigText(text);
  if (!result.ok) throw new Error(`test config: ${JSON.stringify(result.problems)}`);
  const home = { owner: "sovereign", repo: ".github" };
  return { config: result.config, home, scope: scopeFor(home, "Organization") };
}

/** A job context on the simulator with a token, at `now`. */
export function jobContext(sim: Simulator, now: string, o: { token?: string; dryRun?: boolean; writeBudget?: number } = {}): JobContext {
  const gateway = new GitHubGateway(octokitFor(sim, o.token ?? ORG_TOKEN) as unknown as OctokitLike, {
    dryRun: o.dryRun ?? false,
    writeBudget: o.writeBudget ?? 100,
  });
  return { gateway, log: silentLogger, now: new Date(now) };
}

/** The issue a command comment was posted in, as the app's handlers get it (`/agenda`, `/cancel`, `/now`). */
export function commandTarget(issue: Issue) {
  return {
    repo: { owner: issue.repo.owner.login, repo: issue.repo.name },
    issueNumber: issue.number,
    labels: issue.labels.map((l) => l.name),
    title: issue.title,
    body: issue.body ?? "",
  };
}

/** Requests since `seq` that changed something (GitHub's content-creating requests). */
export function writesSince(sim: Simulator, seq = 0): string[] {
  return sim.log.filter((e) => e.seq > seq && e.contentCreating).map((e) => `${e.method} ${e.path}`);
}

export function lastSeq(sim: Simulator): number {
  return sim.log.at(-1)?.seq ?? 0;
}

/** A pad service that creates "pad-1" and records each new pad's text in `created`. */
export function recordingPads(created: string[]): PadClient {
  return {
    async create(_config, input) {
      created.push(input.markdown);
      return { kind: "hedgedoc", id: "pad-1", url: "https://pad.example.org/pad-1" };
    },
    async read() {
      return "";
    },
  };
}
