import { describe, expect, it } from "vitest";
import { buildMinutes } from "../../src/domain/minutes.js";
import type { MeetingComment, MinutesInput, MinutesTopic } from "../../src/domain/minutes.js";
import type { Topic } from "../../src/domain/types.js";
import { IAAS_MEETING_BODY, iaasMeeting } from "../fixtures/minutes.js";
import { topic } from "../helpers/topics.js";
import { meetingBody } from "../../src/render/agenda.js";
import { agendaTopicsFromBody, minutesComment, minutesMarkdown, readMinutesComment } from "../../src/render/minutes.js";

const Z = "\u200B";

const issue = (repo: string, number: number, title: string, author: string | null): Topic => topic({ repo, number, title, author, labels: ["agenda/iaas"] });

/** The meeting issue as Docket opened it (render/agenda.ts), then edited by people. */
function issueBody(topics: readonly Topic[], notes = ""): string {
  const body = meetingBody({
    ...IAAS_MEETING_BODY,
    agenda: {
      slots: [{ capacity: 25 }],
      used: [topics.length * 5],
      scheduled: topics.map((t, i) => ({ topic: t, minutes: 5, estimateSource: "default" as const, queuedAt: "2023-11-01T10:00:00Z", offset: i * 5, day: 0 })),
      waiting: [],
    },
  });
  return body + notes;
}

const CI = issue("acme/infra", 12, "Rotate the CI secrets", "garloff");
const CEPH = issue("acme/infra", 15, "Ceph Reef upgrade", "fkr");
const DOCS = issue("acme/docs", 7, "Write the IaaS onboarding guide", "maxwolfs");

const series = {
  recurring: ["Who presents in the community call?", "Anything to add to the agenda?"],
  roles: { reporter: ["fkr", "garloff"], minutes: ["gndrmnn", "maxwolfs", "berendt"] },
};

function minutesOf(body: string, comments: MeetingComment[], overrides: Partial<MinutesInput> = {}) {
  return buildMinutes({ meeting: { ...iaasMeeting(), body }, comments, topics: agendaTopicsFromBody(body), ...series, occurrenceNumber: 2, ...overrides });
}

