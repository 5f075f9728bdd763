/**
 * The webhook intake: verify, drop replays, put the delivery on the queue, answer.
 * Nothing on this path calls GitHub, so the answer never waits for it.
 *
 *   202  accepted (or a replay, which does nothing)
 *   400  not a GitHub delivery (its headers are missing)
 *   401  the signature does not match the webhook secret
 *   413  over 25 MB, GitHub's own cap, refused before it is read
 *   503  shutting down, or the queue cannot take it (Redis away): GitHub records the delivery
 *        as failed, and Docket asks for it again once it can take it (redelivery)
 *
 * A refused request is logged with its delivery id and the reason, never its body.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Redis } from "ioredis";
import type { Logger } from "../github/gateway.js";

/** GitHub caps webhook payloads at 25 MB. */
export const MAX_BODY_BYTES = 25 * 1024 * 1024;
/** A delivery (by id, or by the same signed body) seen within this long is a replay. */
export const REPLAY_WINDOW_SECONDS = 72 * 3600;

/**
 * A verified delivery. The body stays text: the worker parses it (a body signed with the webhook
 * secret comes from GitHub), so the intake never spends its time parsing and re-serialising it.
 */
export interface Delivery {
  id: string;
  name: string;
  body: string;
}

/** Remembers deliveries already taken: in this process, or in Redis across instances and restarts. */
export interface ReplayGuard {
  /** True when neither the id nor the body (named by its verified signature) was seen; records both. */
  claim(id: string, bodyKey: string): Promise<boolean>;
  /** Forgets a claim whose delivery could not be queued, so GitHub's redelivery is taken. */
  release(id: string, bodyKey: string): Promise<void>;
}

export function memoryReplayGuard(max = 100_000, now: () => number = Date.now): ReplayGuard {
  const seen = new Map<string, number>();
  return {
    async claim(id, hash) {
      const t = now();
      for (const [k, at] of seen) {
        if (seen.size <= max && at > t - REPLAY_WINDOW_SECONDS * 1000) break;
        seen.delete(k); // oldest first: the map keeps insertion order
      }
      if (seen.has(`id:${id}`) || seen.has(`body:${hash}`)) return false;
      seen.set(`id:${id}`, t);
      seen.set(`body:${hash}`, t);
      return true;
    },
    async release(id, hash) {
      seen.delete(`id:${id}`);
      seen.delete(`body:${hash}`);
    },
  };
}

export function redisReplayGuard(redis: Redis, prefix = "docket"): ReplayGuard {
  const keys = (id: string, hash: string) => [`${prefix}:seen:id:${id}`, `${prefix}:seen:body:${hash}`] as const;
  return {
    async claim(id, hash) {
      const [idKey, bodyKey] = keys(id, hash);
      const result = await redis.multi().set(idKey, "1", "EX", REPLAY_WINDOW_SECONDS, "NX").set(bodyKey, "1", "EX", REPLAY_WINDOW_SECONDS, "NX").exec();
      const fresh = result?.every(([error, reply]) => error === null && reply === "OK") ?? false;
      // Half a claim (a body seen under another id, or the reverse) is a replay: leave the other key as it was.
      return fresh;
    },
    async release(id, hash) {
      await redis.del(...keys(id, hash));
    },
  };
}

export interface IntakeOptions {
  /** Where deliveries are POSTed (one path, or several). */
  path: string | readonly string[];
  verify(body: string, signature: string): Promise<boolean>;
  guard: ReplayGuard;
  /** Puts the delivery on the queue; throws when it cannot. */
  enqueue(delivery: Delivery): Promise<void>;
  /** Why deliveries are refused now (shutting down, Redis away), or null. */
  refusing(): string | null;
  log: Logger;
  maxBytes?: number;
}

type Handler = (req: IncomingMessage, res: ServerResponse) => Promise<boolean>;

function answer(res: ServerResponse, status: number, message: string): true {
  if (!res.headersSent) res.writeHead(status, { "content-type": "text/plain; charset=utf-8", connection: status >= 400 ? "close" : "keep-alive" });
  res.end(message);
  return true;
}

/** The body as text, or null when it grew past `max` (the rest is not read). */
function readCapped(req: IncomingMessage, max: number): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > max) {
        req.removeAllListeners("data");
        req.pause();
        resolve(null);
        return;
      }
      chunks.push(chunk);
    });
    req.once("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.once("error", reject);
  });
}

export function intakeHandler(options: IntakeOptions): Handler {
  const max = options.maxBytes ?? MAX_BODY_BYTES;
  const paths = new Set(typeof options.path === "string" ? [options.path] : options.path);
  return async (req, res) => {
    const url = req.url ?? "/";
    const path = url.split("?")[0] ?? "";
    if (!paths.has(path)) return false;
    const id = String(req.headers["x-github-delivery"] ?? "");
    const name = String(req.headers["x-github-event"] ?? "");
    const refuse = (status: number, reason: string) => {
      options.log.warn({ delivery: id || null, event: name || null, status, reason }, `refused a webhook delivery: ${reason}`);
      return answer(res, status, reason);
    };
    if (req.method !== "POST") return answer(res, 405, "webhooks are POSTed");
    const busy = options.refusing();
    if (busy !== null) {
      return refuse(503, busy);
    }
    const length = Number(req.headers["content-length"] ?? NaN);
    if (Number.isFinite(length) && length > max) return refuse(413, `the body is larger than ${max} bytes`);
    const signature = req.headers["x-hub-signature-256"];
    if (!id || !name || typeof signature !== "string")
      return refuse(400, "not a GitHub webhook delivery (X-GitHub-Delivery, X-GitHub-Event and X-Hub-Signature-256 are required)");
    const body = await readCapped(req, max);
    if (body === null) return refuse(413, `the body is larger than ${max} bytes`);
    if (!(await options.verify(body, signature).catch(() => false))) return refuse(401, "the signature does not match the webhook secret");
    // A verified HMAC-SHA256 of the body names the body as well as a hash of it would, without
    // reading 25 MB a second time: the same signed body is the same signature.
    const hash = signature.toLowerCase();
    try {
      if (!(await options.guard.claim(id, hash))) return answer(res, 202, "already received");
    } catch (error) {
      return refuse(503, `cannot check for replays: ${error instanceof Error ? error.message : String(error)}`);
    }
    try {
      await options.enqueue({ id, name, body });
    } catch (error) {
      await options.guard.release(id, hash).catch(() => {});
      return refuse(503, `cannot queue the delivery: ${error instanceof Error ? error.message : String(error)}`);
    }
    return answer(res, 202, "accepted");
  };
}
