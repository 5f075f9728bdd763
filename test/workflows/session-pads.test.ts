/**
 * A pad per session of a gathering (ensureSessionPads) against the HedgeDoc stand-in
 * (test/sim/pads.ts): created once from the topic, kept in the event issue's hidden section,
 * a failing server loses nothing and the next run finishes the job.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { silentLogger, type DocketIssue, type GitHubGateway } from "../../src/github/gateway.js";
import { padClient, type PadClient } from "../../src/pads/pads.js";
import { mergeSections } from "../../src/render/markers.js";
import type { JobContext } from "../../src/workflows/context.js";
import { ensureSessionPads, readSessionPads, readSessionPadStates } from "../../src/workflows/session-pads.js";
import { ptgCandidates, ptgGathering, ptgSeries } from "../helpers/gathering.js";
import { startPadStandIns, type PadStandIns } from "../sim/pads.js";

let server: PadStandIns;
beforeAll(async () => {
  server = await startPadStandIns();
});
afterAll(() => server?.close());

const candidates = ptgCandidates();
const [intro, joint, upgrades, secrets, novaEdge] = candidates.map((c) => c.topic.id) as [string, string, string, string, string];
const sessions = ptgGathering(ptgSeries(), candidates).sessions;
const series = () => ptgSeries({ notes: { pad: "hedgedoc", url: server.hedgedocUrl } });
const ISSUE: DocketIssue = {
  id: "I_event",
  number: 7,
  title: "PTG 2026 — 2026-03-27",
  url: "https://github.com/acme/meetings/issues/7",
  body: "",
  state: "open",
  stateReason: null,
};
const BODY = "People's words about the PTG.\n";
const context = (pads: PadClient = padClient(), dryRun = false): JobContext => ({
  gateway: { dryRun } as GitHubGateway,
  log: silentLogger,
  now: new Date("2026-03-20T09:00:00Z"),
  pads,
});
/** The body after the sync wrote the section. */
const written = (body: string, section: { name: string; content: string } | null) => (section === null ? body : mergeSections(body, [section]).body);
const created = () => server.log.filter((r) => r.method === "POST").length;

describe("ensureSessionPads", () => {
  it("creates a pad for each session anyone may read, from its topic: title, time in the event's zone, room, links and the topic's heading", async () => {
    const before = created();
    const r = await ensureSessionPads(context(), series(), ISSUE, BODY, sessions);
    expect(r.problems).toEqual([]);
    expect(Object.keys(r.pads).sort()).toEqual([intro, joint, upgrades, novaEdge].sort());
    expect(r.pads[secrets]).toBeUndefined();
    expect(created() - before).toBe(4);
    const note = (topicId: string) => server.notes.hedgedoc.get(readSessionPadStates(written(BODY, r.section))[topicId]!.id)!;
    expect(note(joint).content).toBe(
      [
        "# PTG 2026 — Edge, meet TripleO",
        "",
        "> Friday, 27 March 2026, 10:00–10:30 Europe/Berlin (09:00 UTC) · Room A, Room B, joint session of Edge computing and TripleO · [the topic](https://github.com/acme/edge/issues/2) · [the event issue](https://github.com/acme/meetings/issues/7)",
        "> Write under the topic's heading; `Decision: …` and `AI @user: …` lines become decisions and action items. Docket reads this pad into the gathering's recap.",
        "",
        "Participants: ",
        "",
        "### acme/edge#2 Edge, meet TripleO",
        "",
      ].join("\n"),
    );
    expect(note(joint).title).toBe("PTG 2026 — Edge, meet TripleO");
    // Monday is summer time: 10:00 in Berlin is 08:00 UTC.
    expect(note(upgrades).content).toContain("> Monday, 30 March 2026, 10:00–11:00 Europe/Berlin (08:00 UTC) · Room B · [the topic]");
  });

  it("creates each pad once: the hidden section keeps them, a rerun asks the server nothing and changes no byte", async () => {
    const first = await ensureSessionPads(context(), series(), ISSUE, BODY, sessions);
    const body = written(BODY, first.section);
    expect(body.startsWith(BODY)).toBe(true);
    expect(readSessionPads(body)).toEqual(first.pads);
    const before = created();
    const again = await ensureSessionPads(context(), series(), ISSUE, body, sessions);
    expect(created()).toBe(before);
    expect(again).toEqual({ pads: first.pads, section: first.section, problems: [] });
    expect(written(body, again.section)).toBe(body);
  });

  it("a pad server that fails: the pads made before are kept, the problem names the session, and the next run creates the rest", async () => {
    let calls = 0;
    const failing = padClient({
      fetch: (async (url, init) => (++calls > 1 ? Promise.reject(new Error("connection refused")) : fetch(url, init))) as typeof fetch,
    });
    const r = await ensureSessionPads(context(failing), series(), ISSUE, BODY, sessions);
    expect(Object.keys(r.pads)).toEqual([intro]);
    expect(r.problems).toEqual([
      expect.stringMatching(
        /^https:\/\/github\.com\/acme\/meetings\/issues\/7: no pad was created for the session "Edge, meet TripleO" \(creating the HedgeDoc pad: .* did not answer \(connection refused\)\); the next run tries again$/,
      ),
    ]);
    expect(calls).toBe(2);
    const body = written(BODY, r.section);
    const next = await ensureSessionPads(context(), series(), ISSUE, body, sessions);
    expect(next.problems).toEqual([]);
    expect(next.pads[intro]).toBe(r.pads[intro]);
    expect(Object.keys(next.pads).sort()).toEqual([intro, joint, upgrades, novaEdge].sort());
  });

  it("creates no pad while its section is damaged, and says so; nor in a dry run, for a closed issue, or without notes.pad", async () => {
    const before = created();
    const damaged = `${BODY}<!-- docket:begin session-pads -->\n<!-- docket:session-pads {"I_x": -->\n<!-- docket:end session-pads -->\n`;
    const r = await ensureSessionPads(context(), series(), ISSUE, damaged, sessions);
    expect(r).toEqual({
      pads: {},
      section: null,
      problems: [
        'https://github.com/acme/meetings/issues/7: the section "session-pads" (the sessions\' pads) was left as it is: its hidden line is not one Docket wrote; no session pad is created until it is repaired (or removed: then every session gets a new pad)',
      ],
    });
    const unclosed = `${BODY}<!-- docket:begin session-pads -->\n`;
    expect((await ensureSessionPads(context(), series(), ISSUE, unclosed, sessions)).problems).toEqual([expect.stringContaining("its markers are damaged")]);
    const nothing = { pads: {}, section: null, problems: [] };
    expect(await ensureSessionPads(context(padClient(), true), series(), ISSUE, BODY, sessions)).toEqual(nothing);
    expect(await ensureSessionPads(context(), series(), { ...ISSUE, state: "closed" }, BODY, sessions)).toEqual(nothing);
    expect(await ensureSessionPads(context(), ptgSeries(), ISSUE, BODY, sessions)).toEqual(nothing);
    expect(created()).toBe(before);
  });

  it("reads pads only from the section, never from a line people wrote elsewhere", () => {
    const line = '<!-- docket:session-pads {"I_x":{"kind":"hedgedoc","id":"abc","url":"https://evil.example/abc"}} -->';
    expect(readSessionPads(`${BODY}${line}\n`)).toEqual({});
    expect(readSessionPads(`<!-- docket:begin session-pads -->\n${line}\n<!-- docket:end session-pads -->\n`)).toEqual({ I_x: "https://evil.example/abc" });
  });
});