describe("minutesMarkdown", () => {
  it("writes the minutes the way Team IaaS writes them by hand", () => {
    const body = issueBody([CI, CEPH, DOCS], "- [x] acme/infra#15 Ceph Reef upgrade\n- [ ] acme/docs#7 onboarding guide\n");
    const comments: MeetingComment[] = [
      {
        id: 1,
        author: "fkr",
        createdAt: "2023-12-04T13:02:00Z",
        body: "/here\r\n/note #12 The current secrets expire on 31 December.\r\n/decision #12 Rotate all CI secrets every 90 days, starting in January.\r\n/action @fkr #12 write the outcomes down",
      },
      { id: 2, author: "garloff", createdAt: "2023-12-04T13:05:00Z", body: "/here @gndrmnn\nAI @garloff: ask the Ceph folks whether Reef is ready for us" },
      { id: 3, author: "maxwolfs", createdAt: "2023-12-04T13:07:00Z", body: "/absent @berendt\n/note Community call on Thursday: the CI work is presented." },
      { id: 4, author: "renovate[bot]", createdAt: "2023-12-04T13:08:00Z", body: "/note #12 bot noise" },
      {
        id: 5,
        author: "gndrmnn",
        createdAt: "2023-12-04T13:20:00Z",
        body: "> /decision #12 Rotate all CI secrets every 90 days\n\nAgreed. One more thing:\n```\n/decision #15 not a command\n```\n/note #99 The old ticket about secrets can be closed.",
      },
    ];
    const model = minutesOf(body, comments);
    expect(minutesMarkdown(model)).toBe(`# Team IaaS — 2023-12-04

- Date: Monday, 4 December 2023
- Meeting issue: [acme/meetings#42](https://github.com/acme/meetings/issues/42)
- Participants: @fkr, @garloff, @gndrmnn, @maxwolfs
- Absent: @berendt
- Reporter: @fkr · Minutes: @gndrmnn

## Recurring items

- Who presents in the community call?
- Anything to add to the agenda?

## Topics

### [acme/infra#12 Rotate the CI secrets](https://github.com/acme/infra/issues/12)

- The current secrets expire on 31 December.
- **Decision:** Rotate all CI secrets every 90 days, starting in January.
- AI @fkr: write the outcomes down

### [acme/infra#15 Ceph Reef upgrade](https://github.com/acme/infra/issues/15)

_Discussed; nothing recorded._

### [acme/docs#7 Write the IaaS onboarding guide](https://github.com/acme/docs/issues/7)

_Not discussed; carried over to the next meeting._

## Other

- AI @garloff: ask the Ceph folks whether Reef is ready for us
- Community call on Thursday: the CI work is presented.
- The old ticket about secrets can be closed. (#99)

## Decisions

- Rotate all CI secrets every 90 days, starting in January. (acme/infra#12)

## Action items

- AI @fkr: write the outcomes down (acme/infra#12)
- AI @garloff: ask the Ceph folks whether Reef is ready for us

## Carried over to the next meeting

- [acme/docs#7 Write the IaaS onboarding guide](https://github.com/acme/docs/issues/7)
`);
    expect(model.problems).toEqual([{ commentId: 5, author: "gndrmnn", line: 7, message: "/note: #99 is not on the agenda; recorded under Other" }]);
    // Same model, same bytes.
    expect(
      minutesMarkdown(
        minutesOf(
          body,
          comments.map((c) => ({ ...c })),
        ),
      ),
    ).toBe(minutesMarkdown(model));
  });

  it("still writes sensible minutes for a meeting nobody commented on", () => {
    const body = issueBody([CI]);
    expect(minutesMarkdown(minutesOf(body, [], { recurring: [], roles: {} }))).toBe(`# Team IaaS — 2023-12-04

- Date: Monday, 4 December 2023
- Meeting issue: [acme/meetings#42](https://github.com/acme/meetings/issues/42)
- Participants: none recorded

## Topics

### [acme/infra#12 Rotate the CI secrets](https://github.com/acme/infra/issues/12)

_Not discussed; carried over to the next meeting._

## Action items

None.

## Carried over to the next meeting

- [acme/infra#12 Rotate the CI secrets](https://github.com/acme/infra/issues/12)
`);
    expect(minutesMarkdown(minutesOf(issueBody([]), [], { recurring: [], roles: { reporter: ["fkr"] }, absent: ["fkr"] }))).toBe(`# Team IaaS — 2023-12-04

- Date: Monday, 4 December 2023
- Meeting issue: [acme/meetings#42](https://github.com/acme/meetings/issues/42)
- Participants: none recorded
- Absent: @fkr
- Reporter: nobody (everyone on the roster is absent)

## Topics

No topics were on the agenda.

## Action items

None.
`);
  });

  it("escapes titles, notes and recurring items for a committed file: no table or list broken, no HTML opened, @mentions and arrows as written", () => {
    const nasty = issue("acme/infra", 20, "Ask @acme/security | then <!-- docket:end agenda --> *now*", "fkr");
    const body = issueBody([nasty]);
    const model = minutesOf(
      body,
      [
        {
          id: 1,
          author: "fkr",
          createdAt: "2023-12-04T13:00:00Z",
          body: "/note #20 # not a heading <b>bold</b> @acme/security\n/note - not a list item\n/note 1. not a numbered item",
        },
      ],
      {
        recurring: ["<!-- hidden -->", "## Not a heading"],
      },
    );
    const md = minutesMarkdown(model);
    expect(md).toContain(
      "### [acme/infra#20 Ask @acme/security \\| then \\<!-- docket:end agenda --> \\*now\\*](https://github.com/acme/infra/issues/20)\n\n- \\# not a heading \\<b>bold\\</b> @acme/security\n\n## Other\n\n- \\- not a list item\n- 1\\. not a numbered item\n",
    );
    expect(md).toContain("## Recurring items\n\n- \\<!-- hidden -->\n- \\## Not a heading\n");
    expect(md).not.toMatch(/(^|[^\\])<(!--|b>)|&[gl]t;|\u200B/);
  });

  it("records `/note #20 -> x` under #20 as written: the arrow and a leading -1 kept", () => {
    const body = issueBody([CI, issue("acme/infra", 20, "Alerts", "fkr")]);
    const model = minutesOf(body, [
      { id: 1, author: "fkr", createdAt: "2023-12-04T13:00:00Z", body: "/note #20 -> tune the thresholds\n/decision #20: -1 for paging at night" },
    ]);
    expect(minutesMarkdown(model)).toContain(
      "### [acme/infra#20 Alerts](https://github.com/acme/infra/issues/20)\n\n- -> tune the thresholds\n- **Decision:** -1 for paging at night\n",
    );
  });

  it("writes @handles quietly where the text would notify", () => {
    const body = issueBody([CI]);
    const model = minutesOf(body, [{ id: 1, author: "fkr", createdAt: "2023-12-04T13:00:00Z", body: "AI @garloff: #12 check the rotation" }]);
    const md = minutesMarkdown(model, { quietMentions: true });
    expect(md).toContain(`- Participants: @${Z}fkr\n`);
    expect(md).toContain(`- AI @${Z}garloff: check the rotation (acme/infra#12)\n`);
    expect(md).not.toMatch(/@[a-z]/);
  });
});

