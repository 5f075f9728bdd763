/**
 * `npm run examples`: writes docs/examples/, what Docket produces, exactly as it renders it.
 *
 * Nothing here is written by hand: the example community (examples/worlds/community.yml, with a
 * meetup's proposals and two sprint milestones added below) is loaded into the local GitHub
 * (test/sim) with a frozen clock, and the Action's commands (`agenda`, `minutes`, `sprint-review`,
 * `backlog`, `calendar`) run against it through the same code the Action and the app use. The
 * files are what those commands wrote to the simulated GitHub: issue bodies and committed files.
 * Same input, same clock, same bytes.
 *
 *   npm run examples     # regenerate docs/examples/
 *
 * test/docs/examples.test.ts regenerates them in memory and fails when a committed file is stale.
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { parse as parseYaml } from "yaml";
import { parseConfigText } from "../src/config/load.js";
import { GitHubGateway, silentLogger, type OctokitLike } from "../src/github/gateway.js";
import { scopeFor, type LoadedConfig } from "../src/workflows/context.js";
import { runActionCommand } from "../src/action/run.js";
import type { ActionInputs } from "../src/workflows/action-job.js";
import { COMMUNITY_WORLD, octokitFor } from "../test/sim/helpers.js";
import { startSimulator, type Simulator } from "../test/sim/server.js";
import type { World } from "../test/sim/world.js";

export const EXAMPLES_DIR = fileURLToPath(new URL("../docs/examples/", import.meta.url));

/** The Action's token in the example world: it may do everything in the organisation. */
const TOKEN = "ghs_examples_token_0001";
const MEETINGS = "sovereign/meetings";

/** The configuration of the examples: the community's own, plus the published pages' settings. */
export const EXAMPLES_CONFIG = `repository: meetings
meetings:
  iaas:
    title: Team IaaS
    cadence: biweekly
    weeks: odd
    day: monday
    time: "14:00"
    duration: 30m
    timezone: Europe/Berlin
    label: agenda/iaas
    default-estimate: 10m
    recurring: ["Anything to add to the agenda?"]
    roles: { minutes: [alice, bob] }
  meetup-2025:
    title: Team Meetup 2025
    event: { from: 2025-02-03, to: 2025-02-14, weekdays: true, start: "09:00", timezone: UTC, daily-budget: 2h30m }
    label: meetup-topic
    waiting-list: first-fit
backlog:
  label: idea
  title: Idea Backlog
  path: docs/backlog.md
sprints:
  milestones: true
  repository: infra
`;

type Loose = Record<string, any>;

