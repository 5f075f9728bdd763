/**
 * A typed client for the simulator's control API (`/_sim/…`), for end-to-end
 * tests and the demo, which talk to a simulator in another process.
 *
 *   const sim = new SimClient("http://127.0.0.1:3300");
 *   await sim.label("bob", "sovereign/infra", 4, "agenda/iaas");
 *   const issue = await sim.issue("sovereign", "meetings", 2);
 */
import type { ActRequest } from "./actions.js";
import type { Realism } from "./realism.js";
import type { ActResult, Delivery, DeliveryAttempt, LogEntry, SimStats, Violation } from "./server.js";
import type { ClockSettings, IssueLabel, TimelineEvent } from "./state.js";

/** An issue as `GET /_sim/issues/:owner/:repo/:number` shows it. */
export interface SimIssue {
  repo: string;
  number: number;
  kind: "issue" | "pull_request";
  nodeId: string;
  url: string;
  title: string;
  body: string | null;
  state: "open" | "closed";
  stateReason: string | null;
  author: string;
  createdAt: string;
  updatedAt: string;
  closedAt: string | null;
  labels: IssueLabel[];
  pinned: boolean;
  locked: boolean;
  /** Reaction content -> logins, e.g. `{ "+1": ["bob"] }`. */
  reactions: Record<string, string[]>;
  comments: Array<{ id: number; author: string; body: string; createdAt: string; updatedAt: string; viaApp: boolean; reactions: Record<string, string[]> }>;
  timeline: TimelineEvent[];
}

export interface SimCheckRun {
  id: number;
  name: string;
  headSha: string;
  status: string;
  conclusion: string | null;
  output: { title: string | null; summary: string | null; text: string | null; annotations: unknown[] };
  by: string;
}

export class SimClientError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = "SimClientError";
  }
}

export class SimClient {
  readonly baseUrl: string;

  constructor(baseUrl: string) {
    this.baseUrl = baseUrl.replace(/\/$/, "");
  }