describe("minutesComment", () => {
  it("links the published minutes with a hidden marker a rerun can find", () => {
    const body = issueBody([CI, DOCS]);
    const model = minutesOf(body, [{ id: 1, author: "fkr", createdAt: "2023-12-04T13:00:00Z", body: "/decision #12 Rotate every 90 days." }]);
    const url = "https://github.com/acme/meetings/blob/main/minutes/2023-12-04.md";
    const comment = minutesComment(url, model);
    expect(comment).toBe(`<!-- docket:minutes {"series":"iaas","date":"2023-12-04","url":"https://github.com/acme/meetings/blob/main/minutes/2023-12-04.md"} -->
The minutes of this meeting are published: [Team IaaS — 2023-12-04](https://github.com/acme/meetings/blob/main/minutes/2023-12-04.md).

1 participant · 1 decision · 0 action items. 1 topic carries over to the next meeting.`);
    expect(readMinutesComment(comment)).toEqual({ series: "iaas", date: "2023-12-04", url });
    expect(readMinutesComment("Thanks for the minutes!")).toBeNull();
    expect(readMinutesComment('<!-- docket:minutes {"series":1} -->')).toBeNull();
  });

  it("never links a URL that is not https", () => {
    const model = minutesOf(issueBody([]), []);
    expect(minutesComment("javascript:alert(1)", model)).toContain("published: Team IaaS — 2023-12-04.");
  });
});

describe("agendaTopicsFromBody", () => {
  const ids = (ts: MinutesTopic[]) => ts.map((t) => t.id);

  it("reads the agenda topics back from the meeting issue Docket wrote, in agenda order, with their node ids", () => {
    const ghost = issue("acme/infra", 16, "Ghost's topic", null);
    const bot = issue("acme/infra", 17, "Bump Ceph", "renovate[bot]");
    const nasty = issue("acme/other_repo", 3, "A | B [x](y) <!-- c --> @team `code` 1. *x*", "fkr");
    expect(agendaTopicsFromBody(issueBody([CI, ghost, bot, nasty]))).toEqual([
      {
        id: CI.id,
        repo: "acme/infra",
        number: 12,
        title: "Rotate the CI secrets",
        url: CI.url,
        author: "garloff",
        planned: { date: null, start: "14:05", minutes: 5 },
      },
      {
        id: ghost.id,
        repo: "acme/infra",
        number: 16,
        title: "Ghost's topic",
        url: ghost.url,
        author: null,
        planned: { date: null, start: "14:10", minutes: 5 },
      },
      {
        id: bot.id,
        repo: "acme/infra",
        number: 17,
        title: "Bump Ceph",
        url: bot.url,
        author: "renovate[bot]",
        planned: { date: null, start: "14:15", minutes: 5 },
      },
      {
        id: nasty.id,
        repo: "acme/other_repo",
        number: 3,
        title: "A | B [x](y) <!-- c --> @team `code` 1. *x*",
        url: nasty.url,
        author: "fkr",
        planned: { date: null, start: "14:20", minutes: 5 },
      },
    ]);
  });

  it("survives people's edits: CRLF, a removed row, a hand-added row, a doubled row, a damaged end marker", () => {
    const body = issueBody([CI, CEPH, DOCS]).replace(/\n/g, "\r\n");
    expect(ids(agendaTopicsFromBody(body))).toEqual([CI.id, CEPH.id, DOCS.id]);

    const removed = body.replace(/\| 2 \|[^\r\n]*\r\n/, "");
    // The state line lists three ids for two rows: the URLs stand in for the ids.
    expect(ids(agendaTopicsFromBody(removed))).toEqual([CI.url, DOCS.url]);

    const added = body.replace(
      /(\| 3 \|[^\r\n]*\r\n)/,
      "$1| 4 | 14:20 | [acme/web#5](https://github.com/acme/web/pull/5) | me | 5m |\r\n| 1 | 14:05 | [acme/infra#12 Rotate the CI secrets](https://github.com/acme/infra/issues/12) | x | 5m |\r\n",
    );
    expect(agendaTopicsFromBody(added).map((t) => [t.repo, t.number, t.title, t.author])).toEqual([
      ["acme/infra", 12, "Rotate the CI secrets", "garloff"],
      ["acme/infra", 15, "Ceph Reef upgrade", "fkr"],
      ["acme/docs", 7, "Write the IaaS onboarding guide", "maxwolfs"],
      ["acme/web", 5, "", "me"],
    ]);

    const damaged = body.replace("<!-- docket:end agenda -->", "");
    expect(ids(agendaTopicsFromBody(damaged))).toEqual([CI.id, CEPH.id, DOCS.id]);
  });

  it("gives [] for a body without an agenda section, and never throws", () => {
    expect(agendaTopicsFromBody("")).toEqual([]);
    expect(agendaTopicsFromBody(null)).toEqual([]);
    expect(agendaTopicsFromBody("| a | [acme/x#1 T](https://github.com/acme/x/issues/1) |")).toEqual([]);
    expect(agendaTopicsFromBody("<!-- docket:begin agenda -->\n| [broken](\n| [x](javascript:alert(1)) |\n<!-- docket:state {garbage -->")).toEqual([]);
  });
});
