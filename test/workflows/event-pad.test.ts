/**
 * A multi-day event's pad (the agenda workflow's ensurePad) on the local GitHub: its date line
 * says the event's days as the meeting issue does, the days it leaves out included.
 */
import { describe, expect, it } from "vitest";
import { syncAgenda } from "../../src/workflows/agenda.js";
import { CONFIG, jobContext, loadedConfig, recordingPads, useActionWorld } from "./action-world.js";

const sim = useActionWorld();

describe("an event's pad", () => {
  it("names the event's days and daily times, as its meeting issue does", async () => {
    const created: string[] = [];
    const pads = recordingPads(created);
    const config = CONFIG.replace("    label: meetup-topic\n", '    label: meetup-topic\n    notes: { pad: hedgedoc, url: "https://pad.example.org" }\n');
    await syncAgenda({ ...jobContext(sim, "2025-01-08T09:00:00Z"), pads }, loadedConfig(config), "meetup-2025");
    expect(created).toHaveLength(1);
    expect(created[0]).toContain("\n> 3–14 February 2025, 09:00–11:30 UTC each day except Saturday 8 and Sunday 9 February · [the meeting issue](");
  });
});
