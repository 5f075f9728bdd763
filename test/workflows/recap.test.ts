/**
 * The Action's `recap` command (src/workflows/recap.ts) on the local GitHub: a gathering of three
 * tracks whose event issue Docket opened, notes taken in its comments, its notes area, its meeting
 * pad and a session's own pad; after the event, one recap file per gathering — and a rerun that
 * writes nothing.
 */
import { describe, expect, it } from "vitest";
import { PadError, type PadClient } from "../../src/pads/pads.js";
import { padSection } from "../../src/render/notes.js";
import { sessionPadsSection } from "../../src/render/session-pads.js";
import { runActionCommand } from "../../src/action/run.js";
import { CommandError } from "../../src/workflows/action-job.js";
import { syncAgenda } from "../../src/workflows/agenda.js";
import { jobContext, lastSeq, loadedConfig, writesSince } from "./action-world.js";
import { GATHERING_CONFIG, NOW, openTopic, useGatheringWorld } from "./gathering-world.js";

const sim = useGatheringWorld();

const AFTER = "2025-02-06T09:00:00Z";
const CONFIG = GATHERING_CONFIG.replace("    default-estimate: 30m\n", "    default-estimate: 30m\n    notes: { area: true }\n")
  .replace(
    "      daily-budget: 30m\n",
    '      daily-budget: 30m\n      location: Berlin, Room 1-3\n      get-involved: ["Mailing list: ptg@lists.example.org"]\n',
  )
  .replace("{ id: edge, title: Edge, room: Room A }", '{ id: edge, title: Edge, room: Room A, get-involved: ["Chat: #edge on OFTC"] }');

/** Reads the pads by id: what people wrote in them during the event. */
const padsWith = (texts: Record<string, string>): PadClient => ({
  async create() {
    throw new Error("the recap creates no pad");
  },
  async read(_config, pad) {
    if (texts[pad.id] === undefined) throw new PadError(`the pad ${pad.id} is gone`);
    return texts[pad.id]!;
  },
});

const meetings = () => sim.state.repo("sovereign", "meetings")!;
const published = (path = "recaps/ptg.md") => sim.state.resolveRef(meetings())!.files.get(path)?.text;

/** Docket opens the event issue; during the event people take notes in all three places. */
async function holdGathering(): Promise<Record<string, number>> {
  const n: Record<string, number> = {};
  n.e1 = await openTopic(sim, "Edge roadmap", ["ptg/edge"]);
  n.t1 = await openTopic(sim, "Drop Python 3.8", ["ptg/tripleo"]);
  n.j1 = await openTopic(sim, "Edge sites with TripleO", ["ptg/edge", "ptg/tripleo"]);
  n.n1 = await openTopic(sim, "Live migration", ["ptg/nova"]);
  const synced = await syncAgenda(jobContext(sim, NOW), loadedConfig(CONFIG), "ptg");
  expect(synced.problems).toEqual([]);
  const number = synced.meeting!.number;
  n.event = number;
  sim.setClock({ now: "2025-02-03T13:05:00Z", frozen: true });
  const say = (as: string, body: string) => sim.act({ as, action: "comment", repo: "sovereign/meetings", number, body });
  await say("alice", `/decision sovereign/infra#${n.e1} Ship Edge v2 in the spring`);
  await say("bob", `/action @carol sovereign/infra#${n.j1} write the joint spec\n/note lunch is at noon`);
  const body = meetings().issues.get(number)!.body ?? "";
  const notes = `### sovereign/infra#${n.t1}\nDecision: drop it next cycle\n<!-- docket:end notes -->`;
  const pad = `<!-- docket:begin pad -->\n${padSection({ kind: "hedgedoc", id: "ptg-notes", url: "https://pad.example.org/ptg-notes" })}\n<!-- docket:end pad -->`;
  // The session pads as the gathering's sync keeps them: the joint session has its own.
  const joint = sim.state.repo("sovereign", "infra")!.issues.get(n.j1!)!.nodeId;
  const sessionPads = sessionPadsSection({ [joint]: { kind: "hedgedoc", id: "ptg-joint", url: "https://pad.example.org/ptg-joint" } });
  const section = `<!-- docket:begin session-pads -->\n${sessionPads}\n<!-- docket:end session-pads -->`;
  await sim.act({
    as: "alice",
    action: "edit",
    repo: "sovereign/meetings",
    number,
    body: `${body.replace("<!-- docket:end notes -->", notes)}\n\n${pad}\n\n${section}`,
  });
  return n;
}

