/**
 * The site's pages: the index, one page per series or event, one per published minutes, the
 * idea backlog.
 *
 * Size: every HTML page stays under {@link PAGE_LIMIT} (100 KB, the issue's goal). A page is
 * built with the caps of {@link CAPS} (12 upcoming meetings, 100 scheduled and 50 waiting topics,
 * the newest 100 past meetings, 60 sessions a day of a schedule, 300 backlog ideas, 50 series
 * with every detail on the index and 300 more by title (80 characters) only, 60,000 characters of
 * minutes); what a cap leaves out is
 * counted, with a link to where it is ("…and 12 more in the meeting issue"). A page still over
 * the limit (long titles, a very big event) is built again with every cap cut by a quarter until
 * it fits. Titles are capped at 256 characters (escape.ts), so each listed item is bounded.
 */
import { markdownHtml } from "../markdown-html.js";
import { attr, bytes, date, external, href, internal, minutesBetween, segment, text, time } from "./html.js";
import { plural } from "../minutes.js";
import { page, rootOf } from "./layout.js";
import type { SiteData, SiteMeeting, SitePastMeeting, SiteSeries, SiteTopic } from "./model.js";
import { scheduleHtml } from "./schedule.js";

/** Every HTML page stays below this many bytes (UTF-8); the issue's goal is 100 KB before images. */
export const PAGE_LIMIT = 100_000;

/** How much one page lists at most, before it is made smaller to fit. */
export interface Caps {
  /** Upcoming meetings (or days) of a series. */
  upcoming: number;
  /** Scheduled topics of the next agenda. */
  scheduled: number;
  /** Topics on the waiting list. */
  waiting: number;
  /** Past meetings on a series page (the newest). */
  past: number;
  /** Sessions a day in a schedule (drawn and listed). */
  sessions: number;
  /** Ideas on the backlog page. */
  ideas: number;
  /** Series on the index with every detail (cadence, next meeting, join, label and calendar links). */
  detailed: number;
  /** Series after those listed on the index by title only (a link to their page); the rest are counted. */
  listed: number;
  /** Characters of Markdown of one minutes page (cut at a paragraph, with a link to the whole file). */
  minutes: number;
}

export const CAPS: Caps = { upcoming: 12, scheduled: 100, waiting: 50, past: 100, sessions: 60, ideas: 300, detailed: 50, listed: 300, minutes: 60_000 };

/** Characters of a series title in the index's short list (the series page has it whole). */
const LISTED_TITLE = 80;

/** `caps` with every number cut by a quarter (at least 1). */
function smaller(caps: Caps): Caps {
  return Object.fromEntries(Object.entries(caps).map(([k, v]) => [k, Math.max(1, Math.floor((v * 3) / 4))])) as unknown as Caps;
}

/** The page built with the largest caps under which it stays below {@link PAGE_LIMIT}. */
function fitted(build: (caps: Caps) => string): string {
  let caps = CAPS;
  for (let i = 0; i < 24; i++) {
    const html = build(caps);
    if (bytes(html) < PAGE_LIMIT) return html;
    caps = smaller(caps);
  }
  return build(caps);
}

const LOGIN = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$/;
const BOT = /^([A-Za-z0-9][A-Za-z0-9-]{0,38})\[bot\]$/;

/** A person as a link to their profile (a bot to its app); "" for a deleted account. */
function person(data: SiteData, login: string | null): string {
  if (login === null || login === "") return "";
  const base = data.serverUrl.replace(/\/+$/, "");
  const bot = BOT.exec(login);
  if (LOGIN.test(login)) return external(text(login), `${base}/${login}`);
  if (bot?.[1] !== undefined) return external(text(login), `${base}/apps/${bot[1]}`);
  return text(login);
}

/** "…and 3 more in the meeting issue" (a link when there is one), or "" when nothing was left out. */
function more(count: number, where: string, url: string | null): string {
  return count > 0 ? `<li class="muted">${external(`…and ${count} more ${where}`, url)}</li>` : "";
}

function list(tag: "ul" | "ol", items: readonly string[], tail = ""): string {
  return `<${tag}>${items.map((i) => (i.startsWith("<li") ? i : `<li>${i}</li>`)).join("")}${tail}</${tag}>`;
}

