/**
 * docs/commands.md is the reference of what people type in comments. Every command the parsers
 * accept must be in it, and it must document no command that Docket does not read. The lists
 * come from the code: the minutes' MINUTES_COMMANDS (its switch is exhaustive over it), and the
 * usage texts `/agenda`, `/poll` and `/cancel` answer with, which name every form they take.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { cancelUsage, interpretAgendaCommand, parseCommands } from "../../src/domain/commands.js";
import { buildMinutes, MINUTES_COMMANDS } from "../../src/domain/minutes.js";
import { POLL_USAGE } from "../../src/domain/poll.js";
import { nowUsage } from "../../src/render/now.js";

const doc = readFileSync(new URL("../../docs/commands.md", import.meta.url), "utf8");
const headings = doc.split("\n").filter((l) => /^#{2,3} /.test(l));
/** The code spans of a usage text that are commands (`/agenda …`, `/poll …`). */
const forms = (usage: string) => [...usage.matchAll(/`(\/[^`]+)`/g)].map((m) => m[1]!);
const agendaUsage = (() => {
  const answer = interpretAgendaCommand(parseCommands("/agenda")[0]!, ["iaas", "sig"]);
  if (answer.kind !== "invalid") throw new Error("`/agenda` with two series should ask which one");
  return answer.message;
})();
const commandForms = [...forms(agendaUsage), ...forms(POLL_USAGE), ...forms(cancelUsage(["iaas", "sig"]))];
/** `/now` and `/next <track>`, from the usage texts they answer with. */
const nowForms = [...forms(nowUsage("now", ["edge"])), ...forms(nowUsage("next", ["edge"]))];

describe("docs/commands.md", () => {
  it("has a section for every command the minutes read", () => {
    expect(MINUTES_COMMANDS.filter((name) => !headings.some((h) => h.includes(`\`/${name}\``)))).toEqual([]);
  });

  it("shows every form and example of /agenda, /poll and /cancel that their usage texts name", () => {
    expect(commandForms.length).toBeGreaterThanOrEqual(5);
    expect(commandForms.filter((form) => !doc.includes(form))).toEqual([]);
  });

  it("shows every form of /now and /next <track> that their usage texts name, under their own heading", () => {
    expect(nowForms.length).toBeGreaterThanOrEqual(6);
    expect(nowForms.filter((form) => !doc.includes(form))).toEqual([]);
    expect(headings).toContain("## `/now` and `/next <track>` in a gathering");
  });

  it("has a section for every /agenda, /poll and /cancel sub-command", () => {
    const leadingWords = (form: string) => {
      const words = form.split(" ");
      const end = words.findIndex((w) => !/^\/?[a-z][a-z-]*$/.test(w));
      return words.slice(0, end === -1 ? words.length : end).join(" ");
    };
    const subcommands = [...new Set(commandForms.map(leadingWords))];
    expect(subcommands).toEqual(expect.arrayContaining(["/agenda", "/agenda remove", "/poll slots", "/poll close", "/poll close write-config", "/cancel"]));
    expect(subcommands.filter((s) => !headings.some((h) => h.includes(`\`${s}\``)))).toEqual([]);
  });

  it("documents hand-written action items in the spellings the minutes read", () => {
    for (const line of ["AI @alice: send the summary", "Action item @alice: send the summary"]) {
      const model = buildMinutes({
        meeting: { seriesId: "iaas", title: "Team IaaS", date: "2025-01-13", url: "https://github.com/o/r/issues/2", number: 2, body: "", author: "alice" },
        comments: [{ id: 1, author: "bob", body: line, createdAt: "2025-01-13T13:05:00Z" }],
        topics: [],
        occurrenceNumber: 1,
      });
      expect(model.actionItems.map((a) => a.owners)).toEqual([["alice"]]);
      expect(doc).toContain(`${line.split("@")[0]!.trim()} @`);
    }
  });

  it("names no command Docket does not read", () => {
    const read = new Set([...MINUTES_COMMANDS, ...[...commandForms, ...nowForms].map((f) => f.slice(1).split(" ")[0]!)]);
    const named = new Set([...doc.matchAll(/`\/([a-z][a-z-]*)/g)].map((m) => m[1]!));
    expect([...named].filter((n) => !read.has(n))).toEqual([]);
  });
});
