import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { meetingRepository, seriesLabel } from "../../src/config/load.js";
import { closestMatch, configSchema, describeInput, seriesSchema } from "../../src/config/schema.js";
import { EXAMPLE_CONFIG } from "../../scripts/config-docs.js";
import { TEAM_IAAS } from "../fixtures/acme.js";

const minimalSeries = { title: "T", cadence: "weekly", day: "monday", time: "14:00" };

describe("configSchema", () => {
  it("accepts the example from the design notes and fills the defaults", () => {
    const config = configSchema.parse(parse(EXAMPLE_CONFIG));

    const iaas = config.meetings.iaas;
    expect(iaas).toMatchObject({
      ...TEAM_IAAS,
      "default-estimate": 10,
      recurring: ["Who presents in the community call?", "Anything to add to the agenda?"],
      "recurring-time": 0,
      roles: { reporter: ["fkr", "garloff"], minutes: ["gndrmnn", "maxwolfs"] },
      order: "fifo",
      "waiting-list": "first-fit",
      board: { owner: "SovereignCloudStack", number: 6, field: "Status", value: "Agenda" },
      minutes: { path: "minutes/{date}.md", publish: "commit", "follow-up-issues": false, "unlabel-discussed": true },
    });
    expect(config.meetings.iaas?.["open-ahead"]).toBeUndefined();

    const meetup = config.meetings["meetup-2025"];
    expect(meetup).toMatchObject({
      title: "Team Meetup 2025",
      label: "meetup-topic",
      "waiting-list": "first-fit",
      duration: 60,
      timezone: "UTC",
      event: { from: "2025-02-03", to: "2025-02-14", weekdays: true, start: "09:00", timezone: "UTC", "daily-budget": 150 },
    });
    expect(meetup?.cadence).toBeUndefined();

    expect(config.backlog).toEqual({ label: "idea", title: "Idea Backlog", path: "docs/backlog.md", publish: "commit", locale: "en" });
    expect(config.sprints).toEqual({
      board: { owner: "SovereignCloudStack", number: 6, "iteration-field": "Sprint" },
      milestones: false,
      timezone: "UTC",
      path: "sprints/{sprint}.md",
      publish: "commit",
    });
    expect(config["estimate-label-prefix"]).toBe("time/");
    expect(config["estimate-field"]).toBe("Estimate");
  });

  it("leaves the label unset so seriesLabel can default it to agenda/<id>", () => {
    const yaml = EXAMPLE_CONFIG.replace(/^ {4}label: agenda\/iaas.*\n/m, "");
    const config = configSchema.parse(parse(yaml));
    const iaas = config.meetings.iaas;
    expect(iaas?.label).toBeUndefined();
    expect(seriesLabel("iaas", iaas ?? {})).toBe("agenda/iaas");
    expect(seriesLabel("meetup-2025", config.meetings["meetup-2025"] ?? {})).toBe("meetup-topic");
  });

  it("fills the defaults of an empty config", () => {
    expect(configSchema.parse({})).toEqual({ "estimate-label-prefix": "time/", "estimate-field": "Estimate", meetings: {} });
  });

  it("parses durations to whole minutes", () => {
    const parse = (duration: unknown) => seriesSchema.parse({ ...minimalSeries, duration }).duration;
    expect(parse("30m")).toBe(30);
    expect(parse("1h")).toBe(60);
    expect(parse("1h30m")).toBe(90);
    expect(parse(45)).toBe(45);
    expect(seriesSchema.parse(minimalSeries).duration).toBe(60);
    expect(seriesSchema.safeParse({ ...minimalSeries, duration: 0 }).success).toBe(false);
    expect(seriesSchema.safeParse({ ...minimalSeries, duration: 1.5 }).success).toBe(false);
    expect(seriesSchema.parse({ ...minimalSeries, "recurring-time": 0 })["recurring-time"]).toBe(0);
  });

  it("reads open-ahead in days (7d, 2d12h) as whole minutes; none means no limit", () => {
    const openAhead = (value: unknown) => seriesSchema.parse({ ...minimalSeries, "open-ahead": value })["open-ahead"];
    expect(openAhead("7d")).toBe(7 * 24 * 60);
    expect(openAhead("2d12h")).toBe(60 * 60);
    expect(openAhead("36h")).toBe(36 * 60);
    expect(seriesSchema.parse(minimalSeries)["open-ahead"]).toBeUndefined();
    expect(seriesSchema.safeParse({ ...minimalSeries, "open-ahead": "0d" }).success).toBe(false);
    expect(seriesSchema.safeParse({ ...minimalSeries, "open-ahead": "a week" }).success).toBe(false);
  });

  it("accepts a one-digit hour and stores HH:MM", () => {
    expect(seriesSchema.parse({ ...minimalSeries, time: "9:05" }).time).toBe("09:05");
    expect(seriesSchema.safeParse({ ...minimalSeries, time: "24:00" }).success).toBe(false);
  });

  it("accepts an RRULE cadence without a day", () => {
    const s = seriesSchema.parse({ title: "T", cadence: "FREQ=WEEKLY;BYDAY=TU", time: "10:00" });
    expect(s.cadence).toBe("FREQ=WEEKLY;BYDAY=TU");
  });

  it("gives each use of a board its defaults and refuses keys that would do nothing there", () => {
    const config = configSchema.parse({
      meetings: { iaas: { title: "IaaS", cadence: "weekly", day: "monday", time: "10:00", board: { owner: "acme", number: 1 } } },
      backlog: { board: { owner: "acme", number: 2 } },
    });
    expect(config.meetings.iaas?.board).toEqual({ owner: "acme", number: 1, field: "Status", value: "Agenda" });
    expect(config.backlog?.board).toEqual({ owner: "acme", number: 2, field: "Status", value: "Idea" });
    const ideaEstimate = configSchema.safeParse({ backlog: { board: { owner: "acme", number: 2, "estimate-field": "Minutes" } } });
    expect(ideaEstimate.success).toBe(false);
    expect(ideaEstimate.error?.issues[0]?.path).toEqual(["backlog", "board"]);
    const noIteration = configSchema.safeParse({ sprints: { board: { owner: "acme", number: 2 } } });
    expect(noIteration.error?.issues.map((i) => i.path.join("."))).toEqual(["sprints.board.iteration-field"]);
  });

  it("takes one source of sprints", () => {
    const both = configSchema.safeParse({ sprints: { board: { owner: "acme", number: 2, "iteration-field": "Sprint" }, milestones: true } });
    expect(both.success).toBe(false);
    expect(both.error?.issues[0]?.path).toEqual(["sprints", "milestones"]);
    expect(both.error?.issues[0]?.message).toBe("expected one source of sprints, got `board` and `milestones`: keep one");
  });

  it("rejects a date that does not exist", () => {
    const event = { from: "2025-02-30", to: "2025-03-02", start: "09:00", "daily-budget": "2h" };
    const result = seriesSchema.safeParse({ title: "T", event });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toBe('expected a calendar date that exists, got "2025-02-30"');
  });
});

