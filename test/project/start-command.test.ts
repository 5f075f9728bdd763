/**
 * The app starts with the same node options everywhere: `npm start` (package.json), the container
 * (the Dockerfile's CMD) and the systemd unit in docs/deploy.md. The options carry a tuning the
 * intake's latency depends on (--max-semi-space-size, see the Dockerfile); one of them drifting
 * would make production slower than what `npm run bench` measured.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const read = (f: string) => readFileSync(`${ROOT}/${f}`, "utf8");

describe("the start command", () => {
  const start = (JSON.parse(read("package.json")) as { scripts: Record<string, string> }).scripts.start!;
  const args = start.split(/\s+/);

  it("is node with the intake's tuning, running lib/server.js", () => {
    expect(args[0]).toBe("node");
    expect(args).toContain("--max-semi-space-size=32");
    expect(args.at(-1)).toBe("lib/server.js");
  });

  it("is the container's CMD", () => {
    const cmd = /^CMD (\[.*\])$/m.exec(read("Dockerfile"))?.[1];
    expect(JSON.parse(cmd ?? "null")).toEqual(args);
  });

  it("is the systemd unit's ExecStart in docs/deploy.md", () => {
    const exec = /^ExecStart=(\S+) (.*)$/m.exec(read("docs/deploy.md"));
    expect(exec?.[1]).toMatch(/\/node$/);
    expect(exec?.[2]?.split(/\s+/)).toEqual(args.slice(1));
  });
});
