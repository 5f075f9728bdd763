/**
 * The meetings site (issue 17) in a real headless Chromium, as its readers meet it on Pages: local
 * times in the reader's zone (and UTC with scripts off), every page and link working, no console
 * errors or failed requests, no serious accessibility violations in light or dark, a keyboard path
 * past the header. One browser for the file; one page per setting, reused across URLs.
 * The site comes from test/site/site-under-test.ts; the screenshots land in test-artifacts/site/.
 */
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { serveDirectory, startBrowser, type DirectoryServer, type TestBrowser, type TestPage } from "../helpers/browser.js";
import { buildSiteUnderTest, type SiteUnderTest } from "./site-under-test.js";

let site: SiteUnderTest;
let server: DirectoryServer;
let browser: TestBrowser;
/** Scripts on, the machine's zone: the crawl, axe, keyboard and screenshots. */
let tab: TestPage;
/** Scripts off. */
let plain: TestPage;

beforeAll(async () => {
  site = await buildSiteUnderTest();
  server = await serveDirectory(site.dir);
  browser = await startBrowser();
  [tab, plain] = await Promise.all([browser.open({ timezone: "Europe/Berlin" }), browser.open({ javascript: false })]);
}, 60_000); // a browser start on a busy shared machine

afterAll(async () => {
  await browser?.close();
  await server?.close();
  site?.remove();
});

/** Every `<time datetime>` of the current page: its instant and the text a reader sees. */
const times = (t: TestPage) =>
  t.page.$$eval("time[datetime]", (els) => els.map((el) => [el.getAttribute("datetime") ?? "", (el.textContent ?? "").replace(/\s+/g, " ").trim()] as const));

/** The texts of the `<time>` elements for one instant, however its datetime is spelt (a meeting may be shown more than once). */
const textsAt = (all: (readonly [string, string])[], instant: string) => all.filter(([at]) => Date.parse(at) === Date.parse(instant)).map(([, text]) => text);

