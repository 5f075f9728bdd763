/**
 * Stand-ins for the two pad services Docket writes meeting notes to (src/pads/pads.ts): a tiny
 * node:http server beside the simulator, holding notes in memory and enforcing what the real
 * services require. See docs/simulator.md ("Pad stand-ins").
 *
 *   const pads = await startPadStandIns({ hackmdTokens: ["hackmd-token"] });
 *   // notes: { pad: hedgedoc, url: pads.hedgedocUrl }   or   { pad: hackmd, url: pads.hackmdApi }
 *   pads.write("hedgedoc", id, "### #12\nwhat people typed");
 *   await pads.close();
 *
 * HedgeDoc 1.x under `/hedgedoc` (as a server with `urlPath: hedgedoc`):
 *   POST /hedgedoc/new — the body is the note's Markdown and must be sent as `text/markdown`
 *     (HedgeDoc parses no other type and would create an empty note: refused here with 415, so the
 *     mistake shows); at most 100,000 characters (HedgeDoc's default `documentMaxLength`: 413).
 *     Answers 302 with `Location: /hedgedoc/<noteId>`.
 *   GET /hedgedoc/<noteId>/download — the Markdown (`text/markdown`), 404 for an unknown note.
 * HackMD API v1 under `/hackmd/v1`:
 *   every request needs `Authorization: Bearer <token>` with a token given at start (401 otherwise);
 *   POST /hackmd/v1/notes — JSON (`application/json`, else 415) with optional `title`, `content`
 *     and `readPermission`/`writePermission` (owner | signed_in | guest) and `commentPermission`
 *     (disabled | forbidden | owners | signed_in_users | everyone), anything else 400; answers 201
 *     with the note (`id`, `title`, `publishLink`, `content`, permissions, times).
 *   GET /hackmd/v1/notes/<noteId> — the note with its `content`, 404 for an unknown one.
 */
import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { readBody } from "./server.js";

export type PadService = "hedgedoc" | "hackmd";

export interface StandInNote {
  id: string;
  title: string;
  content: string;
  readPermission?: string;
  writePermission?: string;
  commentPermission?: string;
}

export interface PadRequest {
  service: PadService;
  method: string;
  path: string;
  status: number;
}

export interface PadStandIns {
  url: string;
  /** The HedgeDoc server's address, for `notes.url`. */
  hedgedocUrl: string;
  /** The HackMD API's address, for `notes.url`. */
  hackmdApi: string;
  notes: Record<PadService, Map<string, StandInNote>>;
  /** Every request, in order. */
  log: PadRequest[];
  /** People typing in a pad: replaces a note's text. */
  write(service: PadService, id: string, content: string): void;
  close(): Promise<void>;
}

/** HedgeDoc's default `documentMaxLength`. */
export const HEDGEDOC_MAX_LENGTH = 100_000;
const ROLES = ["owner", "signed_in", "guest"];
const COMMENTS = ["disabled", "forbidden", "owners", "signed_in_users", "everyone"];

