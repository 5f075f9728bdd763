/**
 * Registering the app, as a newcomer does it: `node lib/server.js` (what `npm start` runs) with
 * no configuration serves Probot's setup page; its "Register GitHub App" button posts the app
 * manifest to GitHub. The manifest is read back from the page the way a browser reads it (an
 * HTML parser: parse5, the one jsdom uses, applies the attribute rules a browser applies) and
 * compared with app.yml.
 */
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parse, type DefaultTreeAdapterTypes as T } from "parse5";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { createHmac } from "node:crypto";
import { testPrivateKey } from "../fixtures/keys.js";
import { freePort } from "../helpers/net.js";
import { APP_ID, startTestSimulator } from "../sim/helpers.js";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));

let dir: string;
let child: ChildProcess;
let output = "";
let base: string;

beforeAll(async () => {
  // What `npm start` runs first: builds lib/ when src/ is newer.
  execFileSync(process.execPath, [join(ROOT, "scripts/prestart.mjs")], { stdio: "inherit" });
  // The setup flow reads app.yml and package.json from, and writes .env to, the working directory:
  // a copy of what the image holds, so that nothing is written into the checkout.
  dir = mkdtempSync(join(tmpdir(), "docket-setup-"));
  for (const f of ["app.yml", "package.json"]) copyFileSync(join(ROOT, f), join(dir, f));
  const port = await freePort();
  base = `http://localhost:${port}`;
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), HOST: "127.0.0.1", NO_SMEE_SETUP: "true", LOG_FORMAT: "json" };
  for (const name of ["APP_ID", "PRIVATE_KEY", "PRIVATE_KEY_PATH", "WEBHOOK_SECRET", "WEBHOOK_PROXY_URL", "NODE_ENV", "GHE_HOST", "REDIS_URL"])
    delete env[name];
  child = spawn(process.execPath, [join(ROOT, "lib/server.js")], { cwd: dir, env, stdio: ["ignore", "pipe", "pipe"] });
  child.stdout?.on("data", (d) => (output += String(d)));
  child.stderr?.on("data", (d) => (output += String(d)));
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`node lib/server.js exited with ${child.exitCode}:\n${output}`);
    if (
      await fetch(`${base}/probot`).then(
        (r) => r.ok,
        () => false,
      )
    )
      break;
    if (Date.now() > deadline) throw new Error(`the setup page did not come up within 30 s:\n${output}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}, 240_000);

afterAll(() => {
  child?.kill("SIGKILL");
  if (dir) rmSync(dir, { recursive: true, force: true });
});

type Node = T.ChildNode | T.Document;
function* elements(node: Node): Generator<T.Element> {
  if ("tagName" in node) yield node;
  if ("childNodes" in node) for (const c of node.childNodes) yield* elements(c);
}
const attr = (el: T.Element, name: string) => el.attrs.find((a) => a.name === name)?.value;

describe("the setup page (npm start without configuration)", () => {
  it("posts app.yml's manifest to GitHub, intact", async () => {
    const res = await fetch(`${base}/`); // redirected to /probot, as a browser is
    expect(res.status).toBe(200);
    const page = parse(await res.text());
    const form = [...elements(page)].find((el) => el.tagName === "form");
    expect(form && attr(form, "action")).toBe("https://github.com/settings/apps/new");
    expect(attr(form!, "method")).toBe("post");
    const button = [...elements(form!)].find((el) => attr(el, "name") === "manifest");
    const sent = attr(button!, "value") ?? "";
    let manifest: Record<string, unknown>;
    try {
      manifest = JSON.parse(sent) as Record<string, unknown>;
    } catch {
      throw new Error(`GitHub would receive a manifest that is not JSON:\n${sent}`);
    }
    const appYml = parseYaml(readFileSync(join(ROOT, "app.yml"), "utf8")) as Record<string, unknown>;
    expect(manifest).toEqual({
      ...appYml,
      hook_attributes: { url: `${base}/` },
      redirect_url: `${base}/probot/setup`,
      version: "v1",
    });
    // What a person sees on GitHub's form.
    expect(manifest.description).toBe(appYml.description);
    expect(manifest.default_permissions).toEqual(appYml.default_permissions);
    expect(manifest.default_events).toEqual(appYml.default_events);
  });

  it("says in the log that GitHub cannot reach localhost, and what to set", () => {
    expect(output).toContain(`would send its webhooks to http://localhost:`);
    expect(output).toContain("WEBHOOK_PROXY_URL");
    expect(output).toContain("https://smee.io/new");
  });
});

