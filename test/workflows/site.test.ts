/**
 * readSite (issue 17) on the local GitHub: what the meetings site shows, read-only, public only.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { renderSite } from "../../src/render/site/index.js";
import { readSite } from "../../src/workflows/site.js";
import { AGENDA_SECTION, meetingIdentityComment } from "../../src/render/agenda.js";
import { beginMarker } from "../../src/render/markers.js";
import { actionWorld, CONFIG, jobContext, lastSeq, loadedConfig, useActionWorld, writesSince } from "./action-world.js";
import { runSiteCommand, siteWorld as demoSiteWorld } from "../helpers/site-world.js";
import { startSimulator } from "../sim/server.js";

const NOW = "2025-01-08T09:00:00Z";
const SECRET = "Acquire Globex quietly";
const COUNCIL_SECRET = "The council's private budget";
const MINUTES = "# Team IaaS — 2024-12-30\n\n| Topic | Decision |\n| --- | --- |\n| Flavors | v4 |\n";

/** The action world with a private repository holding topics, a private meeting repository, a past meeting with minutes and cancelled meetings. */
function siteWorld() {
  const world = actionWorld() as any;
  const repos = world.orgs[0].repos as any[];
  const label = (name: string) => ({ name, color: "0e8a16" });
  const topic = (number: number, title: string, name: string) => ({
    number,
    title,
    author: "alice",
    created_at: "2025-01-02T09:00:00Z",
    labels: [{ name, at: "2025-01-02T09:05:00Z", by: "alice" }],
  });
  repos.push(
    {
      name: "secret",
      visibility: "private",
      labels: [label("agenda/iaas"), label("agenda/council"), label("idea")],
      issues: [topic(1, SECRET, "agenda/iaas"), topic(2, COUNCIL_SECRET, "agenda/council"), topic(3, "A secret idea", "idea")],
    },
    {
      name: "council",
      visibility: "private",
      labels: [label("docket/council"), label("agenda/council")],
      issues: [topic(1, "Elect the new council", "agenda/council")],
    },
  );
  const meetings = repos.find((r) => r.name === "meetings");
  meetings.files["minutes/2024-12-30.md"] = MINUTES;
  const meetingIssue = (number: number, date: string, state_reason: string, closed_at: string) => ({
    number,
    title: `Team IaaS — ${date}`,
    author: "alice",
    body: `${meetingIdentityComment({ series: "iaas", date })}\nThe meeting.`,
    state: "closed",
    state_reason,
    created_at: "2024-12-01T09:00:00Z",
    closed_at,
    labels: [{ name: "docket/iaas", at: "2024-12-01T09:00:00Z", by: "alice" }],
  });
  meetings.issues.push(
    meetingIssue(20, "2024-12-16", "not_planned", "2024-12-10T09:00:00Z"),
    meetingIssue(21, "2024-12-30", "completed", "2024-12-30T14:00:00Z"),
    meetingIssue(22, "2025-01-27", "not_planned", "2025-01-05T09:00:00Z"),
  );
  return world;
}

const SITE_CONFIG = `${CONFIG.replace(
  "backlog:",
  `  council:
    title: Council
    repository: council
    cadence: weekly
    day: tuesday
    time: "10:00"
    duration: 1h
    timezone: UTC
    label: agenda/council
backlog:`,
)}`;

