/**
 * GitHub's own example payloads for every event Docket listens to: the app must take each
 * without an error. They run against the simulator holding the examples' world (Codertocat's
 * Hello-World, the Octocoders organisation, …) with the app installed on every account; nobody
 * there has a Docket config, so the app reads and never writes. Many examples are repository
 * webhooks and name no installation, which GitHub always names in an app's webhooks: those get
 * the installation of their account, the rest is unmodified. And a payload that is not what
 * GitHub sends must not crash the app either.
 */
import { describe, expect, it } from "vitest";
import { examplePayloads } from "../contracts/webhooks.js";
import { useAppSim } from "../helpers/app-sim.js";
import { APP_ID } from "../sim/helpers.js";
import type { World } from "../sim/world.js";

const EVENTS = ["issues", "pull_request", "issue_comment", "push", "projects_v2_item"];

/** The accounts GitHub's examples name, with the installation ids they carry. */
const INSTALLATIONS: Record<string, number> = { Codertocat: 1, Octocoders: 249715, "octo-org": 2, github: 3, hellomouse: 4 };
const DOCS_WORLD: World = {
  users: [{ login: "Codertocat", repos: [{ name: "Hello-World" }] }, "monalisa", "wolfy1339"],
  orgs: [{ login: "Octocoders" }, { login: "octo-org", repos: [{ name: "octo-repo" }] }, { login: "github" }, { login: "hellomouse" }],
  app: {
    id: APP_ID,
    slug: "docket",
    name: "Docket",
    owner: "Codertocat",
    installations: Object.entries(INSTALLATIONS).map(([account, id]) => ({ id, account })),
  },
};

/** The payload as GitHub delivers it to an app: with the installation of its account. */
function asAppWebhook(payload: Record<string, unknown>): Record<string, unknown> {
  if (payload.installation) return payload;
  const { repository, organization } = payload as { repository?: { owner: { login: string } }; organization?: { login: string } };
  const account = String(repository?.owner.login ?? organization?.login);
  const id = INSTALLATIONS[account];
  if (id === undefined) throw new Error(`no installation for ${account} in DOCS_WORLD`);
  return { ...payload, installation: { id, node_id: `MDIzOkludGVncmF0aW9uSW5zdGFsbGF0aW9u${id}` } };
}

const github = useAppSim(DOCS_WORLD);

describe("GitHub's example payloads", () => {
  const cases = EVENTS.flatMap((event) =>
    examplePayloads(event).map((payload, i) => [`${event}.${String(payload.action ?? "")} #${i}`, event, asAppWebhook(payload)] as const),
  );

  it("cover every event Docket subscribes to", () => {
    expect(new Set(cases.map(([, event]) => event))).toEqual(new Set(EVENTS));
  });

  // useAppSim checks after each case that no job failed and no request broke GitHub's contract.
  it.each(cases)("%s is handled without an error", async (_name, event, payload) => {
    await github.docket.accept({ id: "example", name: event, body: JSON.stringify(payload) });
    await github.docket.idle();
    expect(github.writes()).toEqual([]);
  });
});

describe("payloads GitHub would not send", () => {
  it("an issues event without an issue or repository, or a body that is not JSON, is ignored, not a crash", async () => {
    const { docket } = github;
    await docket.accept({ id: "odd-1", name: "issues", body: JSON.stringify({ action: "labeled", sender: { login: "x", type: "User" } }) });
    await docket.accept({ id: "odd-2", name: "issue_comment", body: JSON.stringify({ action: "created", comment: { body: "/agenda x" } }) });
    await docket.accept({ id: "odd-3", name: "push", body: JSON.stringify({ commits: null }) });
    await docket.accept({ id: "odd-4", name: "issues", body: "{ signed, but not JSON" });
    await docket.idle();
    expect(await docket.status()).toMatchObject({ failed: 0, busy: 0 });
    expect(github.requests()).toEqual([]);
  });
});
