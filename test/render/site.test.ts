import { runInNewContext } from "node:vm";
import { describe, expect, it, vi } from "vitest";
import { renderSite, type SiteData, type SiteFile } from "../../src/render/site/index.js";
import type { SiteSeries, SiteSession, SiteTopic } from "../../src/render/site/model.js";
import { siteFixture } from "../fixtures/site.js";

const files = (data: SiteData = siteFixture(), baseUrl?: string) => renderSite(data, baseUrl === undefined ? {} : { baseUrl });
const file = (all: readonly SiteFile[], path: string) => {
  const f = all.find((x) => x.path === path);
  if (f === undefined) throw new Error(`no ${path} among ${all.map((x) => x.path).join(", ")}`);
  return f.content;
};
/** The text inside <main>, without tags: what a reader reads. */
const mainText = (html: string) =>
  (/<main[^>]*>([\s\S]*)<\/main>/.exec(html)?.[1] ?? "")
    .replace(/<\/(?:li|td|th|p|h[1-6]|tr|div|text|title|section|a)>/g, "$& ")
    .replace(/<[^>]+>/g, "")
    .replace(/&amp;/g, "&")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/\s+/g, " ")
    .trim();

describe("the meetings site", () => {
  it("writes every page, calendar and asset, sorted by path", () => {
    expect(files().map((f) => f.path)).toEqual([
      "assets/local-time.js",
      "assets/site.css",
      "backlog.html",
      "calendar/forum.ics",
      "calendar/iaas.ics",
      "calendar/summit.ics",
      "index.html",
      "series/forum.html",
      "series/iaas.html",
      "series/iaas/2025-01-20.html",
      "series/iaas/2025-02-17.html",
      "series/summit.html",
    ]);
    expect(file(files(), "calendar/iaas.ics")).toBe(siteFixture().series[0]?.ics);
  });

  it("every relative link and asset on every page leads to a file of the site", () => {
    const all = files();
    const paths = new Set(all.map((f) => f.path));
    for (const f of all.filter((x) => x.path.endsWith(".html"))) {
      for (const [, target] of f.content.matchAll(/(?:href|src|data-webcal)="([^"#:]+)"/g)) {
        const resolved = new URL(target ?? "", `https://example.org/site/${f.path}`).pathname.replace("/site/", "");
        expect(paths, `${f.path} links ${target}`).toContain(resolved);
      }
    }
  });

  it("the index names each series with its cadence, next meeting in UTC, join, label and calendar links, and the backlog", () => {
    const html = file(files(), "index.html");
    expect(html).toContain('<a href="series/iaas.html">IaaS</a>');
    expect(html).toContain("Every other Monday (even ISO weeks), 14:00–14:30 Europe/Berlin");
    expect(html).toContain('Next meeting: <time datetime="2025-03-03T13:00:00Z" data-local>Mon 3 Mar 2025, 13:00 UTC</time>');
    expect(html).toContain('<a href="https://meet.example.org/iaas">Join</a>');
    expect(html).toContain('<a href="https://github.com/scc/community/issues?q=is%3Aopen+label%3Ameeting%2Fiaas">Topics: label <code>meeting/iaas</code></a>');
    expect(html).toContain('<a href="calendar/iaas.ics">Calendar (.ics)</a>');
    expect(html).toContain('<a href="backlog.html">Idea backlog</a>: 3 ideas waiting for a meeting.');
    expect(mainText(html)).toContain("2 topics and ideas are not shown because not everyone may read them.");
  });

  it("the webcal link is absolute with the site's URL, and left to the script (hidden) without it", () => {
    expect(file(files(), "index.html")).toContain('<a href="calendar/iaas.ics" data-webcal="calendar/iaas.ics" hidden>Subscribe (webcal)</a>');
    const withBase = files(siteFixture(), "https://scc.github.io/community");
    expect(file(withBase, "index.html")).toContain('<a href="webcal://scc.github.io/community/calendar/iaas.ics">Subscribe (webcal)</a>');
    expect(file(withBase, "series/iaas.html")).toContain('<a href="webcal://scc.github.io/community/calendar/iaas.ics">Subscribe (webcal)</a>');
  });

  it("a series page lists upcoming meetings across both DST changes, marks the cancelled one in words, and shows the agenda", () => {
    const html = file(files(), "series/iaas.html");
    const text = mainText(html);
    expect(text).toContain("Mon 3 Mar 2025, 13:00 UTC · 30 min · meeting issue");
    expect(text).toContain("Mon 17 Mar 2025, 13:00 UTC");
    expect(text).toContain("Mon 31 Mar 2025, 12:00 UTC");
    expect(text).toContain("Mon 14 Apr 2025, 12:00 UTC — cancelled");
    expect(html).toContain('(<a href="https://github.com/scc/community/issues/101">the meeting issue</a>): 25 of 30 minutes planned.');
    expect(text).toMatch(
      /Scheduled topics Image builds on the new builder by alice · 10 min .* Quota for nova in region 2 5 min Waiting list Retire the old dashboards by bob · 15 min GPU flavours/,
    );
  });

  it("past meetings link their minutes pages and issues; a cancelled one says so; the minutes page shows the rendered Markdown", () => {
    const all = files();
    const series = file(all, "series/iaas.html");
    expect(series).toContain('<a href="iaas/2025-02-17.html">minutes</a> · <a href="https://github.com/scc/community/issues/95">meeting issue</a>');
    expect(mainText(series)).toContain("Monday 3 February 2025 — cancelled · meeting issue");
    const minutes = file(all, "series/iaas/2025-02-17.html");
    expect(minutes).toContain('<h1>IaaS: minutes of <time datetime="2025-02-17">Monday 17 February 2025</time></h1>');
    expect(minutes).toContain("<td>Move to the new builder by <strong>April</strong></td>");
    expect(minutes).toContain('<input type="checkbox" checked disabled aria-label="done"> @alice writes the release notes');
    expect(minutes).toContain('<a href="https://github.com/scc/community/blob/main/minutes/iaas/2025-02-17.md">Minutes file on GitHub</a>');
    expect(minutes.match(/<h1/g)).toHaveLength(1);
    expect(minutes).not.toMatch(/alert|onerror|javascript:|docket:minutes/);
  });

  it("an event's schedule is drawn as an SVG image with a text alternative and listed as a table of times", () => {
    const html = file(files(), "series/forum.html");
    expect(html).toContain(
      '<svg role="img" aria-labelledby="schedule-forum-2025-05-06" width="432" height="324" viewBox="0 0 432 324"><title id="schedule-forum-2025-05-06">Schedule of Tuesday 6 May 2025 in UTC: 2 rooms, 3 sessions, each listed in the table below.</title>',
    );
    expect(html).toContain('<text class="room" x="68" y="16">IaaS · Room A</text>');
    expect(html).toContain('<text class="axis" x="56" y="32" text-anchor="end">08:00</text>');
    expect(html).toMatch(/<g class="box joint"><rect [^>]+\/><text [^>]+>Opening \(joint\)<\/text><\/g>/);
    // The joint session is one row of the table, in time order, with its time rewritten by the script.
    expect(mainText(html)).toContain(
      "Tue 08:00 UTC IaaS · Room A Opening (joint) (joint with Edge) 30 min Tue 08:30 UTC IaaS · Room A Block storage 60 min Tue 09:00 UTC Edge · Room B Edge sites at scale 45 min",
    );
    expect(html).toContain('<time datetime="2025-05-06T08:30:00Z" data-local="time">Tue 08:30 UTC</time>');
    expect(mainText(html)).toContain("Happening now IaaS: Block storage (#302) · Edge: a break until 11:00");
  });

  it('a gathering\'s "Happening now" as /now writes it has one heading, and no heading level is skipped', () => {
    const data = siteFixture();
    const forum = data.series.find((s) => s.id === "forum") as SiteSeries;
    forum.happeningNow = "## Happening now\n\n**IaaS**: Block storage (#302) · **Edge**: a break until 11:00\n\n_Updated 10:40 Europe/Berlin_";
    const html = file(files(data), "series/forum.html");
    expect(mainText(html).match(/Happening now/g)).toHaveLength(1);
    expect(mainText(html)).toContain("Happening now IaaS: Block storage (#302)");
    const levels = [...html.matchAll(/<h([1-6])[\s>]/g)].map((m) => Number(m[1]));
    levels.forEach((level, i) => {
      expect(level, `heading ${i + 1} of ${levels.join(",")}`).toBeLessThanOrEqual((levels[i - 1] ?? 0) + 1);
    });
  });

  it("tables keep table semantics: no display:block; each schedule table has a caption and scrolls inside a named, focusable region", () => {
    const all = files();
    expect(file(all, "assets/site.css")).not.toMatch(/table[^{]*\{[^}]*display:\s*block/);
    const html = file(all, "series/forum.html");
    expect(html).toContain(
      '<div class="scroll" role="region" tabindex="0" aria-label="Sessions on Tuesday 6 May 2025"><table><caption class="sr-only">Sessions on Tuesday 6 May 2025</caption><thead>',
    );
    expect(html.match(/<table>/g)?.length).toBe(html.match(/<caption/g)?.length);
    expect(file(all, "series/iaas/2025-02-17.html")).toMatch(/<div class="scroll" role="region" tabindex="0" aria-label="Table: [^"]+"><table>/);
  });

  it("a meetup's page shows its schedule instead of repeating the scheduled topics, and its waiting list", () => {
    const text = mainText(file(files(), "series/summit.html"));
    expect(text).toContain("Thu 07:00 UTC Welcome & keynote 45 min Thu 07:45 UTC Storage roadmap 60 min");
    expect(text).not.toContain("Scheduled topics");
    expect(text).toContain("Waiting list Lightning talks by erin · 30 min");
  });

  it("the backlog page lists the ideas in the given alphabetical order with their authors", () => {
    const text = mainText(file(files(), "backlog.html"));
    expect(text).toContain("A hackathon in autumn by alice Mentoring programme Translate the docs by frank");
  });

  it("pages load only the site's own stylesheet and script under a strict Content-Security-Policy", () => {
    for (const f of files().filter((x) => x.path.endsWith(".html"))) {
      expect(f.content).toContain(
        `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data: https://github.com https://*.githubusercontent.com; base-uri 'none'; form-action 'none'">`,
      );
      expect(f.content.match(/<script\b[^>]*>/g)).toEqual([`<script src="${"../".repeat(f.path.split("/").length - 1)}assets/local-time.js" defer>`]);
      expect(f.content).not.toMatch(/\sstyle=|<style|\son[a-z]+=/);
      expect(f.content.match(/<h1[\s>]/g)).toHaveLength(1);
      // No request for /favicon.ico that would fail (a console error) on every page.
      expect(f.content).toContain('<link rel="icon" href="data:,">');
      expect(f.content).toMatch(/<a class="skip" href="#main">[\s\S]*<header>[\s\S]*<nav [\s\S]*<main id="main">[\s\S]*<footer>/);
    }
  });

  it("minutes images load only from the GitHub server, so a picture in minutes cannot make readers' browsers call another host", () => {
    const data = siteFixture();
    data.serverUrl = "https://git.example.org";
    const html = file(files(data), "series/iaas/2025-02-17.html");
    const policy = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)?.[1] ?? "";
    expect(policy).toContain("img-src 'self' data: https://git.example.org https://*.git.example.org;");
    expect(policy).not.toMatch(/\shttps:[\s;]/);
  });

  it('dates are spelt by the renderer itself, so the runner\'s ICU (Intl) cannot change a byte: September is "Sep" everywhere', () => {
    const data = siteFixture();
    const iaas = data.series[0] as SiteSeries;
    iaas.upcoming = [{ date: "2025-09-08", start: "2025-09-08T13:00:00.000Z", end: "2025-09-08T13:30:00.000Z", issueUrl: null, cancelled: false }];
    const expected = files(data);
    expect(file(expected, "index.html")).toContain('<time datetime="2025-09-08T13:00:00Z" data-local>Mon 8 Sep 2025, 13:00 UTC</time>');
    const intl = vi.spyOn(Intl, "DateTimeFormat").mockImplementation(() => {
      throw new Error("the renderer asked Intl");
    });
    try {
      expect(files(data)).toEqual(expected);
    } finally {
      intl.mockRestore();
    }
  });

  it("titles with script tags, quotes and ampersands are shown as written, never as markup", () => {
    const data = siteFixture();
    const evil = `Q&A "quoted" <script>alert(1)</script> 'x'`;
    data.title = evil;
    (data.series[0] as SiteSeries).title = evil;
    const all = files(data);
    for (const path of ["index.html", "series/iaas.html", "series/iaas/2025-02-17.html", "backlog.html"]) {
      const html = file(all, path);
      expect(html).not.toContain("<script>alert");
      expect(html).toContain("Q&amp;A &quot;quoted&quot; &lt;script&gt;alert(1)&lt;/script&gt; &#39;x&#39;");
    }
    expect(file(all, "series/iaas.html")).toContain("<title>Q&amp;A &quot;quoted&quot;");
  });
});

describe("assets/site.css", () => {
  /** WCAG 2 contrast ratio of two #rrggbb colours. */
  const contrast = (a: string, b: string) => {
    const lum = (hex: string) => {
      const [r, g, bl] = [1, 3, 5]
        .map((i) => Number.parseInt(hex.slice(i, i + 2), 16) / 255)
        .map((v) => (v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4)) as [number, number, number];
      return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
    };
    const [x, y] = [lum(a), lum(b)];
    return (Math.max(x, y) + 0.05) / (Math.min(x, y) + 0.05);
  };
  const css = file(files(), "assets/site.css");
  const schemes = {
    light: css.slice(0, css.indexOf("@media (prefers-color-scheme: dark)")),
    dark: css.slice(css.indexOf("@media (prefers-color-scheme: dark)")),
  };
  const colour = (block: string, name: string) => /#[0-9a-f]{6}/i.exec(block.slice(block.indexOf(`--${name}:`)))?.[0] ?? "";

  it("the schedule's box borders stand out 3:1 from the page and from the box fill, in the light and the dark scheme", () => {
    for (const [scheme, vars] of Object.entries(schemes))
      for (const [border, fill] of [
        ["box-border", "box"],
        ["joint-border", "joint"],
      ] as const)
        for (const against of ["bg", fill])
          expect(contrast(colour(vars, border), colour(vars, against)), `${scheme}: ${border} on ${against}`).toBeGreaterThanOrEqual(3);
  });
});

describe("assets/local-time.js", () => {
  /** Runs the script on the series page's <time> elements as a browser in `zone` would. */
  function runIn(zone: string, html: string): { times: string[]; webcal: { href: string; hidden: boolean }[] } {
    const times = [...html.matchAll(/<time datetime="([^"]+)"( data-local(?:="(\w+)")?)?>/g)].map((m) => ({
      attrs: { datetime: m[1] as string, ...(m[2] ? { "data-local": m[3] ?? "" } : {}) } as Record<string, string>,
      textContent: "",
    }));
    const links = [...html.matchAll(/data-webcal="([^"]+)"/g)].map((m) => ({
      attrs: { "data-webcal": m[1] as string } as Record<string, string>,
      href: "",
      hidden: true,
    }));
    const element = <T extends { attrs: Record<string, string> }>(e: T) => Object.assign(e, { getAttribute: (name: string) => e.attrs[name] ?? null });
    const document = {
      baseURI: "https://scc.github.io/community/series/iaas.html",
      querySelectorAll: (selector: string) =>
        selector.startsWith("time") ? times.filter((t) => "data-local" in t.attrs).map(element) : selector.startsWith("a") ? links.map(element) : [],
    };
    // Intl in the reader's zone: the same formatter, with the zone the browser would resolve.
    // A plain function: the script calls it with `new` and without, as browsers allow.
    function DateTimeFormat(locale?: string, options: Intl.DateTimeFormatOptions = {}) {
      return new Intl.DateTimeFormat(locale ?? "en-GB", { ...options, timeZone: zone });
    }
    const script = file(files(), "assets/local-time.js");
    runInNewContext(script, { document, Intl: { DateTimeFormat }, URL, Number, Date });
    return { times: times.filter((t) => "data-local" in t.attrs).map((t) => t.textContent), webcal: links.map((l) => ({ href: l.href, hidden: l.hidden })) };
  }

  it("rewrites every time into the reader's zone, naming it: New York sees the US and EU DST changes", () => {
    const { times } = runIn("America/New_York", file(files(), "series/iaas.html"));
    expect(times.slice(0, 3)).toEqual([
      "Mon, 3 Mar 2025, 08:00 (America/New_York)",
      "Mon, 17 Mar 2025, 09:00 (America/New_York)",
      "Mon, 31 Mar 2025, 08:00 (America/New_York)",
    ]);
    expect(runIn("Asia/Tokyo", file(files(), "series/iaas.html")).times[0]).toBe("Mon, 3 Mar 2025, 22:00 (Asia/Tokyo)");
  });

  it("rewrites the schedule's times to weekday and time, and turns on the webcal link from the page's address", () => {
    const { times, webcal } = runIn("Europe/Berlin", file(files(), "series/forum.html"));
    expect(times).toContain("Tue 10:30 (Europe/Berlin)");
    expect(webcal).toEqual([{ href: "webcal://scc.github.io/community/calendar/forum.ics", hidden: false }]);
  });
});