/** The example community, frozen at its `now`, with what the examples need on top. */
function world(): World {
  const w = parseYaml(readFileSync(COMMUNITY_WORLD, "utf8")) as Loose;
  w.clock = { frozen: true, step_ms: 1000 };
  w.tokens.push({
    token: TOKEN,
    login: "github-actions[bot]",
    repos: ["sovereign/*"],
    permissions: { issues: "write", contents: "write", pull_requests: "write", metadata: "read" },
  });
  const repo = (name: string): Loose => w.orgs[0].repos.find((r: Loose) => r.name === name);
  repo(".github").files[".github/docket.yml"] = EXAMPLES_CONFIG;
  const infra = repo("infra");
  // A meetup with more proposals than days: some wait.
  const workshops = [
    "Ceph deep dive",
    "Kubernetes cluster API workshop",
    "Writing conformance tests",
    "Keystone federation hands-on",
    "Observability with the new stack",
    "Security hardening day",
    "Release engineering walkthrough",
    "Documentation sprint",
    "Hardware lifecycle and firmware",
    "Community governance Q&A",
    "Networking with OVN",
    "Operator onboarding",
  ];
  const next = Math.max(...infra.issues.map((i: Loose) => i.number as number)) + 1;
  workshops.forEach((title, k) => {
    const at = `2025-01-0${5 + Math.floor(k / 6)}T${String(9 + (k % 6)).padStart(2, "0")}:00:00Z`;
    infra.issues.push({
      number: next + k,
      title,
      author: k % 2 ? "dave" : "bob",
      created_at: at,
      labels: [
        { name: "meetup-topic", at, by: "bob" },
        { name: k % 3 ? "time/2h" : "time/1h", at, by: "bob" },
      ],
    });
  });
  // Two sprints as milestones, for the sprint review.
  const gothenburg = {
    title: "Sprint Gothenburg",
    state: "closed",
    due_on: "2025-01-10T08:00:00Z",
    created_at: "2024-12-27T09:00:00Z",
    closed_at: "2025-01-10T16:30:00Z",
  };
  infra.milestones = [gothenburg, { title: "Sprint Hobart", due_on: "2025-01-24T08:00:00Z", created_at: "2025-01-02T09:00:00Z" }];
  const n = next + workshops.length;
  infra.issues.push(
    {
      number: n,
      title: "Automate the image builds",
      author: "dave",
      state: "closed",
      created_at: "2024-12-20T09:00:00Z",
      closed_at: "2025-01-09T12:00:00Z",
      milestone: { title: "Sprint Gothenburg", at: "2024-12-27T10:00:00Z", by: "alice" },
    },
    {
      number: n + 1,
      title: "Rotate the TLS certificates",
      author: "dave",
      created_at: "2024-12-30T08:00:00Z",
      milestone: { title: "Sprint Gothenburg", at: "2024-12-30T09:00:00Z", by: "alice" },
    },
    {
      number: n + 2,
      title: "Add Grafana dashboards",
      author: "dave",
      state: "closed",
      created_at: "2024-12-27T11:00:00Z",
      closed_at: "2025-01-08T15:00:00Z",
      pull_request: { head: "dashboards", merged: true },
      milestone: { title: "Sprint Gothenburg", at: "2024-12-27T11:00:00Z", by: "dave" },
    },
    {
      number: n + 3,
      title: "Upgrade Ceph to Reef",
      author: "dave",
      created_at: "2025-01-06T09:00:00Z",
      milestone: { title: "Sprint Hobart", at: "2025-01-11T09:00:00Z", by: "alice" },
    },
  );
  return w as World;
}

/** Every example file: its name under docs/examples/ and its text. */
export async function renderExamples(): Promise<Map<string, string>> {
  const sim = await startSimulator({ world: world() });
  try {
    return await play(sim);
  } finally {
    await sim.close();
  }
}

async function play(sim: Simulator): Promise<Map<string, string>> {
  const parsed = parseConfigText(EXAMPLES_CONFIG);
  if (!parsed.ok) throw new Error(`the examples' config: ${JSON.stringify(parsed.problems)}`);
  const home = { owner: "sovereign", repo: ".github" };
  const loaded: LoadedConfig = { config: parsed.config, home, scope: scopeFor(home, "Organization") };
  const run = async (now: string, inputs: ActionInputs) => {
    const gateway = new GitHubGateway(octokitFor(sim, TOKEN) as unknown as OctokitLike, { dryRun: false, writeBudget: 200 });
    const result = await runActionCommand({ gateway, log: silentLogger, now: new Date(now) }, loaded, inputs);
    if (result.problems.length > 0) throw new Error(`${inputs.command}: ${result.problems.join("; ")}`);
    return result;
  };
  const repo = (name: string) => sim.state.repo("sovereign", name)!;
  const meetingIssue = (label: string) => [...repo("meetings").issues.values()].find((i) => i.labels.some((l) => l.name === label));
  const file = (name: string, path: string) => sim.state.headCommit(repo(name)).files.get(path)?.text ?? "";
  const files = new Map<string, string>();

  // Wednesday 8 January: the agendas of the next meetings, and the idea backlog.
  await run("2025-01-08T09:00:00Z", { command: "agenda" });
  const iaas = meetingIssue("docket/iaas")!;
  files.set("meeting-issue.md", `${iaas.body ?? ""}`);
  files.set("meetup-issue.md", `${meetingIssue("docket/meetup-2025")?.body ?? ""}`);
  files.set("idea-backlog-issue.md", `${meetingIssue("docket/backlog")?.body ?? ""}`);
  const page = await run("2025-01-08T09:05:00Z", { command: "backlog" });
  files.set("idea-backlog-page.md", file("meetings", page.outputs.path!));

  // Monday 13 January, 14:00 Berlin: the meeting, recorded in comments; alice closes the issue.
  sim.setClock({ now: "2025-01-13T13:02:00Z", frozen: true });
  const say = (as: string, body: string) => sim.act({ as, action: "comment", repo: MEETINGS, number: iaas.number, body });
  await say("alice", "/here");
  await say("bob", "/here @carol\n/note #1 Three new contributors introduced themselves; welcome!");
  await say(
    "carol",
    "/decision sovereign/standards#1 Adopt the v4 flavor naming standard as proposed.\n/action @bob sovereign/standards#1 Write the decision record",
  );
  await say("alice", "AI @alice: send the summary to the mailing list");
  await sim.act({ as: "alice", action: "close", repo: MEETINGS, number: iaas.number });
  const minutes = await run("2025-01-13T15:00:00Z", { command: "minutes", issue: { owner: "sovereign", repo: "meetings", number: iaas.number } });
  files.set("minutes.md", file("meetings", minutes.outputs.path!));

  const review = await run("2025-01-13T15:05:00Z", { command: "sprint-review" });
  files.set("sprint-review.md", file("infra", review.outputs.path!));
  const calendar = await run("2025-01-13T15:10:00Z", { command: "calendar" });
  files.set("calendar.ics", file("meetings", calendar.outputs.path!));
  files.set("README.md", INDEX);
  return new Map([...files].sort(([a], [b]) => a.localeCompare(b)));
}