function topicItem(data: SiteData, topic: SiteTopic): string {
  const by = person(data, topic.author);
  const when = topic.start === null ? "" : `${time(topic.start, "time")}: `;
  return `${when}${external(text(topic.title), topic.url)} <span class="by">${by === "" ? "" : `by ${by} · `}${topic.minutes} min</span>`;
}

/** A titled, numbered list of at most `cap` topics, the rest counted with a link to the meeting issue. */
function topicList(data: SiteData, title: string, none: string, topics: readonly SiteTopic[], cap: number, issue: string | null): string {
  const shown = topics.slice(0, cap);
  const body =
    shown.length === 0
      ? `<p>${none}</p>`
      : list(
          "ol",
          shown.map((t) => topicItem(data, t)),
          more(topics.length - shown.length, "in the meeting issue", issue),
        );
  return `<h3>${title}</h3>\n${body}`;
}

/** The relative link to a series' calendar and, when it can be built, its `webcal://` twin. */
function subscribe(series: SiteSeries, root: string, baseUrl: string | null): string[] {
  if (series.ics === null) return [];
  const path = `calendar/${segment(series.id)}.ics`;
  const ics = internal("Calendar (.ics)", `${root}${path}`);
  if (baseUrl !== null) return [ics, internal("Subscribe (webcal)", `webcal:${new URL(path, baseUrl).href.replace(/^https?:/, "")}`)];
  // Without the site's address the script builds it from the page's own (hidden, and useless, without scripts).
  return [ics, `<a href="${attr(`${root}${path}`)}" data-webcal="${attr(`${root}${path}`)}" hidden>Subscribe (webcal)</a>`];
}

function seriesLinks(series: SiteSeries, root: string, baseUrl: string | null): string {
  const links: string[] = [];
  if (href(series.joinUrl) !== null) links.push(external("Join", series.joinUrl));
  if (series.label !== null) links.push(external(`Topics: label <code>${text(series.label, 60)}</code>`, series.labelUrl));
  links.push(...subscribe(series, root, baseUrl));
  return links.length === 0 ? "" : `<ul class="links">${links.map((l) => `<li>${l}</li>`).join("")}</ul>`;
}

/** The first upcoming meeting that is not cancelled. */
function nextMeeting(series: SiteSeries): SiteMeeting | null {
  return series.upcoming.find((m) => !m.cancelled) ?? null;
}

function nextLine(series: SiteSeries): string {
  const next = nextMeeting(series);
  if (next === null) return `<p>${series.upcoming.length > 0 ? "Every upcoming meeting is cancelled." : "No upcoming meeting."}</p>`;
  const issue = next.issueUrl === null ? "" : ` · ${external("meeting issue", next.issueUrl)}`;
  if (series.kind === "recurring") return `<p>Next meeting: ${time(next.start)}${issue}</p>`;
  // An event: before it begins, when it starts and how long it is; then which of its days comes next.
  const days = series.schedule?.days.map((d) => d.date) ?? series.upcoming.map((m) => m.date);
  const day = days.indexOf(next.date);
  if (day <= 0) return `<p>Starts: ${time(next.start)}${days.length > 1 ? ` · ${plural(days.length, "day")}` : ""}${issue}</p>`;
  return `<p>Next day: ${time(next.start)} · day ${day + 1} of ${days.length}${issue}</p>`;
}

const seriesPath = (series: SiteSeries) => `series/${segment(series.id)}.html`;
const minutesPath = (series: SiteSeries, past: SitePastMeeting) => `series/${segment(series.id)}/${segment(past.date)}.html`;