describe("readSite", () => {
  const sim = useActionWorld(siteWorld);

  it("reads without writing anything, even without dry-run", async () => {
    const seq = lastSeq(sim);
    const ctx = jobContext(sim, NOW);
    const { data } = await readSite(ctx, loadedConfig(SITE_CONFIG));
    expect(data.series.map((s) => s.id)).toEqual(["iaas", "meetup-2025", "council"]);
    expect(writesSince(sim, seq)).toEqual([]);
  });

  it("shows public topics only, also where the meeting issue's readers may read private ones, and counts the rest", async () => {
    const { data } = await readSite(jobContext(sim, NOW), loadedConfig(SITE_CONFIG));
    const text = JSON.stringify(data);
    expect(text).not.toContain(SECRET);
    expect(text).not.toContain(COUNCIL_SECRET);
    expect(text).not.toContain("A secret idea");
    expect(text).not.toContain("Elect the new council");
    const iaas = data.series.find((s) => s.id === "iaas")!;
    expect(iaas.agenda?.scheduled.map((t) => t.title)).toContain("Welcome new contributors in the community call");
    // The secret iaas topic, both council topics (private repositories: the council's meeting issue may list them, the site not), the secret idea.
    expect(data.hidden).toBe(4);
    expect(data.backlog?.ideas.map((i) => i.title)).toEqual(["Add a glossary", "Zero-downtime upgrades of the control plane"]);
  });

  it("lists the upcoming meetings with the cancelled one marked, and the past ones newest first with their minutes", async () => {
    const { data } = await readSite(jobContext(sim, NOW), loadedConfig(SITE_CONFIG));
    const iaas = data.series.find((s) => s.id === "iaas")!;
    expect(iaas.cadence).toBe("Every other Monday (odd ISO weeks), 14:00–15:00 Europe/Berlin");
    expect(iaas.upcoming.map((m) => [m.date, m.start, m.cancelled])).toEqual([
      ["2025-01-13", "2025-01-13T13:00:00.000Z", false],
      ["2025-01-27", "2025-01-27T13:00:00.000Z", true],
      ["2025-02-10", "2025-02-10T13:00:00.000Z", false],
      ["2025-02-24", "2025-02-24T13:00:00.000Z", false],
      ["2025-03-10", "2025-03-10T13:00:00.000Z", false],
      ["2025-03-24", "2025-03-24T13:00:00.000Z", false],
    ]);
    expect(iaas.upcoming[1]!.issueUrl).toMatch(/\/sovereign\/meetings\/issues\/22$/);
    expect(iaas.past.map((p) => [p.date, p.cancelled, p.minutes])).toEqual([
      ["2024-12-30", false, MINUTES],
      ["2024-12-16", true, null],
    ]);
    expect(iaas.past[0]!.minutesUrl).toMatch(/\/sovereign\/meetings\/blob\/main\/minutes\/2024-12-30\.md$/);
    // The calendar leaves the cancelled date out.
    expect(iaas.ics).toContain("EXDATE");
  });

  it("draws the meetup's days, one unnamed room each", async () => {
    const { data } = await readSite(jobContext(sim, NOW), loadedConfig(SITE_CONFIG));
    const meetup = data.series.find((s) => s.id === "meetup-2025")!;
    expect(meetup.kind).toBe("event");
    expect(meetup.schedule?.days).toHaveLength(10);
    expect(meetup.schedule?.days[0]?.rooms.map((r) => r.name)).toEqual([""]);
    const sessions = meetup.schedule!.days.flatMap((d) => d.rooms.flatMap((r) => r.sessions));
    expect(sessions.map((x) => [x.title, x.start])).toEqual([["Hands-on session on the new monitoring stack", "2025-02-03T09:00:00.000Z"]]);
  });

  it("gives the same data an hour later when nothing changed", async () => {
    const first = await readSite(jobContext(sim, NOW), loadedConfig(SITE_CONFIG));
    const later = await readSite(jobContext(sim, "2025-01-08T10:00:00Z"), loadedConfig(SITE_CONFIG));
    expect(JSON.stringify(later.data)).toBe(JSON.stringify(first.data));
  });

  it("survives an event with no day (a weekend with `weekdays`), listing it with no days and a warning that names it", async () => {
    // The config check refuses such an event (test/config/load.test.ts); the site must not crash on one all the same.
    const loaded = loadedConfig(SITE_CONFIG);
    const meetup = loaded.config.meetings["meetup-2025"]!;
    meetup.event = { ...meetup.event!, from: "2025-03-15", to: "2025-03-16", weekdays: true };
    const seq = lastSeq(sim);
    const { data, problems, warnings } = await readSite(jobContext(sim, NOW), loaded);
    expect(problems).toEqual([]);
    // Nothing to show from its meeting issues: not read.
    expect(sim.log.filter((e) => e.seq > seq && e.variables?.label === "docket/meetup-2025")).toEqual([]);
    expect(warnings).toContain(
      "meetings.meetup-2025: the event has no day: 2025-03-15 to 2025-03-16 is a weekend, and `weekdays` leaves out Saturday and Sunday",
    );
    const read = data.series.find((s) => s.id === "meetup-2025")!;
    expect(read).toMatchObject({ kind: "event", upcoming: [], over: false, agenda: null, schedule: null, ics: null });
    expect(read.cadence).toBe("No days: 2025-03-15 to 2025-03-16 is a weekend, and `weekdays` leaves out Saturday and Sunday");
    expect(data.series.map((s) => s.id)).toEqual(["iaas", "meetup-2025", "council"]);
    const page = renderSite(data).find((f) => f.path === "series/meetup-2025.html")!.content;
    expect(page).toContain("The event has no days.");
    expect(page).not.toContain("This event is over.");
  });
});

