/**
 * Authentication as GitHub does it: an app proves itself with a JWT signed
 * RS256 by its private key (verified here with node:crypto against the
 * configured public key) and trades it for installation tokens (`ghs_…`, one
 * hour); the Action (or a person) uses a plain token. Every API request is made
 * by a {@link Principal}, which decides what it can see and change.
 */
import { createPublicKey, generateKeyPairSync, createSign, randomBytes, verify } from "node:crypto";
import type { PermissionLevel } from "./world.js";
import type { Installation, Repo, State } from "./state.js";

export type Principal =
  | { kind: "anonymous" }
  | { kind: "app"; appId: number }
  | {
      kind: "installation";
      installationId: number;
      token: string;
      /** The app's bot account (`slug[bot]`). */
      login: string;
      permissions: Record<string, PermissionLevel>;
      /** Lower-cased full names the token was narrowed to, if it was. */
      repos: Set<string> | null;
    }
  | { kind: "token"; token: string; login: string; repos: string[]; permissions: Record<string, PermissionLevel> };

export type AuthResult = { ok: true; principal: Principal } | { ok: false; status: 401; message: string };

/** Who a principal acts as, for authorship and webhook senders. */
export function actorOf(p: Principal): string | null {
  return p.kind === "installation" || p.kind === "token" ? p.login : null;
}

/** A short label for logs: `installation:1`, `token:alice`, `app:42`, `anonymous`. */
export function describePrincipal(p: Principal): string {
  switch (p.kind) {
    case "installation":
      return `installation:${p.installationId}`;
    case "token":
      return `token:${p.login}`;
    case "app":
      return `app:${p.appId}`;
    default:
      return "anonymous";
  }
}

const LEVEL: Record<PermissionLevel | "none", number> = { none: 0, read: 1, write: 2, admin: 3 };

/** Whether a principal holds an app permission (`issues: write`, …) at least at `level`. */
export function hasPermission(p: Principal, name: string, level: PermissionLevel): boolean {
  if (p.kind !== "installation" && p.kind !== "token") return false;
  if (name === "metadata") return true; // every installation and token can read metadata
  return LEVEL[p.permissions[name] ?? "none"] >= LEVEL[level];
}

/** Whether a principal can see a repository at all (others get 404, as on GitHub). */
export function canSeeRepo(state: State, p: Principal, repo: Repo): boolean {
  const full = repo.fullName.toLowerCase();
  if (p.kind === "installation") {
    const inst = state.app?.installations.get(p.installationId);
    if (!inst || !installationCovers(inst, repo)) return false;
    return p.repos === null || p.repos.has(full);
  }
  if (p.kind === "token") {
    return p.repos.some((pattern) => {
      const pat = pattern.toLowerCase();
      if (pat === "*") return true;
      if (pat.endsWith("/*")) return full.startsWith(pat.slice(0, -1));
      return pat === full;
    });
  }
  return false;
}

export function installationCovers(inst: Installation, repo: Repo): boolean {
  return inst.account.login.toLowerCase() === repo.owner.login.toLowerCase() && (inst.selection === "all" || inst.repos.has(repo.fullName.toLowerCase()));
}

// ------------------------------------------------------------------------------------ keys and JWTs

/**
 * A fresh RSA key pair for an app (PKCS#1 private key as GitHub hands it out, SPKI public key).
 * GitHub's keys have 2048 bits; a test that only needs *another* key may ask for fewer (a
 * 2048-bit key takes 0.1 to 1 s of CPU to find).
 */
export function generateAppKeyPair(modulusLength = 2048): { privateKeyPem: string; publicKeyPem: string } {
  const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength });
  return {
    privateKeyPem: privateKey.export({ type: "pkcs1", format: "pem" }).toString(),
    publicKeyPem: publicKey.export({ type: "spki", format: "pem" }).toString(),
  };
}

const publicKeys = new Map<string, string>();
/**
 * The public key that belongs to a private key (e.g. `testPrivateKey()` of test/fixtures/keys.ts);
 * remembered: the simulator asks again at every reset (0.4 s of a shared-project run).
 */
export function publicKeyFromPrivateKey(privateKeyPem: string): string {
  let pem = publicKeys.get(privateKeyPem);
  if (pem === undefined) {
    pem = createPublicKey(privateKeyPem).export({ type: "spki", format: "pem" }).toString();
    publicKeys.set(privateKeyPem, pem);
  }
  return pem;
}

const b64url = (b: Buffer | string) => Buffer.from(b).toString("base64url");

/** Signs an app JWT as @octokit/auth-app does (iat 30 s in the past, 10 minutes valid); for tests. */
export function signAppJwt(
  appId: number | string,
  privateKeyPem: string,
  nowSeconds = Math.floor(Date.now() / 1000),
  claims: Record<string, unknown> = {},
): string {
  const header = b64url(JSON.stringify({ alg: "RS256", typ: "JWT" }));
  const iat = nowSeconds - 30;
  const payload = b64url(JSON.stringify({ iat, exp: iat + 600, iss: appId, ...claims }));
  const signer = createSign("RSA-SHA256");
  signer.update(`${header}.${payload}`);
  return `${header}.${payload}.${signer.sign(privateKeyPem).toString("base64url")}`;
}