export function indexPage(data: SiteData, baseUrl: string | null): string {
  const path = "index.html";
  return fitted((caps) => {
    const detailed = data.series.slice(0, caps.detailed);
    const listed = data.series.slice(detailed.length, detailed.length + caps.listed);
    const unlisted = data.series.length - detailed.length - listed.length;
    const entries = detailed.map((series) => {
      const id = `s-${segment(series.id)}`;
      const title = `<h2 id="${attr(id)}">${internal(text(series.title), seriesPath(series))}</h2>`;
      const detail = `<p>${text(series.cadence, 200)}</p>${nextLine(series)}${seriesLinks(series, rootOf(path), baseUrl)}`;
      return `<section class="series" aria-labelledby="${attr(id)}">${title}${detail}</section>`;
    });
    if (listed.length > 0) {
      // A big community: the rest by title only, so the page stays small and every shown entry keeps its links.
      const items = listed.map((series) => internal(text(series.title, LISTED_TITLE), seriesPath(series)));
      const rest = unlisted > 0 ? `<li class="muted">…and ${plural(unlisted, "more series", "more series")}, not listed here to keep this page small</li>` : "";
      entries.push(`<h2>More series and events</h2>\n${list("ul", items, rest)}`);
    }
    const parts = [`<h1>${text(data.title)}</h1>`];
    if (data.description !== null) parts.push(`<p>${text(data.description, 400)}</p>`);
    parts.push(data.series.length === 0 ? "<p>No meetings are configured.</p>" : entries.join("\n"));
    if (data.backlog !== null)
      parts.push(
        `<h2>Ideas</h2><p>${internal(text(data.backlog.title), "backlog.html")}: ${plural(data.backlog.ideas.length, "idea")} waiting for a meeting.</p>`,
      );
    if (data.hidden > 0)
      parts.push(
        `<p class="muted">${plural(data.hidden, "topic or idea", "topics and ideas")} ${data.hidden === 1 ? "is" : "are"} not shown because not everyone may read ${data.hidden === 1 ? "it" : "them"}.</p>`,
      );
    return page(data, { path, title: data.title, main: parts.join("\n") });
  });
}

function upcomingItem(meeting: SiteMeeting, kind: SiteSeries["kind"]): string {
  const length = kind === "recurring" ? ` · ${minutesBetween(meeting.start, meeting.end)} min` : "";
  const issue = meeting.issueUrl === null ? "" : ` · ${external("meeting issue", meeting.issueUrl)}`;
  if (meeting.cancelled) return `<li class="cancelled">${time(meeting.start)} — <strong>cancelled</strong>${issue}</li>`;
  return `<li>${time(meeting.start)}${length}${issue}</li>`;
}

function pastItem(series: SiteSeries, past: SitePastMeeting): string {
  const links: string[] = [];
  if (past.minutes !== null) links.push(internal("minutes", `${segment(series.id)}/${segment(past.date)}.html`));
  else if (!past.cancelled) links.push('<span class="muted">no minutes published</span>');
  if (past.issueUrl !== null) links.push(external("meeting issue", past.issueUrl));
  const cancelled = past.cancelled ? " — <strong>cancelled</strong>" : "";
  return `<li${past.cancelled ? ' class="cancelled"' : ""}>${date(past.date)}${cancelled}${links.length > 0 ? ` · ${links.join(" · ")}` : ""}</li>`;
}

