/**
 * GitHub's issue search syntax, the part Docket (and a person) uses:
 *
 *   org:acme  user:alice  repo:acme/infra      scope (several are OR-ed)
 *   label:bug  label:"agenda/iaas"  label:a,b  a label (a,b = either); several label: = all of them
 *   -label:wontfix  no:label                   exclusions
 *   milestone:"Sprint 1"  no:milestone         the milestone (by title)
 *   is:open is:closed state:open               state
 *   is:issue is:pr type:issue type:pr          kind; is:merged / is:unmerged for pull requests
 *   author:bob  in:title in:body in:comments   author, where free words must occur
 *   created:2024-01-01  created:>=2024-01-01T10:00:00Z  created:<2024-02-01  created:2024-01-01..2024-01-31
 *   created:2024-01-01T10:00:00Z..*            when it was created: a day (YYYY-MM-DD) or a second (THH:MM:SS, then Z
 *                                              or +HH:MM; none: UTC), compared with > >= < <= or a range A..B (both
 *                                              ends included; * leaves one open); several created: must all hold
 *   sort:created-desc (default) sort:created-asc sort:updated-desc sort:updated-asc sort:comments-desc
 *   sort:reactions-+1-desc
 *
 * Free words must all occur (case-insensitive; "quoted phrases" stay whole) in the title or body
 * (or where `in:` says). Unknown qualifiers are treated as words, as GitHub does.
 */
import type { SearchDoc } from "./state.js";

export interface SearchQuery {
  owners: string[];
  repos: string[];
  labelGroups: string[][];
  notLabels: string[];
  noLabel: boolean;
  milestones: string[];
  noMilestone: boolean;
  states: Set<"open" | "closed">;
  kinds: Set<"issue" | "pull_request">;
  merged: boolean | null;
  authors: string[];
  in: Set<"title" | "body" | "comments">;
  words: string[];
  /** `created:` conditions, each a half-open span of epoch milliseconds [from, to): all must hold. */
  created: Array<{ from: number; to: number }>;
  sort: { field: "created" | "updated" | "comments" | "reactions-+1"; direction: "asc" | "desc" };
}

const TOKEN = /(-?)([A-Za-z][A-Za-z_-]*):((?:"[^"]*"|[^\s"])+)|"([^"]*)"|(\S+)/g;

function splitValues(raw: string): string[] {
  const out: string[] = [];
  for (const m of raw.matchAll(/"([^"]*)"|([^,]+)/g)) {
    const v = (m[1] ?? m[2] ?? "").trim();
    if (v) out.push(v);
  }
  return out;
}

export function parseSearchQuery(q: string): SearchQuery {
  const out: SearchQuery = {
    owners: [],
    repos: [],
    labelGroups: [],
    notLabels: [],
    noLabel: false,
    milestones: [],
    noMilestone: false,
    states: new Set(),
    kinds: new Set(),
    merged: null,
    authors: [],
    in: new Set(),
    words: [],
    created: [],
    sort: { field: "created", direction: "desc" },
  };
  for (const m of q.matchAll(TOKEN)) {
    const [, neg, qualifierRaw, valueRaw, phrase, word] = m;
    if (phrase !== undefined) {
      if (phrase.trim()) out.words.push(phrase.toLowerCase());
      continue;
    }
    if (word !== undefined) {
      out.words.push(word.toLowerCase());
      continue;
    }
    const qualifier = qualifierRaw!.toLowerCase();
    const values = splitValues(valueRaw!);
    const value = (values[0] ?? "").toLowerCase();
    const negated = neg === "-";
    switch (qualifier) {
      case "org":
      case "user":
      case "owner":
        out.owners.push(...values.map((v) => v.toLowerCase()));
        break;
      case "repo":
        out.repos.push(...values.map((v) => v.toLowerCase()));
        break;
      case "label":
        if (negated) out.notLabels.push(...values.map((v) => v.toLowerCase()));
        else out.labelGroups.push(values.map((v) => v.toLowerCase()));
        break;
      case "no":
        if (value === "label") out.noLabel = true;
        if (value === "milestone") out.noMilestone = true;
        break;
      case "is":
      case "state":
      case "type":
        if (value === "open" || value === "closed") out.states.add(value);
        else if (value === "issue") out.kinds.add("issue");
        else if (value === "pr" || value === "pull-request") out.kinds.add("pull_request");
        else if (value === "merged") out.merged = true;
        else if (value === "unmerged") out.merged = false;
        break;
      case "milestone":
        out.milestones.push(value);
        break;
      case "author":
        out.authors.push(value);
        break;
      case "in":
        for (const v of values) if (v === "title" || v === "body" || v === "comments") out.in.add(v);
        break;
      case "created": {
        const span = createdSpan(valueRaw!);
        if (span) out.created.push(span);
        else out.words.push(m[0].toLowerCase());
        break;
      }
      case "sort": {
        const sm = /^(created|updated|comments|reactions-\+1)(?:-(asc|desc))?$/.exec(value);
        if (sm) out.sort = { field: sm[1] as SearchQuery["sort"]["field"], direction: (sm[2] as "asc" | "desc" | undefined) ?? "desc" };
        break;
      }
      default:
        out.words.push(m[0].toLowerCase());
    }
  }
  return out;
}

