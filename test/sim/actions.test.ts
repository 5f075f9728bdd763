/**
 * User actions through the control API (with the typed SimClient): permissions as GitHub's
 * repository roles decide, state changes, and signed webhooks whose payloads match GitHub's
 * published webhook schemas — for people's actions and for the app's own writes.
 */
import { createHmac } from "node:crypto";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { checkWebhookPayload } from "../contracts/webhooks.js";
import { SimClient, SimClientError } from "./client.js";
import { APP_ID, installationToken, octokitFor, startTestSimulator, violationText, webhookReceiver } from "./helpers.js";
import type { Simulator } from "./server.js";

const SECRET = "it's a secret to everybody";

let sim: Simulator;
let client: SimClient;
let hooks: Awaited<ReturnType<typeof webhookReceiver>>;

beforeAll(async () => {
  hooks = await webhookReceiver();
  sim = await startTestSimulator({ webhook: { url: hooks.url, secret: SECRET } });
  client = new SimClient(sim.url);
});
afterAll(async () => {
  await sim.close();
  await hooks.close();
});
beforeEach(async () => {
  await client.reset();
  hooks.received.length = 0;
});
afterEach(() => {
  expect(violationText(sim)).toEqual([]);
});

const valid = (name: string, payload: unknown) => expect(checkWebhookPayload(name, payload)).toEqual([]);