/** A big community: 100 series, 300 agenda topics and a long waiting list, 50 past meetings with long minutes, a 10-day 3-room gathering. */
function bigSite(): SiteData {
  const data = siteFixture();
  const base = data.series[0] as SiteSeries;
  const topic = (i: number): SiteTopic => ({
    title: `Topic number ${i} about a rather long subject & its "details" <b>`,
    url: `https://github.com/scc/community/issues/${1000 + i}`,
    author: `person-${i}`,
    minutes: 10,
    start: null,
  });
  const minutes = Array.from({ length: 400 }, (_, i) => `## Item ${i}\n\n| a | b |\n| - | - |\n| ${"x".repeat(100)} | ${"y".repeat(100)} |\n`).join("\n");
  const many: SiteSeries[] = Array.from({ length: 100 }, (_, i) => ({
    ...base,
    id: `series-${String(i).padStart(3, "0")}`,
    title: `Working group ${i} on a topic with a fairly long name`,
    agenda: base.agenda && {
      ...base.agenda,
      scheduled: Array.from({ length: 300 }, (_, j) => topic(j)),
      waiting: Array.from({ length: 200 }, (_, j) => topic(500 + j)),
    },
    past: Array.from({ length: 50 }, (_, j) => ({
      date: `2024-${String(1 + (j % 12)).padStart(2, "0")}-${String(1 + Math.floor(j / 12)).padStart(2, "0")}`,
      start: "2024-01-01T13:00:00.000Z",
      issueUrl: `https://github.com/scc/community/issues/${j}`,
      cancelled: j % 7 === 0,
      minutes: i === 0 && j === 0 ? minutes : j < 3 ? "# Short minutes" : null,
      minutesUrl: null,
    })),
  }));
  const day = (d: number) => `2025-06-${String(2 + d).padStart(2, "0")}`;
  const session = (d: number, room: number, k: number): SiteSession => ({
    title: `Session ${k} in room ${room} with a long descriptive title`,
    url: `https://github.com/scc/forum/issues/${d * 100 + room * 20 + k}`,
    start: new Date(Date.parse(`${day(d)}T08:00:00Z`) + k * 30 * 60_000).toISOString(),
    end: new Date(Date.parse(`${day(d)}T08:00:00Z`) + (k + 1) * 30 * 60_000).toISOString(),
    joint: [],
  });
  const gathering: SiteSeries = {
    ...(data.series[2] as SiteSeries),
    id: "big-forum",
    schedule: {
      days: Array.from({ length: 10 }, (_, d) => ({
        date: day(d),
        start: `${day(d)}T08:00:00.000Z`,
        end: `${day(d)}T16:00:00.000Z`,
        rooms: ["A", "B", "C"].map((name, room) => ({
          name: `Track ${name} · Room ${name}`,
          sessions: Array.from({ length: 16 }, (_, k) => session(d, room, k)),
        })),
      })),
    },
  };
  data.series = [...many, gathering];
  if (data.backlog)
    data.backlog.ideas = Array.from({ length: 2000 }, (_, i) => ({
      title: `Idea ${String(i).padStart(4, "0")} ${"z".repeat(60)}`,
      url: `https://github.com/scc/community/issues/${i}`,
      author: "someone",
    }));
  return data;
}

