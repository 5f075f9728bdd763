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
import { flood, floodInput } from "../test/helpers/agenda-flood.js";

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

for (const [name, a] of [
  ["fitToLimit(meetingBody), 400 titles of 256 '<'", flood(400)],
  ["fitToLimit(meetingBody), 2000 plain titles", flood(2000, (i) => `Topic number ${i} about the infrastructure`)],
] as const) {
  const input = floodInput(a);
  measure(name, 3, () => fitToLimit(input, meetingBody));
}