/** The site world with the next IaaS meeting's issue open, its agenda's end marker deleted by hand. */
function damagedWorld() {
  const world = siteWorld();
  world.orgs[0].repos
    .find((r: { name: string }) => r.name === "meetings")
    .issues.push({
      number: 30,
      title: "Team IaaS — 2025-01-13",
      author: "alice",
      state: "open",
      body: `${meetingIdentityComment({ series: "iaas", date: "2025-01-13" })}\n# Team IaaS — 2025-01-13\n${beginMarker(AGENDA_SECTION)}\nsomeone deleted the end marker`,
      created_at: "2025-01-06T14:00:00Z",
      labels: [{ name: "docket/iaas", at: "2025-01-06T14:00:00Z", by: "alice" }],
    });
  return world;
}

describe("readSite with a damaged meeting issue", () => {
  const sim = useActionWorld(damagedWorld);

  it("shows what it could read, and reports the damage as a warning that claims no edit (the `agenda` command fails on it; the site still deploys)", async () => {
    const { data, problems, warnings } = await readSite(jobContext(sim, NOW), loadedConfig(SITE_CONFIG));
    expect(problems).toEqual([]);
    const warning = warnings.find((w) => w.includes("without <!-- docket:end agenda -->"));
    expect(warning).toMatch(
      /^meetings\.iaas: the meeting issue .*\/sovereign\/meetings\/issues\/30: section "agenda": found .* without <!-- docket:end agenda -->; please repair or remove its markers/,
    );
    expect(warning).not.toContain("unchanged");
    const iaas = data.series.find((s) => s.id === "iaas")!;
    expect(iaas.agenda?.meeting.issueUrl).toMatch(/\/issues\/30$/);
    expect(iaas.agenda?.scheduled.map((t) => t.title)).toContain("Welcome new contributors in the community call");
  });
});

/** The site world with the meeting repository and the configuration's home private: only some members may read them. */
function privateMeetingsWorld() {
  const world = siteWorld();
  for (const repo of world.orgs[0].repos as { name: string; visibility?: string }[])
    if (repo.name === "meetings" || repo.name === ".github") repo.visibility = "private";
  return world;
}

describe("readSite with a private meeting repository", () => {
  const sim = useActionWorld(privateMeetingsWorld);

  it("lists the meetings, cancelled ones marked, without linking their issues, and names no private repository in the footer", async () => {
    const { data, warnings } = await readSite(jobContext(sim, NOW), loadedConfig(SITE_CONFIG));
    const iaas = data.series.find((s) => s.id === "iaas")!;
    expect(iaas.upcoming.map((m) => [m.date, m.cancelled, m.issueUrl])).toContainEqual(["2025-01-27", true, null]);
    expect(iaas.past.map((p) => [p.date, p.cancelled, p.issueUrl, p.minutes])).toEqual([
      ["2024-12-30", false, null, null],
      ["2024-12-16", true, null, null],
    ]);
    expect(iaas.agenda?.meeting.issueUrl).toBeNull();
    expect(warnings).toContain("the minutes in sovereign/meetings are not shown: not everyone may read that repository");
    for (const file of renderSite(data)) {
      expect(file.content, file.path).not.toMatch(/sovereign\/meetings\/issues|sovereign\/\.github/);
      expect(file.content, file.path).not.toContain("sovereign/meetings");
    }
  });
});

describe("readSite's requests", () => {
  it("reads each series' meeting issues once: the read behind the agenda serves the upcoming and past meetings too (the demo world: 9 requests)", async () => {
    const sim = await startSimulator({ world: demoSiteWorld() });
    const dir = await mkdtemp(join(tmpdir(), "docket-site-requests-"));
    try {
      const seq = lastSeq(sim);
      await runSiteCommand(sim, dir);
      const requests = sim.log
        .filter((e) => e.seq > seq)
        .map((e) => (e.operationName ? `${e.operationName} ${String(e.variables?.label ?? e.variables?.name ?? "")}`.trim() : `${e.method} ${e.path}`));
      expect(requests).toEqual([
        // The Action's config loader: the workflow's repository, then the organisation's.
        "GET /repos/sovereign/meetings/contents/.github%2Fdocket.yml",
        "GET /repos/sovereign/.github/contents/.github%2Fdocket.yml",
        "DocketOwnerProfile",
        "DocketRepositoryVisibility .github",
        // Per series, one request: its meeting issues with the first page of its topics' search.
        "DocketAgendaInputs docket/iaas",
        "DocketAgendaInputs docket/meetup-2025",
        "DocketAgendaInputs docket/summit",
        "DocketFiles meetings",
        "DocketSearchTopics",
      ]);
    } finally {
      await rm(dir, { recursive: true, force: true });
      await sim.close();
    }
  });
});
