// `npm test`: runs the `--before` commands (through the shell, in order), then the rest of its
// arguments as one command (npm appends what follows `npm test --`, e.g. a test file), stopping at
// the first that fails; then prints the wall time, with the load average beside it — on a shared
// machine a slow run is often a busy machine. Exits with the failing command's code.
// Plain JavaScript with no dependencies: it runs before anything is built.
import { spawnSync } from "node:child_process";
import { loadavg } from "node:os";

const args = process.argv.slice(2);
const steps = [];
while (args[0] === "--before" && args.length > 1) {
  steps.push({ command: args[1], args: [], shell: true });
  args.splice(0, 2);
}
if (args.length > 0) steps.push({ command: args[0], args: args.slice(1), shell: false });

const started = performance.now();
let code = 0;
for (const step of steps) {
  const run = spawnSync(step.command, step.args, { shell: step.shell, stdio: "inherit" });
  if (run.error) console.error(`${step.command}: ${run.error.message}`);
  code = run.status ?? 1;
  if (code !== 0) break;
}
const seconds = ((performance.now() - started) / 1000).toFixed(1);
const load = loadavg()
  .map((l) => l.toFixed(2))
  .join(", ");
console.log(`\n${code === 0 ? "Passed" : "Failed"} in ${seconds} s wall time (load average ${load}).`);
process.exit(code);