const PADS = (n: Record<string, number>) => ({
  "ptg-notes": `# PTG 2025\n\n### sovereign/infra#${n.n1} Live migration\nAI @dave, @erin: test post-copy on the lab\n`,
  // A session's pad: everything in it is about its session, headings or not.
  "ptg-joint": "# PTG 2025 — Edge sites with TripleO\n\n> Tuesday, 4 February 2025\n\nParticipants: @carol\n\nDecision: one installer for both\n",
});

describe("the recap command", () => {
  it("publishes one recap from the comments, the notes area, the meeting pad and the session pads; a rerun writes nothing", async () => {
    const n = await holdGathering();
    const ctx = { ...jobContext(sim, AFTER), pads: padsWith(PADS(n)) };
    const r = await runActionCommand(ctx, loadedConfig(CONFIG), { command: "recap" });
    expect(r.problems).toEqual([]);
    expect(r.warnings).toEqual([]);
    expect(r.outputs).toMatchObject({ path: "recaps/ptg.md", sessions: "4", decisions: "3", "action-items": "2", unparsed: "0" });
    const text = published()!;
    expect(text).toContain("# PTG 2025 — recap\n\n- Dates: 3–5 February 2025 (times in UTC)\n- Where: Berlin, Room 1-3\n");
    const edge = text.slice(text.indexOf("## Edge (Room A)"), text.indexOf("## TripleO (Room B)"));
    const tripleo = text.slice(text.indexOf("## TripleO (Room B)"), text.indexOf("## Nova (Room C)"));
    const nova = text.slice(text.indexOf("## Nova (Room C)"), text.indexOf("## Other"));
    expect(edge).toContain("- **Decision:** Ship Edge v2 in the spring");
    // The joint session under both of its tracks, with its action item and owner each time.
    for (const [part, other] of [
      [edge, "TripleO"],
      [tripleo, "Edge"],
    ] as const) {
      expect(part).toContain(
        `Edge sites with TripleO](https://github.com/sovereign/infra/issues/${n.j1})\n\n_Tuesday, 4 February 2025, 13:00–13:30 · joint with ${other}_\n\n- **Decision:** one installer for both\n- AI @carol: write the joint spec`,
      );
    }
    expect(tripleo).toContain("- **Decision:** drop it next cycle");
    expect(nova).toContain("- AI @dave, @erin: test post-copy on the lab");
    expect(text).toContain("## Other\n\n- lunch is at noon");
    expect(text).toContain(
      `## Pads\n\n- The whole event: [pad](https://pad.example.org/ptg-notes)\n- [sovereign/infra#${n.j1} Edge sites with TripleO](https://github.com/sovereign/infra/issues/${n.j1}): [pad](https://pad.example.org/ptg-joint)\n`,
    );
    expect(text).toContain("## How to get involved\n\n- Mailing list: ptg@lists.example.org\n\n### Edge\n\n- Chat: #edge on OFTC\n");

    const seq = lastSeq(sim);
    const again = await runActionCommand(ctx, loadedConfig(CONFIG), { command: "recap", series: "ptg" });
    expect(again.summary).toContain("`recaps/ptg.md` in sovereign/meetings is already up to date");
    expect(writesSince(sim, seq)).toEqual([]);
  });

  it("proposes the recap as a pull request under publish: pull-request", async () => {
    const n = await holdGathering();
    const config = CONFIG.replace("    notes: { area: true }\n", "    notes: { area: true }\n    minutes: { publish: pull-request }\n");
    const r = await runActionCommand({ ...jobContext(sim, AFTER), pads: padsWith(PADS(n)) }, loadedConfig(config), { command: "recap" });
    expect(r.outputs.url).toMatch(/\/pull\/\d+$/);
    expect(sim.state.resolveRef(meetings(), "docket/recap/ptg")!.files.get("recaps/ptg.md")).toBeDefined();
    expect(published()).toBeUndefined();
  });

  it("publishes nothing when a session's pad cannot be read, and says which", async () => {
    const n = await holdGathering();
    const seq = lastSeq(sim);
    const pads = PADS(n);
    delete (pads as Record<string, string>)["ptg-joint"];
    await expect(runActionCommand({ ...jobContext(sim, AFTER), pads: padsWith(pads) }, loadedConfig(CONFIG), { command: "recap" })).rejects.toThrow(
      new CommandError(
        `https://github.com/sovereign/meetings/issues/${n.event} links the pad https://pad.example.org/ptg-joint of the session sovereign/infra#${n.j1}, but the pad ptg-joint is gone; no recap was published. Run again when the pad can be read`,
        "meetings.ptg.notes",
      ),
    );
    expect(writesSince(sim, seq)).toEqual([]);
  });

  it("has nothing to do while no gathering is over, and writes nothing", async () => {
    const seq = lastSeq(sim);
    const r = await runActionCommand(jobContext(sim, "2025-02-05T20:00:00Z"), loadedConfig(CONFIG), { command: "recap" });
    expect(r.summary).toBe(
      "## Recap\n\nNothing to do: no gathering has ended yet: PTG 2025 \\(until 2025-02-05\\); name one with \\`series\\` for a recap so far.",
    );
    expect(writesSince(sim, seq)).toEqual([]);
  });

  it("says clearly when there is no gathering to recap", async () => {
    const run = (config: string, series?: string) =>
      runActionCommand(jobContext(sim, AFTER), loadedConfig(config), { command: "recap", ...(series ? { series } : {}) });
    const single = 'meetings:\n  meetup:\n    title: Meetup\n    event: { from: 2025-02-03, to: 2025-02-04, start: "09:00", daily-budget: 2h }\n';
    await expect(run(single)).rejects.toThrow(
      new CommandError(
        "there is no event with tracks in the configuration: the recap is of a multi-track gathering (a series' `event` with `tracks`)",
        "meetings",
      ),
    );
    await expect(run(single, "meetup")).rejects.toThrow("`meetup` is not an event with tracks");
    await expect(run(CONFIG, "ptgg")).rejects.toThrow("there is no meeting series `ptgg`");
    await expect(run(CONFIG, "ptg")).rejects.toThrow("there is no event issue for PTG 2025 yet");
  });
});

