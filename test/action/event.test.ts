import { describe, expect, it } from "vitest";
import { eventInputs, parseRepository, withEvent } from "../../src/action/event.js";
import { issuesPayload } from "../fixtures/webhooks.js";

const meetings = { owner: "sovereign", repo: "meetings", ownerType: "Organization" as const };

describe("eventInputs", () => {
  it("takes the closed issue of an issues event as the meeting issue", () => {
    const payload = issuesPayload("closed", { ...meetings, number: 7, title: "Team IaaS — 2025-01-13", labels: ["docket/iaas"] });
    expect(eventInputs({ name: "issues", payload })).toEqual({ issue: { owner: "sovereign", repo: "meetings", number: 7 }, ownerType: "Organization" });
  });

  it("takes nothing from other issues actions, and says why", () => {
    const payload = issuesPayload("opened", { ...meetings, number: 7 });
    const got = eventInputs({ name: "issues", payload });
    expect(got.issue).toBeUndefined();
    expect(got.note).toBe('an issues event with action "opened": only a closed issue names a meeting');
  });

  it("reads the owner's type from a user's repository", () => {
    const payload = issuesPayload("closed", { owner: "alice", repo: "notes", ownerType: "User", number: 2 });
    expect(eventInputs({ name: "issues", payload }).ownerType).toBe("User");
  });

  it("takes date, series and sprint from workflow_dispatch inputs", () => {
    const payload = { inputs: { date: "2025-01-13", series: "iaas", sprint: "" }, ref: "refs/heads/main" };
    expect(eventInputs({ name: "workflow_dispatch", payload })).toEqual({ date: "2025-01-13", series: "iaas" });
    expect(() => eventInputs({ name: "workflow_dispatch", payload: { inputs: { date: "next monday" } } })).toThrow(
      'workflow_dispatch input date: expected a date YYYY-MM-DD, got "next monday"',
    );
  });

  it("takes nothing from a schedule", () => {
    expect(eventInputs({ name: "schedule", payload: { schedule: "0 6 * * *" } })).toEqual({});
  });
});

describe("withEvent", () => {
  it("lets the step's inputs win and the event fill the gaps", () => {
    const merged = withEvent({ command: "minutes", date: "2025-01-27" }, { date: "2025-01-13", series: "iaas", issue: { owner: "o", repo: "r", number: 3 } });
    expect(merged).toEqual({ command: "minutes", date: "2025-01-27", series: "iaas", issue: { owner: "o", repo: "r", number: 3 } });
  });
});

describe("parseRepository", () => {
  it("reads GITHUB_REPOSITORY", () => {
    expect(parseRepository("sovereign/meetings")).toEqual({ owner: "sovereign", repo: "meetings" });
    expect(() => parseRepository(undefined)).toThrow('GITHUB_REPOSITORY: expected owner/name, got ""');
    expect(() => parseRepository("sovereign")).toThrow(/expected owner\/name/);
  });
});
