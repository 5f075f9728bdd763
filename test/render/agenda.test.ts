import { describe, expect, it } from "vitest";
import type { Agenda, Occurrence, ScheduledTopic, Topic, WaitingTopic } from "../../src/domain/types.js";
import {
  agendaSection,
  droppedComment,
  eventGantt,
  meetingBody,
  meetingIdentityComment,
  meetingTitle,
  movedComment,
  movedMarker,
  promotedMarker,
  promotionComment,
  readMeetingIdentity,
  readMovedMarker,
  readPromotedMarker,
  toldAlready,
  waitingListSection,
  waitingMarker,
} from "../../src/render/agenda.js";
import { mergeSections, readSection, readState } from "../../src/render/markers.js";
import { IAAS_MEETING_BODY, IAAS_OCCURRENCE } from "../fixtures/minutes.js";
import { topic } from "../helpers/topics.js";

const Z = "\u200B";
const REPO = "SovereignCloudStack/issues";

/** A topic of SovereignCloudStack/issues (its id as short as the state markers below spell it). */
const issue = (number: number, title: string, author: string | null = "fkr"): Topic =>
  topic({ id: `I_${number}`, repo: REPO, number, title, author, labels: ["agenda/iaas"] });

function scheduled(t: Topic, minutes: number, offset: number, day = 0): ScheduledTopic {
  return { topic: t, minutes, estimateSource: "label", queuedAt: "2023-11-01T10:00:00Z", offset, day };
}

function waiting(t: Topic, minutes: number, position: number, reason: WaitingTopic["reason"] = "no-room"): WaitingTopic {
  return { topic: t, minutes, estimateSource: "form", queuedAt: "2023-11-02T10:00:00Z", position, reason };
}

const occurrence = IAAS_OCCURRENCE;

const base = IAAS_MEETING_BODY;

const agenda: Agenda = {
  slots: [{ capacity: 25 }],
  used: [20],
  scheduled: [
    scheduled(issue(12, "Ceph upgrade"), 10, 0),
    scheduled(issue(15, "Renovate PRs", "renovate[bot]"), 5, 10),
    scheduled(issue(13, "Docs", null), 5, 15),
  ],
  waiting: [waiting(issue(20, "Huge migration plan", "garloff"), 45, 2, "too-long"), waiting(issue(21, "Small thing", "maxwolfs"), 10, 1)],
};

describe("meetingTitle", () => {
  it("joins the series title and the local date with an em dash", () => {
    expect(meetingTitle("Team IaaS", occurrence)).toBe("Team IaaS — 2023-12-04");
  });
});

