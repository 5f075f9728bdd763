/**
 * Worlds of the size issue 14 measures, for the local GitHub: one organisation ("acme") whose
 * `.github` names one weekly meeting, `topics` issues labelled for it across `repos`
 * repositories, `spare` more issues not labelled yet (for the benchmark to label), and optionally
 * a board of `boardItems` items (every third a draft; every other one with Status "Agenda").
 * Used by bench/rebuild.ts and the request-count test (test/e2e/rebuild-requests.e2e.test.ts).
 */
import type { Simulator, World } from "../sim/server.js";
import { APP_ID, INSTALLATION_ID } from "../sim/helpers.js";

export const ORG = "acme";
export const LABEL = "agenda/iaas";

export interface AgendaWorldOptions {
  topics: number;
  repos: number;
  /** Issues not labelled yet, spread over the repositories like the topics. */
  spare?: number;
  /** A board of this many items behind the meeting (its items are then the topics too). */
  boardItems?: number;
}

/** The title of spare issue `i` (they follow the topics in each repository); no title contains another. */
export const spareTitle = (i: number) => `Spare topic ${String(i).padStart(4, "0")}`;
/** The title of the issue behind board item `i`. */
export const boardTitle = (i: number) => `Board topic ${String(i).padStart(4, "0")}`;
/** Where spare issue `i` lives. */
export function spareIssue(o: AgendaWorldOptions, i: number): { repo: string; number: number } {
  return { repo: `${ORG}/r-${i % o.repos}`, number: Math.ceil(o.topics / o.repos) + 1 + Math.floor(i / o.repos) };
}

export function agendaWorld(o: AgendaWorldOptions): World {
  const board = o.boardItems ? "\n    board: { owner: acme, number: 6 }" : "";
  const config = `repository: meetings
meetings:
  iaas:
    title: Team IaaS
    cadence: weekly
    day: monday
    time: "14:00"
    duration: 2h
    timezone: Europe/Berlin
    label: ${LABEL}
    default-estimate: 5m${board}
`;
  // One a minute, topics first, then the spare issues: as a real organisation's issues (more than
  // 1,000 created in one second only happen in an import, where search cannot read them all).
  const at = (n: number) => new Date(Date.parse("2025-01-02T10:00:00Z") + n * 60_000).toISOString().replace(".000Z", "Z");
  const perRepo = Math.ceil(o.topics / o.repos);
  const spare = o.spare ?? 0;
  const repos = Array.from({ length: o.repos }, (_, r) => {
    const issues: Array<Record<string, unknown>> = [];
    for (let k = 0; k < perRepo; k++) {
      const i = k * o.repos + r;
      if (i >= o.topics) break;
      issues.push({ number: k + 1, title: `Topic ${i}`, author: "alice", created_at: at(i), labels: [{ name: LABEL, at: at(i), by: "bob" }] });
    }
    for (let s = r; s < spare; s += o.repos)
      issues.push({ number: spareIssue(o, s).number, title: spareTitle(s), author: "alice", created_at: at(o.topics + s) });
    return { name: `r-${r}`, labels: [{ name: LABEL, color: "0e8a16" }], issues };
  });
  const boardItems = Array.from({ length: o.boardItems ?? 0 }, (_, i) => {
    const values = { Status: i % 2 === 0 ? "Agenda" : "Done" };
    if (i % 3 === 0) return { draft: { title: `Draft ${i}`, body: "" }, values };
    return { content: `${ORG}/board-topics#${i + 1}`, values };
  });
  if (o.boardItems) {
    repos.push({
      name: "board-topics",
      labels: [],
      issues: Array.from({ length: o.boardItems }, (_, i) => ({ number: i + 1, title: boardTitle(i), author: "alice", created_at: at(i) })),
    });
  }
  return {
    now: "2025-01-08T09:00:00Z",
    users: ["alice", "bob"],
    orgs: [
      {
        login: ORG,
        members: { alice: "admin", bob: "triage" },
        repos: [
          { name: ".github", files: { ".github/docket.yml": config } },
          {
            name: "meetings",
            labels: [
              { name: "docket/iaas", color: "5319e7" },
              { name: LABEL, color: "0e8a16" },
            ],
          },
          ...repos,
        ],
        projects: o.boardItems
          ? [{ number: 6, title: "Planning", fields: [{ name: "Status", type: "single_select", options: ["Agenda", "Done"] }], items: boardItems }]
          : [],
      },
    ],
    app: { id: APP_ID, slug: "docket", name: "Docket", owner: ORG, installations: [{ id: INSTALLATION_ID, account: ORG }] },
  } as World;
}

/** The text of the meeting issues Docket keeps in acme/meetings (every one, newest last). */
export function meetingText(sim: Simulator): string {
  const repo = sim.state.repo(ORG, "meetings");
  return [...(repo?.issues.values() ?? [])].map((i) => `${i.title}\n${i.body ?? ""}`).join("\n");
}