/**
 * A date (the whole UTC day) or a date and time (that second) as the span [start, end) of epoch ms;
 * null when it is neither. GitHub reads a time without an offset as UTC.
 */
function instantSpan(raw: string): { start: number; end: number } | null {
  const day = /^(\d{4})-(\d{2})-(\d{2})$/.exec(raw);
  if (day) {
    const start = Date.parse(`${raw}T00:00:00Z`);
    return Number.isNaN(start) ? null : { start, end: start + 86_400_000 };
  }
  const time = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2})?)(Z|[+-]\d{2}:\d{2})?$/.exec(raw);
  if (!time) return null;
  const start = Date.parse(`${time[1]}${time[1]!.length === 16 ? ":00" : ""}${time[2] ?? "Z"}`);
  return Number.isNaN(start) ? null : { start, end: start + (time[1]!.length === 16 ? 60_000 : 1000) };
}

/** A `created:` value (`>=X`, `>X`, `<=X`, `<X`, `A..B` with `*` for an open end, or `X`) as [from, to); null when malformed. */
function createdSpan(value: string): { from: number; to: number } | null {
  const cmp = /^(>=|<=|>|<)(.+)$/.exec(value);
  if (cmp) {
    const at = instantSpan(cmp[2]!);
    if (!at) return null;
    const open = { from: Number.NEGATIVE_INFINITY, to: Number.POSITIVE_INFINITY };
    if (cmp[1] === ">=") return { ...open, from: at.start };
    if (cmp[1] === ">") return { ...open, from: at.end };
    if (cmp[1] === "<=") return { ...open, to: at.end };
    return { ...open, to: at.start };
  }
  const range = /^(.+)\.\.(.+)$/.exec(value);
  if (range) {
    const a = range[1] === "*" ? { start: Number.NEGATIVE_INFINITY, end: Number.NEGATIVE_INFINITY } : instantSpan(range[1]!);
    const b = range[2] === "*" ? { start: Number.POSITIVE_INFINITY, end: Number.POSITIVE_INFINITY } : instantSpan(range[2]!);
    return a && b ? { from: a.start, to: b.end } : null;
  }
  const at = instantSpan(value);
  return at ? { from: at.start, to: at.end } : null;
}

export function matchesSearch(doc: SearchDoc, q: SearchQuery): boolean {
  const scope = [...q.owners.map((o) => doc.owner.toLowerCase() === o), ...q.repos.map((r) => doc.repo.toLowerCase() === r)];
  if (scope.length && !scope.some(Boolean)) return false;
  const labels = doc.labels.map((l) => l.toLowerCase());
  for (const group of q.labelGroups) if (!group.some((l) => labels.includes(l))) return false;
  if (q.notLabels.some((l) => labels.includes(l))) return false;
  if (q.noLabel && labels.length) return false;
  if (q.milestones.length && !q.milestones.includes((doc.milestone ?? "").toLowerCase())) return false;
  if (q.noMilestone && doc.milestone !== null) return false;
  if (q.states.size && !q.states.has(doc.state)) return false;
  if (q.kinds.size && !q.kinds.has(doc.kind)) return false;
  if (q.merged !== null && (doc.kind !== "pull_request" || doc.merged !== q.merged)) return false;
  if (q.authors.length && !q.authors.includes(doc.author.toLowerCase())) return false;
  if (q.created.length) {
    const t = Date.parse(doc.createdAt);
    if (!q.created.every((c) => t >= c.from && t < c.to)) return false;
  }
  if (q.words.length) {
    const where = q.in.size ? q.in : new Set(["title", "body"]);
    const text = [where.has("title") ? doc.title : "", where.has("body") ? doc.body : "", where.has("comments") ? doc.comments.join("\n") : ""]
      .join("\n")
      .toLowerCase();
    if (!q.words.every((w) => text.includes(w))) return false;
  }
  return true;
}

export function sortSearch(docs: SearchDoc[], q: SearchQuery): SearchDoc[] {
  const dir = q.sort.direction === "asc" ? 1 : -1;
  const value = (d: SearchDoc): number | string => {
    switch (q.sort.field) {
      case "updated":
        return d.updatedAt;
      case "comments":
        return d.comments.length;
      case "reactions-+1":
        return d.reactionsPlusOne;
      default:
        return d.createdAt;
    }
  };
  return [...docs].sort((a, b) => {
    const va = value(a);
    const vb = value(b);
    if (va !== vb) return (va < vb ? -1 : 1) * dir;
    return (a.id - b.id) * dir;
  });
}