describe("webhooks", () => {
  it("a label by a person is delivered signed, with GitHub's headers and a payload built from state", async () => {
    const result = await client.label("bob", "sovereign/infra", 4, "agenda/iaas");
    expect(result.delivery).toMatchObject({ name: "issues.labeled", event: "issues", status: 202 });
    expect(hooks.received).toHaveLength(1);
    const hook = hooks.received[0]!;
    expect(hook.headers["x-github-event"]).toBe("issues");
    expect(hook.headers["x-github-delivery"]).toBe(result.delivery!.id);
    expect(hook.headers["x-github-delivery"]).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(hook.headers["x-github-hook-installation-target-id"]).toBe(String(APP_ID));
    expect(hook.headers["content-type"]).toBe("application/json");
    const expected = `sha256=${createHmac("sha256", SECRET).update(hook.body).digest("hex")}`;
    expect(hook.headers["x-hub-signature-256"]).toBe(expected);
    valid("issues.labeled", hook.json);
    expect(hook.json).toMatchObject({
      action: "labeled",
      label: { name: "agenda/iaas" },
      issue: { number: 4, title: "Disk usage alerts fire too often", user: { login: "carol" }, labels: [{ name: "agenda/iaas" }] },
      repository: { full_name: "sovereign/infra" },
      organization: { login: "sovereign" },
      sender: { login: "bob", type: "User" },
      installation: { id: 42 },
    });
    const issue = await client.issue("sovereign", "infra", 4);
    expect(issue.labels).toEqual([{ name: "agenda/iaas", addedAt: expect.any(String), by: "bob" }]);
  });

  it("labelling needs triage: carol is refused, nothing changes, nothing is delivered", async () => {
    const refused = await client.label("carol", "sovereign/infra", 4, "agenda/iaas").catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(SimClientError);
    expect(refused).toMatchObject({ status: 403, message: expect.stringContaining("needs the triage role") });
    expect((await client.issue("sovereign", "infra", 4)).labels).toEqual([]);
    expect(hooks.received).toHaveLength(0);
    // She may comment, react and open issues; labels she picks are silently dropped (as on GitHub).
    await client.comment("carol", "sovereign/infra", 4, "/agenda iaas 15m");
    expect(hooks.received.map((h) => `${h.headers["x-github-event"]}.${h.json.action}`)).toEqual(["issue_comment.created"]);
    valid("issue_comment.created", hooks.received[0]!.json);
    const opened = await client.open("carol", "sovereign/infra", { title: "Idea", labels: ["idea"] });
    expect((await client.issue("sovereign", "infra", opened.issue!.number)).labels).toEqual([]);
    const react = await client.react("carol", "sovereign/infra", 4, "+1");
    expect(react.delivery).toBeNull(); // GitHub sends no webhook for reactions
    expect((await client.issue("sovereign", "infra", 4)).reactions).toEqual({ "+1": ["carol"] });
  });

  it("every action delivers a schema-valid event (issues and pull requests)", async () => {
    const events: string[] = [];
    const run = async (p: Promise<{ deliveries: Array<{ name: string }> }>) => events.push(...(await p).deliveries.map((d) => d.name));
    await run(client.open("alice", "sovereign/standards", { title: "New topic", body: "text", labels: ["agenda/iaas"] }));
    await run(client.edit("alice", "sovereign/standards", 5, { title: "Renamed topic", body: "more text" }));
    await run(client.unlabel("bob", "sovereign/standards", 5, "agenda/iaas"));
    await run(client.close("bob", "sovereign/standards", 5, "not_planned"));
    await run(client.reopen("alice", "sovereign/standards", 5));
    await run(client.transfer("alice", "sovereign/standards", 5, "sovereign/infra"));
    await run(client.act({ as: "alice", action: "pin", repo: "sovereign/infra", number: 5 }));
    await run(client.delete("alice", "sovereign/infra", 5));
    await run(client.label("bob", "sovereign/infra", 2, "idea"));
    await run(client.close("bob", "sovereign/infra", 2));
    await run(client.comment("carol", "sovereign/infra", 2, "merged?"));
    await run(client.open("dave", "sovereign/infra", { title: "Feature", pullRequest: { head: "feature" } }));
    expect(events).toEqual([
      "issues.opened",
      "issues.labeled",
      "issues.edited",
      "issues.unlabeled",
      "issues.closed",
      "issues.reopened",
      "issues.transferred",
      "issues.opened",
      "issues.pinned",
      "issues.deleted",
      "pull_request.labeled",
      "pull_request.closed",
      "issue_comment.created",
      "pull_request.opened",
    ]);
    expect(hooks.received).toHaveLength(events.length);
    for (const h of hooks.received) valid(`${h.headers["x-github-event"]}.${h.json.action}`, h.json);
    const edited = hooks.received.find((h) => h.json.action === "edited")!.json;
    expect(edited.changes).toEqual({ title: { from: "New topic" }, body: { from: "text" } });
    const transferred = hooks.received.find((h) => h.json.action === "transferred")!.json as {
      changes: { new_issue: { number: number }; new_repository: { full_name: string } };
    };
    expect(transferred.changes.new_issue.number).toBe(5);
    expect(transferred.changes.new_repository.full_name).toBe("sovereign/infra");
    const reopenedThere = hooks.received.filter((h) => h.json.action === "opened")[1]!.json as {
      repository: { full_name: string };
      changes: { old_issue: { number: number }; old_repository: { full_name: string } };
    };
    expect(reopenedThere).toMatchObject({
      repository: { full_name: "sovereign/infra" },
      changes: { old_issue: { number: 5 }, old_repository: { full_name: "sovereign/standards" } },
    });
    const prComment = hooks.received.find((h) => h.headers["x-github-event"] === "issue_comment")!.json as { issue: { pull_request?: unknown } };
    expect(prComment.issue.pull_request).toBeDefined();
  });

  it("a pushed file is committed and announced as push, with the files it added and modified", async () => {
    const first = await client.pushFile("alice", "sovereign/meetings", ".github/docket.yml", "meetings: {}\n", "Add Docket config");
    const second = await client.pushFile("alice", "sovereign/meetings", ".github/docket.yml", "meetings: { }\n");
    expect(first.commit).toMatch(/^[0-9a-f]{40}$/);
    const pushes = hooks.received.map(
      (h) =>
        h.json as {
          ref: string;
          after: string;
          before: string;
          commits: Array<{ added: string[]; modified: string[]; message: string }>;
          repository: { default_branch: string };
        },
    );
    for (const h of hooks.received) valid("push", h.json);
    expect(pushes.map((p) => [p.after, p.commits[0]!.added, p.commits[0]!.modified])).toEqual([
      [first.commit, [".github/docket.yml"], []],
      [second.commit, [], [".github/docket.yml"]],
    ]);
    expect(pushes[1]!.before).toBe(first.commit);
    expect(pushes[0]).toMatchObject({ ref: "refs/heads/main", repository: { default_branch: "main" }, commits: [{ message: "Add Docket config" }] });
    expect(await client.file("sovereign", "meetings", ".github/docket.yml")).toBe("meetings: { }\n");
    expect(await client.file("sovereign", "meetings", ".github/docket.yml", first.commit)).toBe("meetings: {}\n");
    expect(await client.file("sovereign", "meetings", "nope.md")).toBeNull();
    // bob (triage) may not push.
    await expect(client.pushFile("bob", "sovereign/meetings", "x.md", "x")).rejects.toMatchObject({ status: 403 });
  });

  it("the app's own writes through REST are announced too, with the app's bot as sender", async () => {
    const gh = octokitFor(sim, await installationToken(sim));
    await gh.request("POST /repos/{owner}/{repo}/issues/{issue_number}/labels", {
      owner: "sovereign",
      repo: "infra",
      issue_number: 4,
      labels: ["agenda/iaas"],
    });
    await gh.request("PATCH /repos/{owner}/{repo}/issues/{issue_number}", { owner: "sovereign", repo: "infra", issue_number: 4, body: "edited by Docket" });
    await gh.request("POST /repos/{owner}/{repo}/issues", {
      owner: "sovereign",
      repo: "meetings",
      title: "Team IaaS — 2025-01-13",
      body: "",
      labels: ["docket/iaas"],
    });
    await client.settled();
    expect(
      hooks.received.map(
        (h) =>
          `${h.headers["x-github-event"]}.${h.json.action} by ${(h.json.sender as { login: string; type: string }).login} (${(h.json.sender as { type: string }).type})`,
      ),
    ).toEqual([
      "issues.labeled by docket[bot] (Bot)",
      "issues.edited by docket[bot] (Bot)",
      "issues.opened by docket[bot] (Bot)",
      "issues.labeled by docket[bot] (Bot)",
    ]);
    for (const h of hooks.received) valid(`issues.${h.json.action}`, h.json);
    expect(hooks.received[1]!.json.changes).toEqual({ body: { from: "Since the last upgrade the alerts fire several times a day." } });
    expect((hooks.received[2]!.json.issue as { performed_via_github_app: { slug: string } }).performed_via_github_app.slug).toBe("docket");
  });

  it("deliveries are listed with their status; a failing receiver is recorded, not retried", async () => {
    const failing = await webhookReceiver(500);
    try {
      await client.setWebhook(failing.url, SECRET);
      const r = await client.comment("carol", "sovereign/infra", 4, "hello");
      expect(r.delivery?.status).toBe(500);
      const list = await client.deliveries();
      expect(list.map((d) => ({ name: d.name, status: d.status, repo: d.repo, sender: d.sender }))).toEqual([
        { name: "issue_comment.created", status: 500, repo: "sovereign/infra", sender: "carol" },
      ]);
    } finally {
      await client.setWebhook(hooks.url, SECRET);
      await failing.close();
    }
  });
});

