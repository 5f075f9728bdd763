/**
 * A multi-track gathering end to end (issue 15), as its organisers and attendees meet it: the app
 * runs as its own process against the local GitHub, the Action's bundle (built from the current
 * sources) runs its commands as a workflow would, with the app's installation token (as
 * actions/create-github-app-token mints it), and the HedgeDoc stand-in holds the pads.
 *
 * Three tracks over three days (3–5 February 2025, Europe/Berlin): Edge (Room A, from 09:00, 2h a
 * day, at most 4h in all), TripleO (Room B, from 10:00, 1h a day) and Nova (Room C, Tuesday and
 * Wednesday only, 2h a day). Topics take an hour; they join by their track labels, in the order
 * they were labelled:
 *
 *   e1 Edge roadmap            edge            Mon 09:00
 *   j1 Edge sites with TripleO edge + tripleo  Mon 10:00 (joint)
 *   t1 Drop Python 3.8         tripleo         Tue 10:00
 *   n1 Live migration          nova            Tue 09:00
 *   j2 Nova on TripleO         nova + tripleo  Wed 10:00 (joint)
 *   e2 Edge networking         edge            Tue 09:00
 *   t2 TripleO upgrades        tripleo         waits: every TripleO hour is taken
 *   n2 Nova scheduler          nova            Tue 10:00
 *   e3 Edge storage            edge            Tue 10:00
 *   e4 Edge security           edge            waits: Edge's 4 hours are used
 *   n3 Placement API           nova            Wed 09:00
 *   n4 Nova quotas             nova            waits: Nova's days are full
 *
 * During the event, Edge's chair (carol, no role on the repositories) and an admin say what the
 * rooms are on; someone else is refused. After it, the Action's `recap` reads the notes from the
 * event issue's comments, its notes area and a session's pad; its `calendar` publishes one .ics
 * per track, read back with ical.js.
 */
