/**
 * A meeting issue's agenda of many topics, for the tests and the benchmark of fitting a body
 * under GitHub's limit (test/render/agenda-fit.test.ts, bench/hot-paths.ts): Team IaaS's hour on
 * 13 January 2025, six topics of 10 minutes on it, the rest waiting.
 */
import type { Agenda, Occurrence, ScheduledTopic, Topic, WaitingTopic } from "../../src/domain/types.js";
import type { AgendaSectionInput } from "../../src/render/agenda.js";
import { topic as sharedTopic } from "./topics.js";

export const FLOOD_REPO = "sovereign/infra";
export const FLOOD_ALL_TOPICS = "https://github.com/search?q=org%3Asovereign%20label%3A%22agenda%2Fiaas%22%20is%3Aopen&type=issues";

/** The helper's topic, in the flood's repository, by mallory. */
export function floodTopic(number: number, title: string): Topic {
  return sharedTopic({ id: `I_${number}`, repo: FLOOD_REPO, number, title, author: "mallory", labels: ["agenda/iaas"], createdAt: "2025-01-01T10:00:00Z" });
}

export const FLOOD_OCCURRENCE: Occurrence = {
  seriesId: "iaas",
  date: "2025-01-13",
  start: "2025-01-13T14:00:00.000+01:00",
  end: "2025-01-13T15:00:00.000+01:00",
  timezone: "Europe/Berlin",
};

/** `n` topics titled `title(i)` (default 256 `<`, 1,024 characters once escaped): the first six fill the hour, the rest wait. */
export function flood(n: number, title: string | ((i: number) => string) = "<".repeat(256)): Agenda {
  const scheduled: ScheduledTopic[] = [];
  const waiting: WaitingTopic[] = [];
  for (let i = 0; i < n; i++) {
    const t = floodTopic(i + 1, typeof title === "string" ? title : title(i));
    if (i < 6) scheduled.push({ topic: t, minutes: 10, estimateSource: "default", queuedAt: "2025-01-02T10:00:00Z", offset: i * 10, day: 0 });
    else waiting.push({ topic: t, minutes: 10, estimateSource: "default", queuedAt: "2025-01-02T10:00:00Z", position: i - 5, reason: "no-room" });
  }
  return { slots: [{ capacity: 60 }], used: [60], scheduled, waiting };
}

/** What the meeting issue's renderer takes for `agenda`. */
export const floodInput = (agenda: Agenda): AgendaSectionInput => ({
  agenda,
  occurrence: FLOOD_OCCURRENCE,
  recurring: [],
  recurringMinutes: 0,
  roles: [],
  label: "agenda/iaas",
  seriesId: "iaas",
  allTopicsUrl: FLOOD_ALL_TOPICS,
});
