/**
 * syncAgenda (src/workflows/agenda.ts) against the local GitHub, which refuses a body over
 * 65,536 characters as GitHub does: 400 topics with titles of 256 `<` (1,024 characters each
 * once escaped) give a meeting issue that fits, lists what fits, and counts the rest with a link
 * to the series label's search; people's text outside the markers stays as it is and counts too.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { characters, MAX_BODY } from "../../src/domain/limits.js";
import { AGENDA_SECTION, WAITING_SECTION } from "../../src/render/agenda.js";
import { readSection, readState } from "../../src/render/markers.js";
import { meetingIssueLabel, syncAgenda } from "../../src/workflows/agenda.js";
import { violationText } from "../sim/helpers.js";
import { startSimulator, type Simulator } from "../sim/server.js";
import type { World } from "../sim/world.js";
import { actionWorld, jobContext, lastSeq, loadedConfig, writesSince } from "./action-world.js";

const TOPICS = 400;
const NOW = "2025-01-10T13:00:00Z";
const SEARCH = "https://github.com/search?q=org%3Asovereign%20label%3A%22agenda%2Fiaas%22%20is%3Aopen&type=issues";

/** The action world with 400 topics in sovereign/infra, each titled with 256 `<`, labelled one after another. */
function floodedWorld(): World {
  const world = actionWorld() as unknown as { orgs: Array<{ repos: Array<{ name: string; issues: unknown[] }> }> };
  const infra = world.orgs[0]!.repos.find((r) => r.name === "infra")!;
  for (let i = 0; i < TOPICS; i++) {
    const at = new Date(Date.parse("2025-01-02T00:00:00Z") + i * 60_000).toISOString();
    infra.issues.push({ number: 100 + i, title: "<".repeat(256), author: "carol", created_at: at, labels: [{ name: "agenda/iaas", at, by: "bob" }] });
  }
  return world as unknown as World;
}

let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator({ world: floodedWorld() });
});
afterAll(() => sim.close());
beforeEach(() => sim.reset());
afterEach(() => {
  // Nothing Docket sent was refused: every write fit GitHub's limits.
  expect(violationText(sim)).toEqual([]);
});

const meeting = () => [...sim.state.repo("sovereign", "meetings")!.issues.values()].find((i) => i.labels.some((l) => l.name === meetingIssueLabel("iaas")));

describe("a flooded agenda", () => {
  it("400 topics titled with 256 '<': the meeting issue is opened within 65,536 characters, lists what fits and counts the rest with the search link", async () => {
    const result = await syncAgenda(jobContext(sim, NOW), loadedConfig(), "iaas");
    expect(result.problems).toEqual([]);
    expect(result.created).toBe(true);
    const body = meeting()!.body!;
    expect(characters(body)).toBeLessThanOrEqual(MAX_BODY);
    expect(result.agenda!.scheduled.length + result.agenda!.waiting.length).toBeGreaterThanOrEqual(TOPICS);
    const waiting = readSection(body, WAITING_SECTION)!;
    const listed = (waiting.match(/^\d+\. \[sovereign\/infra#\d+ (&lt;)+…\]/gm) ?? []).length;
    expect(listed).toBeGreaterThan(100);
    const more = result.agenda!.waiting.length - listed;
    expect(waiting).toContain(
      `**${more} more topics are waiting**, not listed here: GitHub allows an issue 65,536 characters. See [all topics labelled \`agenda/iaas\`](${SEARCH}).`,
    );
    // The first six (labelled first) fill the hour; their titles are cut after escaping, whole `&lt;` only.
    expect(readSection(body, AGENDA_SECTION)).toContain(
      `| 1 | 14:00 | [sovereign/infra#100 ${"&lt;".repeat(19)}…](https://github.com/sovereign/infra/issues/100) | [carol](https://github.com/carol) | 10m |`,
    );
    // Docket still remembers every topic it placed.
    expect(readState(body)!.waiting).toHaveLength(result.agenda!.waiting.length);

    // Deterministic: a second run with the same topics writes nothing.
    const seq = lastSeq(sim);
    const again = await syncAgenda(jobContext(sim, NOW), loadedConfig(), "iaas");
    expect(again.updated).toBe(false);
    expect(writesSince(sim, seq)).toEqual([]);
  });

  it("people's notes outside the markers stay exactly as written and leave the agenda less room", async () => {
    await syncAgenda(jobContext(sim, NOW), loadedConfig(), "iaas");
    const issue = meeting()!;
    const before = issue.body!;
    const listedBefore = (readSection(before, WAITING_SECTION)!.match(/^\d+\. /gm) ?? []).length;
    const notes = `Notes by the chair:\n\n${"- a point we must not lose\n".repeat(1_000)}`;
    const after = "\n\n## Decisions\n\nnone yet\n";
    await sim.act({
      as: "alice",
      action: "edit",
      repo: "sovereign/meetings",
      number: issue.number,
      body: `${notes}\n${before.replace(/\n## Notes\n$/, "")}${after}`,
    });

    const result = await syncAgenda(jobContext(sim, NOW), loadedConfig(), "iaas");
    expect(result.problems).toEqual([]);
    expect(result.updated).toBe(true);
    const body = meeting()!.body!;
    expect(characters(body)).toBeLessThanOrEqual(MAX_BODY);
    expect(body.startsWith(`${notes}\n`)).toBe(true);
    expect(body.endsWith(after)).toBe(true);
    const listed = (readSection(body, WAITING_SECTION)!.match(/^\d+\. /gm) ?? []).length;
    expect(listed).toBeLessThan(listedBefore);
    expect(readSection(body, WAITING_SECTION)).toContain(`**${result.agenda!.waiting.length - listed} more topics are waiting**`);
  });

  it("when people's text leaves no room for the agenda, Docket writes nothing and says why", async () => {
    await syncAgenda(jobContext(sim, NOW), loadedConfig(), "iaas");
    const issue = meeting()!;
    const markers = ["agenda", "waiting-list"].map((n) => `<!-- docket:begin ${n} -->\n<!-- docket:end ${n} -->`).join("\n\n");
    const full = `${"n".repeat(MAX_BODY - 2_000)}\n\n${markers}\n`;
    await sim.act({ as: "alice", action: "edit", repo: "sovereign/meetings", number: issue.number, body: full });
    const seq = lastSeq(sim);
    const result = await syncAgenda(jobContext(sim, NOW), loadedConfig(), "iaas");
    expect(writesSince(sim, seq)).toEqual([]);
    expect(result.updated).toBe(false);
    expect(result.problems).toEqual([
      `https://github.com/sovereign/meetings/issues/${issue.number} was not updated: the text outside Docket's sections leaves no room for the agenda within GitHub's limit of 65,536 characters; shorten that text and Docket writes the agenda again`,
    ]);
    expect(meeting()!.body).toBe(full);
  });
});