/** GitHub's answers to a bad app JWT. */
export const JWT_MESSAGES = {
  undecodable: "A JSON web token could not be decoded",
  exp: "'Expiration time' claim ('exp') must be a numeric value representing the future time at which the assertion expires",
  expTooFar: "'Expiration time' claim ('exp') is too far in the future",
  iat: "'Issued at' claim ('iat') must be an Integer representing the time that the assertion was issued",
  iss: "'Issuer' claim ('iss') must be an Integer",
  unknownApp: "Integration not found",
} as const;

/** Verifies an RS256 app JWT against the app's public key and GitHub's rules for iat/exp/iss. */
export function verifyAppJwt(
  jwt: string,
  app: { id: number; publicKeyPem: string | null },
  nowSeconds = Math.floor(Date.now() / 1000),
): { ok: true } | { ok: false; message: string } {
  const parts = jwt.split(".");
  if (parts.length !== 3) return { ok: false, message: JWT_MESSAGES.undecodable };
  const [h, p, s] = parts as [string, string, string];
  let header: { alg?: unknown };
  let payload: { iat?: unknown; exp?: unknown; iss?: unknown };
  try {
    header = JSON.parse(Buffer.from(h, "base64url").toString("utf8"));
    payload = JSON.parse(Buffer.from(p, "base64url").toString("utf8"));
  } catch {
    return { ok: false, message: JWT_MESSAGES.undecodable };
  }
  if (header.alg !== "RS256") return { ok: false, message: JWT_MESSAGES.undecodable };
  const iss = typeof payload.iss === "string" && /^\d+$/.test(payload.iss) ? Number(payload.iss) : payload.iss;
  if (typeof iss !== "number" || !Number.isInteger(iss)) return { ok: false, message: JWT_MESSAGES.iss };
  if (iss !== app.id) return { ok: false, message: JWT_MESSAGES.unknownApp };
  if (!app.publicKeyPem)
    return { ok: false, message: `${JWT_MESSAGES.undecodable} (the simulator has no public key for app ${app.id}: pass app.publicKeyPem)` };
  let valid = false;
  try {
    valid = verify("RSA-SHA256", Buffer.from(`${h}.${p}`), app.publicKeyPem, Buffer.from(s, "base64url"));
  } catch {
    valid = false;
  }
  if (!valid) return { ok: false, message: JWT_MESSAGES.undecodable };
  if (typeof payload.iat !== "number" || !Number.isInteger(payload.iat) || payload.iat > nowSeconds + 60) return { ok: false, message: JWT_MESSAGES.iat };
  if (typeof payload.exp !== "number" || payload.exp <= nowSeconds) return { ok: false, message: JWT_MESSAGES.exp };
  if (payload.exp > nowSeconds + 600 + 60 || payload.exp - payload.iat > 600 + 60) return { ok: false, message: JWT_MESSAGES.expTooFar };
  return { ok: true };
}

// ------------------------------------------------------------------------------------ tokens

export interface IssuedToken {
  token: string;
  installationId: number;
  /** Real-clock expiry (ms). */
  expiresAt: number;
  permissions: Record<string, PermissionLevel>;
  repos: Set<string> | null;
}

/** Installation tokens handed out (they survive `reset`: a running app keeps its token). */
export class TokenStore {
  private readonly tokens = new Map<string, IssuedToken>();

  constructor(private readonly realNow: () => number = Date.now) {}

  issue(installationId: number, permissions: Record<string, PermissionLevel>, repos: Set<string> | null): IssuedToken {
    const t: IssuedToken = {
      token: `ghs_${randomBytes(18).toString("base64url").replace(/[-_]/g, "x")}`,
      installationId,
      expiresAt: this.realNow() + 3600_000,
      permissions,
      repos,
    };
    this.tokens.set(t.token, t);
    return t;
  }

  get(token: string): IssuedToken | undefined {
    const t = this.tokens.get(token);
    if (t && t.expiresAt <= this.realNow()) {
      this.tokens.delete(token);
      return undefined;
    }
    return t;
  }
}

/** The principal an `Authorization` header names, or why it names none. */
export function authenticate(state: State, tokens: TokenStore, header: string | undefined, nowSeconds = Math.floor(Date.now() / 1000)): AuthResult {
  if (!header || header.trim() === "") return { ok: true, principal: { kind: "anonymous" } };
  const m = /^\s*(bearer|token)\s+(\S+)\s*$/i.exec(header);
  if (!m) return { ok: false, status: 401, message: "Bad credentials" };
  const credential = m[2]!;
  if (credential.split(".").length === 3 && credential.startsWith("eyJ")) {
    if (!state.app) return { ok: false, status: 401, message: JWT_MESSAGES.unknownApp };
    const v = verifyAppJwt(credential, { id: state.app.id, publicKeyPem: state.app.publicKeyPem }, nowSeconds);
    if (!v.ok) return { ok: false, status: 401, message: v.message };
    return { ok: true, principal: { kind: "app", appId: state.app.id } };
  }
  const issued = tokens.get(credential);
  if (issued && state.app) {
    const inst = state.app.installations.get(issued.installationId);
    if (!inst) return { ok: false, status: 401, message: "Bad credentials" };
    return {
      ok: true,
      principal: {
        kind: "installation",
        installationId: inst.id,
        token: credential,
        login: state.app.bot.login,
        permissions: issued.permissions,
        repos: issued.repos,
      },
    };
  }
  const plain = state.tokens.get(credential);
  if (plain) return { ok: true, principal: { kind: "token", token: credential, login: plain.login, repos: plain.repos, permissions: plain.permissions } };
  return { ok: false, status: 401, message: "Bad credentials" };
}
