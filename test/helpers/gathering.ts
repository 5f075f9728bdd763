/**
 * A small gathering for the tests of what is built from one (calendars, session pads): three
 * tracks on Friday 27 and Monday 30 March 2026 in Europe/Berlin (summer time starts on Sunday 29),
 * two joint sessions, and a private topic.
 *
 * Packed (first-fit, fifo): Edge (Room A, from 09:00, 2h a day): Edge intro 09:00–10:00, the
 * joint "Edge, meet TripleO" 10:00–10:30, the joint "Nova at the edge" 10:30–11:00 (Friday).
 * TripleO (Room B, from 10:00, 1h a day): the joint session at 10:00 Friday, "TripleO upgrades"
 * 10:00–11:00 Monday (summer time). Nova (room "Nova"): "Nova secrets" (private) 09:00 and the
 * joint session at 10:30, Friday.
 *
 * And the same kind of event as a configuration file: `ptgConfig()`.
 */
import { seriesSchema } from "../../src/config/schema.js";
import { packGathering, resolveTracks, type TrackCandidate } from "../../src/domain/tracks.js";
import { candidate } from "./topics.js";

export function ptgSeries(extra: Record<string, unknown> = {}) {
  return seriesSchema.parse({
    title: "PTG 2026",
    event: {
      from: "2026-03-27",
      to: "2026-03-30",
      start: "09:00",
      timezone: "Europe/Berlin",
      "daily-budget": "2h",
      tracks: [
        { id: "edge", title: "Edge computing", room: "Room A" },
        { id: "tripleo", title: "TripleO", room: "Room B", start: "10:00", "daily-budget": "1h" },
        { id: "nova", title: "Nova" },
      ],
    },
    ...extra,
  });
}

/** A configuration with the event `ptg`: three days from 13:00 (UTC unless `timezone`), 30-minute topics, `budget` a day, with `tracks` (YAML list items). */
export const ptgConfig = (o: { tracks: string[]; budget?: string; title?: string; timezone?: string }) => `
repository: meetings
meetings:
  ptg:
    title: ${o.title ?? "PTG 2025"}
    default-estimate: 30m
    event:
      from: 2025-02-03
      to: 2025-02-05
      start: "13:00"
      timezone: ${o.timezone ?? "UTC"}
      daily-budget: ${o.budget ?? "30m"}
      tracks:
${o.tracks.map((t) => `        - ${t}`).join("\n")}
`;

const on = (ids: string[], c: ReturnType<typeof candidate>): TrackCandidate => ({ ...c, tracks: ids });

/** The candidates, in queue order: [Edge intro, Edge meet TripleO (joint), TripleO upgrades, Nova secrets (private), Nova at the edge (joint)]. */
export function ptgCandidates(): TrackCandidate[] {
  return [
    on(["edge"], candidate("Edge intro", 60, 1, { repo: "acme/edge", number: 1 })),
    on(["edge", "tripleo"], candidate("Edge, meet TripleO", 30, 2, { repo: "acme/edge", number: 2 })),
    on(["tripleo"], candidate("TripleO upgrades", 60, 3, { repo: "acme/tripleo", number: 3 })),
    on(["nova"], candidate("Nova secrets", 30, 4, { repo: "acme/nova", number: 4, audience: { visibility: "private", owner: "acme" } })),
    on(["nova", "edge"], candidate("Nova at the edge", 30, 5, { repo: "acme/nova", number: 5 })),
  ];
}

export function ptgGathering(series = ptgSeries(), candidates = ptgCandidates()) {
  return packGathering(candidates, { tracks: resolveTracks("ptg", series.event!), policy: "first-fit", order: "fifo" });
}
