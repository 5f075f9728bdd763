/**
 * World files: the example world loads (and its Docket configuration is valid), mistakes in a
 * world are reported with their path, and the CLI runs the simulator as a process.
 */
import { TEAM_IAAS } from "../fixtures/acme.js";
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { parseConfigText } from "../../src/config/load.js";
import { issueNodeId } from "../fixtures/webhooks.js";
import { signAppJwt } from "./auth.js";
import { SimClient } from "./client.js";
import { applyWorldClock, Clock, State } from "./state.js";
import { loadWorldFile, parseWorld, WorldError } from "./world.js";

const COMMUNITY_WORLD = fileURLToPath(new URL("../../examples/worlds/community.yml", import.meta.url));

describe("the example world", () => {
  it("loads: the organisation, its repositories, people and roles, issues with label times, the app", () => {
    const world = loadWorldFile(COMMUNITY_WORLD);
    const clock = new Clock(() => new Date("2030-01-01T00:00:00Z"));
    applyWorldClock(clock, world);
    expect(clock.iso()).toBe("2025-01-08T09:00:00Z");
    const state = new State(world, clock);
    expect([...state.repos.values()].map((r) => r.fullName)).toEqual(["sovereign/.github", "sovereign/meetings", "sovereign/standards", "sovereign/infra"]);
    const infra = state.repo("sovereign", "infra")!;
    expect(["alice", "bob", "carol", "dave"].map((u) => state.effectiveRole(u, infra))).toEqual(["admin", "triage", "read", "write"]);
    expect(state.roleOf("carol", infra)).toBeNull();
    const topic = state.issue(infra, 1)!;
    expect(topic.nodeId).toBe(issueNodeId("sovereign", "infra", 1));
    expect(topic.labels).toEqual([
      { name: "agenda/iaas", addedAt: "2025-01-06T09:30:00Z", by: "alice" },
      { name: "time/15m", addedAt: "2025-01-06T09:31:00Z", by: "alice" },
    ]);
    expect(state.issue(infra, 2)!.kind).toBe("pull_request");
    expect(state.account("renovate[bot]")!.type).toBe("Bot");
    expect(state.app).toMatchObject({ id: 1001, slug: "docket", bot: { login: "docket[bot]", type: "Bot" } });
    expect([...state.app!.installations.values()].map((i) => [i.id, i.account.login, i.selection])).toEqual([[42, "sovereign", "all"]]);
    expect(state.issue(state.repo("sovereign", "infra")!, 4)!.labels).toEqual([]);
  });

  it("holds a valid org-wide Docket configuration: biweekly iaas, a meetup, an idea backlog", () => {
    const state = new State(loadWorldFile(COMMUNITY_WORLD), new Clock());
    const text = state.headCommit(state.repo("sovereign", ".github")!).files.get(".github/docket.yml")!.text;
    const parsed = parseConfigText(text);
    expect(parsed.ok ? [] : parsed.problems).toEqual([]);
    if (!parsed.ok) return;
    expect(parsed.config.repository).toBe("meetings");
    expect(parsed.config.meetings.iaas).toMatchObject(TEAM_IAAS);
    expect(parsed.config.backlog?.label).toBe("idea");
  });

  it("gives its app what app.yml asks for: the same permissions and events", () => {
    const manifest = parseYaml(readFileSync(fileURLToPath(new URL("../../app.yml", import.meta.url)), "utf8")) as {
      default_permissions: Record<string, string>;
      default_events: string[];
    };
    const app = loadWorldFile(COMMUNITY_WORLD).app!;
    expect(app.permissions).toEqual(manifest.default_permissions);
    expect([...app.events].sort()).toEqual([...manifest.default_events].sort());
  });
});

