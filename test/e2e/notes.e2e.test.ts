/**
 * Notes where people take them, through the Action's bundle (built from the current sources) on the
 * local GitHub and the HedgeDoc stand-in: `open-next` opens the meeting issue with a notes area and
 * a pad; a person types into the notes area (in the browser: CRLF); a topic joins later and
 * `agenda` adds its heading without touching what was typed, and no second pad; during the meeting
 * people comment and type into the pad; `minutes` publishes all of it under the right topics.
 */
import { afterAll, beforeAll, expect, it } from "vitest";
import { readSection } from "../../src/render/markers.js";
import { SimClient } from "../sim/client.js";
import { startTestSimulator, violationText } from "../sim/helpers.js";
import { startPadStandIns, type PadStandIns } from "../sim/pads.js";
import type { Simulator } from "../sim/server.js";
import { currentBundle, closedIssueEvent, openNext, openTopic, pushConfig, REPOSITORY, runAction, VALID_CONFIG } from "./action-harness.js";

let sim: Simulator;
let pads: PadStandIns;

beforeAll(async () => {
  [sim, pads] = await Promise.all([startTestSimulator({ urls: "local" }), startPadStandIns()]);
}, 180_000);

afterAll(async () => {
  await sim?.close();
  await pads?.close();
});

it("publishes minutes from comments, the issue's notes area and the pad, each line under its topic", async () => {
  const gh = new SimClient(sim.url);
  const config = VALID_CONFIG.replace("duration: 30m", "duration: 1h").replace(
    "roles: { minutes: [alice, bob] }",
    `roles: { minutes: [alice, bob] }\n    notes: { pad: hedgedoc, url: "${pads.hedgedocUrl}" }`,
  );
  await pushConfig(sim, config);
  const releases = await openTopic(sim, "Plan the spring release");
  const flavors = await openTopic(sim, "Flavor naming v4");

  // The meeting opens: a notes area with a heading per recurring item and topic, and a pad linked.
  const number = await openNext(sim);
  const first = await gh.issue("sovereign", "meetings", number);
  expect(readSection(first.body, "notes")).toBe(
    `### Anything to add to the agenda?\n\n### #1 Welcome new contributors in the community call\n\n### #${releases} Plan the spring release\n\n### #${flavors} Flavor naming v4`,
  );
  expect(pads.notes.hedgedoc.size).toBe(1);
  const [padId, pad] = [...pads.notes.hedgedoc.entries()][0]!;
  expect(readSection(first.body, "pad")).toContain(`(${pads.hedgedocUrl}/${padId})`);
  expect(pad.content).toContain(`### #${flavors} Flavor naming v4`);
  expect(pad.content).toContain(`[the meeting issue](${sim.url}/sovereign/meetings/issues/${number})`);

  // Before the meeting, a person types under a topic's heading in the browser (which sends CRLF).
  const typed = `### #${flavors} Flavor naming v4\r\nThe v3 names stay readable:\r\n  - as aliases  \r\nDecision: aliases for one year\r\n`;
  const edited = (first.body ?? "").replace(/\n/g, "\r\n").replace(`### #${flavors} Flavor naming v4\r\n`, typed);
  // (Editing the body of an issue someone else opened takes the write role on GitHub: alice has it.)
  await sim.act({ as: "alice", action: "edit", repo: REPOSITORY, number, body: edited });

  // A topic joins later: its heading is added; what was typed stays; still one pad.
  const docs = await openTopic(sim, "Onboarding guide");
  const rebuilt = await runAction(sim, { command: "agenda", bundle: currentBundle(), env: { DOCKET_NOW: "2025-01-10T09:00:00Z" } });
  expect(rebuilt.code).toBe(0);
  const after = (await gh.issue("sovereign", "meetings", number)).body;
  expect(after).toContain(`${typed}<!-- docket:end notes -->`.replace("<!--", `\r\n### #${docs} Onboarding guide\r\n<!--`));
  expect(pads.notes.hedgedoc.size).toBe(1);

  // The meeting: comments, and the pad.
  const say = async (time: string, as: string, body: string) => {
    sim.setClock({ now: `2025-01-13T${time}:00Z`, frozen: true });
    await sim.act({ as, action: "comment", repo: REPOSITORY, number, body });
  };
  await say("12:58", "alice", "/here @erin");
  await say("13:05", "carol", `/decision #${flavors} Publish the mapping table`);
  await say("13:12", "dave", `/note #${releases} The freeze date moved`);
  pads.write(
    "hedgedoc",
    padId,
    pad.content
      .replace("Participants: ", "Participants: @alice, @frank")
      .replace("### Anything to add to the agenda?\n", "### Anything to add to the agenda?\n@grace adds the CVE triage\n")
      .replace(
        `### #${releases} Plan the spring release\n`,
        `### #${releases} Plan the spring release\nFreeze on 1 March\n- AI @alice, @bob: write the release notes\n/decsion typo here\n`,
      ),
  );

  const minutes = await runAction(sim, { command: "minutes", bundle: currentBundle(), event: await closedIssueEvent(sim, number) });
  expect(minutes.code).toBe(0);
  expect(minutes.outputs).toMatchObject({ decisions: "2", "action-items": "1", unparsed: "1", "carried-over": "2" });
  expect(minutes.annotations.filter((a) => a.level === "warning").map((a) => a.message)).toEqual([
    `${pads.hedgedocUrl}/${padId} (pad, line 18): /decsion is not a command Docket knows; kept as written under Other`,
  ]);
  const file = (await gh.file("sovereign", "meetings", "minutes/2025-01-13.md"))!;
  const url = (n: number) => `${sim.url}/sovereign/meetings/issues/${n}`;
  expect(file).toBe(`# Team IaaS — 2025-01-13

- Date: Monday, 13 January 2025
- Meeting issue: [sovereign/meetings#${number}](${url(number)})
- Participants: @alice, @carol, @dave, @erin, @frank
- Minutes: @bob

## Recurring items

- Anything to add to the agenda?
  - @grace adds the CVE triage

## Topics

### [sovereign/meetings#1 Welcome new contributors in the community call](${url(1)})

_Not discussed; carried over to the next meeting._

### [sovereign/meetings#${releases} Plan the spring release](${url(releases)})

- The freeze date moved
- Freeze on 1 March
- AI @alice, @bob: write the release notes

### [sovereign/meetings#${flavors} Flavor naming v4](${url(flavors)})

- **Decision:** Publish the mapping table
- The v3 names stay readable:
  - as aliases
- **Decision:** aliases for one year

### [sovereign/meetings#${docs} Onboarding guide](${url(docs)})

_Not discussed; carried over to the next meeting._

## Other

- /decsion typo here

## Decisions

- Publish the mapping table (sovereign/meetings#${flavors})
- aliases for one year (sovereign/meetings#${flavors})

## Action items

- AI @alice, @bob: write the release notes (sovereign/meetings#${releases})

## Carried over to the next meeting

- [sovereign/meetings#1 Welcome new contributors in the community call](${url(1)})
- [sovereign/meetings#${docs} Onboarding guide](${url(docs)})
`);
  expect(pads.log.filter((r) => r.method === "POST")).toHaveLength(1);
  expect(violationText(sim)).toEqual([]);
}, 180_000);
