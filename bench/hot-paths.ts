/**
 * CPU time of hot product paths (issue 16), in milliseconds a call (median of 5 rounds): a
 * biweekly series' calendar runs (ten years ahead), a meeting's number since 2000 (round-robin
 * roles) and a meeting issue of many topics made to fit GitHub's limit on a body.
 *
 *   npx tsx bench/hot-paths.ts
 */
import { occurrenceNumber } from "../src/domain/schedule.js";
import { biweeklyRuns } from "../src/render/calendar.js";
import { fitToLimit, meetingBody } from "../src/render/agenda.js";
import type { Agenda, ScheduledTopic, WaitingTopic } from "../src/domain/types.js";
import { topic } from "../test/helpers/topics.js";

function median(xs: number[]): number {
  return [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;
}

function measure(name: string, calls: number, run: (i: number) => unknown): void {
  const rounds: number[] = [];
  for (let r = 0; r < 5; r++) {
    const t = performance.now();
    for (let i = 0; i < calls; i++) run(i);
    rounds.push((performance.now() - t) / calls);
  }
  console.log(`${name.padEnd(48)} ${median(rounds).toFixed(2).padStart(8)} ms/call`);
}

const biweekly = { cadence: "biweekly", weeks: "odd" as const, day: "monday" as const, time: "14:00", duration: 60, timezone: "Europe/Berlin" };
measure("biweeklyRuns (10 years)", 20, (i) => biweeklyRuns("iaas", biweekly, new Date(Date.UTC(2025, 0, 1 + i * 9))));

measure("occurrenceNumber, weekly, 2026", 20, (i) => occurrenceNumber({ ...biweekly, cadence: "weekly" }, `2026-0${1 + (i % 9)}-14`));
measure("occurrenceNumber, biweekly, 2026", 20, (i) => occurrenceNumber(biweekly, `2026-0${1 + (i % 9)}-14`));

function agenda(n: number, title: (i: number) => string): Agenda {
  const scheduled: ScheduledTopic[] = [];
  const waiting: WaitingTopic[] = [];
  for (let i = 0; i < n; i++) {
    const t = topic({ id: `I_${i}`, repo: "sovereign/infra", number: i + 1, title: title(i), author: "mallory", labels: ["agenda/iaas"] });
    if (i < 6) scheduled.push({ topic: t, minutes: 10, estimateSource: "default", queuedAt: "2025-01-02T10:00:00Z", offset: i * 10, day: 0 });
    else waiting.push({ topic: t, minutes: 10, estimateSource: "default", queuedAt: "2025-01-02T10:00:00Z", position: i - 5, reason: "no-room" });
  }
  return { slots: [{ capacity: 60 }], used: [60], scheduled, waiting };
}

const occurrence = {
  seriesId: "iaas",
  date: "2025-01-13",
  start: "2025-01-13T14:00:00.000+01:00",
  end: "2025-01-13T15:00:00.000+01:00",
  timezone: "Europe/Berlin",
};
for (const [name, a] of [
  ["fitToLimit(meetingBody), 400 titles of 256 '<'", agenda(400, () => "<".repeat(256))],
  ["fitToLimit(meetingBody), 2000 plain titles", agenda(2000, (i) => `Topic number ${i} about the infrastructure`)],
] as const) {
  const input = {
    agenda: a,
    occurrence,
    recurring: [],
    recurringMinutes: 0,
    roles: [],
    label: "agenda/iaas",
    seriesId: "iaas",
    allTopicsUrl: "https://github.com/search?q=x",
  };
  measure(name, 3, () => fitToLimit(input, meetingBody));
}
