/**
 * Plain data shared by domain/, render/, github/ and workflows/.
 * Nothing here knows about Octokit or the clock: the gateway turns GitHub's
 * answers into these shapes, the domain computes on them.
 */
import type { Audience } from "./visibility.js";

/** An issue, pull request or (later) board draft that may become a topic or an idea. */
export interface Topic {
  /** GraphQL node id: stable across renames and the key we store in generated state. */
  id: string;
  kind: "issue" | "pull_request" | "draft";
  /** "owner/name"; empty for a board draft. */
  repo: string;
  /** Issue or pull-request number; null for a board draft. */
  number: number | null;
  title: string;
  url: string;
  /** Login of the author; null when GitHub reports a deleted user ("ghost"). */
  author: string | null;
  state: "open" | "closed";
  labels: string[];
  body: string;
  /** ISO-8601 instant the topic was created. */
  createdAt: string;
  /** For each label on the topic: the ISO-8601 instant since which it has been on (./topics.ts labelTimes). */
  labeledAt: Record<string, string>;
  /** Votes under `order: votes`: distinct people other than the author who gave the topic a 👍, bots never (./topics.ts countVotes). */
  thumbsUp: number;
  /** Who may read it: its repository's visibility and owner; a draft's board's (./visibility.ts). */
  audience: Audience;
}

/** Where an estimate came from, in order of precedence. */
export type EstimateSource = "form" | "label" | "board" | "default";

/** A topic ready to be packed into an agenda: its estimate and its place in the queue are known. */
export interface Candidate {
  topic: Topic;
  minutes: number;
  estimateSource: EstimateSource;
  /** ISO-8601 instant it joined the queue (the agenda label was added). */
  queuedAt: string;
}

export interface ScheduledTopic extends Candidate {
  /** Minutes from the start of the meeting (or of the day, for a multi-day event). */
  offset: number;
  /** Index of the day, for a multi-day event; always 0 for a single meeting. */
  day: number;
}

export type WaitingReason = "no-room" | "too-long";

export interface WaitingTopic extends Candidate {
  /** 1-based place on the waiting list. */
  position: number;
  reason: WaitingReason;
}

/** A time budget to fill: one slot for a meeting, one per day for a multi-day event. */
export interface Slot {
  /** Minutes available for topics. */
  capacity: number;
  /** Local calendar date of the day (YYYY-MM-DD): how a previous plan finds its days again, even when the event's days change. */
  date?: string;
}

export type WaitingListPolicy = "first-fit" | "strict";
export type TopicOrder = "fifo" | "votes";

export interface Agenda {
  slots: Slot[];
  scheduled: ScheduledTopic[];
  waiting: WaitingTopic[];
  /** Minutes used per slot. */
  used: number[];
}

/** One meeting of a series, resolved to concrete instants. */
export interface Occurrence {
  seriesId: string;
  /** Local calendar date of the meeting in its time zone, YYYY-MM-DD. */
  date: string;
  /** ISO-8601 instant with the local offset, e.g. 2023-12-04T14:00:00.000+01:00. */
  start: string;
  end: string;
  timezone: string;
}

/** What Docket stores (hidden) inside the agenda section, to know what changed since the last write. */
export interface AgendaState {
  scheduled: string[];
  waiting: string[];
  /** Topic id -> ISO-8601 instant it joined the queue, for every listed topic: kept, not read again. */
  queuedAt?: Record<string, string>;
  /**
   * Topic id -> where it was scheduled at the last write (its day's local date and its offset),
   * for every scheduled topic: the previous plan that packing keeps stable (../domain/agenda.ts).
   * Absent in states written before plans were kept: then the agenda is packed afresh, once.
   */
  plan?: Record<string, PlannedPlace>;
  /**
   * Topic id -> the track ids of each scheduled session, for a multi-track gathering
   * (../domain/tracks.ts): to notice a topic that joined a track since. Absent elsewhere.
   */
  tracks?: Record<string, string[]>;
}

/** Where a topic sits on a plan: the local date of its day and minutes from the day's first topic slot. */
export interface PlannedPlace {
  date: string;
  offset: number;
}

/** One entry of the idea backlog. */
export interface Idea {
  topic: Topic;
}