describe("control API", () => {
  it("reset restores the loaded world", async () => {
    await client.label("bob", "sovereign/infra", 4, "agenda/iaas");
    await client.open("alice", "sovereign/infra", { title: "Extra" });
    await client.pushFile("alice", "sovereign/.github", ".github/docket.yml", "broken: [");
    await client.reset();
    expect((await client.issue("sovereign", "infra", 4)).labels).toEqual([]);
    await expect(client.issue("sovereign", "infra", 5)).rejects.toMatchObject({ status: 404 });
    expect(await client.file("sovereign", ".github", ".github/docket.yml")).toContain("label: agenda/iaas");
    expect((await client.log()).entries).toEqual([]);
    expect(await client.deliveries()).toEqual([]);
    // Numbering starts again where the world left it.
    expect((await client.open("alice", "sovereign/infra", { title: "Again" })).issue?.number).toBe(5);
  });

  it("the clock can be set and frozen: stored times follow it", async () => {
    await client.setClock({ now: "2025-01-13T12:00:00Z", frozen: true, stepMs: 60_000 });
    await client.label("bob", "sovereign/infra", 4, "agenda/iaas");
    await client.label("bob", "sovereign/infra", 4, "idea");
    const issue = await client.issue("sovereign", "infra", 4);
    expect(issue.labels.map((l) => l.addedAt)).toEqual(["2025-01-13T12:00:00Z", "2025-01-13T12:01:00Z"]);
    expect((await client.clock()).now).toBe("2025-01-13T12:02:00Z");
    await client.setClock({ advanceMs: 3600_000 });
    expect((await client.clock()).now).toBe("2025-01-13T13:02:00Z");
    await client.setClock({ frozen: false });
  });

  it("issues can be listed by label; unknown users and repositories are 404", async () => {
    const agenda = await client.issues("sovereign", "standards", { label: "agenda/iaas", state: "all" });
    expect(agenda.map((i) => [i.number, i.state])).toEqual([
      [1, "open"],
      [4, "closed"],
    ]);
    await expect(client.label("mallory", "sovereign/infra", 4, "x")).rejects.toMatchObject({ status: 404 });
    await expect(client.label("bob", "sovereign/nope", 4, "x")).rejects.toMatchObject({ status: 404 });
    await expect(client.act({ as: "bob", action: "fly" as never, repo: "sovereign/infra" })).rejects.toMatchObject({ status: 422 });
  });
});
