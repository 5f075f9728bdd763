/**
 * A meetup's or gathering's day-by-day schedule, twice: drawn as inline SVG (rooms as columns,
 * time running down, sessions as boxes with their titles, an hourly axis in UTC) for the eye,
 * and as an HTML table with `<time>` elements (rewritten into the reader's zone by the script)
 * for everyone, screen readers included. The SVG is one image (`role="img"` with a `<title>`
 * saying what it shows and that the table below lists every session); it holds no links, so
 * the keyboard reaches each session once, in the table. No inline style: classes only (CSP).
 */
import { truncate } from "../escape.js";
import { attr, date, external, longDate, minutesBetween, text, time, utcClock } from "./html.js";
import { plural } from "../minutes.js";
import type { SiteDay, SiteSchedule, SiteSession } from "./model.js";

/** Geometry of the drawing, in CSS pixels. */
const AXIS = 64;
const HEAD = 28;
const COLUMN = 184;
const PER_MINUTE = 1.2;
const GAP = 4;
/** Characters of a title that fit one line of a box (12px system font, ~6.6px a character). */
const BOX_CHARS = Math.floor((COLUMN - 2 * GAP - 8) / 6.6);

interface Placed {
  session: SiteSession;
  room: number;
}

const ms = (iso: string) => Date.parse(iso);

/** A session as one thing across rooms: a joint session is in each of its rooms at the same time. */
const sessionKey = (s: SiteSession) => `${s.start}\u0000${s.url ?? s.title}`;

/** One day's sessions in time order (then room order), each joint session once. */
function daySessions(day: SiteDay): Placed[] {
  const seen = new Set<string>();
  const out: Placed[] = [];
  day.rooms.forEach((room, i) => {
    for (const session of room.sessions) {
      const key = sessionKey(session);
      if (session.joint.length > 0 && seen.has(key)) continue;
      seen.add(key);
      out.push({ session, room: i });
    }
  });
  return out.sort((a, b) => ms(a.session.start) - ms(b.session.start) || a.room - b.room);
}

const n = (x: number) => String(Math.round(x * 10) / 10);

/** The day drawn as SVG; `id` makes its title's id unique on the page. */
function daySvg(day: SiteDay, id: string, count: number): string {
  const sessions = day.rooms.flatMap((room) => room.sessions);
  const starts = [ms(day.start), ...sessions.map((s) => ms(s.start))].filter(Number.isFinite);
  const ends = [ms(day.end), ...sessions.map((s) => ms(s.end))].filter(Number.isFinite);
  const hour = 3_600_000;
  const from = Math.floor(Math.min(...starts) / hour) * hour;
  const to = Math.max(from + hour, Math.ceil(Math.max(...ends) / hour) * hour);
  const y = (t: number) => HEAD + ((t - from) / 60_000) * PER_MINUTE;
  const width = AXIS + COLUMN * Math.max(1, day.rooms.length);
  const height = y(to) + 8;
  const parts: string[] = [];
  for (let t = from; t <= to; t += hour) {
    const label = utcClock(t);
    parts.push(`<line class="grid" x1="${AXIS - 4}" y1="${n(y(t))}" x2="${width}" y2="${n(y(t))}"/>`);
    parts.push(`<text class="axis" x="${AXIS - 8}" y="${n(y(t) + 4)}" text-anchor="end">${label}</text>`);
  }
  parts.push(`<text class="axis" x="${AXIS - 8}" y="16" text-anchor="end">UTC</text>`);
  day.rooms.forEach((room, i) => {
    const x = AXIS + i * COLUMN;
    if (room.name !== "") parts.push(`<text class="room" x="${x + GAP}" y="16">${text(room.name, 28)}</text>`);
    for (const s of room.sessions) {
      const top = y(ms(s.start));
      const h = Math.max(8, y(ms(s.end)) - top - 2);
      if (!Number.isFinite(top)) continue;
      const label = h >= 14 ? `<text x="${x + GAP + 4}" y="${n(top + Math.min(15, h - 3))}">${text(truncate(s.title, BOX_CHARS))}</text>` : "";
      parts.push(
        `<g class="box${s.joint.length > 0 ? " joint" : ""}"><rect x="${x + GAP}" y="${n(top + 1)}" width="${COLUMN - 2 * GAP}" height="${n(h)}" rx="3"/>${label}</g>`,
      );
    }
  });
  const rooms = day.rooms.length > 1 ? `${day.rooms.length} rooms, ` : "";
  const what = `Schedule of ${longDate(day.date)} in UTC: ${rooms}${plural(count, "session")}, each listed in the table below.`;
  return `<svg role="img" aria-labelledby="${attr(id)}" width="${width}" height="${n(height)}" viewBox="0 0 ${width} ${n(height)}"><title id="${attr(id)}">${what}</title>${parts.join("")}</svg>`;
}

/** The day's sessions as a table: start (in the reader's zone with the script), room, session, length. */
function dayTable(day: SiteDay, placed: readonly Placed[], more: { count: number; url: string | null }): string {
  const rooms = day.rooms.length > 1 || (day.rooms[0]?.name ?? "") !== "";
  const head = `<tr><th scope="col">Starts</th>${rooms ? '<th scope="col">Room</th>' : ""}<th scope="col">Session</th><th scope="col">Length</th></tr>`;
  const rows = placed.map(({ session, room }) => {
    const joint = session.joint.length > 0 ? ` <span class="muted">(joint with ${session.joint.map((t) => text(t, 60)).join(", ")})</span>` : "";
    const roomCell = rooms ? `<td>${text(day.rooms[room]?.name ?? "", 80)}</td>` : "";
    return `<tr><td>${time(session.start, "time")}</td>${roomCell}<td>${external(text(session.title), session.url)}${joint}</td><td>${minutesBetween(session.start, session.end)} min</td></tr>`;
  });
  const tail = more.count > 0 ? `<p>${external(`…and ${more.count} more in the meeting issue`, more.url)}</p>` : "";
  const name = `Sessions on ${longDate(day.date)}`;
  // A table stays a table (screen readers keep its headers); the div scrolls it on a narrow screen and can be focused to scroll by keyboard.
  return `<div class="scroll" role="region" tabindex="0" aria-label="${attr(name)}"><table><caption class="sr-only">${text(name)}</caption><thead>${head}</thead><tbody>${rows.join("")}</tbody></table></div>${tail}`;
}

/**
 * The schedule section's HTML: per day a heading, the drawing and the table. At most
 * `perDay` sessions a day are shown (drawn and listed); the rest are counted, with a link to the
 * meeting issue (`issueUrl`).
 */
export function scheduleHtml(schedule: SiteSchedule, seriesId: string, perDay: number, issueUrl: string | null): string {
  return schedule.days
    .map((day) => {
      const all = daySessions(day);
      const shown = all.slice(0, perDay);
      const keep = new Set(shown.map((p) => sessionKey(p.session)));
      const drawn: SiteDay = { ...day, rooms: day.rooms.map((room) => ({ ...room, sessions: room.sessions.filter((s) => keep.has(sessionKey(s))) })) };
      const id = `schedule-${seriesId}-${day.date}`;
      const body =
        all.length === 0
          ? "<p>No sessions scheduled yet.</p>"
          : `<div class="schedule">${daySvg(drawn, id, shown.length)}</div>${dayTable(day, shown, { count: all.length - shown.length, url: issueUrl })}`;
      return `<h3>${date(day.date)}</h3>\n${body}`;
    })
    .join("\n");
}