/** docs/examples/README.md: what each file is and where Docket puts it. */
const INDEX = `<!-- Generated by \`npm run examples\` (scripts/examples.ts). Do not edit by hand. -->

# What Docket writes

Each file here is exactly what Docket wrote for the example community
([\`examples/worlds/community.yml\`](../../examples/worlds/community.yml), a meetup's
proposals and two sprint milestones added), on the local GitHub with a fixed
clock: \`npm run examples\` makes them again, and a test fails when one is out of
date. The configuration is in [scripts/examples.ts](../../scripts/examples.ts)
(\`EXAMPLES_CONFIG\`).

| file | what it is | where Docket puts it |
| --- | --- | --- |
| [meeting-issue.md](meeting-issue.md) | the body of the meeting issue "Team IaaS — 2025-01-13" on 8 January: the agenda with start times and roles, and the waiting list of what did not fit the 30 minutes | an issue in \`sovereign/meetings\`, opened and kept up to date by the app (or the Action's \`agenda\`) |
| [meetup-issue.md](meetup-issue.md) | the meetup "Team Meetup 2025": its day-by-day schedule within 2h30m a day, with a Mermaid chart | the same, for a series with an \`event:\` |
| [idea-backlog-issue.md](idea-backlog-issue.md) | the idea backlog, alphabetical | a pinned issue in \`sovereign/meetings\` |
| [idea-backlog-page.md](idea-backlog-page.md) | the idea backlog as a page | \`backlog.path\`, committed by the Action's \`backlog\` |
| [minutes.md](minutes.md) | the minutes of 13 January, from the comments \`/here\`, \`/here @carol\`, \`/note #1 …\`, \`/decision sovereign/standards#1 …\`, \`/action @bob sovereign/standards#1 …\` and \`AI @alice: …\` | \`minutes/2025-01-13.md\`, committed by the Action's \`minutes\` when the issue is closed |
| [sprint-review.md](sprint-review.md) | the review of Sprint Gothenburg and the plan of Sprint Hobart, from milestones | \`sprints/gothenburg.md\` in \`sovereign/infra\`, by the Action's \`sprint-review\` |
| [calendar.ics](calendar.ics) | the iCalendar file of the series and the meetup, to subscribe to | \`calendar/docket.ics\`, by the Action's \`calendar\` |
| [site-index.png](site-index.png), [site-series.png](site-series.png) | screenshots of the demo community's meetings site (the world \`npm run demo\` plays): its front page and the Team IaaS page, made by \`npm run screenshots\` in headless Chromium | GitHub Pages, by the Action's \`site\` |

The \`<!-- docket… -->\` lines in the issue bodies are Docket's markers and hidden
state: GitHub does not show them, and Docket writes only between its markers.
See [docs/commands.md](../commands.md) for the commands people type.
`;

async function main(): Promise<void> {
  const files = await renderExamples();
  mkdirSync(EXAMPLES_DIR, { recursive: true });
  for (const [name, text] of files) {
    writeFileSync(join(EXAMPLES_DIR, name), text);
    console.log(`wrote docs/examples/${name}`);
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
