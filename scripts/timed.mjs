// `npm test`: runs the `--before` commands (through the shell, in order), then the rest of its
// arguments as one command (npm appends what follows `npm test --`, e.g. a test file) with the
// `--beside` commands running at the same time; then prints the wall time, with the load average
// beside it — on a shared machine a slow run is often a busy machine. Exits with the first
// failing command's code.
//
// `--beside`: the type check runs next to vitest rather than before it. The end-to-end tests
// spend much of their time waiting on app processes, and the type check fills those gaps: on two
// cores the run is about the type check's length shorter. Its output is held back and printed
// after the tests, so the two never interleave.
// Plain JavaScript with no dependencies: it runs before anything is built.
import { spawn, spawnSync } from "node:child_process";
import { loadavg } from "node:os";

const args = process.argv.slice(2);
const before = [];
const beside = [];
while ((args[0] === "--before" || args[0] === "--beside") && args.length > 1) {
  (args[0] === "--before" ? before : beside).push(args[1]);
  args.splice(0, 2);
}

const started = performance.now();
const seconds = (since) => ((performance.now() - since) / 1000).toFixed(1);

/** A `--beside` command: its output kept until the end, its exit code and duration. */
function startBeside(command) {
  const t0 = performance.now();
  const child = spawn(command, { shell: true, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout.on("data", (d) => (output += d));
  child.stderr.on("data", (d) => (output += d));
  return new Promise((resolve) =>
    child
      .on("close", (code) => resolve({ command, code: code ?? 1, output, took: seconds(t0) }))
      .on("error", (error) => resolve({ command, code: 1, output: error.message, took: seconds(t0) })),
  );
}

let code = 0;
for (const command of before) {
  const run = spawnSync(command, { shell: true, stdio: "inherit" });
  if (run.error) console.error(`${command}: ${run.error.message}`);
  code = run.status ?? 1;
  if (code !== 0) break;
}
if (code === 0) {
  const besides = beside.map(startBeside);
  if (args.length > 0) {
    // Not spawnSync: it would block this process's event loop, and with it the `--beside` output
    // (a full pipe stalls the type check) and its timing.
    const main = spawn(args[0], args.slice(1), { stdio: "inherit" });
    code = await new Promise((resolve) =>
      main
        .on("close", (status) => resolve(status ?? 1))
        .on("error", (error) => {
          console.error(`${args[0]}: ${error.message}`);
          resolve(1);
        }),
    );
  }
  for (const done of await Promise.all(besides)) {
    console.log(`\n> ${done.command} (alongside, ${done.took} s): ${done.code === 0 ? "passed" : `failed with ${done.code}`}`);
    if (done.output.trim()) console.log(done.output.trimEnd());
    if (code === 0) code = done.code;
  }
}
const load = loadavg()
  .map((l) => l.toFixed(2))
  .join(", ");
console.log(`\n${code === 0 ? "Passed" : "Failed"} in ${seconds(started)} s wall time (load average ${load}).`);
process.exit(code);