describe("the recap of a private gathering", () => {
  it("leaves out of a public recap the sessions its readers may not read, counted and never named", async () => {
    // The event issue is in the private repository (so it may list the private topic); the recap goes to the public one.
    const config = CONFIG.replace("repository: meetings\n", "repository: secret\n").replace(
      "    notes: { area: true }\n",
      "    notes: { area: true }\n    minutes: { repository: meetings }\n",
    );
    await openTopic(sim, "Edge roadmap", ["ptg/edge"]);
    const secret = await openTopic(sim, "Acquire Globex quietly", ["ptg/edge"], "sovereign/secret");
    const synced = await syncAgenda(jobContext(sim, NOW), loadedConfig(config), "ptg");
    expect(synced.problems).toEqual([]);
    await sim.act({
      as: "alice",
      action: "comment",
      repo: "sovereign/secret",
      number: synced.meeting!.number,
      body: `/decision sovereign/secret#${secret} Buy Globex before June`,
    });
    const r = await runActionCommand(jobContext(sim, AFTER), loadedConfig(config), { command: "recap" });
    expect(r.outputs).toMatchObject({ sessions: "1", decisions: "0" });
    expect(r.summary).toContain("- 1 session was left out of the recap: it is in a repository not every reader of it may read (private stays private).");
    expect(published()).toBeDefined();
    expect(`${published()}\n${r.summary}`).not.toMatch(/Globex/);
  });
});
