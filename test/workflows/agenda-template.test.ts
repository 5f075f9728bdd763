/**
 * Where a meeting takes place, and meeting templates (issue 13), against the local GitHub: a
 * series' template becomes the text of its new meeting issue with every placeholder in a Docket
 * section; a later sync rewrites those sections when the configuration changes and leaves
 * people's text byte for byte; a template that cannot be used opens the issue with the default
 * text and says why; issues opened before headers had sections keep their text.
 */
import { describe, expect, it } from "vitest";
import { readSection } from "../../src/render/markers.js";
import { meetingIssueLabel, syncAgenda } from "../../src/workflows/agenda.js";
import { handleCancelCommands } from "../../src/workflows/cancel.js";
import type { World } from "../sim/world.js";
import { startSimulator, type Simulator } from "../sim/server.js";
import { violationText } from "../sim/helpers.js";
import { afterAll, afterEach, beforeAll, beforeEach } from "vitest";
import { CONFIG, actionWorld, commandTarget, jobContext, loadedConfig } from "./action-world.js";

const NOW = "2025-01-10T13:00:00Z";
const TEMPLATE_PATH = ".github/meeting.md";

const TEMPLATE = `# {{title}} on {{local-date}}

Hello! We meet {{local-time}}, that is {{date}} at {{time}}.
{{when}}
{{where}}
Room: {{location}} · link: {{join-url}} · topics labelled {{label}}

{{about}}

{{pad}}
{{agenda}}

Anything below the agenda is yours.

{{waiting-list}}

## Notes

{{notes}}

Thanks for coming!
`;

/** The test CONFIG with lines added to the `iaas` series. */
function config(extra: string): string {
  return CONFIG.replace("    open-ahead: 3d\n", `    open-ahead: 3d\n${extra.replace(/^/gm, "    ")}\n`);
}

const HOSTILE = "Room 4 | <b>@bob</b> *main* <!-- docket:end agenda -->";
const WHERE = config(`location: ${JSON.stringify(HOSTILE)}\njoin-url: https://meet.example.org/iaas\ntemplate: ${TEMPLATE_PATH}`);

function world(template: string | null): World {
  const w = actionWorld() as unknown as { orgs: Array<{ repos: Array<{ name: string; files?: Record<string, string> }> }> };
  const home = w.orgs[0]!.repos.find((r) => r.name === ".github")!;
  if (template !== null) home.files = { ...home.files, [TEMPLATE_PATH]: template };
  return w as unknown as World;
}

let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator({ world: world(TEMPLATE) });
});
afterAll(() => sim.close());
beforeEach(() => sim.reset());
afterEach(() => {
  expect(violationText(sim)).toEqual([]);
});

const meeting = () => [...sim.state.repo("sovereign", "meetings")!.issues.values()].find((i) => i.labels.some((l) => l.name === meetingIssueLabel("iaas")))!;
const body = () => meeting().body ?? "";
/** The body without Docket's sections: what belongs to people. */
const peoples = (text: string) => text.replace(/<!-- docket:begin ([a-z-]+) -->[\s\S]*?<!-- docket:end \1 -->/g, "<section>");

/** The hostile location as inline() writes it for an issue: escaped, no HTML, no marker, nobody pinged. */
const HOSTILE_MD = "Room 4 \\| &lt;b&gt;@\u200Bbob&lt;/b&gt; \\*main\\* &lt;!-- docket:end agenda --&gt;";

