/**
 * A real headless Chromium for the site's browser tests (issue 17), driven by puppeteer-core: the
 * system's browser (scripts/ensure-chromium.sh, which `npm test` runs first), no download.
 *
 * - `startBrowser()` once per test file (a launch costs about a second of a shared CPU); `open()`
 *   a page per setting (time zone, scripts on or off, colour scheme) and reuse it across URLs.
 * - `serveDirectory(dir)`: the site over http on a free loopback port, as GitHub Pages serves it
 *   (no file://: relative links, a directory's index.html and a Content-Security-Policy behave as
 *   they do on the web).
 * - Each page collects what a reader would notice went wrong: console errors, uncaught errors,
 *   requests that failed or were answered with an HTTP error. Requests off this machine never
 *   leave it: they get an empty answer and are listed.
 * - `axe()`: axe-core's serious and critical violations; `screenshot()`: a PNG in test-artifacts/site/.
 * - `close()` ends the browser and waits until it and every process it started have exited.
 */
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync } from "node:fs";
import { createReadStream } from "node:fs";
import { createServer } from "node:http";
import { extname, join, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import axe from "axe-core";
import puppeteer, { type Browser, type Page } from "puppeteer-core";
import { freePort } from "./net.js";

/** Where screenshots go (gitignored). */
export const ARTIFACTS_DIR = fileURLToPath(new URL("../../test-artifacts/site/", import.meta.url));

/** Names of a Chromium or Chrome on PATH, in the order scripts/ensure-chromium.sh looks for them. */
const CANDIDATES = ["chromium", "chromium-browser", "google-chrome-stable", "google-chrome"];

/** The browser to drive: $CHROMIUM_PATH, else the first of the usual names on PATH. */
export function chromiumPath(): string {
  const env = process.env.CHROMIUM_PATH;
  if (env) {
    if (existsSync(env)) return env;
    throw new Error(`CHROMIUM_PATH=${env} does not exist; point it at a Chromium or Chrome binary (or unset it)`);
  }
  for (const dir of (process.env.PATH ?? "").split(":").filter(Boolean)) {
    for (const name of CANDIDATES) {
      const path = join(dir, name);
      if (existsSync(path)) return path;
    }
  }
  throw new Error("no Chromium found: run scripts/ensure-chromium.sh (installs Debian's chromium), or set CHROMIUM_PATH");
}

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ics": "text/calendar; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".txt": "text/plain; charset=utf-8",
};

export interface DirectoryServer {
  /** The site's root, ending in "/", e.g. http://127.0.0.1:41234/ */
  url: string;
  close(): Promise<void>;
}

/**
 * Serves `dir` as GitHub Pages does: a directory answers with its index.html (and is redirected to
 * end in "/"), anything else is 404. `headers` go on every answer (e.g. a Content-Security-Policy).
 */
export async function serveDirectory(dir: string, headers: Record<string, string> = {}): Promise<DirectoryServer> {
  const root = resolve(dir);
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? "/", "http://x").pathname);
    let file = resolve(root, `.${path}`);
    if (file !== root && !file.startsWith(root + sep)) return res.writeHead(404).end("not found");
    if (existsSync(file) && statSync(file).isDirectory()) {
      if (!path.endsWith("/")) return res.writeHead(301, { location: `${path}/` }).end();
      file = join(file, "index.html");
    }
    if (!existsSync(file) || !statSync(file).isFile()) return res.writeHead(404, { "content-type": "text/plain" }).end("not found");
    res.writeHead(200, { ...headers, "content-type": TYPES[extname(file)] ?? "application/octet-stream" });
    if (req.method === "HEAD") return res.end();
    createReadStream(file).pipe(res);
  });
  const port = await freePort();
  await new Promise<void>((ok, fail) => server.once("error", fail).listen(port, "127.0.0.1", ok));
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () =>
      new Promise<void>((ok) => {
        server.closeAllConnections();
        server.close(() => ok());
      }),
  };
}

export interface PageOptions {
  /** IANA zone the page believes it is in (default: the browser's, i.e. the machine's). */
  timezone?: string;
  /** Scripts on (default) or off. */
  javascript?: boolean;
  colorScheme?: "light" | "dark";
}

export interface AxeViolation {
  id: string;
  impact: string;
  help: string;
  /** CSS selectors of the offending elements. */
  targets: string[];
}

export interface TestPage {
  page: Page;
  /** What went wrong since the page was opened (or since the last `problems.length = 0`), one line each. */
  problems: string[];
  /** Requests for anything off this machine, answered with an empty 204 instead of reaching the network. */
  external: string[];
  /** Navigates and waits for the load event (the page's scripts have run). */
  goto(url: string): Promise<void>;
  colorScheme(scheme: "light" | "dark"): Promise<void>;
  /** axe-core's serious and critical violations on the current page (needs scripts on). */
  axe(): Promise<AxeViolation[]>;
  /** A full-page PNG named `<name>.png` in test-artifacts/site/; returns its path. */
  screenshot(name: string): Promise<string>;
}