import { readFileSync } from "node:fs";
import ICAL from "ical.js";
import { afterAll, beforeAll, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { readSection } from "../../src/render/markers.js";
import type { SimIssue } from "../sim/client.js";
import { COMMUNITY_WORLD, installationToken, violationText } from "../sim/helpers.js";
import { startPadStandIns, type PadStandIns } from "../sim/pads.js";
import type { World } from "../sim/world.js";
import { currentBundle, REPOSITORY, runAction } from "./action-harness.js";
import { useAppProcess } from "./harness.js";

const config = (padUrl: string) => `repository: meetings
meetings:
  ptg:
    title: PTG 2025
    default-estimate: 1h
    notes: { area: true, pad: hedgedoc, url: "${padUrl}" }
    event:
      from: 2025-02-03
      to: 2025-02-05
      start: "09:00"
      timezone: Europe/Berlin
      daily-budget: 2h
      get-involved: ["Mailing list: ptg@lists.example.org"]
      tracks:
        - { id: edge, title: Edge computing, room: Room A, total: 2d, chairs: [carol], get-involved: ["Chat: #edge on OFTC"] }
        - { id: tripleo, title: TripleO, room: Room B, start: "10:00", daily-budget: 1h }
        - { id: nova, title: Nova, room: Room C, days: [2025-02-04, 2025-02-05], issue: true }
`;

/** In the order they are labelled; the number each gets in sovereign/infra follows the world's issues. */
const TOPICS = {
  e1: ["Edge roadmap", ["edge"]],
  j1: ["Edge sites with TripleO", ["edge", "tripleo"]],
  t1: ["Drop Python 3.8", ["tripleo"]],
  n1: ["Live migration", ["nova"]],
  j2: ["Nova on TripleO", ["nova", "tripleo"]],
  e2: ["Edge networking", ["edge"]],
  t2: ["TripleO upgrades", ["tripleo"]],
  n2: ["Nova scheduler", ["nova"]],
  e3: ["Edge storage", ["edge"]],
  e4: ["Edge security", ["edge"]],
  n3: ["Placement API", ["nova"]],
  n4: ["Nova quotas", ["nova"]],
} as const satisfies Record<string, readonly [string, readonly string[]]>;
type Key = keyof typeof TOPICS;
const KEYS = Object.keys(TOPICS) as Key[];
const FIRST = 100;
const n = Object.fromEntries(KEYS.map((k, i) => [k, FIRST + i])) as Record<Key, number>;
const ref = (k: Key) => `sovereign/infra#${n[k]}`;

type Loose = Record<string, any>;

function gatheringWorld(padUrl: string): World {
  const w = parseYaml(readFileSync(COMMUNITY_WORLD, "utf8")) as Loose;
  const repo = (name: string): Loose => w.orgs[0].repos.find((r: Loose) => r.name === name);
  repo(".github").files[".github/docket.yml"] = config(padUrl);
  const infra = repo("infra");
  for (const track of ["edge", "tripleo", "nova"]) infra.labels.push({ name: `ptg/${track}`, color: "0e8a16" });
  KEYS.forEach((k, i) => {
    infra.issues.push({ number: FIRST + i, title: TOPICS[k][0], author: i % 2 ? "dave" : "carol", created_at: "2025-01-10T09:00:00Z" });
  });
  return w as World;
}

let pads: PadStandIns;
beforeAll(async () => {
  pads = await startPadStandIns();
});
afterAll(async () => {
  await pads?.close();
});
// The morning of the first day, 09:10 in Berlin.
const e2e = useAppProcess({ simulator: () => ({ world: gatheringWorld(pads.hedgedocUrl) }), env: { DOCKET_NOW: "2025-02-03T08:10:00Z" } });

/** The Action's command, as a workflow step with the app's installation token runs it. */
async function action(command: string, now: string) {
  const run = await runAction(e2e.sim, { command, bundle: currentBundle(), inputs: { token: await installationToken(e2e.sim) }, env: { DOCKET_NOW: now } });
  expect(run.code, run.stdout).toBe(0);
  return run;
}

async function eventIssue(): Promise<SimIssue> {
  const found = (await e2e.gh.issues("sovereign", "meetings", { label: "docket/ptg", state: "all" })).filter((i) => i.title === "PTG 2025 — 2025-02-03");
  expect(found).toHaveLength(1);
  return e2e.gh.issue("sovereign", "meetings", found[0]!.number);
}

/** The part of `text` from `from` up to `to` (or its end). */
function part(text: string, from: string, to?: string): string {
  const start = text.indexOf(from);
  expect(start, `${from} in:\n${text}`).toBeGreaterThanOrEqual(0);
  const end = to === undefined ? -1 : text.indexOf(to, start);
  return text.slice(start, end === -1 ? undefined : end);
}

/**
 * A day's grid as a reader scans it: one line per row, its time, then each cell's topic number
 * ("#101", "-" for an empty cell) with "×2" when it spans two rooms.
 */
function grid(body: string, day: string): string[] {
  const table = part(part(body, day), "<table>", "</table>");
  const cell = (kind: string, span: string | undefined, html: string): string => {
    if (kind === "h" || /^\d\d:\d\d/.test(html)) return html;
    const number = /issues\/(\d+)"/.exec(html)?.[1];
    return `${number === undefined ? "-" : `#${number}`}${span === undefined ? "" : `×${span}`}`;
  };
  return [...table.matchAll(/<tr>(.*?)<\/tr>/g)].map(([, row]) =>
    [...row!.matchAll(/<t([dh])(?: colspan="(\d)")?>(.*?)<\/t[dh]>/g)].map(([, kind, span, html]) => cell(kind!, span, html!)).join(" | "),
  );
}

it("three tracks over three days: the schedule, now and next, the recap and a calendar per track", async () => {
  // Organisers label the topics for their tracks, one a minute; the app lays out the gathering.
  for (const [i, k] of KEYS.entries()) {
    e2e.sim.setClock({ now: new Date(Date.parse("2025-02-03T06:00:00Z") + i * 60_000).toISOString(), frozen: true });
    for (const track of TOPICS[k][1]) await e2e.gh.label("bob", "sovereign/infra", n[k], `ptg/${track}`);
  }
  await e2e.quiet();
  // The Action's agenda run (a schedule in the repository's workflow) creates a pad per session.
  await action("agenda", "2025-02-03T07:30:00Z");
  await e2e.quiet();

  // The event issue: a grid per day (rooms as columns, joint sessions spanning theirs), at the same start in both tracks.
  const issue = await eventIssue();
  const body = issue.body ?? "";
  expect(grid(body, "### Day 1 — Monday, 3 February 2025")).toEqual([
    "Time | Room A — Edge computing | Room B — TripleO",
    `09:00–10:00 | #${n.e1} | -`,
    `10:00–11:00 | #${n.j1}×2`,
  ]);
  expect(grid(body, "### Day 2 — Tuesday, 4 February 2025")).toEqual([
    "Time | Room A — Edge computing | Room B — TripleO | Room C — Nova",
    `09:00–10:00 | #${n.e2} | - | #${n.n1}`,
    `10:00–11:00 | #${n.e3} | #${n.t1} | #${n.n2}`,
  ]);
  expect(grid(body, "### Day 3 — Wednesday, 5 February 2025")).toEqual([
    "Time | Room A — Edge computing | Room B — TripleO | Room C — Nova",
    `09:00–10:00 | - | - | #${n.n3}`,
    `10:00–11:00 | - | #${n.j2}×2`,
  ]);
  expect(part(body, `sovereign/infra#${n.j1} Edge sites with TripleO</a>`, "</td>")).toContain("<em>joint session</em>");
  // A gantt per day, one section per room: the joint session in both.
  expect(part(body, "### Day 3", "```\n")).toContain(
    "section Room B\n    Nova on TripleO :10:00, 60m\n    section Room C\n    Placement API :09:00, 60m\n    Nova on TripleO :10:00, 60m",
  );
  // Each track's waiting list, with why.
  const waiting = readSection(body, "waiting-list")!;
  expect(part(waiting, "### Edge computing (Room A)", "### TripleO")).toContain(`[sovereign/infra#${n.e4} Edge security]`);
  expect(part(waiting, "### Edge computing (Room A)", "### TripleO")).toContain("— over Edge computing's total of 4h");
  expect(part(waiting, "### TripleO (Room B)", "### Nova")).toMatch(
    new RegExp(`^1\\. \\[sovereign/infra#${n.t2} TripleO upgrades\\].* — no room left in TripleO$`, "m"),
  );
  expect(part(waiting, "### Nova (Room C)")).toMatch(new RegExp(`^1\\. \\[sovereign/infra#${n.n4} Nova quotas\\].* — no room left in Nova$`, "m"));
  // Nova's own issue holds only its part.
  // Track issues carry their own label, so any number of them never hides the event issue.
  const [novaIssue] = (await e2e.gh.issues("sovereign", "meetings", { label: "docket/track issue" })).filter((i) => i.title === "PTG 2025 — Nova — 2025-02-03");
  const novaBody = (await e2e.gh.issue("sovereign", "meetings", novaIssue!.number)).body ?? "";
  expect(novaBody).toContain(`[sovereign/infra#${n.j2} Nova on TripleO](https://github.com/sovereign/infra/issues/${n.j2}) — joint with TripleO`);
  expect(novaBody).not.toContain("Edge roadmap");
  // Each session's pad is linked from its cell: the joint one once, for both rooms.
  const padOf = (k: Key) => new RegExp(`issues/${n[k]}">[^<]*</a><br>1h · <a href="(${pads.hedgedocUrl}/[^"]+)">`).exec(body)?.[1];
  expect(KEYS.filter((k) => padOf(k) !== undefined)).toEqual(["e1", "j1", "t1", "n1", "j2", "e2", "n2", "e3", "n3"]);
  expect(pads.notes.hedgedoc.size).toBe(9);

  // During the event: Edge's chair and an admin say what the rooms are on; someone else may not.
  const say = async (at: string, as: string, text: string) => {
    e2e.sim.setClock({ now: `2025-02-03T${at}:00Z`, frozen: true });
    await e2e.sim.act({ as, action: "comment", repo: REPOSITORY, number: issue.number, body: text });
    await e2e.quiet();
  };
  await say("08:02", "carol", `/now edge ${ref("e1")}`);
  await say("08:05", "dave", `/now nova ${ref("n1")}`);
  await say("09:01", "carol", "/next edge");
  await say("09:02", "alice", `/now tripleo ${ref("j1")}`);
  const during = await eventIssue();
  const link = (k: Key) => `[${TOPICS[k][0]} sovereign/infra#${n[k]}](https://github.com/sovereign/infra/issues/${n[k]}) ([pad](${padOf(k)}))`;
  expect(readSection(during.body, "now")).toContain(
    [
      `## Happening now`,
      "",
      `- **Room A** — Edge computing: now ${link("j1")} · next ${link("e2")}`,
      `- **Room B** — TripleO: now ${link("j1")} · next —`,
      "- **Room C** — Nova: now — · next —",
    ].join("\n"),
  );
  const replies = during.comments.filter((c) => c.author === "docket[bot]");
  expect(replies.map((c) => c.body.split("\n")[0])).toEqual([
    "@dave only people with triage permission (or more) on `sovereign/meetings` can use `/now nova`; nothing was changed for it.",
  ]);

  // Notes in all three places: comments on the event issue, its notes area, a session's pad.
  await say("09:20", "bob", `/decision ${ref("e1")} Ship Edge v2 in the spring`);
  await say("09:25", "carol", `/action @carol ${ref("j1")} write the joint spec`);
  const heading = `### sovereign/infra#${n.t1} Drop Python 3.8\n`;
  const typed = (await eventIssue()).body!.replace(heading, `${heading}Decision: drop it next cycle\n`);
  await e2e.sim.act({ as: "alice", action: "edit", repo: REPOSITORY, number: issue.number, body: typed });
  await e2e.quiet();
  const jointPad = padOf("j2")!.split("/").pop()!;
  pads.write("hedgedoc", jointPad, `${pads.notes.hedgedoc.get(jointPad)!.content}Decision: one image for both\n- AI @dave: build the image\n`);

  // After the event: the recap.
  const recap = await action("recap", "2025-02-06T09:00:00Z");
  expect(recap.outputs).toMatchObject({ path: "recaps/ptg.md", sessions: "9", decisions: "3", "action-items": "2", unparsed: "0" });
  const text = (await e2e.gh.file("sovereign", "meetings", "recaps/ptg.md"))!;
  const session = (track: string, k: Key) => part(part(text, `## ${track}`, "\n## "), `### [sovereign/infra#${n[k]} `, "\n### ");
  expect(session("Edge computing (Room A)", "e1")).toContain("- **Decision:** Ship Edge v2 in the spring");
  for (const track of ["Edge computing (Room A)", "TripleO (Room B)"]) expect(session(track, "j1")).toContain("- AI @carol: write the joint spec");
  expect(session("Edge computing (Room A)", "j1")).toContain("joint with TripleO");
  expect(session("TripleO (Room B)", "t1")).toContain("- **Decision:** drop it next cycle");
  for (const track of ["TripleO (Room B)", "Nova (Room C)"]) {
    expect(session(track, "j2")).toContain("- **Decision:** one image for both");
    expect(session(track, "j2")).toContain("- AI @dave: build the image");
  }
  expect(part(text, "## Pads", "\n## ")).toContain(
    `- [sovereign/infra#${n.j2} Nova on TripleO](https://github.com/sovereign/infra/issues/${n.j2}): [pad](${padOf("j2")})`,
  );
  expect(part(text, "## How to get involved")).toBe(
    "## How to get involved\n\n- Mailing list: ptg@lists.example.org\n\n### Edge computing\n\n- Chat: #edge on OFTC\n",
  );
  expect(text).not.toContain(TOPICS.t2[0]); // a topic that waited was not held

  // And a calendar per track, read by a maintained iCalendar parser: each track's sessions, the joint ones in both.
  await action("calendar", "2025-02-06T09:00:00Z");
  const calendars: Record<string, string[]> = {};
  for (const track of ["edge", "tripleo", "nova"]) {
    const vcalendar = new ICAL.Component(ICAL.parse((await e2e.gh.file("sovereign", "meetings", `calendar/ptg-${track}.ics`))!));
    const events = vcalendar.getAllSubcomponents("vevent").map((v) => new ICAL.Event(v));
    calendars[`${track}: ${String(vcalendar.getFirstPropertyValue("x-wr-calname"))}`] = events.map(
      (e) => `${e.startDate.toJSDate().toISOString()} ${e.summary} @ ${e.location} ${e.uid}`,
    );
  }
  const uid = (k: Key) => `ptg-session-${(e2e.sim.state.issue(e2e.sim.state.repo("sovereign", "infra")!, n[k]))!.nodeId}@docket.sovereign`;
  expect(calendars).toEqual({
    "edge: PTG 2025 — Edge computing": [
      `2025-02-03T08:00:00.000Z Edge roadmap @ Room A ${uid("e1")}`,
      `2025-02-03T09:00:00.000Z Edge sites with TripleO @ Room A, Room B ${uid("j1")}`,
      `2025-02-04T08:00:00.000Z Edge networking @ Room A ${uid("e2")}`,
      `2025-02-04T09:00:00.000Z Edge storage @ Room A ${uid("e3")}`,
    ],
    "tripleo: PTG 2025 — TripleO": [
      `2025-02-03T09:00:00.000Z Edge sites with TripleO @ Room A, Room B ${uid("j1")}`,
      `2025-02-04T09:00:00.000Z Drop Python 3.8 @ Room B ${uid("t1")}`,
      `2025-02-05T09:00:00.000Z Nova on TripleO @ Room B, Room C ${uid("j2")}`,
    ],
    "nova: PTG 2025 — Nova": [
      `2025-02-04T08:00:00.000Z Live migration @ Room C ${uid("n1")}`,
      `2025-02-04T09:00:00.000Z Nova scheduler @ Room C ${uid("n2")}`,
      `2025-02-05T08:00:00.000Z Placement API @ Room C ${uid("n3")}`,
      `2025-02-05T09:00:00.000Z Nova on TripleO @ Room B, Room C ${uid("j2")}`,
    ],
  });

  expect(violationText(e2e.sim)).toEqual([]);
}, 120_000);