describe("after registering: the restart the setup page asks for", () => {
  it("runs Docket's own server from the .env the setup flow wrote, taking webhooks at the registered address", async () => {
    const sim = await startTestSimulator({ app: { id: APP_ID, privateKeyPem: testPrivateKey() } });
    let app: ChildProcess | undefined;
    try {
      // Probot's setup server writes .env itself (here through its import form: the same writer as the manifest flow).
      const written = await fetch(`${base}/probot/import`, {
        method: "POST",
        body: JSON.stringify({ appId: String(APP_ID), pem: testPrivateKey(), webhook_secret: "from-setup" }),
      });
      expect(written.status).toBe(200);
      expect(readFileSync(join(dir, ".env"), "utf8")).toContain(`APP_ID=${APP_ID}`);
      child.kill("SIGTERM");

      const port = await freePort();
      const env: NodeJS.ProcessEnv = {
        ...process.env,
        PORT: String(port),
        HOST: "127.0.0.1",
        GHE_HOST: `127.0.0.1:${sim.port}`,
        GHE_PROTOCOL: "http",
        LOG_LEVEL: "warn",
      };
      for (const name of ["APP_ID", "PRIVATE_KEY", "PRIVATE_KEY_PATH", "WEBHOOK_SECRET", "WEBHOOK_PROXY_URL", "NODE_ENV", "REDIS_URL"]) delete env[name];
      let log = "";
      app = spawn(process.execPath, [join(ROOT, "lib/server.js")], { cwd: dir, env, stdio: ["ignore", "pipe", "pipe"] });
      app.stdout?.on("data", (d) => (log += String(d)));
      app.stderr?.on("data", (d) => (log += String(d)));
      const url = `http://127.0.0.1:${port}`;
      const deadline = Date.now() + 30_000;
      while (
        !(await fetch(`${url}/ping`).then(
          (r) => r.ok,
          () => false,
        ))
      ) {
        if (app.exitCode !== null || Date.now() > deadline) throw new Error(`the restarted app did not come up:\n${log}`);
        await new Promise((r) => setTimeout(r, 100));
      }
      // Docket's server (Probot's has no /docket/status): the intake queue, draining and recovery run.
      expect((await fetch(`${url}/docket/status`)).status).toBe(200);
      // The manifest registered http://localhost:PORT/ as the webhook URL: deliveries there are taken.
      const body = JSON.stringify({ zen: "Keep it logically awesome.", hook_id: 1 });
      const signature = `sha256=${createHmac("sha256", "from-setup").update(body).digest("hex")}`;
      const delivered = await fetch(`${url}/`, {
        method: "POST",
        body,
        headers: { "content-type": "application/json", "x-github-event": "ping", "x-github-delivery": "setup-1", "x-hub-signature-256": signature },
      });
      expect(delivered.status).toBe(202);
    } finally {
      app?.kill("SIGKILL");
      await sim.close();
    }
  }, 60_000);
});

describe("npm run worker before the app is registered", () => {
  it("reads .env like npm start, and says it needs the registered app instead of serving a setup page", async () => {
    const workerDir = mkdtempSync(join(tmpdir(), "docket-worker-"));
    try {
      writeFileSync(join(workerDir, ".env"), "REDIS_URL=redis://127.0.0.1:1\n");
      const env: NodeJS.ProcessEnv = { ...process.env, PORT: "0" };
      for (const name of ["APP_ID", "PRIVATE_KEY", "PRIVATE_KEY_PATH", "WEBHOOK_SECRET", "REDIS_URL", "NODE_ENV"]) delete env[name];
      const worker = spawn(process.execPath, [join(ROOT, "lib/worker.js")], { cwd: workerDir, env, stdio: ["ignore", "pipe", "pipe"] });
      let said = "";
      worker.stdout?.on("data", (d) => (said += String(d)));
      worker.stderr?.on("data", (d) => (said += String(d)));
      const code = await new Promise<number | null>((resolve) => worker.once("exit", resolve));
      expect(code).toBe(1);
      expect(said).toContain("npm run worker needs APP_ID");
    } finally {
      rmSync(workerDir, { recursive: true, force: true });
    }
  }, 30_000);
});
