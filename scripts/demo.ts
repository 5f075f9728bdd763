/**
 * `npm run demo`: Docket at work, offline, with no GitHub account.
 *
 * Starts the local GitHub (test/sim) with the example community
 * (examples/worlds/community.yml), starts the Docket app against it the way
 * it runs against GitHub Enterprise Server, plays a short scripted week of
 * people's actions, and prints what those people would look at: the meeting
 * issue with its agenda and waiting list, the meetup's day-by-day schedule,
 * a comment Docket left, the idea backlog, and a small multi-track gathering
 * (docs/gatherings.md: its event issue's schedule and waiting lists, and the
 * "Happening now" section after a track chair's `/now`). Then the meeting is held and
 * closed, and the Action's own code (the config loader and the `minutes` and
 * `calendar` commands, with an app installation token as
 * actions/create-github-app-token would mint) publishes the minutes and the
 * iCalendar file, which it prints too. Then it stops everything and says how
 * long it took. Docket's hidden state (`<!-- docket… -->` comments) is left out
 * of what it prints: GitHub does not show it either.
 * Exits 1 if the app or the Action sent any request GitHub would refuse.
 */
import { fileURLToPath } from "node:url";
import { Probot, Server } from "probot";
import { loadActionConfig } from "../src/action/config.js";
import { asOctokitLike, createOctokit } from "../src/action/octokit.js";
import { createDocket, optionsFromEnv, type Docket } from "../src/app.js";
import { DocketOctokit } from "../src/app/octokit.js";
import { throttleOptions } from "../src/github/throttle.js";
import { GitHubGateway, silentLogger } from "../src/github/gateway.js";
import { readSection } from "../src/render/markers.js";
import { runActionCommand } from "../src/action/run.js";
import type { ActionCommand } from "../src/workflows/action-job.js";
import { testPrivateKey } from "../test/fixtures/keys.js";
import { freePort } from "../test/helpers/net.js";
import { APP_ID, installationToken } from "../test/sim/helpers.js";
import { SUMMIT, SUMMIT_PROPOSALS } from "../test/sim/demo-summit.js";
import { startSimulator, type Simulator } from "../test/sim/server.js";

const WORLD = fileURLToPath(new URL("../examples/worlds/community.yml", import.meta.url));
const SECRET = "demo-webhook-secret";
const NOW = "2025-01-08T09:00:00Z"; // the world's Wednesday; the next odd-week Monday is 13 January

/** Hidden HTML comments Docket keeps its state and markers in: GitHub does not show them, so neither does the demo. */
const hidden = (text: string) => text.replace(/[ \t]*<!--\s*docket[\s\S]*?-->[ \t]*(\r?\n)?/g, "");
const out = (text = "") => process.stdout.write(`${hidden(text)}\n`);
const rule = (title: string) => out(`\n${"=".repeat(78)}\n${title}\n${"=".repeat(78)}\n`);

/**
 * Docket's Octokit at the end-to-end tests' pace: writes 50 ms apart (comments 150 ms) instead of
 * GitHub's 1 s (3 s). The local GitHub needs no pacing, and at GitHub's the demo took 27 s instead of
 * 12. DOCKET_WRITE_SPACING_MS, if set, wins (src/app/octokit.ts); the Action's part keeps GitHub's pace.
 */
const DemoOctokit = DocketOctokit.defaults((options: Record<string, unknown>) => ({
  ...options,
  throttle: { ...(options.throttle as object | undefined), ...throttleOptions({ writeSpacingMs: 50 }) },
}));

