/**
 * The demo world's meetings site, built the way a workflow builds it: the example community
 * (examples/worlds/community.yml, the world `npm run demo` plays) on the local GitHub, with what
 * the site should show left in it, then the Action's `site` command (its config loader and
 * runner) writing the files into a directory. The browser tests open that directory.
 *
 * What the world holds besides the example's (at NOW, Wednesday 8 January 2025):
 * - the demo's Community Summit (test/sim/demo-summit.ts) with its five proposals, a joint session
 *   among them, and the "Happening now" section carol's `/now` would leave;
 * - Team IaaS: the topics of the example on the next agenda (13 January), one topic in a PRIVATE
 *   repository (`PRIVATE_TOPIC`: it must never appear on the site), the meeting of 27 January
 *   cancelled, and a past meeting (30 December 2024) with its minutes published at
 *   minutes/2024-12-30.md (a table, a task list, code);
 * - the meetup's workshop proposal and the idea backlog, as in the example.
 *
 * Times for the browser tests: Team IaaS meets at 14:00 Europe/Berlin = 13:00 UTC all winter; a
 * reader in America/New_York sees 08:00 on 13 January and 09:00 on 10 March (US daylight saving
 * starts 9 March 2025), a reader in Europe/Berlin 14:00 on both.
 */
import { mkdir } from "node:fs/promises";
import { loadActionConfig } from "../../src/action/config.js";
import { asOctokitLike, createOctokit } from "../../src/action/octokit.js";
import { runActionCommand, type ActionReport } from "../../src/action/run.js";
import { GitHubGateway, silentLogger } from "../../src/github/gateway.js";
import { meetingIdentityComment } from "../../src/render/agenda.js";
import { beginMarker, endMarker } from "../../src/render/markers.js";
import { NOW_SECTION } from "../../src/render/now.js";
import { frozenCommunityWorld, violationText } from "../sim/helpers.js";
import { SUMMIT, SUMMIT_PROPOSALS } from "../sim/demo-summit.js";
import { startSimulator, type Simulator } from "../sim/server.js";
import type { World } from "../sim/world.js";

export const NOW = "2025-01-08T09:00:00Z";
export const SITE_TOKEN = "ghs_site_token_org_0001";
/** A topic on Team IaaS's agenda in a private repository: the meeting's readers may not read it, nor may the site's. */
export const PRIVATE_TOPIC = "Negotiate the private hosting contract";
export const PAST_MINUTES_DATE = "2024-12-30";
export const PAST_MINUTES = `# Team IaaS — 30 December 2024

Present: alice, bob, carol

## Decisions

| Topic | Decision |
| --- | --- |
| Flavor naming | Version 4 is the standard from February |
| Image builds | Nightly, on the reference stack |

## Action items

- [x] @bob publishes the flavor standard
- [ ] @dave automates the image builds

\`\`\`sh
openstack flavor list --long
\`\`\`
`;

type Loose = Record<string, any>;

