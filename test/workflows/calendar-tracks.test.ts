/**
 * The Action's `calendar` command for a multi-track gathering (issue 15) on the local GitHub: one
 * .ics per track at calendar.track-path besides the one of every series, read back with ical.js;
 * the joint sessions in each of their tracks' files as one event; each session's pad linked;
 * a private topic left out of a public calendar; a rerun commits nothing.
 */
import { readCalendar } from "../helpers/ical.js";
import { describe, expect, it } from "vitest";
import { runActionCommand } from "../../src/action/run.js";
import { syncAgenda } from "../../src/workflows/agenda.js";
import { CommandError } from "../../src/workflows/command-error.js";
import { jobContext, lastSeq, writesSince } from "./action-world.js";
import { GATHERING_CONFIG, gatheringConfig, NOW, openTopic, useGatheringWorld } from "./gathering-world.js";

const sim = useGatheringWorld();

function file(path: string): string | undefined {
  const meetings = sim.state.repo("sovereign", "meetings")!;
  return sim.state.resolveRef(meetings)!.files.get(path)?.text;
}

const parse = readCalendar;

const TRACK_FILES = ["calendar/ptg-edge.ics", "calendar/ptg-tripleo.ics", "calendar/ptg-nova.ics"];
const calendarRun = (config = gatheringConfig(), now = NOW) => runActionCommand(jobContext(sim, now), config, { command: "calendar" });

describe("calendar: a gathering's tracks", () => {
  it("publishes one calendar per track, the joint session in both as one event with its pad; a rerun writes nothing", async () => {
    await openTopic(sim, "Edge one", ["ptg/edge"]);
    await openTopic(sim, "TripleO one", ["ptg/tripleo"]);
    const joint = await openTopic(sim, "Joint edge and tripleo", ["ptg/edge", "ptg/tripleo"]);
    // The event issue, then a pad for the joint session kept in its hidden section (as the sync writes it).
    await syncAgenda(jobContext(sim, NOW), gatheringConfig(), "ptg");
    const event = [...sim.state.repo("sovereign", "meetings")!.issues.values()].find((i) => i.title === "PTG 2025 — 2025-02-03")!;
    const topicId = sim.state.repo("sovereign", "infra")!.issues.get(joint)!.nodeId;
    const pads = `<!-- docket:begin session-pads -->\n<!-- docket:session-pads {"${topicId}":{"kind":"hedgedoc","id":"joint1","url":"https://pad.example.org/joint1"}} -->\n<!-- docket:end session-pads -->\n`;
    await sim.act({ as: "alice", action: "edit", repo: "sovereign/meetings", number: event.number, body: `${event.body}\n${pads}` });

    const seq = lastSeq(sim);
    const result = await calendarRun();
    expect(writesSince(sim, seq)).toEqual(
      ["calendar/docket.ics", ...TRACK_FILES].map((p) => `PUT /repos/sovereign/meetings/contents/${encodeURIComponent(p)}`),
    );
    const [edge, tripleo, nova] = TRACK_FILES.map((p) => parse(file(p)!));
    expect([edge!.name, tripleo!.name, nova!.name]).toEqual(["PTG 2025 — Edge", "PTG 2025 — TripleO", "PTG 2025 — Nova"]);
    const at = (c: ReturnType<typeof parse>) => c.events.map((e) => `${e.summary} ${e.start} ${e.location}`);
    expect(at(edge!)).toEqual(["Edge one 2025-02-03T13:00:00.000Z Room A", "Joint edge and tripleo 2025-02-04T13:00:00.000Z Room A, Room B"]);
    expect(at(tripleo!)).toEqual(["TripleO one 2025-02-03T13:00:00.000Z Room B", "Joint edge and tripleo 2025-02-04T13:00:00.000Z Room A, Room B"]);
    expect(nova!.events).toEqual([]);
    const jointEvent = edge!.events[1]!;
    expect(tripleo!.events[1]).toEqual(jointEvent);
    expect(jointEvent.description).toBe(`Joint session of Edge and TripleO.\nTopic: sovereign/infra#${joint}\nNotes: https://pad.example.org/joint1`);
    expect(result.summary).toContain(
      "- PTG 2025 — Edge: 2 sessions. Committed `calendar/ptg-edge.ics` in sovereign/meetings (new): https://github.com/sovereign/meetings/blob/main/calendar/ptg-edge.ics",
    );
    expect(result.summary).toContain("- PTG 2025 — Nova: 0 sessions. Committed `calendar/ptg-nova.ics`");

    // An hour later only the DTSTAMP lines would change: nothing is committed.
    const again = lastSeq(sim);
    await calendarRun(gatheringConfig(), "2025-01-20T10:00:00Z");
    expect(writesSince(sim, again)).toEqual([]);
  });

  it("leaves a private topic out of a public calendar, though the private event issue shows it; counted in the summary", async () => {
    await openTopic(sim, "Edge one", ["ptg/edge"]);
    await openTopic(sim, "Acquire Globex quietly", ["ptg/edge"], "sovereign/secret");
    const config = gatheringConfig(`${GATHERING_CONFIG.replace("repository: meetings", "repository: secret")}calendar:\n  repository: meetings\n`);
    const result = await calendarRun(config);
    expect(parse(file("calendar/ptg-edge.ics")!).events.map((e) => e.summary)).toEqual(["Edge one"]);
    expect(result.summary).toContain("- 1 session was left out of the track calendars");
    expect(result.summary).not.toContain("Globex");
  });

  it("refuses a track-path that gives two tracks one file, before writing anything", async () => {
    const seq = lastSeq(sim);
    await expect(calendarRun(gatheringConfig(`${GATHERING_CONFIG}calendar:\n  track-path: calendar/{series}.ics\n`))).rejects.toEqual(
      new CommandError(
        "`calendar/{series}.ics` gives the same file (calendar/ptg.ics) for two calendars: name {series} and {track} in it",
        "calendar.track-path",
      ),
    );
    expect(writesSince(sim, seq)).toEqual([]);
  });
  it("the file of every series says the gathering's topics join by its tracks' labels, not the series' own", async () => {
    await calendarRun();
    const descriptions = parse(file("calendar/docket.ics")!)
      .events.filter((e) => e.summary === "PTG 2025")
      .map((e) => e.description);
    expect(descriptions.length).toBeGreaterThan(0);
    for (const d of descriptions) expect(d).toBe('Topics: issues and pull requests labelled "ptg/edge", "ptg/tripleo", or "ptg/nova".');
  });
});