/** Same-origin links of the current page, absolute, without fragments. */
const links = (t: TestPage) =>
  t.page.$$eval("a[href]", (els) => els.map((a) => (a as unknown as { href: string }).href)).then((hrefs) => hrefs.map((h) => h.replace(/#.*$/, "")));

/** Every page of the site reachable from the index by relative links (HTML only), in crawl order; other files linked are checked to exist. */
async function crawl(t: TestPage): Promise<string[]> {
  const pages = [server.url];
  const others = new Set<string>();
  for (let i = 0; i < pages.length; i++) {
    await t.goto(pages[i]!);
    for (const href of await links(t)) {
      if (!href.startsWith(server.url)) continue;
      if (/\.html$|\/$/.test(href)) {
        if (!pages.includes(href)) pages.push(href);
      } else others.add(href);
    }
  }
  for (const href of others) expect((await fetch(href, { method: "HEAD" })).status, href).toBe(200);
  return pages;
}

/** "14:00" as a reader may see it: 24-hour, or 12-hour ("2:00 PM", "02:00 PM") in an en-US browser. */
const clock = (hhmm: string) => {
  const [h, m] = hhmm.split(":").map(Number) as [number, number];
  const h12 = h % 12 === 0 ? 12 : h % 12;
  const mm = String(m).padStart(2, "0");
  return `\\b(${hhmm}|0?${h12}:${mm} ?${h < 12 ? "AM" : "PM"})`;
};

describe("the meetings site in a browser", () => {
  it("shows each meeting in the reader's own time zone, across a DST change", async () => {
    const berlin = await browser.open({ timezone: "Europe/Berlin" });
    const newYork = await browser.open({ timezone: "America/New_York" });
    await Promise.all([berlin.goto(server.url + site.seriesPage), newYork.goto(server.url + site.seriesPage)]);
    const [inBerlin, inNewYork] = await Promise.all([times(berlin), times(newYork)]);
    for (const m of site.localTimes) {
      expect(textsAt(inBerlin, m.at).length, m.at).toBeGreaterThan(0);
      for (const text of textsAt(inBerlin, m.at)) expect(text, m.at).toMatch(new RegExp(`${clock(m.berlin)}.*Europe/Berlin`));
      for (const text of textsAt(inNewYork, m.at)) expect(text, m.at).toMatch(new RegExp(`${clock(m.newYork)}.*America/New_York`));
    }
    expect([...berlin.problems, ...newYork.problems]).toEqual([]);
    await Promise.all([berlin.page.close(), newYork.page.close()]);
  });

  it("with scripts off, prints the times in UTC", async () => {
    await plain.goto(server.url + site.seriesPage);
    const all = await times(plain);
    for (const m of site.localTimes) {
      expect(textsAt(all, m.at).length, m.at).toBeGreaterThan(0);
      for (const text of textsAt(all, m.at)) expect(text, m.at).toMatch(new RegExp(`${clock(m.utc)}.*UTC`));
    }
  });

  it("with scripts off, the index leads to a series page and on to its minutes", async () => {
    await plain.goto(server.url);
    await Promise.all([plain.page.waitForNavigation(), plain.page.click(`main a[href$="${site.seriesPage}"]`)]);
    expect(plain.page.url()).toBe(server.url + site.seriesPage);
    const minutesLink = site.minutesPage.slice("series/".length);
    await Promise.all([plain.page.waitForNavigation(), plain.page.click(`main a[href$="${minutesLink}"]`)]);
    expect(plain.page.url()).toBe(server.url + site.minutesPage);
    expect(await plain.page.$eval("main", (el) => el.querySelectorAll("table").length)).toBeGreaterThan(0);
  });

  it("offers the series' calendar: the .ics link always, and with scripts a webcal:// link to the same file", async () => {
    const visibleLinks = (t: TestPage) =>
      t.page.$$eval("main a[href]", (els) => els.filter((a) => a.getClientRects().length > 0).map((a) => (a as unknown as { href: string }).href));
    await Promise.all([tab.goto(server.url + site.seriesPage), plain.goto(server.url + site.seriesPage)]);
    const ics = `${server.url}${site.calendar}`;
    const webcal = ics.replace(/^http:/, "webcal:");
    const [withScripts, withoutScripts] = await Promise.all([visibleLinks(tab), visibleLinks(plain)]);
    expect(withScripts).toEqual(expect.arrayContaining([ics, webcal]));
    expect(withoutScripts).toContain(ics);
    expect(withoutScripts.filter((href) => href.startsWith("webcal:"))).toEqual([]);
    expect(await (await fetch(ics)).text()).toMatch(/^BEGIN:VCALENDAR\r\n/);
  });

  it("every page loads without console errors or failed requests, passes axe in light and dark, and has its content with scripts off", async () => {
    tab.problems.length = 0;
    const pages = await crawl(tab);
    expect(pages.map((p) => p.slice(server.url.length))).toEqual(expect.arrayContaining(["", site.seriesPage, site.minutesPage, "backlog.html"]));
    const violations: string[] = [];
    const empty: string[] = [];
    for (const url of pages) {
      const page = url.slice(server.url.length) || "index.html";
      const withScripts = (async () => {
        await tab.goto(url);
        for (const scheme of ["light", "dark"] as const) {
          await tab.colorScheme(scheme);
          for (const v of await tab.axe()) violations.push(`${page} (${scheme}): ${v.id} (${v.impact}) ${v.help}: ${v.targets.join(", ")}`);
        }
        await tab.colorScheme("light");
      })();
      const withoutScripts = (async () => {
        await plain.goto(url);
        const content = await plain.page.evaluate(() => {
          const doc = (globalThis as any).document;
          return { h1: doc.querySelectorAll("h1").length, main: (doc.querySelector("main")?.textContent ?? "").trim().length };
        });
        if (content.h1 !== 1 || content.main === 0) empty.push(`${page}: ${content.h1} h1, ${content.main} characters in main`);
      })();
      await Promise.all([withScripts, withoutScripts]);
    }
    // One assertion, so a failure lists everything that is wrong at once.
    expect({ problems: [...tab.problems, ...plain.problems], violations, empty }).toEqual({ problems: [], violations: [], empty: [] });
  }, 120_000); // every page, twice through axe: about 8 s here, more on a busy machine or a bigger site

  it("Tab from the top reaches the skip link first, and it moves focus to the main content", async () => {
    await tab.goto(server.url);
    await tab.page.keyboard.press("Tab");
    const first = await tab.page.evaluate(() => {
      const el = (globalThis as any).document.activeElement;
      return { tag: el.tagName, href: el.getAttribute("href"), text: el.textContent.trim() };
    });
    expect(first).toMatchObject({ tag: "A", href: expect.stringMatching(/^#/) });
    await tab.page.keyboard.press("Enter");
    // Focus moves to main (or, where main is not focusable itself, sequential navigation goes on
    // from there): either way the next Tab lands inside main, past the header's links.
    await tab.page.keyboard.press("Tab");
    const next = await tab.page.evaluate(() => (globalThis as any).document.activeElement.closest("main")?.id ?? null);
    expect(next).toBe(first.href.slice(1));
  });

  it("takes screenshots of the index and a series page, light and dark (and dark looks different)", async () => {
    for (const [name, path] of [
      ["index", ""],
      ["series", site.seriesPage],
    ] as const) {
      await tab.goto(server.url + path);
      const shots: Buffer[] = [];
      for (const scheme of ["light", "dark"] as const) {
        await tab.colorScheme(scheme);
        shots.push(readFileSync(await tab.screenshot(`${name}-${scheme}`)));
      }
      await tab.colorScheme("light");
      expect(shots.map((png) => png.subarray(1, 4).toString())).toEqual(["PNG", "PNG"]);
      expect(shots[0]!.equals(shots[1]!), `${name}: light and dark screenshots are the same`).toBe(false);
    }
  });
});