/** The /now section's text without its own "Happening now" heading (render/now.ts writes one): the page's h2 says it once. */
function withoutNowHeading(markdown: string): string {
  return markdown.replace(/^\s*#{1,6}[ \t]+Happening now[ \t#]*(?:\n|$)/i, "");
}

export function seriesPage(data: SiteData, series: SiteSeries, baseUrl: string | null): string {
  const path = seriesPath(series);
  return fitted((caps) => {
    const parts = [`<h1>${text(series.title)}</h1>`, `<p>${text(series.cadence, 200)}</p>`, seriesLinks(series, rootOf(path), baseUrl)];
    if (series.happeningNow !== null) {
      parts.push(
        `<section aria-labelledby="now"><h2 id="now">Happening now</h2><div class="note">${markdownHtml(withoutNowHeading(series.happeningNow).slice(0, 4000))}</div></section>`,
      );
    }
    const upcoming = series.upcoming.slice(0, caps.upcoming);
    parts.push(`<h2>${series.kind === "recurring" ? "Upcoming meetings" : "Days"}</h2>`);
    parts.push(
      upcoming.length === 0
        ? `<p>${series.kind === "recurring" ? "No upcoming meeting." : series.over ? "This event is over." : "The event has no days."}</p>`
        : list(
            "ul",
            upcoming.map((m) => upcomingItem(m, series.kind)),
            more(series.upcoming.length - upcoming.length, "later", series.labelUrl),
          ),
    );
    const agenda = series.agenda;
    if (agenda !== null) {
      const issue = agenda.meeting.issueUrl;
      parts.push(`<h2>Agenda</h2>`);
      parts.push(
        `<p>For ${time(agenda.meeting.start)}${issue === null ? "" : ` (${external("the meeting issue", issue)})`}: ${agenda.used} of ${agenda.budget} minutes planned.</p>`,
      );
      // An event's scheduled topics are its schedule, below; a meeting's are listed here.
      if (series.schedule === null) parts.push(topicList(data, "Scheduled topics", "No topic is scheduled yet.", agenda.scheduled, caps.scheduled, issue));
      parts.push(topicList(data, "Waiting list", "Nobody is waiting.", agenda.waiting, caps.waiting, issue));
    }
    if (series.schedule !== null) {
      parts.push("<h2>Schedule</h2>");
      parts.push(scheduleHtml(series.schedule, series.id, caps.sessions, agenda?.meeting.issueUrl ?? series.upcoming[0]?.issueUrl ?? null));
    }
    if (series.past.length > 0) {
      const past = series.past.slice(0, caps.past);
      parts.push("<h2>Past meetings</h2>");
      parts.push(
        list(
          "ul",
          past.map((p) => pastItem(series, p)),
          more(series.past.length - past.length, "older meetings", series.labelUrl),
        ),
      );
    }
    return page(data, { path, title: series.title, main: parts.filter((p) => p !== "").join("\n") });
  });
}

/** Markdown cut to at most `max` characters at a paragraph break (a line break, if it has none). */
function cutMarkdown(markdown: string, max: number): string {
  if (markdown.length <= max) return markdown;
  const head = markdown.slice(0, max);
  const at = Math.max(head.lastIndexOf("\n\n"), 0) || head.lastIndexOf("\n");
  return head.slice(0, at > 0 ? at : max);
}

export function minutesPage(data: SiteData, series: SiteSeries, past: SitePastMeeting): string {
  const path = minutesPath(series, past);
  const title = `${series.title}: minutes of ${past.date}`;
  return fitted((caps) => {
    const markdown = past.minutes ?? "";
    const shown = cutMarkdown(markdown, caps.minutes);
    const links = [internal(`All ${text(series.title)} meetings`, `../${segment(series.id)}.html`)];
    if (past.issueUrl !== null) links.push(external("Meeting issue", past.issueUrl));
    if (past.minutesUrl !== null) links.push(external("Minutes file on GitHub", past.minutesUrl));
    const parts = [
      `<h1>${text(series.title)}: minutes of ${date(past.date)}</h1>`,
      `<ul class="links">${links.map((l) => `<li>${l}</li>`).join("")}</ul>`,
      past.cancelled ? "<p><strong>This meeting was cancelled.</strong></p>" : "",
      `<article class="minutes">\n${markdownHtml(shown, { base: past.minutesUrl })}\n</article>`,
    ];
    if (shown.length < markdown.length) parts.push(`<p>${external("…the rest is in the minutes file", past.minutesUrl ?? past.issueUrl)}</p>`);
    return page(data, { path, title, main: parts.filter((p) => p !== "").join("\n") });
  });
}

export function backlogPage(data: SiteData): string {
  const backlog = data.backlog;
  if (backlog === null) return "";
  return fitted((caps) => {
    const ideas = backlog.ideas.slice(0, caps.ideas);
    const items = ideas.map((idea) => {
      const by = person(data, idea.author);
      return `${external(text(idea.title), idea.url)}${by === "" ? "" : ` <span class="by">by ${by}</span>`}`;
    });
    const parts = [
      `<h1>${text(backlog.title)}</h1>`,
      `<p>Ideas for a meeting, alphabetically (the order claims no priority). Add one: open an issue with the label ${external(`<code>${text(backlog.label, 60)}</code>`, backlog.labelUrl)}.</p>`,
      ideas.length === 0 ? "<p>No ideas yet.</p>" : list("ul", items, more(backlog.ideas.length - ideas.length, "with the label", backlog.labelUrl)),
    ];
    return page(data, { path: "backlog.html", title: backlog.title, main: parts.join("\n") });
  });
}

export { minutesPath, seriesPath };
