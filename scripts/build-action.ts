/**
 * `npm run build:action`: bundles the Action (src/action.ts and everything it
 * imports, dependencies included) into one ES module, action/dist/index.mjs,
 * for the Actions runtime node24, plus action/dist/licenses.txt, the licenses
 * of the bundled packages. Both are checked in (an Action runs from the
 * repository, without `npm install`); test/action/bundle.test.ts fails when
 * they are stale. The root action.yml names BUNDLE as its `runs.main`
 * (test/action/action-yml.test.ts keeps the two in step).
 *
 * Deterministic: the same sources and lockfile give the same bytes (no
 * timestamps, no absolute paths, inputs sorted).
 */
import { readFileSync, mkdirSync, writeFileSync, existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { build, type BuildOptions, type Plugin } from "esbuild";

export const ROOT = fileURLToPath(new URL("..", import.meta.url));
export const BUNDLE = "action/dist/index.mjs";
export const LICENSES = "action/dist/licenses.txt";

/** Some bundled dependencies are CommonJS and `require` Node's modules: give them a `require`. */
const BANNER = [
  "// Docket's Action, bundled by scripts/build-action.ts (npm run build:action); do not edit.",
  'import { createRequire as __docketCreateRequire } from "node:module";',
  "const require = __docketCreateRequire(import.meta.url);",
].join("\n");

/**
 * @actions/core imports @actions/http-client (and through it undici, 700 KiB)
 * only for `getIDToken` (OIDC), which Docket never calls. The package does not
 * declare itself free of side effects, so esbuild would keep it; it is (it
 * only defines classes), so say so and let tree shaking drop it.
 */
const sideEffectFree: Plugin = {
  name: "side-effect-free",
  setup(b) {
    b.onResolve({ filter: /^@actions\/http-client(\/.*)?$/ }, async (args) => {
      if (args.pluginData === "side-effect-free") return undefined;
      const resolved = await b.resolve(args.path, { kind: args.kind, resolveDir: args.resolveDir, importer: args.importer, pluginData: "side-effect-free" });
      return resolved.errors.length > 0 ? { errors: resolved.errors } : { path: resolved.path, sideEffects: false };
    });
  },
};

export const buildOptions: BuildOptions = {
  absWorkingDir: ROOT,
  entryPoints: ["src/action.ts"],
  bundle: true,
  platform: "node",
  target: "node24",
  format: "esm",
  outfile: BUNDLE,
  banner: { js: BANNER },
  legalComments: "none",
  minifySyntax: true,
  treeShaking: true,
  charset: "utf8",
  metafile: true,
  logLevel: "silent",
  plugins: [sideEffectFree],
};

export interface BuiltAction {
  /** Path (relative to the repository) -> contents. */
  files: Map<string, string>;
  /** Bundled packages, `name@version`, sorted. */
  packages: string[];
}

/** Builds in memory (nothing written). */
export async function buildAction(): Promise<BuiltAction> {
  const result = await build({ ...buildOptions, write: false });
  const bundle = result.outputFiles.find((f) => f.path.endsWith("index.mjs"));
  if (!bundle) throw new Error("esbuild produced no bundle");
  // What ended up in the bundle (an input tree shaking removed entirely contributes 0 bytes).
  const inputs = Object.entries(Object.values(result.metafile?.outputs ?? {}).find((o) => o.entryPoint !== undefined)?.inputs ?? {})
    .filter(([, v]) => v.bytesInOutput > 0)
    .map(([path]) => path);
  // The Action never runs the Probot app and must not carry it.
  const forbidden = inputs.filter((p) => /(^|\/)node_modules\/(probot|@probot\/pino|pino|express|ioredis)\//.test(p) || p === "src/app.ts");
  if (forbidden.length > 0) throw new Error(`the Action's bundle must not contain the app or its server: ${forbidden.slice(0, 5).join(", ")}`);
  const packages = bundledPackages(inputs);
  return {
    files: new Map([
      [BUNDLE, bundle.text],
      [LICENSES, licensesText(packages)],
    ]),
    packages: packages.map((p) => `${p.name}@${p.version}`),
  };
}

interface BundledPackage {
  name: string;
  version: string;
  license: string;
  dir: string;
}

function bundledPackages(inputs: readonly string[]): BundledPackage[] {
  const dirs = new Set<string>();
  for (const input of inputs) {
    const m = /^(.*node_modules\/(?:@[^/]+\/)?[^/]+)\//.exec(input);
    if (m) dirs.add(m[1]!);
  }
  const byName = new Map<string, BundledPackage>();
  for (const dir of dirs) {
    const pkg = JSON.parse(readFileSync(join(ROOT, dir, "package.json"), "utf8")) as { name: string; version: string; license?: string };
    byName.set(`${pkg.name}@${pkg.version}`, { name: pkg.name, version: pkg.version, license: pkg.license ?? "UNKNOWN", dir });
  }
  return [...byName.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.version < b.version ? -1 : 1));
}

const LICENSE_FILES = ["LICENSE", "LICENSE.md", "LICENSE.txt", "license", "license.md", "LICENCE", "LICENSE-MIT"];

function licensesText(packages: BundledPackage[]): string {
  const parts = ["Third-party software bundled in action/dist/index.mjs (generated by scripts/build-action.ts).", ""];
  for (const p of packages) {
    parts.push("=".repeat(72), `${p.name}@${p.version} (${p.license})`, "=".repeat(72));
    const file = LICENSE_FILES.map((f) => join(ROOT, p.dir, f)).find((f) => existsSync(f));
    parts.push(file ? readFileSync(file, "utf8").replace(/\r\n/g, "\n").trimEnd() : `(no license file in the package; its package.json says ${p.license})`, "");
  }
  return `${parts.join("\n").trimEnd()}\n`;
}

async function main(): Promise<void> {
  const built = await buildAction();
  for (const [path, text] of built.files) {
    const target = join(ROOT, path);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, text);
    console.log(`${path}: ${(Buffer.byteLength(text) / 1024).toFixed(0)} KiB`);
  }
  console.log(`${built.packages.length} packages bundled: ${built.packages.join(", ")}`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