describe("agendaSection", () => {
  it("shows roles, recurring items, then the topics with running start times, authors and estimates", () => {
    expect(agendaSection({ ...base, agenda })).toBe(
      `## Agenda

**Roles:** Reporter: [fkr](https://github.com/fkr) · Minutes: [gndrmnn](https://github.com/gndrmnn)

Recurring items (5m):

- Who presents in the community call?
- Anything to add to the agenda?

| # | Start | Topic | Author | Estimate |
| -: | :-: | --- | --- | -: |
| 1 | 14:05 | [SovereignCloudStack/issues#12 Ceph upgrade](https://github.com/SovereignCloudStack/issues/issues/12) | [fkr](https://github.com/fkr) | 10m |
| 2 | 14:15 | [SovereignCloudStack/issues#15 Renovate PRs](https://github.com/SovereignCloudStack/issues/issues/15) | [renovate\\[bot\\]](https://github.com/apps/renovate) | 5m |
| 3 | 14:20 | [SovereignCloudStack/issues#13 Docs](https://github.com/SovereignCloudStack/issues/issues/13) | ghost | 5m |

Planned: 20m of 25m for topics, after 5m of recurring items.

<!-- docket:state {"scheduled":["I_12","I_15","I_13"],"waiting":["I_21","I_20"],"at":[1698832800,1698832800,1698832800,1698919200,1698919200]} -->`,
    );
  });

  it("says plainly how to add a topic when the agenda is empty", () => {
    expect(
      agendaSection({ ...base, recurring: [], recurringMinutes: 0, roles: [], agenda: { slots: [{ capacity: 30 }], used: [0], scheduled: [], waiting: [] } }),
    ).toBe(
      `## Agenda

No topics yet — label an issue \`agenda/iaas\` or comment \`/agenda iaas\` on it.

<!-- docket:state {"scheduled":[],"waiting":[],"at":[]} -->`,
    );
  });

  it("counts start times in the meeting's zone, across a daylight-saving change", () => {
    // 31 March 2024: clocks in Berlin jump from 02:00 to 03:00.
    const night: Occurrence = {
      seriesId: "ops",
      date: "2024-03-31",
      start: "2024-03-31T01:30:00.000+01:00",
      end: "2024-03-31T04:00:00.000+02:00",
      timezone: "Europe/Berlin",
    };
    const section = agendaSection({
      ...base,
      roles: [],
      recurring: [],
      recurringMinutes: 0,
      occurrence: night,
      agenda: {
        slots: [{ capacity: 90 }],
        used: [90],
        scheduled: [scheduled(issue(1, "A"), 30, 0), scheduled(issue(2, "B"), 30, 30), scheduled(issue(3, "C"), 30, 60)],
        waiting: [],
      },
    });
    expect(
      section
        .split("\n")
        .filter((line) => line.startsWith("| ") && /^\| \d/.test(line))
        .map((line) => line.split(" | ")[1]),
    ).toEqual(["01:30", "03:00", "03:30"]);
  });

  it("gives a multi-day event a gantt chart of its days and one table per day", () => {
    const day2: Occurrence = {
      seriesId: "meetup-2025",
      date: "2025-02-04",
      start: "2025-02-04T09:00:00.000Z",
      end: "2025-02-04T11:30:00.000Z",
      timezone: "UTC",
    };
    const day1: Occurrence = { ...day2, date: "2025-02-03", start: "2025-02-03T09:00:00.000Z", end: "2025-02-03T11:30:00.000Z" };
    const section = agendaSection({
      occurrence: day1,
      days: [day1, day2],
      recurring: [],
      recurringMinutes: 0,
      roles: [],
      label: "meetup-topic",
      agenda: { slots: [{ capacity: 150 }, { capacity: 150 }], used: [0, 120], scheduled: [scheduled(issue(7, "Keynote"), 2 * 60, 0, 1)], waiting: [] },
    });
    expect(section).toBe(
      `## Agenda

\`\`\`mermaid
gantt
    dateFormat HH:mm
    axisFormat %H:%M
    todayMarker off
    section Tue 4 Feb
    Keynote :09:00, 120m
\`\`\`

### Day 1 — Monday, 3 February 2025

Nothing planned for this day yet.

### Day 2 — Tuesday, 4 February 2025

| # | Start | Topic | Author | Estimate |
| -: | :-: | --- | --- | -: |
| 1 | 09:00 | [SovereignCloudStack/issues#7 Keynote](https://github.com/SovereignCloudStack/issues/issues/7) | [fkr](https://github.com/fkr) | 2h |

Planned: 2h of 2h30m.

<!-- docket:state {"scheduled":["I_7"],"waiting":[],"at":[1698832800]} -->`,
    );
  });

  it("charts each day of an event as its own section on a time-of-day axis, bars starting where the day's table does", () => {
    const day1: Occurrence = {
      seriesId: "m",
      date: "2025-02-03",
      start: "2025-02-03T09:00:00.000+01:00",
      end: "2025-02-03T11:30:00.000+01:00",
      timezone: "Europe/Berlin",
    };
    const day2: Occurrence = { ...day1, date: "2025-02-04", start: "2025-02-04T09:00:00.000+01:00", end: "2025-02-04T11:30:00.000+01:00" };
    const section = agendaSection({
      occurrence: day1,
      days: [day1, day2],
      recurring: ["Welcome"],
      recurringMinutes: 15,
      roles: [],
      label: "meetup-topic",
      agenda: {
        slots: [{ capacity: 135 }, { capacity: 135 }],
        used: [90, 60],
        scheduled: [scheduled(issue(1, "Ceph"), 60, 0, 0), scheduled(issue(2, "OVN"), 30, 60, 0), scheduled(issue(3, "Docs sprint"), 60, 0, 1)],
        waiting: [],
      },
    });
    expect(section).toContain(
      [
        "```mermaid",
        "gantt",
        "    dateFormat HH:mm",
        "    axisFormat %H:%M",
        "    todayMarker off",
        "    section Mon 3 Feb",
        "    Ceph :09:15, 60m",
        "    OVN :10:15, 30m",
        "    section Tue 4 Feb",
        "    Docs sprint :09:15, 60m",
        "```",
      ].join("\n"),
    );
    expect(section).toContain("| 1 | 09:15 | [SovereignCloudStack/issues#1 Ceph]");
    expect(section).toContain("| 2 | 10:15 | [SovereignCloudStack/issues#2 OVN]");
  });

  it("a topic title cannot break the gantt chart", () => {
    const day: Occurrence = {
      seriesId: "m",
      date: "2025-02-03",
      start: "2025-02-03T09:00:00.000+01:00",
      end: "2025-02-03T11:30:00.000+01:00",
      timezone: "Europe/Berlin",
    };
    const chart = eventGantt([scheduled(issue(8, "Evil: title; with #hash\n```\nand %% comment"), 30, 15, 0)], () => day);
    expect(
      chart.split("\n").filter((l) => l.startsWith("    ") && !l.startsWith("    section") && !/^ {4}(dateFormat|axisFormat|todayMarker)/.test(l)),
    ).toEqual(["    Evil#58; title#59; with #35;hash #96;#96;#96; and #37;#37; comment :09:15, 30m"]);
    expect(chart.match(/```/g)).toHaveLength(2);
  });

  it("keeps a hostile title inside its cell, away from the markers, and pings nobody", () => {
    const evil = "Fix | this\nnow <!-- docket:end agenda --> @SovereignCloudStack/iaas **bold** [x](javascript:alert(1))";
    const hostile: Agenda = { slots: [{ capacity: 25 }], used: [10], scheduled: [scheduled(issue(66, evil, "mallory"), 10, 0)], waiting: [] };
    const section = agendaSection({ ...base, roles: [], recurring: ["@everyone say <b>hi</b> | ok"], agenda: hostile });
    const row = section.split("\n").find((line) => line.startsWith("| 1 |"));
    expect(row).toBe(
      `| 1 | 14:05 | [SovereignCloudStack/issues#66 Fix \\| this now &lt;!-- docket:end agenda --&gt; @${Z}SovereignCloudStack/iaas \\*\\*bold\\*\\* \\[x\\]\\(javascript:alert\\(1\\)\\)](https://github.com/SovereignCloudStack/issues/issues/66) | [mallory](https://github.com/mallory) | 10m |`,
    );
    expect(section).toContain(`- @${Z}everyone say &lt;b&gt;hi&lt;/b&gt; \\| ok`);
    // Five cells: exactly six pipes that are not escaped.
    expect(row?.match(/(?<!\\)\|/g)).toHaveLength(6);

    const body = mergeSections("Our notes.", [{ name: "agenda", content: section }]).body;
    expect(readSection(body, "agenda")).toBe(section);
    expect(body.match(/<!--/g)).toHaveLength(3); // begin, state, end
    expect(readState(body)).toMatchObject({ scheduled: ["I_66"], waiting: [] });
    // No @ followed directly by a name, other than inside the zero-width-space form.
    expect(body).not.toMatch(/(^|[^A-Za-z0-9])@[A-Za-z0-9]/);
    // Merging again with the same content changes nothing.
    expect(mergeSections(body, [{ name: "agenda", content: section }]).body).toBe(body);
  });
});

describe("waitingListSection", () => {
  it("lists waiting topics in their order and says when one is longer than the whole meeting", () => {
    expect(waitingListSection({ agenda })).toBe(
      `## Waiting list

These topics did not fit. Each moves onto the agenda on its own when room frees up.

1. [SovereignCloudStack/issues#21 Small thing](https://github.com/SovereignCloudStack/issues/issues/21) by [maxwolfs](https://github.com/maxwolfs), 10m
2. [SovereignCloudStack/issues#20 Huge migration plan](https://github.com/SovereignCloudStack/issues/issues/20) by [garloff](https://github.com/garloff), 45m — longer than the whole meeting (45m > 25m); split it or lower its estimate`,
    );
  });

  it("says nobody is waiting", () => {
    expect(waitingListSection({ agenda: { ...agenda, waiting: [] } })).toBe("## Waiting list\n\nNobody is waiting.");
  });
});

describe("meetingBody", () => {
  const body = meetingBody({ ...base, agenda: { ...agenda, waiting: [] } });

  it("has the identity, when and where and the label sentence in sections of their own, the generated sections and a Notes heading for people", () => {
    expect(body).toBe(
      `<!-- docket:meeting {"series":"iaas","date":"2023-12-04"} -->
<!-- docket:begin when -->
**When:** Monday, 4 December 2023, 14:00–14:30 Europe/Berlin (13:00 UTC) · [in your time zone](https://www.timeanddate.com/worldclock/fixedtime.html?iso=20231204T1300&p1=1440)
<!-- docket:end when -->
<!-- docket:begin where -->
<!-- docket:end where -->

<!-- docket:begin about -->
_Docket keeps the agenda and the waiting list below up to date from issues labelled \`agenda/iaas\`. Anything written outside them stays as you wrote it._
<!-- docket:end about -->

<!-- docket:begin agenda -->
${agendaSection({ ...base, agenda: { ...agenda, waiting: [] } })}
<!-- docket:end agenda -->

<!-- docket:begin waiting-list -->
## Waiting list

Nobody is waiting.
<!-- docket:end waiting-list -->

## Notes
`,
    );
  });

  it("is left unchanged by a sync with the same agenda", () => {
    const merged = mergeSections(body, [
      { name: "agenda", content: agendaSection({ ...base, agenda: { ...agenda, waiting: [] } }) },
      { name: "waiting-list", content: waitingListSection({ agenda: { ...agenda, waiting: [] } }) },
    ]);
    expect(merged).toEqual({ body, problems: [] });
  });

  it("shows the UTC date when it differs from the local one", () => {
    const late: Occurrence = {
      seriesId: "apac",
      date: "2023-12-05",
      start: "2023-12-05T08:00:00.000+11:00",
      end: "2023-12-05T09:00:00.000+11:00",
      timezone: "Australia/Sydney",
    };
    expect(meetingBody({ ...base, occurrence: late, agenda }).split("\n")[2]).toBe(
      "**When:** Tuesday, 5 December 2023, 08:00–09:00 Australia/Sydney (21:00 UTC on 4 December) · [in your time zone](https://www.timeanddate.com/worldclock/fixedtime.html?iso=20231204T2100&p1=1440)",
    );
  });

  it("round-trips its identity, and reads garbage as null", () => {
    expect(readMeetingIdentity(body)).toEqual({ series: "iaas", date: "2023-12-04" });
    expect(readMeetingIdentity(meetingIdentityComment({ series: "a-->b", date: "2024-01-01" }))).toEqual({ series: "a-->b", date: "2024-01-01" });
    for (const garbage of [
      null,
      "",
      "plain text",
      "<!-- docket:meeting {oops} -->",
      '<!-- docket:meeting {"series":"iaas"} -->',
      '<!-- docket:meeting {"series":"iaas","date":"soon"} -->',
    ]) {
      expect(readMeetingIdentity(garbage)).toBeNull();
    }
  });
});

describe("promotionComment", () => {
  const meeting = { id: "I_kwDOJmeet", url: "https://github.com/SovereignCloudStack/meetings/issues/42", title: "Team IaaS — 2023-12-04" };

  it("says which meeting and when, with a hidden marker", () => {
    const comment = promotionComment({ meeting, occurrence, scheduled: scheduled(issue(21, "Small thing"), 10, 20), recurringMinutes: 5 });
    expect(comment).toBe(
      `<!-- docket:promoted I_kwDOJmeet 2023-12-04 14:25 -->
Good news: room opened up on the agenda of [Team IaaS — 2023-12-04](https://github.com/SovereignCloudStack/meetings/issues/42), so this topic moved up from the waiting list.

The meeting is on Monday, 4 December 2023, 14:00–14:30 Europe/Berlin (13:00 UTC); this topic is planned to start at 14:25 and take 10m.`,
    );
    expect(comment.includes(promotedMarker(meeting.id, { occurrence, offset: 25 }))).toBe(true);
    expect(readPromotedMarker(comment)).toBe("I_kwDOJmeet");
    expect(readPromotedMarker("<!-- docket:promoted I_kwDOJmeet -->")).toBe("I_kwDOJmeet"); // written before markers carried the time
  });

  it("works without the topic's slot", () => {
    expect(promotionComment({ meeting, occurrence }).split("\n").at(-1)).toBe(
      "The meeting is on Monday, 4 December 2023, 14:00–14:30 Europe/Berlin (13:00 UTC).",
    );
  });

  it("cannot be made to close its marker", () => {
    expect(promotedMarker("x --> <b>")).toBe("<!-- docket:promoted x--b -->");
  });
});

describe("movedComment", () => {
  const meeting = { id: "I_kwDOJmeet", url: "https://github.com/SovereignCloudStack/meetings/issues/42", title: "Team IaaS — 2023-12-04" };

  it("tells the new start, with a hidden marker naming the meeting and the new local date and start", () => {
    const comment = movedComment({ meeting, occurrence, scheduled: scheduled(issue(22, "Later thing"), 10, 15), recurringMinutes: 5 });
    expect(comment).toBe(
      `<!-- docket:moved I_kwDOJmeet 2023-12-04 14:20 -->
The agenda of [Team IaaS — 2023-12-04](https://github.com/SovereignCloudStack/meetings/issues/42) changed, and with it this topic's time.

The meeting is on Monday, 4 December 2023, 14:00–14:30 Europe/Berlin (13:00 UTC); this topic is now planned to start at 14:20 and take 10m.`,
    );
    expect(readMovedMarker(comment)).toEqual({ meeting: "I_kwDOJmeet", date: "2023-12-04", start: "14:20" });
    // A later move is another marker (told again); the same place is the same marker (never repeated).
    expect(movedMarker(meeting.id, occurrence, 20)).toBe("<!-- docket:moved I_kwDOJmeet 2023-12-04 14:20 -->");
    expect(movedMarker(meeting.id, occurrence, 30)).not.toBe(movedMarker(meeting.id, occurrence, 20));
    expect(movedMarker("x --> <b>", occurrence, 0)).toBe("<!-- docket:moved x--b 2023-12-04 14:00 -->");
  });
});

describe("droppedComment", () => {
  const meeting = { id: "I_kwDOJmeet", url: "https://github.com/SovereignCloudStack/meetings/issues/42", title: "Team IaaS — 2023-12-04" };

  it("says which meeting, why and the topic's place on the waiting list, with a hidden marker naming the meeting", () => {
    expect(droppedComment({ meeting, waiting: waiting(issue(23, "Dropped thing"), 45, 2) })).toBe(
      `<!-- docket:waiting I_kwDOJmeet -->
This topic no longer fits on the agenda of [Team IaaS — 2023-12-04](https://github.com/SovereignCloudStack/meetings/issues/42), so it moved back to the waiting list: the agenda has less room now (the meeting's time for topics got shorter, or a topic before this one needs more time).

It is number 2 on the waiting list; Docket comments here again when it moves up.`,
    );
    expect(droppedComment({ meeting, waiting: waiting(issue(23, "Dropped thing"), 45, 2, "too-long") })).toContain(
      "its estimate (45m) is now longer than the meeting's time for topics.",
    );
    expect(waitingMarker("x --> <b>")).toBe("<!-- docket:waiting x--b -->");
  });
});

describe("toldAlready: compared with the last thing told about the meeting", () => {
  const at = (offset: number) => movedMarker("M1", occurrence, offset);
  const promoted = (offset: number) => promotedMarker("M1", { occurrence, offset });

  it("the same time as the last comment about this meeting is not told again; another, or one told before that, is", () => {
    expect(toldAlready([], at(20))).toBe(false);
    expect(toldAlready([at(20)], at(20))).toBe(true);
    expect(toldAlready([at(20), at(30)], at(20))).toBe(false);
    expect(toldAlready([at(20), "thanks!", movedMarker("M2", occurrence, 30)], at(20))).toBe(true);
    expect(toldAlready([promoted(20)], at(20))).toBe(true);
  });

  it("back on the waiting list is told once, until the topic moves up again", () => {
    expect(toldAlready([promoted(20)], waitingMarker("M1"))).toBe(false);
    expect(toldAlready([promoted(20), waitingMarker("M1")], waitingMarker("M1"))).toBe(true);
    expect(toldAlready([promoted(20), waitingMarker("M1")], promoted(20))).toBe(false);
    expect(toldAlready([waitingMarker("M1"), promoted(20)], waitingMarker("M1"))).toBe(false);
  });

  it("a promotion comment written before markers carried the time stands for any promotion, not for a move", () => {
    expect(toldAlready(["<!-- docket:promoted M1 -->"], promoted(20))).toBe(true);
    expect(toldAlready(["<!-- docket:promoted M1 -->"], at(20))).toBe(false);
  });
});
