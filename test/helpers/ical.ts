/** Reading a generated .ics back with ical.js, as a calendar application would. */
import ICAL from "ical.js";

/** The file's events, its VTIMEZONEs registered first so that local times resolve with the file's own rules. */
export function calendarEvents(text: string): { name: unknown; events: ICAL.Event[] } {
  ICAL.TimezoneService.reset();
  const calendar = new ICAL.Component(ICAL.parse(text));
  for (const vtz of calendar.getAllSubcomponents("vtimezone")) ICAL.TimezoneService.register(vtz);
  return { name: calendar.getFirstPropertyValue("x-wr-calname"), events: calendar.getAllSubcomponents("vevent").map((v) => new ICAL.Event(v)) };
}

/** The calendar's name and its events as plain values (instants in UTC). */
export function readCalendar(text: string) {
  const { name, events } = calendarEvents(text);
  return {
    name,
    events: events.map((e) => ({
      uid: e.uid,
      summary: e.summary,
      location: e.location,
      description: e.description,
      url: e.component.getFirstPropertyValue("url"),
      start: e.startDate.toJSDate().toISOString(),
      end: e.endDate.toJSDate().toISOString(),
    })),
  };
}
