/**
 * Shared pads: the only code that talks to a pad service. Two services, each through its
 * documented HTTP API:
 *
 * - HedgeDoc 1.x (`notes: { pad: hedgedoc, url: https://pad.example.org }`): `POST /new` with the
 *   Markdown as a `text/markdown` body creates a note and answers a redirect to `/<noteId>`
 *   (the server must allow creating notes without signing in: HedgeDoc's `allowAnonymous`, on by
 *   default); `GET /<noteId>/download` returns its Markdown. No token.
 * - HackMD API v1 (`notes: { pad: hackmd }`, `url` = the API's address, default
 *   https://api.hackmd.io/v1): `POST /notes` with `Authorization: Bearer <token>` and
 *   `{ title, content, readPermission, writePermission, commentPermission }` answers 201 with the
 *   note (`id`, `publishLink`); `GET /notes/{id}` returns it with its `content`. The token is
 *   HACKMD_TOKEN, given by whoever builds the client (the Action reads it from its environment).
 *
 * A pad is read from the configured server by its id (an id is letters, digits, `-` and `_`), never
 * from a URL found in the meeting issue body, which people can edit.
 */
import type { PadKind, PadState } from "../render/notes.js";

export const HACKMD_API = "https://api.hackmd.io/v1";
const TIMEOUT_MS = 20_000;
const ID = /^[A-Za-z0-9_-]{1,128}$/;

/** The series' `notes` config, as far as the pad goes. */
export interface PadConfig {
  pad?: PadKind | undefined;
  url?: string | undefined;
}

/** A pad could not be created or read: the message says which and why, for people. */
export class PadError extends Error {
  override name = "PadError";
}

export interface PadClient {
  /** Creates a pad with this text. */
  create(config: PadConfig, input: { title: string; markdown: string }): Promise<PadState>;
  /** The pad's Markdown as it is now. */
  read(config: PadConfig, pad: PadState): Promise<string>;
}

export interface PadClientOptions {
  /** Injected for tests; default the global fetch. */
  fetch?: typeof fetch;
  /** HackMD's API token (HACKMD_TOKEN); without it, HackMD pads are refused with a message saying so. */
  hackmdToken?: string | undefined;
}

const trimSlash = (url: string) => url.replace(/\/+$/, "");

async function call(fetcher: typeof fetch, what: string, url: string, init: RequestInit): Promise<Response> {
  try {
    return await fetcher(url, { ...init, signal: AbortSignal.timeout(TIMEOUT_MS) });
  } catch (error) {
    throw new PadError(`${what}: ${url} did not answer (${error instanceof Error ? error.message : String(error)})`);
  }
}

async function refused(what: string, res: Response): Promise<PadError> {
  const text = (await res.text().catch(() => "")).replace(/\s+/g, " ").trim().slice(0, 200);
  return new PadError(`${what}: the server answered ${res.status}${text ? ` (${text})` : ""}`);
}

export function padClient(options: PadClientOptions = {}): PadClient {
  const fetcher = options.fetch ?? fetch;
  const token = options.hackmdToken?.trim() || undefined;
  const hackmdAuth = (what: string): string => {
    if (token === undefined) throw new PadError(`${what}: HackMD needs an API token in the environment variable HACKMD_TOKEN (HackMD: Settings → API)`);
    return `Bearer ${token}`;
  };
  const hedgedocBase = (config: PadConfig, what: string): string => {
    if (!config.url) throw new PadError(`${what}: HedgeDoc needs the server's address (notes.url)`);
    return trimSlash(config.url);
  };

  return {
    async create(config, { title, markdown }) {
      if (config.pad === "hedgedoc") {
        const what = "creating the HedgeDoc pad";
        const base = hedgedocBase(config, what);
        const res = await call(fetcher, what, `${base}/new`, {
          method: "POST",
          headers: { "content-type": "text/markdown; charset=utf-8" },
          body: markdown,
          redirect: "manual",
        });
        const location = res.headers.get("location");
        if (res.status < 300 || res.status >= 400 || location === null) throw await refused(what, res);
        const target = new URL(location, `${base}/`);
        const id = decodeURIComponent(target.pathname.split("/").filter(Boolean).at(-1) ?? "");
        if (target.origin !== new URL(base).origin || !ID.test(id) || id === "new") {
          throw new PadError(
            `${what}: the server sent people to ${target.href}, not to a new note (does it let anyone create notes? HedgeDoc's allowAnonymous)`,
          );
        }
        return { kind: "hedgedoc", id, url: `${base}/${id}` };
      }
      if (config.pad === "hackmd") {
        const what = "creating the HackMD pad";
        const api = trimSlash(config.url ?? HACKMD_API);
        const body = { title, content: markdown, readPermission: "guest", writePermission: "signed_in", commentPermission: "signed_in_users" };
        const res = await call(fetcher, what, `${api}/notes`, {
          method: "POST",
          headers: { authorization: hackmdAuth(what), "content-type": "application/json", accept: "application/json" },
          body: JSON.stringify(body),
        });
        if (res.status !== 201 && res.status !== 200) throw await refused(what, res);
        const note = (await res.json().catch(() => null)) as { id?: unknown; publishLink?: unknown } | null;
        const id = typeof note?.id === "string" ? note.id : "";
        if (!ID.test(id)) throw new PadError(`${what}: the answer named no note id`);
        let web = "https://hackmd.io";
        if (typeof note?.publishLink === "string") {
          try {
            web = new URL(note.publishLink).origin;
          } catch {
            // keep hackmd.io
          }
        }
        return { kind: "hackmd", id, url: `${web}/${id}` };
      }
      throw new PadError("no pad is configured (notes.pad)");
    },

    async read(config, pad) {
      const what = `reading the pad ${pad.url}`;
      if (!ID.test(pad.id)) throw new PadError(`${what}: \`${pad.id}\` is no note id`);
      if (config.pad !== pad.kind) throw new PadError(`${what}: it is a ${pad.kind} pad, but notes.pad is ${config.pad ?? "not set"}`);
      if (pad.kind === "hedgedoc") {
        const res = await call(fetcher, what, `${hedgedocBase(config, what)}/${encodeURIComponent(pad.id)}/download`, { method: "GET", redirect: "manual" });
        if (res.status !== 200) throw await refused(what, res);
        return await res.text();
      }
      const api = trimSlash(config.url ?? HACKMD_API);
      const res = await call(fetcher, what, `${api}/notes/${encodeURIComponent(pad.id)}`, {
        method: "GET",
        headers: { authorization: hackmdAuth(what), accept: "application/json" },
      });
      if (res.status !== 200) throw await refused(what, res);
      const note = (await res.json().catch(() => null)) as { content?: unknown } | null;
      if (typeof note?.content !== "string") throw new PadError(`${what}: the answer had no content`);
      return note.content;
    },
  };
}
