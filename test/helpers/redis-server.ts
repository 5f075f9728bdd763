/**
 * A throwaway Redis server on a free loopback port, for the lock tests and the
 * end-to-end tests (installed by scripts/ensure-redis.sh, which npm test runs
 * first). Without persistence, as a cache-like production Redis runs: a
 * restart starts empty.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { connect } from "node:net";
import { freePort } from "./net.js";
import { Redis } from "ioredis";

export interface TestRedis {
  url: string;
  client(): Redis;
  stop(): Promise<void>;
  /**
   * Stops the server (SIGTERM, waiting for it to exit), runs `whileDown` if given, then starts
   * a new, empty server on the same port; resolves once it accepts connections.
   */
  restart(whileDown?: () => Promise<void>): Promise<void>;
}

/** Resolves once something accepts connections on the port (the server is up). */
async function listening(port: number): Promise<void> {
  for (let i = 0; i < 200; i++) {
    const up = await new Promise<boolean>((resolve) => {
      const socket = connect(port, "127.0.0.1");
      socket.once("connect", () => {
        socket.end();
        resolve(true);
      });
      socket.once("error", () => resolve(false));
    });
    if (up) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`redis-server did not start listening on ${port}`);
}

export async function startRedis(): Promise<TestRedis> {
  const port = await freePort();
  const url = `redis://127.0.0.1:${port}`;
  const clients: Redis[] = [];
  const client = () => {
    const c = new Redis(url, { maxRetriesPerRequest: 1 });
    clients.push(c);
    return c;
  };
  const launch = async (): Promise<ChildProcess> => {
    const proc = spawn("redis-server", ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"], { stdio: "ignore" });
    const spawnError = new Promise<never>((_, reject) =>
      proc.once("error", (e) => reject(new Error(`cannot start redis-server (${e.message}); run scripts/ensure-redis.sh`))),
    );
    await Promise.race([listening(port), spawnError]);
    return proc;
  };
  const halt = async (proc: ChildProcess): Promise<void> => {
    if (proc.exitCode !== null || proc.signalCode !== null) return;
    const exited = new Promise((r) => proc.once("exit", r));
    proc.kill("SIGTERM");
    await exited;
  };
  let proc = await launch();
  return {
    url,
    client,
    async stop() {
      await Promise.all(clients.map((c) => c.quit().catch(() => c.disconnect())));
      proc.kill("SIGTERM");
    },
    async restart(whileDown) {
      await halt(proc);
      await whileDown?.();
      proc = await launch();
    },
  };
}