describe("a meeting template", () => {
  it("becomes the new meeting issue's text, every placeholder in a Docket section (placeholders inside a line on that line)", async () => {
    const result = await syncAgenda(jobContext(sim, NOW), loadedConfig(WHERE), "iaas");
    expect(result.problems).toEqual([]);
    expect(result.created).toBe(true);
    const text = body();
    const when =
      "**When:** Monday, 13 January 2025, 14:00–15:00 Europe/Berlin (13:00 UTC) · [in your time zone](https://www.timeanddate.com/worldclock/fixedtime.html?iso=20250113T1300&p1=1440)";
    expect(text).toBe(`<!-- docket:meeting {"series":"iaas","date":"2025-01-13"} -->
# <!-- docket:begin title -->Team IaaS<!-- docket:end title --> on <!-- docket:begin local-date -->Monday, 13 January 2025<!-- docket:end local-date -->

Hello! We meet <!-- docket:begin local-time -->14:00–15:00 Europe/Berlin<!-- docket:end local-time -->, that is <!-- docket:begin date -->2025-01-13<!-- docket:end date --> at <!-- docket:begin time -->13:00 UTC<!-- docket:end time -->.
<!-- docket:begin when -->
${when}
<!-- docket:end when -->
<!-- docket:begin where -->
**Where:** ${HOSTILE_MD} · [Join the meeting](https://meet.example.org/iaas)
<!-- docket:end where -->
Room: <!-- docket:begin location -->${HOSTILE_MD}<!-- docket:end location --> · link: <!-- docket:begin join-url -->[https://meet.example.org/iaas](https://meet.example.org/iaas)<!-- docket:end join-url --> · topics labelled <!-- docket:begin label -->\`agenda/iaas\`<!-- docket:end label -->

<!-- docket:begin about -->
_Docket keeps the agenda and the waiting list below up to date from issues labelled \`agenda/iaas\`. Anything written outside them stays as you wrote it._
<!-- docket:end about -->

<!-- docket:begin pad -->
<!-- docket:end pad -->
<!-- docket:begin agenda -->
${readSection(text, "agenda")}
<!-- docket:end agenda -->

Anything below the agenda is yours.

<!-- docket:begin waiting-list -->
${readSection(text, "waiting-list")}
<!-- docket:end waiting-list -->

## Notes

<!-- docket:begin notes -->
${readSection(text, "notes")}
<!-- docket:end notes -->

Thanks for coming!
`);
    expect(readSection(text, "agenda")).toContain("## Agenda");
  });

  it("a changed label and join link rewrite the header on the next sync; people's text stays byte for byte", async () => {
    await syncAgenda(jobContext(sim, NOW), loadedConfig(WHERE), "iaas");
    const edited = `${body().replace("Thanks for coming!", "Thanks for coming! (edited by alice)")}\nA late note.\n`;
    await sim.act({ as: "alice", action: "edit", repo: "sovereign/meetings", number: meeting().number, body: edited });

    const changed = WHERE.replace("label: agenda/iaas", "label: topic/iaas").replace("https://meet.example.org/iaas", "https://meet.example.org/iaas-2025");
    const result = await syncAgenda(jobContext(sim, NOW), loadedConfig(changed), "iaas");
    expect(result.problems).toEqual([]);
    expect(result.updated).toBe(true);
    const text = body();
    expect(peoples(text)).toBe(peoples(edited));
    expect(readSection(text, "label")).toBe("`topic/iaas`");
    expect(readSection(text, "join-url")).toBe("[https://meet.example.org/iaas-2025](https://meet.example.org/iaas-2025)");
    expect(readSection(text, "where")).toBe(`**Where:** ${HOSTILE_MD} · [Join the meeting](https://meet.example.org/iaas-2025)`);
    expect(readSection(text, "about")).toContain("labelled `topic/iaas`");
    // Inline sections stay on their line.
    expect(text).toContain("topics labelled <!-- docket:begin label -->`topic/iaas`<!-- docket:end label -->\n");
  });

  it("an unknown placeholder: the issue opens with the default text, and the problem names it with a did-you-mean", async () => {
    const ctx = jobContext(sim, NOW);
    const home = { owner: "sovereign", repo: ".github" };
    const sha = (await ctx.gateway.file(home, TEMPLATE_PATH))!.sha;
    await ctx.gateway.putFile(home, { path: TEMPLATE_PATH, text: TEMPLATE.replace("{{label}}", "{{lable}}"), branch: "main", message: "typo", sha });
    const result = await syncAgenda(ctx, loadedConfig(WHERE), "iaas");
    expect(result.created).toBe(true);
    expect(result.problems).toEqual([
      "the meeting template `.github/meeting.md` has an unknown placeholder `{{lable}}` (did you mean `{{label}}`?); known: {{title}}, {{date}}, {{time}}, {{local-date}}, {{local-time}}, {{when}}, {{where}}, {{location}}, {{join-url}}, {{label}}, {{about}}, {{pad}}, {{agenda}}, {{waiting-list}}, {{notes}}; the meeting issue opens with the default text",
    ]);
    expect(body()).not.toContain("Hello!");
    expect(readSection(body(), "where")).toBe(`**Where:** ${HOSTILE_MD} · [Join the meeting](https://meet.example.org/iaas)`);
  });
});

