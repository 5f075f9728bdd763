/** A small multi-track gathering for the recap's tests: three tracks over two days, a joint session, a private topic. */
import { seriesSchema } from "../../src/config/schema.js";
import type { RecapInput } from "../../src/domain/recap.js";
import { eventDays } from "../../src/domain/schedule.js";
import { packGathering, resolveTracks, tracksOf, type TrackCandidate } from "../../src/domain/tracks.js";
import type { Topic } from "../../src/domain/types.js";
import { topic } from "./topics.js";

export const PTG = seriesSchema.parse({
  title: "PTG",
  event: {
    from: "2025-03-04",
    to: "2025-03-05",
    start: "09:00",
    timezone: "Europe/Berlin",
    "daily-budget": "2h",
    location: "Vancouver Convention Centre",
    "get-involved": ["Mailing list: openstack-discuss@lists.openstack.org"],
    tracks: [
      { id: "edge", title: "Edge computing", room: "Room 101", "get-involved": ["Chat: #edge on OFTC", "[openstack/edge](https://github.com/openstack/edge)"] },
      { id: "tripleo", title: "TripleO" },
      { id: "nova", title: "Nova", days: ["2025-03-05"] },
    ],
  },
});

export const TRACKS = resolveTracks("ptg", PTG.event!);
export const DAYS = eventDays(PTG.event!);

const at = (repo: string, number: number, title: string, labels: string[], more: Partial<Topic> = {}): Topic =>
  topic({ repo, number, title, labels, id: `I_${repo}#${number}`, ...more });

export const EDGE = at("acme/edge", 11, "Edge v2 roadmap", ["ptg/edge"]);
export const TRIPLEO = at("acme/tripleo", 22, "Drop Python 3.8", ["ptg/tripleo"]);
export const JOINT = at("acme/edge", 33, "Deploying edge sites with TripleO", ["ptg/edge", "ptg/tripleo"]);
export const NOVA = at("acme/nova", 44, "Live migration", ["ptg/nova"]);
export const SECRET = at("acme/security", 55, "Embargoed CVE", ["ptg/nova"], { audience: { visibility: "private", owner: "acme" } });

const candidate = (t: Topic, minutes: number, minute: number): TrackCandidate => ({
  topic: t,
  minutes,
  estimateSource: "label",
  queuedAt: new Date(Date.UTC(2025, 1, 1, 9, minute)).toISOString(),
  tracks: tracksOf(t.labels, TRACKS),
});

/** Edge: 11 at 09:00, joint 33 at 10:00 on day 1; TripleO: 22 at 09:00, joint 33 at 10:00; Nova (day 2 only): 44 at 09:00, 55 at 10:00. */
export const GATHERING = packGathering(
  [candidate(EDGE, 60, 1), candidate(TRIPLEO, 60, 2), candidate(JOINT, 60, 3), candidate(NOVA, 60, 4), candidate(SECRET, 60, 5)],
  {
    tracks: TRACKS,
    policy: "first-fit",
    order: "fifo",
  },
);

export const EVENT_ISSUE = { url: "https://github.com/acme/meetings/issues/9", number: 9, body: "", author: "docket[bot]" };

/** The recap's input for this gathering, with nothing recorded yet; override what the test is about. */
export function recapInput(more: Partial<RecapInput> = {}): RecapInput {
  return {
    seriesId: "ptg",
    title: "PTG",
    days: DAYS,
    timezone: "Europe/Berlin",
    location: "Vancouver Convention Centre",
    meeting: EVENT_ISSUE,
    gathering: GATHERING,
    comments: [],
    getInvolved: PTG.event!["get-involved"],
    ...more,
  };
}