describe("world files", () => {
  it("reports every mistake with its path", () => {
    const attempt = () =>
      parseWorld({
        users: ["alice"],
        orgs: [
          {
            login: "acme",
            members: { alice: "owner", bob: "read" },
            repos: [{ name: "x", issues: [{ title: "T", author: "zed", labelz: [] }], visibilty: "public" }],
          },
        ],
      });
    expect(attempt).toThrow(WorldError);
    const problems = (() => {
      try {
        attempt();
        return [];
      } catch (e) {
        return (e as WorldError).problems;
      }
    })();
    expect(problems.join("\n")).toContain("orgs.0.members.alice");
    expect(problems.join("\n")).toContain("labelz");
    expect(problems.join("\n")).toContain("visibilty");
  });

  it("cross-checks people and numbers", () => {
    expect(() =>
      parseWorld({
        users: ["alice"],
        orgs: [
          {
            login: "acme",
            members: { bob: "read" },
            repos: [
              {
                name: "x",
                issues: [
                  { number: 1, title: "a", author: "alice" },
                  { number: 1, title: "b", author: "zed" },
                ],
              },
            ],
          },
        ],
      }),
    ).toThrow(/author: unknown user zed[\s\S]*#1 is used twice[\s\S]*members\.bob: unknown user/);
  });

  it("JSON works as well as YAML, and issues without numbers are numbered around explicit ones", () => {
    const dir = mkdtempSync(join(tmpdir(), "docket-sim-"));
    const file = join(dir, "w.json");
    writeFileSync(
      file,
      JSON.stringify({
        users: ["ann"],
        orgs: [
          {
            login: "o",
            repos: [
              {
                name: "r",
                issues: [
                  { title: "a", author: "ann" },
                  { number: 1, title: "b", author: "ann" },
                  { title: "c", author: "ann" },
                ],
              },
            ],
          },
        ],
      }),
    );
    const state = new State(loadWorldFile(file), new Clock());
    const repo = state.repo("o", "r")!;
    expect([...repo.issues.values()].map((i) => `${i.number} ${i.title}`).sort()).toEqual(["1 b", "2 a", "3 c"]);
    expect(repo.nextNumber).toBe(4);
  });
});

describe("the CLI", () => {
  /** Starts the CLI with `args`; resolves with the URL it prints, and a way to stop it that resolves with its exit code. */
  async function startCli(args: string[]): Promise<{ url: string; out: () => string; stop: () => Promise<number | null> }> {
    const child = spawn(process.execPath, ["--import", "tsx", "test/sim/cli.ts", "--world", COMMUNITY_WORLD, "--port", "0", ...args], {
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    const stop = () => {
      const exited = new Promise<number | null>((r) => child.once("exit", (code) => r(code)));
      child.kill("SIGTERM");
      return exited;
    };
    try {
      const url = await new Promise<string>((resolve, reject) => {
        child.stdout.on("data", (c: Buffer) => {
          out += c.toString();
          const m = /Simulator listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
          if (m) resolve(m[1]!);
        });
        child.stderr.on("data", (c: Buffer) => (out += c.toString()));
        child.once("exit", (code) => reject(new Error(`cli exited ${code}: ${out}`)));
        setTimeout(() => reject(new Error(`no URL printed: ${out}`)), 15_000);
      });
      return { url, out: () => out, stop };
    } catch (error) {
      await stop();
      throw error;
    }
  }

  it("prints the URL it listens on and stops on SIGTERM", async () => {
    const cli = await startCli([]);
    try {
      const health = await new SimClient(cli.url).health();
      expect(health).toEqual({ ok: true, url: cli.url });
    } finally {
      expect(await cli.stop()).toBe(0);
    }
  });

  it("writes a new app key when --app-key names a file that does not exist, and accepts JWTs signed with it", async () => {
    const file = join(mkdtempSync(join(tmpdir(), "docket-sim-key-")), "my-key.pem");
    const cli = await startCli(["--app-id", "1001", "--app-key", file]);
    try {
      expect(cli.out()).toContain(`Wrote a new app private key to ${file}`);
      const pem = readFileSync(file, "utf8");
      expect(pem).toMatch(/^-----BEGIN RSA PRIVATE KEY-----/);
      expect(statSync(file).mode & 0o077).toBe(0);
      const app = await fetch(`${cli.url}/app`, { headers: { authorization: `Bearer ${signAppJwt(1001, pem)}`, accept: "application/vnd.github+json" } });
      expect(app.status).toBe(200);
    } finally {
      expect(await cli.stop()).toBe(0);
    }
    // The next start reads the same key instead of replacing it.
    const before = readFileSync(file, "utf8");
    const again = await startCli(["--app-id", "1001", "--app-key", file]);
    try {
      expect(again.out()).not.toContain("Wrote a new app private key");
      expect(readFileSync(file, "utf8")).toBe(before);
    } finally {
      expect(await again.stop()).toBe(0);
    }
  });
});
