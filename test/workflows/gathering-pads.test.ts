/**
 * A pad per session during the gathering's sync (syncAgenda -> syncGathering -> ensureSessionPads)
 * on the local GitHub with the HedgeDoc stand-in: the sync creates each session's pad once and the
 * event issue's schedule links it; a rerun creates nothing and writes nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { padClient } from "../../src/pads/pads.js";
import { syncAgenda } from "../../src/workflows/agenda.js";
import { readSessionPads } from "../../src/workflows/session-pads.js";
import { startPadStandIns, type PadStandIns } from "../sim/pads.js";
import { jobContext, lastSeq, writesSince } from "./action-world.js";
import { GATHERING_CONFIG, gatheringConfig, NOW, openTopic, useGatheringWorld } from "./gathering-world.js";

const sim = useGatheringWorld();
let pads: PadStandIns;
beforeAll(async () => {
  pads = await startPadStandIns();
});
afterAll(() => pads?.close());

const config = () =>
  gatheringConfig(
    GATHERING_CONFIG.replace("    default-estimate: 30m\n", `    default-estimate: 30m\n    notes: { pad: hedgedoc, url: "${pads.hedgedocUrl}" }\n`),
  );
const sync = () => syncAgenda({ ...jobContext(sim, NOW), pads: padClient() }, config(), "ptg");
const eventIssue = () => [...sim.state.repo("sovereign", "meetings")!.issues.values()].find((i) => i.title === "PTG 2025 — 2025-02-03")!;

describe("a gathering's sync with notes.pad", () => {
  it("creates a pad per session once and links each in the event issue's schedule; a rerun creates and writes nothing", async () => {
    await openTopic(sim, "Edge one", ["ptg/edge"]);
    await openTopic(sim, "Joint edge and tripleo", ["ptg/edge", "ptg/tripleo"]);
    const result = await sync();
    expect(result.problems).toEqual([]);
    const body = eventIssue().body ?? "";
    const kept = readSessionPads(body);
    expect(Object.keys(kept)).toHaveLength(2);
    expect([...pads.notes.hedgedoc.values()].map((n) => n.title).sort()).toEqual(["PTG 2025 — Edge one", "PTG 2025 — Joint edge and tripleo"]);
    for (const url of Object.values(kept)) expect(body).toContain(`<a href="${url}">📝 notes</a>`);

    const seq = lastSeq(sim);
    const created = pads.log.length;
    await sync();
    expect(pads.log.length).toBe(created);
    expect(writesSince(sim, seq)).toEqual([]);
  });
});
