/**
 * When a session of a multi-track gathering (./tracks.ts) takes place: `offset` minutes after its
 * event day's start, in every track (the one time frame), as an Occurrence in the event's zone, so
 * the pads, calendars and everything else that says a session's time say the same.
 */
import { DateTime } from "luxon";
import { eventDays, type EventDay, type ScheduleEvent } from "./schedule.js";
import type { Session } from "./tracks.js";
import type { Occurrence } from "./types.js";

/**
 * The session's start and end (ISO instants with the event zone's offset) and local date; null when
 * the event has no such day (its days changed since the gathering was packed). `days`: the event's
 * days, when the caller has them already.
 */
export function sessionOccurrence(
  seriesId: string,
  event: ScheduleEvent,
  session: Pick<Session, "day" | "offset" | "minutes">,
  days: readonly EventDay[] = eventDays(event),
): Occurrence | null {
  const day = days[session.day];
  if (day === undefined) return null;
  const start = DateTime.fromISO(day.start, { setZone: true }).setZone(event.timezone).plus({ minutes: session.offset });
  const end = start.plus({ minutes: session.minutes });
  if (!start.isValid || !end.isValid) return null;
  return { seriesId, date: start.toISODate()!, start: start.toISO()!, end: end.toISO()!, timezone: event.timezone };
}