/** The example world with what the site should show (see the header). */
export function siteWorld(): World {
  const world = frozenCommunityWorld(SITE_TOKEN, { issues: "read", contents: "read", organization_projects: "read", metadata: "read" });
  const repos = world.orgs[0].repos as Loose[];
  const repo = (name: string) => repos.find((r) => r.name === name)!;
  const config = repo(".github").files[".github/docket.yml"] as string;
  repo(".github").files[".github/docket.yml"] = config.replace("backlog:\n", `${SUMMIT}backlog:\n`);

  const meetings = repo("meetings");
  meetings.files["minutes/2024-12-30.md"] = PAST_MINUTES;
  meetings.labels.push({ name: "docket/summit", color: "5319e7" });
  const meetingIssue = (number: number, date: string, state: Loose) => ({
    number,
    title: `Team IaaS — ${date}`,
    author: "alice",
    body: `${meetingIdentityComment({ series: "iaas", date })}\n# Team IaaS — ${date}`,
    created_at: "2024-12-16T14:00:00Z",
    labels: [{ name: "docket/iaas", at: "2024-12-16T14:00:00Z", by: "alice" }],
    ...state,
  });
  meetings.issues.push(
    meetingIssue(10, PAST_MINUTES_DATE, { state: "closed", state_reason: "completed", closed_at: "2024-12-30T13:40:00Z" }),
    meetingIssue(11, "2025-01-27", { state: "closed", state_reason: "not_planned", closed_at: "2025-01-06T09:00:00Z" }),
  );

  const infra = repo("infra");
  infra.labels.push(...["iaas", "k8s", "docs"].map((t) => ({ name: `summit/${t}`, color: "1d76db" })));
  for (const [i, [title, tracks]] of SUMMIT_PROPOSALS.entries())
    infra.issues.push({
      number: 20 + i,
      title,
      author: "bob",
      created_at: `2025-01-07T1${i}:00:00Z`,
      labels: tracks.map((t) => ({ name: `summit/${t}`, at: `2025-01-07T1${i}:00:00Z`, by: "bob" })),
    });
  const joint = 20 + SUMMIT_PROPOSALS.findIndex(([, tracks]) => tracks.length > 1);
  // The summit's event issue with the "Happening now" section carol's `/now iaas` leaves (the next agenda run fills in the rest).
  meetings.issues.push({
    number: 12,
    title: "Community Summit 2025 — 2025-03-10",
    author: "alice",
    body: [
      meetingIdentityComment({ series: "summit", date: "2025-03-10" }),
      "# Community Summit 2025",
      beginMarker(NOW_SECTION),
      `### Happening now\n\n- **IaaS** (Room A): sovereign/infra#${joint} Cluster API on our IaaS`,
      endMarker(NOW_SECTION),
    ].join("\n"),
    created_at: "2025-01-07T18:00:00Z",
    labels: [{ name: "docket/summit", at: "2025-01-07T18:00:00Z", by: "alice" }],
  });

  repos.push({
    name: "private-plans",
    visibility: "private",
    labels: [{ name: "agenda/iaas", color: "0e8a16" }],
    issues: [
      {
        number: 1,
        title: PRIVATE_TOPIC,
        author: "alice",
        created_at: "2025-01-02T09:00:00Z",
        labels: [{ name: "agenda/iaas", at: "2025-01-02T09:00:00Z", by: "alice" }],
      },
    ],
  });
  return world as World;
}

/**
 * Starts the local GitHub with the demo world, runs the Action's `site` command into `dir` and
 * stops it again. Throws when the command reports problems, wrote to GitHub or sent a request
 * GitHub would refuse.
 */
export async function buildDemoSite(dir: string, now: string = NOW): Promise<ActionReport> {
  const sim = await startSimulator({ world: siteWorld() });
  try {
    return await runSiteCommand(sim, dir, now);
  } finally {
    await sim.close();
  }
}

/**
 * The Action's `site` command on a running simulator of the demo world, into `dir`, as a workflow
 * runs it: the config loader, the runner, a token that reads the organisation. (The web URLs name
 * the simulator's port: two builds compare byte for byte on one simulator.)
 */
export async function runSiteCommand(sim: Simulator, dir: string, now: string = NOW): Promise<ActionReport> {
  const octokit = createOctokit({ token: SITE_TOKEN, apiUrl: `${sim.url}/api/v3`, graphqlUrl: `${sim.url}/api/graphql`, log: silentLogger });
  const gateway = new GitHubGateway(asOctokitLike(octokit), { dryRun: false, writeBudget: 100, log: silentLogger });
  const repository = { owner: "sovereign", repo: "meetings" };
  const config = await loadActionConfig(gateway, repository, { ownerType: async () => "Organization" });
  if (config.kind !== "ok") throw new Error(`the Action could not load the config: ${JSON.stringify(config)}`);
  await mkdir(dir, { recursive: true });
  const report = await runActionCommand({ gateway, log: silentLogger, now: new Date(now), serverUrl: sim.url }, config.loaded, {
    command: "site",
    siteDir: dir,
  });
  if (report.problems.length > 0) throw new Error(`site: ${report.problems.join("; ")}`);
  const violations = violationText(sim);
  if (violations.length > 0) throw new Error(`requests GitHub would refuse:\n${violations.join("\n")}`);
  if (gateway.writes.length > 0) throw new Error(`the site command wrote to GitHub: ${JSON.stringify(gateway.writes)}`);
  return report;
}