export async function startPadStandIns(options: { hackmdTokens?: readonly string[] } = {}): Promise<PadStandIns> {
  const tokens = new Set(options.hackmdTokens ?? []);
  const notes: PadStandIns["notes"] = { hedgedoc: new Map(), hackmd: new Map() };
  const log: PadRequest[] = [];
  let base = "";

  const send = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
    const text = typeof body === "string" ? body : JSON.stringify(body);
    res.writeHead(status, { "content-type": typeof body === "string" ? "text/plain; charset=utf-8" : "application/json; charset=utf-8", ...headers });
    res.end(text);
  };
  const notFound = async (res: ServerResponse): Promise<number> => {
    send(res, 404, "Not found.");
    return 404;
  };

  const hedgedoc = async (req: IncomingMessage, res: ServerResponse, rest: string[]): Promise<number> => {
    const method = req.method ?? "GET";
    const body = await readBody(req);
    if (method === "POST" && rest.length === 1 && rest[0] === "new") {
      const type = (req.headers["content-type"] ?? "").split(";")[0]!.trim().toLowerCase();
      if (type !== "text/markdown") {
        send(
          res,
          415,
          `the stand-in refuses ${type || "no content type"}: HedgeDoc reads the body of POST /new only as text/markdown (and otherwise creates an empty note)`,
        );
        return 415;
      }
      if (body.length > HEDGEDOC_MAX_LENGTH) {
        send(res, 413, "Payload Too Large");
        return 413;
      }
      const id = randomBytes(12).toString("base64url");
      const title = /^#\s+(.+)$/m.exec(body)?.[1]?.trim() ?? "Untitled";
      notes.hedgedoc.set(id, { id, title, content: body });
      res.writeHead(302, { location: `/hedgedoc/${id}`, "content-type": "text/plain; charset=utf-8" });
      res.end(`Found. Redirecting to /hedgedoc/${id}`);
      return 302;
    }
    if (method === "GET" && rest.length === 2 && rest[1] === "download") {
      const note = notes.hedgedoc.get(rest[0]!);
      if (!note) {
        send(res, 404, "Not found.");
        return 404;
      }
      send(res, 200, note.content, { "content-type": "text/markdown; charset=UTF-8" });
      return 200;
    }
    send(res, 404, "Not found.");
    return 404;
  };

  const hackmd = async (req: IncomingMessage, res: ServerResponse, rest: string[]): Promise<number> => {
    const method = req.method ?? "GET";
    const body = await readBody(req);
    const auth = /^Bearer (.+)$/.exec(req.headers.authorization ?? "");
    if (!auth || !tokens.has(auth[1]!)) {
      send(res, 401, { error: "Unauthorized" });
      return 401;
    }
    const view = (note: StandInNote) => ({
      id: note.id,
      title: note.title,
      tags: [],
      publishType: "view",
      publishLink: `${base}/@docket/${note.id}`,
      readPermission: note.readPermission ?? "owner",
      writePermission: note.writePermission ?? "owner",
      commentPermission: note.commentPermission ?? "disabled",
      content: note.content,
    });
    if (method === "POST" && rest.length === 1 && rest[0] === "notes") {
      if ((req.headers["content-type"] ?? "").split(";")[0]!.trim().toLowerCase() !== "application/json") {
        send(res, 415, { error: "expected application/json" });
        return 415;
      }
      let input: Record<string, unknown>;
      try {
        input = JSON.parse(body) as Record<string, unknown>;
      } catch {
        send(res, 400, { error: "invalid JSON" });
        return 400;
      }
      const bad = Object.entries(input).find(([k, v]) => {
        if (k === "title" || k === "content" || k === "permalink") return typeof v !== "string";
        if (k === "readPermission" || k === "writePermission") return !ROLES.includes(v as string);
        if (k === "commentPermission") return !COMMENTS.includes(v as string);
        return true;
      });
      if (bad) {
        send(res, 400, { error: `invalid ${bad[0]}` });
        return 400;
      }
      const id = randomBytes(9).toString("base64url");
      const note: StandInNote = { id, title: (input.title as string) ?? "Untitled", content: (input.content as string) ?? "" };
      for (const k of ["readPermission", "writePermission", "commentPermission"] as const) if (typeof input[k] === "string") note[k] = input[k];
      notes.hackmd.set(id, note);
      send(res, 201, view(note));
      return 201;
    }
    if (method === "GET" && rest.length === 2 && rest[0] === "notes") {
      const note = notes.hackmd.get(rest[1]!);
      if (!note) {
        send(res, 404, { error: "Not found" });
        return 404;
      }
      send(res, 200, view(note));
      return 200;
    }
    send(res, 404, { error: "Not found" });
    return 404;
  };

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://stand-in");
    const parts = url.pathname
      .split("/")
      .filter(Boolean)
      .map((p) => decodeURIComponent(p));
    const entry: PadRequest = { service: parts[0] === "hackmd" ? "hackmd" : "hedgedoc", method: req.method ?? "GET", path: url.pathname, status: 0 };
    const handled =
      parts[0] === "hedgedoc"
        ? hedgedoc(req, res, parts.slice(1))
        : parts[0] === "hackmd" && parts[1] === "v1"
          ? hackmd(req, res, parts.slice(2))
          : notFound(res);
    handled
      .then((status) => log.push({ ...entry, status }))
      .catch((error: unknown) => {
        log.push({ ...entry, status: 500 });
        if (!res.headersSent) send(res, 500, String(error));
      });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: base,
    hedgedocUrl: `${base}/hedgedoc`,
    hackmdApi: `${base}/hackmd/v1`,
    notes,
    log,
    write(service, id, content) {
      const note = notes[service].get(id);
      if (!note) throw new Error(`no ${service} note ${id}`);
      note.content = content;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
