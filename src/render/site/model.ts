/**
 * The meetings site (issue 17, the Action's `site` command): what the pages show, as plain data.
 *
 * src/workflows/site.ts reads it from GitHub through the gateway (the same configuration, schedule
 * code and visibility rule as every other command); src/render/site/ turns it into files, with no
 * clock and no I/O, so the same SiteData always gives byte-identical files and a scheduled
 * workflow deploys only when something changed.
 *
 * Times are instants (ISO-8601 in UTC, `2025-01-13T13:00:00.000Z`) plus the series' time zone:
 * the pages print them in UTC and a few lines of script rewrite them in the reader's own zone
 * (Intl). Nothing here is private: the reader of the site is "anyone" (src/domain/visibility.ts),
 * so whatever a public reader may not read was left out before it got here and is only counted.
 */

export interface SiteData {
  /** The site's title, e.g. "Sovereign Cloud Community meetings". */
  title: string;
  /** One line under the title (the organisation's description), or null. */
  description: string | null;
  /** Web URL of the GitHub server, for links to issues and people: https://github.com or a GHES host. */
  serverUrl: string;
  /** "owner/repo" of the configuration's home, named in the footer ("generated from"); null when not everyone may read it. */
  home: string | null;
  /** Series and events in the configuration's order. */
  series: SiteSeries[];
  /** The idea backlog, or null when none is configured. */
  backlog: SiteBacklog | null;
  /** Topics and ideas left out because not everyone may read them (counted, never named). */
  hidden: number;
}

export type SiteSeriesKind = "recurring" | "event" | "gathering";

export interface SiteSeries {
  /** The series id from the configuration: the page is `series/<id>.html`, the calendar `calendar/<id>.ics`. */
  id: string;
  title: string;
  kind: SiteSeriesKind;
  /** The agenda label (for a gathering: one per track, in `tracks`). */
  label: string | null;
  /** A web link to the open issues with that label, or null. */
  labelUrl: string | null;
  /** How often and when, in words from the schedule code, e.g. "Every other Monday (odd ISO weeks), 14:00–14:30 Europe/Berlin". */
  cadence: string;
  timezone: string;
  /** Where people join (config `join-url`), or null. */
  joinUrl: string | null;
  /** The next meetings (or the event's days) that have not ended, soonest first; empty when the series is over. */
  upcoming: SiteMeeting[];
  /** An event whose last day has ended; false for a recurring series and for an event with no day at all (only a weekend, with `weekdays`). */
  over: boolean;
  /** The next meeting's agenda, or null when it has none yet (no issue, no topics). */
  agenda: SiteAgenda | null;
  /** A multi-day event (meetup or gathering): its day-by-day schedule; null for a recurring series. */
  schedule: SiteSchedule | null;
  /** Past meetings, newest first, with their minutes when published. */
  past: SitePastMeeting[];
  /** A gathering's "Happening now" section as its chairs last wrote it (Markdown, /now), or null. */
  happeningNow: string | null;
  /** The iCalendar text of this series (RFC 5545), written to `calendar/<id>.ics`, also once it is over (subscriptions keep working); null for an event with no day. */
  ics: string | null;
}

export interface SiteMeeting {
  /** Local calendar date in the series' zone, YYYY-MM-DD. */
  date: string;
  /** UTC instants. */
  start: string;
  end: string;
  /** The meeting issue's web URL when it is open already, else null. */
  issueUrl: string | null;
  /** Closed as not planned (or cancelled by /cancel). */
  cancelled: boolean;
}

export interface SiteTopic {
  title: string;
  url: string;
  /** Login, or null for a deleted user. */
  author: string | null;
  /** Its time estimate in minutes. */
  minutes: number;
  /** Scheduled topics of a multi-day event: the UTC instant its slot starts; else null. */
  start: string | null;
}

export interface SiteAgenda {
  meeting: SiteMeeting;
  /** In agenda order. */
  scheduled: SiteTopic[];
  /** In waiting-list order (position 1 first). */
  waiting: SiteTopic[];
  /** Minutes available and used (for an event: over all its days). */
  budget: number;
  used: number;
}

export interface SiteSchedule {
  days: SiteDay[];
}

export interface SiteDay {
  /** Local date YYYY-MM-DD. */
  date: string;
  /** UTC instants bounding the day's topic time (its start and start + daily budget). */
  start: string;
  end: string;
  /** Rooms (tracks) of a gathering in the configuration's order; one unnamed room for a meetup. */
  rooms: SiteRoom[];
}

export interface SiteRoom {
  /** The track's title and room, e.g. "IaaS · Room A"; "" for a single-room meetup. */
  name: string;
  sessions: SiteSession[];
}

export interface SiteSession {
  title: string;
  url: string | null;
  start: string;
  end: string;
  /** A joint session of a gathering: the other tracks' titles. */
  joint: string[];
}

export interface SitePastMeeting {
  date: string;
  start: string;
  issueUrl: string | null;
  cancelled: boolean;
  /** The published minutes as Markdown (rendered and sanitised into `series/<id>/<date>.html`), or null when none were published. */
  minutes: string | null;
  /** Web URL of the minutes file in its repository, or null. */
  minutesUrl: string | null;
}

export interface SiteBacklog {
  title: string;
  label: string;
  labelUrl: string | null;
  /** Alphabetical (the backlog's order claims no priority). */
  ideas: { title: string; url: string; author: string | null }[];
}

/** A file of the site: its path relative to the output directory (forward slashes) and its content. */
export interface SiteFile {
  path: string;
  content: string;
}