export interface TestBrowser {
  browser: Browser;
  /** The browser's process id. */
  pid: number;
  open(options?: PageOptions): Promise<TestPage>;
  /** Closes the browser; resolves once it and all its child processes have exited. Safe to call twice. */
  close(): Promise<void>;
}

/** Process ids of `pid`'s children, grandchildren, … (Linux /proc; empty elsewhere). */
export function descendants(pid: number): number[] {
  if (!existsSync("/proc")) return [];
  const children = new Map<number, number[]>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${entry}/stat`, "utf8");
    } catch {
      continue; // exited meanwhile
    }
    // "pid (comm) state ppid …": comm may hold spaces and parentheses, so split after the last ")".
    const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
    children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
  }
  const out: number[] = [];
  const walk = (p: number) => {
    for (const c of children.get(p) ?? []) {
      out.push(c);
      walk(c);
    }
  };
  walk(pid);
  return out;
}

/** Whether a process with this id still exists (a zombie counts as gone: it has exited). */
export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2)[0] !== "Z";
  } catch {
    return true;
  }
}

export async function startBrowser(): Promise<TestBrowser> {
  const args = ["--lang=en-US"];
  // Chromium's sandbox refuses to run as root (containers, CI images); the pages are our own.
  if (process.getuid?.() === 0) args.push("--no-sandbox");
  const browser = await puppeteer.launch({ executablePath: chromiumPath(), headless: true, args, env: { ...process.env, LANG: "en_US.UTF-8" } });
  const pid = browser.process()?.pid;
  if (pid === undefined) throw new Error("puppeteer launched no browser process");
  let closed: Promise<void> | null = null;

  const open = async (options: PageOptions = {}): Promise<TestPage> => {
    const page = await browser.newPage();
    await page.setViewport({ width: 1200, height: 800 });
    if (options.timezone) await page.emulateTimezone(options.timezone);
    if (options.javascript === false) await page.setJavaScriptEnabled(false);
    const colorScheme = (scheme: "light" | "dark") => page.emulateMediaFeatures([{ name: "prefers-color-scheme", value: scheme }]);
    await colorScheme(options.colorScheme ?? "light");
    const problems: string[] = [];
    // The browser asks for /favicon.ico on its own (at the host's root, outside a project site's
    // /<repo>/); a missing one shows the reader nothing, so it is no problem of the page's.
    const favicon = (url: string | undefined) => url !== undefined && new URL(url).pathname === "/favicon.ico";
    page.on("console", (msg) => {
      if (msg.type() === "error" && !favicon(msg.location().url)) problems.push(`console error on ${page.url()}: ${msg.text()}`);
    });
    page.on("pageerror", (err) => problems.push(`uncaught error on ${page.url()}: ${err instanceof Error ? err.message : String(err)}`));
    // Tests never reach the network (test/setup.ts): a request off this machine (a picture in
    // someone's minutes, say) is answered here with an empty 204 and listed in `external`.
    const external: string[] = [];
    await page.setRequestInterception(true);
    page.on("request", (req) => {
      const url = new URL(req.url());
      if ((url.protocol === "http:" || url.protocol === "https:") && url.hostname !== "127.0.0.1" && url.hostname !== "localhost") {
        external.push(req.url());
        void req.respond({ status: 204, body: "" });
      } else void req.continue();
    });
    page.on("requestfailed", (req) => problems.push(`request failed: ${req.url()} (${req.failure()?.errorText ?? "unknown"})`));
    page.on("response", (res) => {
      if (res.status() >= 400 && !favicon(res.url())) problems.push(`HTTP ${res.status()}: ${res.url()}`);
    });
    return {
      page,
      problems,
      external,
      async goto(url) {
        const res = await page.goto(url, { waitUntil: "load" });
        if (!res) throw new Error(`no response for ${url}`);
      },
      colorScheme,
      async axe() {
        // Evaluated through the DevTools protocol, so a page's CSP does not stop it.
        await page.evaluate(axe.source);
        const result = await page.evaluate(() => (globalThis as any).axe.run((globalThis as any).document, { resultTypes: ["violations"] }));
        return (result.violations as any[])
          .filter((v) => v.impact === "serious" || v.impact === "critical")
          .map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.map((n: any) => n.target.join(" ")) }));
      },
      async screenshot(name) {
        mkdirSync(ARTIFACTS_DIR, { recursive: true });
        const path = join(ARTIFACTS_DIR, `${name}.png`);
        // Chromium paints only the tab in front: a screenshot of a page behind another waits forever.
        await page.bringToFront();
        await page.screenshot({ path: path as `${string}.png`, fullPage: true });
        return path;
      },
    };
  };

  const close = () =>
    (closed ??= (async () => {
      const tree = [pid, ...descendants(pid)];
      await browser.close();
      for (let i = 0; i < 100 && tree.some(alive); i++) await new Promise((r) => setTimeout(r, 50));
      const left = tree.filter(alive);
      if (left.length > 0) throw new Error(`Chromium processes still running after close: ${left.join(", ")}`);
    })());

  return { browser, pid, open, close };
}
