// `prestart` / `preworker`: make sure lib/ holds the app before `npm start` or `npm run worker`.
//
// - A checkout with the dev dependencies (TypeScript): builds lib/ when it is missing or older
//   than src/ (or the tsconfig files), so a developer always runs what they see.
// - A production install (`npm ci --omit=dev` on a tree whose lib/ was built beforehand, as the
//   Dockerfile's runtime stage does): there is no TypeScript, and nothing to do.
// - No TypeScript and no lib/: says what to run instead, and exits 1.
//
// Plain JavaScript with no dependencies, so that it runs where only production packages are.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const OUTPUTS = ["lib/server.js", "lib/worker.js"].map((f) => join(ROOT, f));
const INPUTS = ["src", "tsconfig.json", "tsconfig.build.json"].map((f) => join(ROOT, f));

/** The newest modification time of a file or of any file under a directory (0 when absent). */
function newest(path) {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(path).reduce((max, name) => Math.max(max, newest(join(path, name))), stat.mtimeMs);
}

/** TypeScript's `tsc` script, from its package.json (TypeScript 7 exports no `typescript/bin/tsc` path). */
function typescript() {
  try {
    const manifest = createRequire(join(ROOT, "package.json")).resolve("typescript/package.json");
    const { bin } = JSON.parse(readFileSync(manifest, "utf8"));
    return join(dirname(manifest), typeof bin === "string" ? bin : bin.tsc);
  } catch {
    return null;
  }
}

const built = OUTPUTS.every((f) => existsSync(f));
const tsc = typescript();

if (!tsc) {
  if (built) process.exit(0);
  console.error(
    [
      "Docket: lib/ (the compiled app) is missing, and TypeScript is not installed to build it",
      "(an install with --omit=dev has no build tools). Either:",
      "  npm ci && npm run build      # then `npm start` (or `npm ci --omit=dev` again to drop the build tools)",
      "  docker build -t docket .     # the Dockerfile builds lib/ in its first stage",
    ].join("\n"),
  );
  process.exit(1);
}

const outputsAt = built ? Math.min(...OUTPUTS.map((f) => statSync(f).mtimeMs)) : 0;
const sourcesAt = Math.max(...INPUTS.map(newest));
if (built && outputsAt >= sourcesAt) process.exit(0);

console.error(built ? "Docket: src/ changed since the last build; building lib/" : "Docket: building lib/");
const result = spawnSync(process.execPath, [tsc, "-p", join(ROOT, "tsconfig.build.json")], { cwd: ROOT, stdio: "inherit" });
process.exit(result.status ?? 1);