describe("meetingRepository", () => {
  const here = { owner: "acme", repo: "meetings-config" };
  it("defaults to the repository that holds the config", () => {
    expect(meetingRepository({}, {}, here)).toEqual(here);
  });
  it("takes a bare name in the same owner, from the series or the top level", () => {
    expect(meetingRepository({ repository: "community" }, {}, here)).toEqual({ owner: "acme", repo: "community" });
    expect(meetingRepository({ repository: "community" }, { repository: "iaas" }, here)).toEqual({ owner: "acme", repo: "iaas" });
  });
  it("takes owner/name as given", () => {
    expect(meetingRepository({}, { repository: "other-org/minutes" }, here)).toEqual({ owner: "other-org", repo: "minutes" });
  });
});

describe("closestMatch", () => {
  it("finds near misses and nothing for far-off words", () => {
    expect(closestMatch("timezon", ["time", "timezone", "title"])).toBe("timezone");
    expect(closestMatch("waiting_list", ["waiting-list", "order"])).toBe("waiting-list");
    expect(closestMatch("defaultEstimate", ["default-estimate"])).toBe("default-estimate");
    expect(closestMatch("mon", ["monday", "tuesday"])).toBe("monday");
    expect(closestMatch("colour", ["title", "cadence"])).toBeUndefined();
  });
});

describe("describeInput", () => {
  it("shows what was found", () => {
    expect(describeInput("x")).toBe('"x"');
    expect(describeInput(840)).toBe("840");
    expect(describeInput(null)).toBe("nothing (null)");
    expect(describeInput([1])).toBe("a list");
    expect(describeInput({})).toBe("a map");
  });
});

describe("seriesSchema: notes", () => {
  it("has a notes area by default and a pad only when asked, a HedgeDoc one with its server's address", () => {
    expect(seriesSchema.parse(minimalSeries).notes).toEqual({ area: true });
    expect(seriesSchema.parse({ ...minimalSeries, notes: { pad: "hedgedoc", url: "https://pad.example.org" } }).notes).toEqual({
      area: true,
      pad: "hedgedoc",
      url: "https://pad.example.org",
    });
    expect(seriesSchema.parse({ ...minimalSeries, notes: { pad: "hackmd", area: false } }).notes).toEqual({ area: false, pad: "hackmd" });
    const problems = (notes: unknown) => seriesSchema.safeParse({ ...minimalSeries, notes }).error?.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
    expect(problems({ pad: "hedgedoc" })).toEqual(["notes.url: missing, expected the HedgeDoc server's address, e.g. `url: https://pad.example.org`"]);
    expect(problems({ url: "https://pad.example.org" })).toEqual(["notes.url: expected no `url` without a `pad` (hedgedoc or hackmd)"]);
    expect(problems({ pad: "etherpad" })?.[0]).toMatch(/^notes\.pad: /);
  });
});
