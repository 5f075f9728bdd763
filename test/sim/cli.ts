/**
 * Runs the simulator as a process:
 *
 *   npx tsx test/sim/cli.ts --world examples/worlds/community.yml --port 3300 \
 *     [--webhook-url http://127.0.0.1:3000/api/github/webhooks --webhook-secret S] \
 *     [--app-id 1001 --app-key app.pem] [--urls local] [--realism '{"searchLagMs":2000}']
 *
 * Prints `Simulator listening on http://127.0.0.1:N` and runs until SIGINT/SIGTERM.
 * `--app-key` is the app's private key (its public half verifies JWTs); `--app-public-key`
 * takes the public key instead. When the `--app-key` file does not exist, a new key is written
 * there (readable by its owner only), so the app can be started with `PRIVATE_KEY_PATH=` that file:
 * a simulated app needs no key from GitHub.
 * SIM_LATENCY_MS=50 in the environment answers every API request 50 ms late (realism `latencyMs`;
 * `--realism` wins), as GitHub's round trips are; off by default.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { generateAppKeyPair } from "./auth.js";
import { startSimulator, type SimulatorOptions } from "./server.js";

const USAGE =
  "usage: tsx test/sim/cli.ts --world FILE [--port N] [--host H] [--webhook-url U --webhook-secret S] [--app-id N] [--app-key PRIVATE.pem | --app-public-key PUBLIC.pem] [--urls local] [--realism JSON]";

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      world: { type: "string" },
      port: { type: "string", default: "0" },
      host: { type: "string", default: "127.0.0.1" },
      "webhook-url": { type: "string" },
      "webhook-secret": { type: "string" },
      "app-id": { type: "string" },
      "app-key": { type: "string" },
      "app-public-key": { type: "string" },
      urls: { type: "string" },
      realism: { type: "string" },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help || !values.world) {
    console.error(USAGE);
    process.exit(values.help ? 0 : 2);
  }
  const options: SimulatorOptions = { world: values.world, port: Number(values.port), host: values.host };
  if (values["webhook-url"]) {
    if (!values["webhook-secret"]) throw new Error("--webhook-url needs --webhook-secret");
    options.webhook = { url: values["webhook-url"], secret: values["webhook-secret"] };
  }
  const app: NonNullable<SimulatorOptions["app"]> = {};
  if (values["app-id"]) app.id = Number(values["app-id"]);
  if (values["app-key"]) app.privateKeyPem = appKey(values["app-key"]);
  if (values["app-public-key"]) app.publicKeyPem = readFileSync(values["app-public-key"], "utf8");
  if (Object.keys(app).length) options.app = app;
  if (values.urls === "local") options.urls = "local";
  const latencyMs = Number(process.env.SIM_LATENCY_MS ?? 0);
  if (latencyMs > 0) options.realism = { latencyMs };
  if (values.realism) options.realism = { ...options.realism, ...JSON.parse(values.realism) };

  const sim = await startSimulator(options);
  const stop = (signal: string) => {
    void sim.close().then(() => {
      const v = sim.violations.length;
      console.error(
        `Simulator stopped (${signal}): ${sim.log.length} requests, ${sim.deliveries().length} webhooks, ${v} contract violation${v === 1 ? "" : "s"}`,
      );
      process.exit(0);
    });
  };
  process.once("SIGINT", () => stop("SIGINT"));
  process.once("SIGTERM", () => stop("SIGTERM"));
  // Only now: whoever waits for this line may stop the simulator at once.
  console.log(`Simulator listening on ${sim.url}`);
}

/** The app's private key from `file`; a new one, written to `file`, when there is none yet. */
function appKey(file: string): string {
  if (existsSync(file)) return readFileSync(file, "utf8");
  const { privateKeyPem } = generateAppKeyPair();
  writeFileSync(file, privateKeyPem, { mode: 0o600, flag: "wx" });
  console.log(`Wrote a new app private key to ${file} (start the app with PRIVATE_KEY_PATH=${file})`);
  return privateKeyPem;
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
