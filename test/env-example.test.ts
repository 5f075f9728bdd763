/**
 * .env.example is what an operator copies: it names every variable the app reads (src/, the
 * Action aside: its inputs come from action.yml) and the ones Probot reads for it, each once.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
/** What Probot reads from the environment for Docket (createProbot, its logger, the setup flow). */
const PROBOT = [
  "APP_ID",
  "PRIVATE_KEY",
  "PRIVATE_KEY_PATH",
  "WEBHOOK_SECRET",
  "WEBHOOK_PROXY_URL",
  "GHE_HOST",
  "GHE_PROTOCOL",
  "LOG_LEVEL",
  "LOG_FORMAT",
  "NODE_ENV",
  "PORT",
  "HOST",
];

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (path === join(ROOT, "src/action") || path === join(ROOT, "src/action.ts")) return [];
    return statSync(path).isDirectory() ? files(path) : path.endsWith(".ts") ? [path] : [];
  });
}

describe(".env.example", () => {
  it("names exactly the variables Docket and Probot read, each once", () => {
    const read = new Set(PROBOT);
    for (const file of files(join(ROOT, "src"))) {
      for (const m of readFileSync(file, "utf8").matchAll(/\benv\??\.([A-Z][A-Z0-9_]+)/g)) read.add(m[1]!);
    }
    const listed = [...readFileSync(join(ROOT, ".env.example"), "utf8").matchAll(/^#? ?([A-Z][A-Z0-9_]+)=/gm)].map((m) => m[1]!);
    expect(listed.filter((name, i) => listed.indexOf(name) !== i)).toEqual([]);
    expect([...listed].sort()).toEqual([...read].sort());
  });
});