describe("a big community's site", () => {
  const big = bigSite();
  const all = renderSite(big);

  it("keeps every HTML page under 100 KB, saying how many items each left out and where they are", () => {
    const sizes = all.filter((f) => f.path.endsWith(".html")).map((f) => ({ path: f.path, bytes: Buffer.byteLength(f.content) }));
    expect(sizes.length).toBeGreaterThan(300);
    for (const s of sizes) expect(s.bytes, s.path).toBeLessThan(100_000);
    const series = mainText(file(all, "series/series-000.html"));
    expect(series).toMatch(/…and \d+ more in the meeting issue/);
    expect(file(all, "series/series-000.html")).toMatch(/<a href="https:\/\/github\.com\/scc\/community\/issues\/101">…and \d+ more in the meeting issue<\/a>/);
    expect(mainText(file(all, "backlog.html"))).toMatch(/…and \d+ more with the label/);
    expect(mainText(file(all, "series/series-000/2024-01-01.html"))).toContain("…the rest is in the minutes file");
    // Every series is on the index, and the 10-day 3-room gathering's schedule shows every day.
    const index = file(all, "index.html");
    for (const s of big.series) expect(index).toContain(`href="series/${s.id}.html"`);
    expect(file(all, "series/big-forum.html").match(/<svg role="img"/g)).toHaveLength(10);
  });

  it("keeps the index under 100 KB for 400 series with long titles: the first ones in full with their join and calendar links, the rest by title", () => {
    const data = siteFixture();
    const base = data.series[0] as SiteSeries;
    data.series = Array.from({ length: 400 }, (_, i) => ({ ...base, id: `s-${i}`, title: `${"Working group with a long name ".repeat(8)}${i}`, past: [] }));
    const index = file(renderSite(data), "index.html");
    expect(Buffer.byteLength(index)).toBeLessThan(100_000);
    const sections = index.match(/<section class="series"[\s\S]*?<\/section>/g) ?? [];
    expect(sections.length).toBeGreaterThanOrEqual(30);
    for (const section of sections) {
      expect(section).toContain('<a href="https://meet.example.org/iaas">Join</a>');
      expect(section).toMatch(/<a href="calendar\/s-\d+\.ics">Calendar \(\.ics\)<\/a>/);
    }
    const listed = index.match(/<li><a href="series\/s-\d+\.html">/g) ?? [];
    const more = Number(/…and (\d+) more series/.exec(index)?.[1] ?? 0);
    expect(sections.length + listed.length + more).toBe(400);
    expect(mainText(index)).toContain("More series and events");
  });

  it("renders byte-identically twice", () => {
    expect(renderSite(bigSite())).toEqual(all);
  });
});

describe("an event on the index", () => {
  const summitIndex = (upcoming: (s: SiteSeries) => SiteSeries["upcoming"]) => {
    const data = siteFixture();
    const summit = data.series.find((s) => s.id === "summit")!;
    summit.upcoming = upcoming(summit);
    return mainText(file(files(data), "index.html"));
  };

  it("says when it starts and how many days it has, not how many are 'left', before it begins", () => {
    const text = summitIndex((s) => s.upcoming);
    expect(text).toContain("Starts: Thu 3 Apr 2025, 07:00 UTC · 2 days");
    expect(text).not.toMatch(/days? left/);
  });

  it("names the next day and which of its days it is once it has begun", () => {
    expect(summitIndex((s) => s.upcoming.slice(1))).toContain("Next day: Fri 4 Apr 2025, 07:00 UTC · day 2 of 2");
  });
});
