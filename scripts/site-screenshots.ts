/**
 * `npm run screenshots`: regenerates docs/examples/site-index.png and docs/examples/site-series.png,
 * the demo community's meetings site (issue 17) as a reader sees it: the site the browser tests look at
 * (test/site/site-under-test.ts) in headless Chromium (scripts/ensure-chromium.sh), light colour
 * scheme, read from Europe/Berlin so the local times do not depend on this machine's zone.
 * Pixels depend on the machine's fonts, so no test compares them; test/docs/examples.test.ts only
 * knows these two files belong in docs/examples/.
 */
import { copyFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const EXAMPLES_DIR = fileURLToPath(new URL("../docs/examples/", import.meta.url));

/** The files this script writes into docs/examples/. */
export const SCREENSHOTS = ["site-index.png", "site-series.png"];

async function main(): Promise<void> {
  // Loaded here, not above: the examples test imports SCREENSHOTS and needs no browser.
  const { serveDirectory, startBrowser } = await import("../test/helpers/browser.js");
  const { buildSiteUnderTest } = await import("../test/site/site-under-test.js");
  const site = await buildSiteUnderTest();
  const server = await serveDirectory(site.dir);
  const browser = await startBrowser();
  try {
    const tab = await browser.open({ timezone: "Europe/Berlin", colorScheme: "light" });
    for (const [name, path] of [
      ["site-index", ""],
      ["site-series", site.seriesPage],
    ] as const) {
      await tab.goto(server.url + path);
      if (tab.problems.length > 0) throw new Error(`${path || "index.html"} has problems:\n${tab.problems.join("\n")}`);
      const target = join(EXAMPLES_DIR, `${name}.png`);
      copyFileSync(await tab.screenshot(name), target);
      console.log(`wrote ${target}`);
    }
  } finally {
    await browser.close();
    await server.close();
    site.remove();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) await main();
