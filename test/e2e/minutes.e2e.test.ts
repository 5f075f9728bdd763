/**
 * A real team meeting replayed on the local GitHub, its minutes written by the Action's bundle
 * (built from the current sources into a temporary directory) as GitHub's runner runs it:
 * 8 participants, 4 topics, every convention people write (`Decision:`, `**Decision:**`,
 * `/decision:`, `AI @a, @b, ...`, `/action @a @b`), lines without #ref attributed by `/topic`,
 * `/next` and the agenda's time slots, a role override, an answer to a recurring item, and a
 * stray command-like line that is kept, warned about and counted.
 */
import { afterAll, beforeAll, expect, it } from "vitest";
import { SimClient } from "../sim/client.js";
import { startTestSimulator, violationText } from "../sim/helpers.js";
import type { Simulator } from "../sim/server.js";
import { currentBundle, closedIssueEvent, openNext, openTopic, pushConfig, REPOSITORY, runAction, VALID_CONFIG } from "./action-harness.js";

let sim: Simulator;

beforeAll(async () => {
  sim = await startTestSimulator({ urls: "local" });
}, 180_000);

afterAll(async () => {
  await sim?.close();
});

const CONFIG = VALID_CONFIG.replace("duration: 30m", "duration: 1h")
  .replace('recurring: ["Anything to add to the agenda?"]', 'recurring: ["Who presents in the community call?"]')
  .replace("roles: { minutes: [alice, bob] }", "roles: { minutes: [alice, bob] }\n    minutes: { follow-up-issues: true }");

it("writes the minutes of a real meeting as people wrote them, with follow-ups for every owner", async () => {
  const gh = new SimClient(sim.url);
  await pushConfig(sim, CONFIG);
  const releases = await openTopic(sim, "Plan the spring release");
  const flavors = await openTopic(sim, "Flavor naming v4");
  const docs = await openTopic(sim, "Onboarding guide");

  const number = await openNext(sim);
  // 14:00 Europe/Berlin is 13:00 UTC; four topics of 10 minutes each: #1 13:00, releases 13:10, flavors 13:20, docs 13:30.
  const say = async (time: string, as: string, body: string) => {
    sim.setClock({ now: `2025-01-13T${time}:00Z`, frozen: true });
    await sim.act({ as, action: "comment", repo: REPOSITORY, number, body });
  };
  await say("12:58", "alice", "/here @erin @frank @grace @heidi\n/role minutes @dave");
  await say("13:02", "carol", '/item "Who presents" @carol presents the release plan');
  await say("13:04", "bob", "Decision: Welcome round at every call\n  - newcomers may pass");
  await say("13:11", "dave", `/decision: #${flavors} Keep the v3 names as aliases for a year`);
  await say(
    "13:12",
    "alice",
    "Release notes:\n- AI @alice, @bob, ... to write this down\n- **Decision:** Freeze on 1 March\n  - unless the CVE fix slips, then 8 March",
  );
  await say(
    "13:19",
    "alice",
    `/topic #${docs}\nThe guide lives in the docs repo:\n/note the draft is at [docs#4](https://github.com/sovereign/docs/pull/4)\n  \`\`\`\n  make docs\n  \`\`\``,
  );
  await say("13:20", "bob", "/action @alice @bob write the screenshots section");
  await say("13:21", "carol", "/decsion Ship it");

  const minutes = await runAction(sim, { command: "minutes", bundle: currentBundle(), event: await closedIssueEvent(sim, number) });
  expect(minutes.code).toBe(0);
  expect(minutes.outputs).toMatchObject({ topics: "4", decisions: "3", "action-items": "2", "carried-over": "0", unparsed: "1" });
  const warnings = minutes.annotations.filter((a) => a.level === "warning").map((a) => a.message);
  expect(warnings).toEqual([
    expect.stringMatching(/\/issues\/\d+#issuecomment-\d+ \(@carol, line 1\): \/decsion is not a command Docket knows; kept as written under Other$/),
  ]);
  expect(minutes.summary).toContain("### Warnings");
  expect(minutes.summary).toContain("/decsion is not a command Docket knows");

  const file = (await gh.file("sovereign", "meetings", "minutes/2025-01-13.md"))!;
  expect(file).toBe(expectedMinutes(sim.url, number, { releases, flavors, docs }));

  const followUps = (await gh.issues("sovereign", "meetings", { label: "docket/follow-up" })).map((i) => [
    i.title,
    [...sim.state.repo("sovereign", "meetings")!.issues.get(i.number)!.assignees].sort(),
  ]);
  expect(followUps.sort()).toEqual([
    ["to write this down", ["alice", "bob"]],
    ["write the screenshots section", ["alice", "bob"]],
  ]);
  expect(violationText(sim)).toEqual([]);
}, 120_000);

/** The minutes file, byte for byte: a committed file, so no mention guards, no escaping Markdown does not need, and links as written. */
function expectedMinutes(url: string, meeting: number, n: { releases: number; flavors: number; docs: number }): string {
  return `# Team IaaS — 2025-01-13

- Date: Monday, 13 January 2025
- Meeting issue: [sovereign/meetings#${meeting}](${url}/sovereign/meetings/issues/${meeting})
- Participants: @alice, @bob, @carol, @dave, @erin, @frank, @grace, @heidi
- Minutes: @dave

## Recurring items

- Who presents in the community call?
  - @carol presents the release plan

## Topics

### [sovereign/meetings#1 Welcome new contributors in the community call](${url}/sovereign/meetings/issues/1)

- **Decision:** Welcome round at every call
  - newcomers may pass

### [sovereign/meetings#${n.releases} Plan the spring release](${url}/sovereign/meetings/issues/${n.releases})

- AI @alice, @bob: to write this down
- **Decision:** Freeze on 1 March
  - unless the CVE fix slips, then 8 March

### [sovereign/meetings#${n.flavors} Flavor naming v4](${url}/sovereign/meetings/issues/${n.flavors})

- **Decision:** Keep the v3 names as aliases for a year

### [sovereign/meetings#${n.docs} Onboarding guide](${url}/sovereign/meetings/issues/${n.docs})

- the draft is at [docs#4](https://github.com/sovereign/docs/pull/4)
  \`\`\`
  make docs
  \`\`\`
- AI @alice, @bob: write the screenshots section

## Other

- /decsion Ship it

## Decisions

- Welcome round at every call (sovereign/meetings#1)
- Freeze on 1 March (sovereign/meetings#${n.releases})
- Keep the v3 names as aliases for a year (sovereign/meetings#${n.flavors})

## Action items

- AI @alice, @bob: to write this down (sovereign/meetings#${n.releases})
- AI @alice, @bob: write the screenshots section (sovereign/meetings#${n.docs})
`;
}