describe("a meeting cancelled before its issue opened", () => {
  it("`/cancel iaas <date>` opens its issue with the series' template and where, the cancelled text in its agenda", async () => {
    await syncAgenda(jobContext(sim, NOW), loadedConfig(WHERE), "iaas");
    const first = meeting();
    const text = "/cancel iaas 2025-01-27";
    const target = commandTarget(first);
    const outcome = await handleCancelCommands(jobContext(sim, NOW), loadedConfig(WHERE), target, {
      id: sim.state.addComment(first, text, "alice").id,
      body: text,
      author: "alice",
    });
    expect(outcome).toEqual({ touched: ["iaas"], replies: [] });

    const cancelled = [...sim.state.repo("sovereign", "meetings")!.issues.values()].find((i) => i.title === "Team IaaS — 2025-01-27")!;
    expect([cancelled.state, cancelled.stateReason]).toEqual(["closed", "not_planned"]);
    const cbody = cancelled.body ?? "";
    expect(cbody).toContain("Hello! We meet <!-- docket:begin local-time -->14:00–15:00 Europe/Berlin<!-- docket:end local-time -->");
    expect(cbody).toContain("Thanks for coming!");
    expect(readSection(cbody, "where")).toBe(`**Where:** ${HOSTILE_MD} · [Join the meeting](https://meet.example.org/iaas)`);
    expect(readSection(cbody, "notes")).not.toBeNull();
    expect(readSection(cbody, "agenda")).toContain(
      "**Cancelled:** this meeting does not take place. Its topics move on to the next meeting that takes place, on Monday, 10 February 2025.",
    );
  });
});

describe("a missing template", () => {
  it("opens the issue with the default text and says which file it did not find", async () => {
    const result = await syncAgenda(jobContext(sim, NOW), loadedConfig(WHERE.replace(TEMPLATE_PATH, ".github/nope.md")), "iaas");
    expect(result.created).toBe(true);
    expect(result.problems).toEqual([
      "the meeting template `.github/nope.md` was not found in sovereign/.github (the repository of the configuration); the meeting issue opens with the default text",
    ]);
    expect(readSection(body(), "about")).toContain("labelled `agenda/iaas`");
  });
});

describe("a meeting issue opened by an older Docket (header outside markers)", () => {
  it("keeps its header as it is and gets no header sections appended under people's notes", async () => {
    await syncAgenda(jobContext(sim, NOW), loadedConfig(config("location: Room 4")), "iaas");
    // What an older version wrote: the When line and the label sentence outside any section.
    const old = body()
      .replace(/<!-- docket:(begin|end) (when|about) -->\n/g, "")
      .replace(/<!-- docket:begin where -->\n.*\n<!-- docket:end where -->\n/, "");
    await sim.act({ as: "alice", action: "edit", repo: "sovereign/meetings", number: meeting().number, body: old });
    const result = await syncAgenda(jobContext(sim, NOW), loadedConfig(config("location: Room 5").replace("label: agenda/iaas", "label: topic/iaas")), "iaas");
    expect(result.problems).toEqual([]);
    expect(peoples(body())).toBe(peoples(old));
    expect(body()).not.toContain("docket:begin where");
  });
});
