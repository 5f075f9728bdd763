/**
 * The browser helper itself (test/helpers/browser.ts), on a few hand-written pages: what the site's
 * browser tests rely on must be able to fail — a zone that is not emulated, a console error that is
 * not collected, an accessibility rule that does not run would make those tests pass for nothing.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { alive, descendants, serveDirectory, startBrowser, type DirectoryServer, type TestBrowser, type TestPage } from "../helpers/browser.js";

// The design's time markup: UTC in the text, rewritten in the reader's zone by an external script.
const TIME_SCRIPT = `for (const t of document.querySelectorAll("time[data-local]")) {
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  t.textContent = new Intl.DateTimeFormat("en-GB", { hour: "2-digit", minute: "2-digit", timeZone: zone }).format(new Date(t.dateTime)) + " (" + zone + ")";
}`;
const page = (title: string, body: string, head = "") =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title><link rel="stylesheet" href="assets/site.css">${head}</head><body>${body}</body></html>`;

let dir: string;
let server: DirectoryServer;
let browser: TestBrowser;
let tab: TestPage;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "docket-browser-"));
  mkdirSync(join(dir, "assets"));
  mkdirSync(join(dir, "series"));
  writeFileSync(join(dir, "assets/site.css"), "body { font-family: sans-serif; color: #111; background: #fff; }");
  writeFileSync(join(dir, "assets/local-time.js"), TIME_SCRIPT);
  writeFileSync(
    join(dir, "index.html"),
    page(
      "Meetings",
      `<main><h1>Meetings</h1><p>Next: <time data-local datetime="2025-01-13T13:00:00.000Z">13:00 (UTC)</time></p><a href="series/weekly.html">Weekly</a></main>`,
      `<script src="assets/local-time.js" defer></script>`,
    ),
  );
  writeFileSync(
    join(dir, "series/weekly.html"),
    page("Weekly", `<main><h1>Weekly</h1><a href="../index.html">All meetings</a></main>`).replace("assets/", "../assets/"),
  );
  writeFileSync(
    join(dir, "broken.html"),
    page("Broken", `<main><h1>Broken</h1><img src="missing.png"></main><script src="assets/oops.js"></script>`, `<script src="assets/local-time.js"></script>`),
  );
  writeFileSync(join(dir, "external.html"), page("Team", `<main><h1>Team</h1><img src="https://pictures.example.org/team.png" alt="The team"></main>`));
  writeFileSync(join(dir, "assets/oops.js"), `console.error("something broke"); throw new Error("uncaught");`);
  // A strict policy, as a site may send: the external scripts still run, an inline one would not.
  server = await serveDirectory(dir, { "content-security-policy": "default-src 'self'; img-src 'self' https: data:" });
  browser = await startBrowser();
  tab = await browser.open();
}, 60_000); // a browser start on a busy shared machine

afterAll(async () => {
  await browser?.close();
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

const timeText = (t: TestPage) => t.page.$eval("time", (el) => el.textContent);

describe("the browser helper", () => {
  it("serves the directory over http, so relative links lead from page to page", async () => {
    tab.problems.length = 0;
    await tab.goto(server.url);
    await Promise.all([tab.page.waitForNavigation(), tab.page.click("a")]);
    expect(tab.page.url()).toBe(`${server.url}series/weekly.html`);
    expect(await tab.page.title()).toBe("Weekly");
    await Promise.all([tab.page.waitForNavigation(), tab.page.click("a")]);
    expect(await tab.page.title()).toBe("Meetings");
    expect(tab.problems).toEqual([]);
  });

  it("opens pages in the time zone asked for, and with scripts off the UTC text stays", async () => {
    const berlin = await browser.open({ timezone: "Europe/Berlin" });
    const newYork = await browser.open({ timezone: "America/New_York" });
    const noScript = await browser.open({ timezone: "America/New_York", javascript: false });
    for (const t of [berlin, newYork, noScript]) await t.goto(server.url);
    expect(await timeText(berlin)).toBe("14:00 (Europe/Berlin)");
    expect(await timeText(newYork)).toBe("08:00 (America/New_York)");
    expect(await timeText(noScript)).toBe("13:00 (UTC)");
    await Promise.all([berlin, newYork, noScript].map((t) => t.page.close()));
  });

  it("collects console errors, uncaught errors and failed requests", async () => {
    tab.problems.length = 0;
    await tab.goto(`${server.url}broken.html`);
    expect(tab.problems).toEqual(
      expect.arrayContaining([expect.stringContaining("something broke"), expect.stringContaining("uncaught"), `HTTP 404: ${server.url}missing.png`]),
    );
  });

  it("answers requests off this machine itself and lists them, so no test reaches the network", async () => {
    tab.problems.length = 0;
    await tab.goto(`${server.url}external.html`);
    expect(tab.external).toEqual(["https://pictures.example.org/team.png"]);
    expect(tab.problems).toEqual([]);
  });

  it("reports axe-core's serious and critical violations, and none on a sound page", async () => {
    await tab.goto(`${server.url}broken.html`);
    expect((await tab.axe()).map((v) => v.id)).toContain("image-alt");
    await tab.goto(server.url);
    expect(await tab.axe()).toEqual([]);
  });

  it("emulates the dark colour scheme", async () => {
    await tab.goto(server.url);
    const dark = () => tab.page.evaluate(() => (globalThis as any).matchMedia("(prefers-color-scheme: dark)").matches);
    expect(await dark()).toBe(false);
    await tab.colorScheme("dark");
    expect(await dark()).toBe(true);
    await tab.colorScheme("light");
  });

  it("writes a PNG screenshot into test-artifacts/site/", async () => {
    await tab.goto(server.url);
    const path = await tab.screenshot("helper-check");
    expect(readFileSync(path).subarray(1, 4).toString()).toBe("PNG");
    rmSync(path);
  });

  // Last: it ends the file's browser.
  it("closes the browser and every process it started", async () => {
    const tree = [browser.pid, ...descendants(browser.pid)];
    expect(tree.length).toBeGreaterThan(1); // Chromium runs its renderers and helpers as child processes
    expect(tree.filter(alive)).toEqual(tree);
    await browser.close();
    expect(tree.filter(alive)).toEqual([]);
  });
});
