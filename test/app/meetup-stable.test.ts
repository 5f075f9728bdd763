/**
 * A plan people can rely on (issue 13), as organisers meet it: the app against the local GitHub; a
 * five-day meetup (Monday to Friday, 2 hours a day) is full, four topics wait. Wednesday's last
 * topic leaves: exactly one waiting topic (the first in line that fits the freed 45 minutes) moves
 * in, at the freed start, nothing else moves, and exactly one comment is posted: the promotion.
 * (In-process: the app's own process shows nothing more here; test/e2e covers start-up, restarts
 * and signatures.)
 */
import { readFileSync } from "node:fs";
import { expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { readState } from "../../src/render/markers.js";
import { COMMUNITY_WORLD } from "../sim/helpers.js";
import type { World } from "../sim/world.js";
import { useAppSim } from "../helpers/app-sim.js";

const CONFIG = `repository: meetings
meetings:
  meetup:
    title: Team Meetup
    event: { from: 2025-02-03, to: 2025-02-07, weekdays: true, start: "09:00", timezone: Europe/Berlin, daily-budget: 2h }
    label: meetup-topic
`;

/** Two topics a day (1h15m, then 45m) fill the week; then four wait (1h, 1h15m, 30m, 45m). */
const TOPICS: Array<[string, string]> = [
  ...["Mon", "Tue", "Wed", "Thu", "Fri"].flatMap(
    (day): Array<[string, string]> => [
      [`${day} workshop`, "1h15m"],
      [`${day} talk`, "45m"],
    ],
  ),
  ["Waiting 1h", "1h"],
  ["Waiting 1h15m", "1h15m"],
  ["Waiting 30m", "30m"],
  ["Waiting 45m", "45m"],
];
const FIRST = 100;
const numberOf = (title: string) => FIRST + TOPICS.findIndex(([t]) => t === title);

type Loose = Record<string, any>;

function meetupWorld(): World {
  const w = parseYaml(readFileSync(COMMUNITY_WORLD, "utf8")) as Loose;
  const repo = (name: string): Loose => w.orgs[0].repos.find((r: Loose) => r.name === name);
  repo(".github").files[".github/docket.yml"] = CONFIG;
  const infra = repo("infra");
  for (const i of infra.issues) i.labels = (i.labels ?? []).filter((l: Loose) => l.name !== "meetup-topic");
  for (const estimate of new Set(TOPICS.map(([, e]) => e))) infra.labels.push({ name: `time/${estimate}`, color: "c5def5" });
  TOPICS.forEach(([title, estimate], k) => {
    // Queued one minute apart, in the order above; the last one is labelled during the test.
    const at = new Date(Date.parse("2025-01-06T09:00:00Z") + k * 60_000).toISOString();
    const labels = [{ name: `time/${estimate}`, at, by: "bob" }, ...(k < TOPICS.length - 1 ? [{ name: "meetup-topic", at, by: "bob" }] : [])];
    infra.issues.push({ number: FIRST + k, title, author: k % 2 ? "dave" : "carol", created_at: "2025-01-05T09:00:00Z", labels });
  });
  return w as World;
}

const github = useAppSim(meetupWorld(), { now: "2025-01-08T09:00:00Z" });

function meetupIssue() {
  const found = github.labelled("sovereign/meetings", "docket/meetup");
  expect(found).toHaveLength(1);
  return found[0]!;
}

/** Each topic's place, "title date offset", from the plan Docket keeps in the meeting issue. */
function plan(): string[] {
  const state = readState(meetupIssue().body ?? "")!;
  const titleOf = new Map(TOPICS.map(([title], k) => [title, FIRST + k]));
  const byId = new Map<string, string>();
  for (const [title, number] of titleOf) byId.set(github.issue("sovereign/infra", number).nodeId, title);
  return state.scheduled.map((id) => `${byId.get(id)} ${state.plan![id]!.date} +${state.plan![id]!.offset}`);
}

function commentsOnTopics(): number {
  let n = 0;
  for (let k = 0; k < TOPICS.length; k++) n += github.issue("sovereign/infra", FIRST + k).comments.length;
  return n;
}

it("Wednesday's last topic leaves: exactly one waiting topic moves in, nothing else moves, one comment", async () => {
  await github.act({ as: "bob", action: "label", repo: "sovereign/infra", number: numberOf("Waiting 45m"), label: "meetup-topic" });
  const before = plan();
  expect(before).toEqual(
    ["2025-02-03", "2025-02-04", "2025-02-05", "2025-02-06", "2025-02-07"].flatMap((date, d) => {
      const day = ["Mon", "Tue", "Wed", "Thu", "Fri"][d];
      return [`${day} workshop ${date} +0`, `${day} talk ${date} +75`];
    }),
  );
  expect(readState(meetupIssue().body ?? "")!.waiting).toHaveLength(4);
  const commentsBefore = commentsOnTopics();

  await github.act({ as: "bob", action: "unlabel", repo: "sovereign/infra", number: numberOf("Wed talk"), label: "meetup-topic" });

  expect(plan()).toEqual(before.map((p) => (p.startsWith("Wed talk ") ? p.replace("Wed talk", "Waiting 30m") : p)));
  expect(readState(meetupIssue().body ?? "")!.waiting).toHaveLength(3);
  expect(commentsOnTopics()).toBe(commentsBefore + 1);
  const promoted = github.issue("sovereign/infra", numberOf("Waiting 30m")).comments;
  expect(promoted.map((c) => c.body.includes("moved up from the waiting list"))).toEqual([true]);
  expect(promoted[0]!.body).toContain("this topic is planned to start at 10:15 and take 30m");
});