async function main(): Promise<number> {
  const started = performance.now();
  const privateKey = testPrivateKey();
  // The demo prints what people see; the app's own log only when something goes wrong.
  const log = (await new Probot({ appId: APP_ID, privateKey, logLevel: "warn" }).ready()).log;
  const sim = await startSimulator({ world: WORLD, app: { id: APP_ID, privateKeyPem: privateKey } });

  // The app, as `npm start` runs it, pointed at the simulator like a GitHub Enterprise Server.
  process.env.DOCKET_NOW ??= NOW;
  process.env.DOCKET_DEBOUNCE_MS ??= "100";
  let docket: Docket | undefined;
  const server = new Server({
    // Docket's Octokit, as `npm start` uses (src/server.ts): only writes are spaced, reads (GraphQL POSTs too) go out at once.
    Probot: Probot.defaults({ appId: APP_ID, privateKey, secret: SECRET, baseUrl: `${sim.url}/api/v3`, logLevel: "warn", Octokit: DemoOctokit }),
    port: await freePort(),
    log,
    host: "127.0.0.1",
    loggingOptions: { autoLogging: false },
  } as ConstructorParameters<typeof Server>[0]);
  await server.load((app) => {
    docket = createDocket(app, optionsFromEnv());
  });
  const http = await server.start();
  const address = http.address();
  const port = typeof address === "object" && address ? address.port : 0;
  sim.setWebhook(`http://127.0.0.1:${port}/api/github/webhooks`, SECRET);

  const settle = async () => {
    for (let calm = 0; calm < 2; ) {
      await sim.settled();
      const before = sim.deliveries().length;
      await docket!.idle();
      calm = sim.deliveries().length === before ? calm + 1 : 0;
    }
  };
  const act = async (line: string, a: Parameters<Simulator["act"]>[0]) => {
    out(`  • ${line}`);
    await sim.act(a);
    await settle();
  };

  try {
    rule("A week in the Sovereign Cloud Community (simulated GitHub, Docket app running)");
    out("Monday");
    await act("bob labels sovereign/infra#4 “Disk usage alerts fire too often” with agenda/iaas", {
      as: "bob",
      action: "label",
      repo: "sovereign/infra",
      number: 4,
      label: "agenda/iaas",
    });
    out("Tuesday");
    const opened = await sim.act({
      as: "carol",
      action: "open",
      repo: "sovereign/standards",
      title: "Clarify the SBOM format",
      body: "Which SBOM format do we require?",
    });
    await settle();
    await act("carol opens standards issue and proposes it herself: /agenda iaas 5m", {
      as: "carol",
      action: "comment",
      repo: "sovereign/standards",
      number: opened.issue!.number,
      body: "I'd like to discuss this.\n/agenda iaas 5m",
    });
    await act("carol tries /agenda on someone else's pull request (she has no triage permission)", {
      as: "carol",
      action: "comment",
      repo: "sovereign/infra",
      number: 2,
      body: "/agenda iaas",
    });
    out("Wednesday — meetup proposals pour in (2–14 February, 2h30m a day)");
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
      "Storage performance tuning",
      "Operator onboarding",
    ];
    for (const title of workshops) await sim.act({ as: "bob", action: "open", repo: "sovereign/infra", title, labels: ["meetup-topic", "time/2h"] });
    await settle();
    out(`  • bob opens ${workshops.length} two-hour workshop proposals labelled meetup-topic`);
    out("Thursday");
    await act("alice closes sovereign/standards#1 (the flavor standard was decided on the mailing list)", {
      as: "alice",
      action: "close",
      repo: "sovereign/standards",
      number: 1,
    });
    out("Friday");
    await act("bob labels sovereign/infra#4 as an idea, too", { as: "bob", action: "label", repo: "sovereign/infra", number: 4, label: "idea" });
    // Proposals for the Community Summit (10–11 March), labelled for its tracks before the summit is configured.
    for (const [title, tracks] of SUMMIT_PROPOSALS) {
      await sim.act({ as: "bob", action: "open", repo: "sovereign/infra", title, labels: tracks.map((t) => `summit/${t}`) });
      out(`  • bob opens “${title}” for the summit, labelled ${tracks.map((t) => `summit/${t}`).join(" and ")}`);
    }
    const config = sim.state.headCommit(sim.state.repo("sovereign", ".github")!).files.get(".github/docket.yml")!.text;
    await act(
      "alice edits .github/docket.yml: the backlog collects the ideas on the “Community planning” board too (backlog.board), and the summit gets three tracks (event.tracks; carol chairs IaaS)",
      {
        as: "alice",
        action: "push-file",
        repo: "sovereign/.github",
        path: ".github/docket.yml",
        text: config
          .replace("  title: Idea Backlog\n", "  title: Idea Backlog\n  board: { owner: sovereign, number: 1 }\n")
          .replace("backlog:\n", `${SUMMIT}backlog:\n`),
      },
    );
    await act("bob adds a draft “Mentoring for new maintainers” to the board as an Idea", {
      as: "bob",
      action: "board-add",
      board: "sovereign/1",
      draft: { title: "Mentoring for new maintainers" },
      values: { Status: "Idea" },
    });

    const meetings = sim.state.repo("sovereign", "meetings")!;
    const fileIn = (repo: typeof meetings, path: string) => sim.state.headCommit(repo).files.get(path)?.text ?? `(no file ${path})`;
    const issues = (label: string) =>
      sim.state
        .allIssues()
        .filter((i) => i.repo === meetings && i.labels.some((l) => l.name === label))
        .sort((a, b) => a.number - b.number);
    for (const meeting of [...issues("docket/iaas"), ...issues("docket/meetup-2025")]) {
      rule(`sovereign/meetings#${meeting.number}: ${meeting.title}`);
      out(meeting.body ?? "");
    }
    const infra = sim.state.repo("sovereign", "infra")!;
    const promoted = sim.state.issue(infra, 1);
    const comment = promoted?.comments.find((c) => c.body.includes("moved up from the waiting list"));
    if (comment) {
      rule(`Docket's comment on sovereign/infra#1 (${promoted!.title})`);
      out(comment.body);
    }
    const refused = sim.state.issue(infra, 2)?.comments.at(-1);
    if (refused) {
      rule("Docket's reply to carol on sovereign/infra#2");
      out(refused.body);
    }
    for (const backlog of issues("docket/backlog")) {
      rule(`sovereign/meetings#${backlog.number}: ${backlog.title}${backlog.pinned ? " (pinned)" : ""}`);
      out(backlog.body ?? "");
    }

    // A gathering: three tracks in parallel rooms over two days, a joint session, a waiting topic.
    rule("The Community Summit, 10–11 March: three tracks in parallel rooms, a joint session, one topic waiting");
    const [summit] = issues("docket/summit");
    if (!summit) throw new Error("the app opened no Community Summit event issue");
    const joint = [...infra.issues.values()].find((i) => i.title === "Cluster API on our IaaS")!;
    await act(`carol, who chairs the IaaS track, comments on sovereign/meetings#${summit.number}: /now iaas sovereign/infra#${joint.number}`, {
      as: "carol",
      action: "comment",
      repo: "sovereign/meetings",
      number: summit.number,
      body: `/now iaas sovereign/infra#${joint.number}`,
    });
    const summitBody = sim.state.issue(meetings, summit.number)!.body ?? "";
    rule(`sovereign/meetings#${summit.number}: ${summit.title} — the schedule and the waiting lists`);
    out([readSection(summitBody, "agenda"), readSection(summitBody, "waiting-list")].join("\n\n"));
    rule(`sovereign/meetings#${summit.number} after carol's /now: the Happening now section`);
    out(readSection(summitBody, "now") ?? "(no Happening now section)");

    // The meeting of 13 January: people record it in comments, alice closes the issue.
    const [meeting] = issues("docket/iaas");
    if (!meeting) throw new Error("the app opened no Team IaaS meeting issue");
    rule(`Monday 13 January, 14:00 Berlin: the meeting (comments on sovereign/meetings#${meeting.number})`);
    sim.setClock({ now: "2025-01-13T13:02:00Z" });
    const say = (as: string, body: string) =>
      act(`${as}: ${body.replace(/\n/g, " ⏎ ")}`, { as, action: "comment", repo: "sovereign/meetings", number: meeting.number, body });
    await say("alice", "/here");
    await say("bob", "/here @carol\n/note #1 Three new contributors introduced themselves; welcome!");
    await say(
      "carol",
      `/decision sovereign/standards#${opened.issue!.number} We require SPDX 2.3 SBOMs.\n/action @bob sovereign/standards#${opened.issue!.number} Write the decision record`,
    );
    await say("alice", "AI @alice: send the summary to the mailing list");
    sim.setClock({ now: "2025-01-13T13:35:00Z" });
    await act(`alice closes sovereign/meetings#${meeting.number}`, { as: "alice", action: "close", repo: "sovereign/meetings", number: meeting.number });

    // The Action, as a workflow on `issues: closed` runs it: same loader, same commands, an installation token.
    const action = await actionRunner(sim);
    const minutes = await action("minutes", "2025-01-13T15:00:00Z", { issue: { owner: "sovereign", repo: "meetings", number: meeting.number } });
    rule(`The Action's minutes, committed to sovereign/meetings: ${minutes.outputs.path}`);
    out(fileIn(meetings, minutes.outputs.path!));
    const calendar = await action("calendar", "2025-01-13T15:00:00Z");
    rule(`The Action's calendar to subscribe to, committed to sovereign/meetings: ${calendar.outputs.path} (${calendar.outputs.events} events)`);
    out(fileIn(meetings, calendar.outputs.path!).replace(/\r\n/g, "\n").trimEnd());

    rule("Checked against GitHub's published descriptions");
    const stats = sim.stats();
    out(
      `${stats.requests} API requests from the app and the Action, ${sim.deliveries().length} webhooks delivered, ${sim.violations.length} contract violations.`,
    );
    if (sim.violations.length > 0) {
      for (const v of sim.violations) out(`  - ${JSON.stringify(v)}`);
      return 1;
    }
    out(`\nDone in ${Math.round((performance.now() - started) / 1000)} s.`);
    return 0;
  } finally {
    await server.stop();
    await sim.close();
  }
}

/**
 * Runs Action commands as the Action's runner does (src/action/run.ts): its Octokit, the gateway, the
 * config loader, `runActionCommand`; with an installation token of the app (the demo's app key is the tests' key).
 */
async function actionRunner(sim: Simulator) {
  const token = await installationToken(sim);
  const repository = { owner: "sovereign", repo: "meetings" };
  return async (command: ActionCommand, now: string, extra: { issue?: { owner: string; repo: string; number: number } } = {}) => {
    const octokit = createOctokit({ token, apiUrl: `${sim.url}/api/v3`, graphqlUrl: `${sim.url}/api/graphql`, log: silentLogger });
    const gateway = new GitHubGateway(asOctokitLike(octokit), { dryRun: false, writeBudget: 100, log: silentLogger });
    const config = await loadActionConfig(gateway, repository, { ownerType: async () => "Organization" });
    if (config.kind !== "ok") throw new Error(`the Action could not load the config: ${JSON.stringify(config)}`);
    const result = await runActionCommand({ gateway, log: silentLogger, now: new Date(now) }, config.loaded, { command, ...extra });
    if (result.problems.length > 0) throw new Error(`${command}: ${result.problems.join("; ")}`);
    return result;
  };
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
