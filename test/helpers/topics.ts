import type { Candidate, Topic } from "../../src/domain/types.js";

let counter = 0;

/** A topic as the gateway would deliver it; override what the test is about. */
export function topic(overrides: Partial<Topic> = {}): Topic {
  const number = overrides.number ?? ++counter;
  const repo = overrides.repo ?? "acme/infra";
  return {
    id: `I_${repo}#${number}`,
    kind: "issue",
    repo,
    number,
    title: `Topic ${number}`,
    url: `https://github.com/${repo}/issues/${number}`,
    author: "alice",
    state: "open",
    labels: [],
    body: "",
    createdAt: "2023-11-01T10:00:00Z",
    labeledAt: {},
    thumbsUp: 0,
    audience: { visibility: "public", owner: repo.split("/")[0] ?? "" },
    ...overrides,
  };
}

/** A candidate with an estimate and a queue time (minutes after 2023-11-20T09:00Z). */
export function candidate(title: string, minutes: number, queuedMinute: number, overrides: Partial<Topic> = {}): Candidate {
  const t = topic({ title, ...overrides });
  return {
    topic: t,
    minutes,
    estimateSource: "label",
    queuedAt: new Date(Date.UTC(2023, 10, 20, 9, queuedMinute)).toISOString(),
  };
}

export const titles = (xs: ReadonlyArray<{ topic: Topic }>): string[] => xs.map((x) => x.topic.title);