  private async call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const res = await fetch(`${this.baseUrl}/_sim${path}`, {
      method,
      ...(body !== undefined ? { headers: { "content-type": "application/json" }, body: JSON.stringify(body) } : {}),
    });
    const text = await res.text();
    const type = res.headers.get("content-type") ?? "";
    const data: unknown = type.includes("application/json") && text ? JSON.parse(text) : text;
    if (!res.ok) {
      const error = (data as { error?: string } | null)?.error ?? text;
      throw new SimClientError(res.status, `${method} /_sim${path}: ${res.status} ${error}`);
    }
    return data as T;
  }

  // ------------------------------------------------------------------ user actions

  /** Any user action (`POST /_sim/act`); resolves once its webhooks were delivered. */
  act(a: ActRequest): Promise<ActResult> {
    return this.call("POST", "/act", a);
  }

  label(as: string, repo: string, number: number, label: string): Promise<ActResult> {
    return this.act({ as, action: "label", repo, number, label });
  }

  unlabel(as: string, repo: string, number: number, label: string): Promise<ActResult> {
    return this.act({ as, action: "unlabel", repo, number, label });
  }

  open(as: string, repo: string, o: { title: string; body?: string; labels?: string[]; pullRequest?: ActRequest["pullRequest"] }): Promise<ActResult> {
    return this.act({ as, action: "open", repo, ...o });
  }

  close(as: string, repo: string, number: number, reason?: "completed" | "not_planned"): Promise<ActResult> {
    return this.act({ as, action: "close", repo, number, ...(reason ? { reason } : {}) });
  }

  reopen(as: string, repo: string, number: number): Promise<ActResult> {
    return this.act({ as, action: "reopen", repo, number });
  }

  edit(as: string, repo: string, number: number, change: { title?: string; body?: string | null }): Promise<ActResult> {
    return this.act({ as, action: "edit", repo, number, ...change });
  }

  comment(as: string, repo: string, number: number, body: string): Promise<ActResult> {
    return this.act({ as, action: "comment", repo, number, body });
  }

  react(as: string, repo: string, number: number, content: ActRequest["content"] = "+1", comment?: number): Promise<ActResult> {
    return this.act({ as, action: "react", repo, number, content, ...(comment !== undefined ? { comment } : {}) });
  }

  delete(as: string, repo: string, number: number): Promise<ActResult> {
    return this.act({ as, action: "delete", repo, number });
  }

  transfer(as: string, repo: string, number: number, to: string): Promise<ActResult> {
    return this.act({ as, action: "transfer", repo, number, to });
  }

  pushFile(as: string, repo: string, path: string, text: string | null, message?: string): Promise<ActResult> {
    return this.act({ as, action: "push-file", repo, path, text, ...(message ? { message } : {}) });
  }

  // ------------------------------------------------------------------ reads

  issue(owner: string, repo: string, number: number): Promise<SimIssue> {
    return this.call("GET", `/issues/${enc(owner)}/${enc(repo)}/${number}`);
  }

  issues(owner: string, repo: string, filter: { label?: string; state?: "open" | "closed" | "all" } = {}): Promise<SimIssue[]> {
    const q = new URLSearchParams(Object.entries(filter).filter((e): e is [string, string] => typeof e[1] === "string"));
    return this.call("GET", `/issues/${enc(owner)}/${enc(repo)}${q.size ? `?${q}` : ""}`);
  }

  /** A file's text on the default branch (or `ref`); null when it does not exist. */
  async file(owner: string, repo: string, path: string, ref?: string): Promise<string | null> {
    try {
      return await this.call<string>("GET", `/files/${enc(owner)}/${enc(repo)}/${path.split("/").map(enc).join("/")}${ref ? `?ref=${enc(ref)}` : ""}`);
    } catch (error) {
      if (error instanceof SimClientError && error.status === 404) return null;
      throw error;
    }
  }

  checkRuns(owner: string, repo: string): Promise<SimCheckRun[]> {
    return this.call("GET", `/check-runs/${enc(owner)}/${enc(repo)}`);
  }

  log(since = 0): Promise<{ entries: LogEntry[]; stats: SimStats }> {
    return this.call("GET", `/log${since ? `?since=${since}` : ""}`);
  }

  stats(): Promise<SimStats> {
    return this.call("GET", "/stats");
  }

  violations(): Promise<Violation[]> {
    return this.call("GET", "/violations");
  }

  deliveries(): Promise<Delivery[]> {
    return this.call("GET", "/deliveries");
  }

  /** Every POST to the webhook URL (GitHub's `hook-delivery-item` shape), oldest first; `since`: an attempt id. */
  attempts(since = 0): Promise<DeliveryAttempt[]> {
    return this.call("GET", `/attempts${since ? `?since=${since}` : ""}`);
  }

  /** Posts an attempt's payload again (as the app's `POST /app/hook/deliveries/{id}/attempts`); answers once it was attempted. */
  redeliver(attemptId: number): Promise<{ ok: true; attempt: DeliveryAttempt }> {
    return this.call("POST", "/redeliver", { id: attemptId });
  }

  /** Waits until every webhook queued so far (also those the app's own writes caused) was delivered. */
  settled(): Promise<{ ok: true; deliveries: number }> {
    return this.call("GET", "/settled");
  }

  health(): Promise<{ ok: true; url: string }> {
    return this.call("GET", "/health");
  }

  // ------------------------------------------------------------------ control

  reset(): Promise<{ ok: true }> {
    return this.call("POST", "/reset");
  }

  realism(): Promise<Realism> {
    return this.call("GET", "/realism");
  }

  setRealism(r: Realism): Promise<Realism> {
    return this.call("POST", "/realism", r);
  }

  clock(): Promise<{ now: string; frozen: boolean; stepMs: number }> {
    return this.call("GET", "/clock");
  }

  setClock(s: ClockSettings): Promise<{ now: string; frozen: boolean; stepMs: number }> {
    return this.call("POST", "/clock", s);
  }

  setWebhook(url: string, secret: string): Promise<{ ok: true }> {
    return this.call("POST", "/webhook", { url, secret });
  }

  /** The webhook URL (the app's hook), or null when none is set. */
  webhook(): Promise<{ url: string | null }> {
    return this.call("GET", "/webhook");
  }
}

const enc = encodeURIComponent;
