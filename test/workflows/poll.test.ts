/**
 * `/poll` (src/workflows/poll.ts) against the local GitHub: the simulator answers the poll's
 * GraphQL document (DocketPollComments), and 👍 on the slot comments become the tally.
 */
import { describe, expect, it } from "vitest";
import { readPollResult, readSlotComment } from "../../src/render/poll.js";
import { handlePollCommands } from "../../src/workflows/poll.js";
import { jobContext, useActionWorld } from "./action-world.js";

const sim = useActionWorld();
const NOW = "2025-01-08T09:00:00Z";
const at = { owner: "sovereign", repo: "infra" };

describe("poll on the local GitHub", () => {
  it("posts the slots, reads the 👍 through GraphQL and posts the ranking", async () => {
    // The action world's token acts as github-actions[bot], a bot like Docket; alice may triage.
    const say = async (body: string) => ({ id: (await sim.act({ as: "alice", action: "comment", repo: "sovereign/infra", number: 4, body })).comment!.id, body, author: "alice" });
    const open = await handlePollCommands(jobContext(sim, NOW), { repo: at, issueNumber: 4 }, await say("/poll slots 2025-02-03..2025-02-05 09:00 UTC"), null);
    expect(open).toMatchObject({ posted: 3, replies: [] });
    const comments = await jobContext(sim, NOW).gateway.pollComments(at, 4);
    const slots = comments.filter((c) => readSlotComment(c.body) !== null);
    expect(slots.map((c) => [readSlotComment(c.body)!.date, c.byBot])).toEqual([["2025-02-03", true], ["2025-02-04", true], ["2025-02-05", true]]);
    await sim.act({ as: "bob", action: "react", repo: "sovereign/infra", number: 4, comment: slots[1]!.id, content: "+1" });
    await sim.act({ as: "carol", action: "react", repo: "sovereign/infra", number: 4, comment: slots[1]!.id, content: "+1" });
    await sim.act({ as: "carol", action: "react", repo: "sovereign/infra", number: 4, comment: slots[2]!.id, content: "+1" });
    const read = await jobContext(sim, NOW).gateway.pollComments(at, 4);
    expect(read.find((c) => c.id === slots[1]!.id)).toMatchObject({ thumbsUp: ["bob", "carol"], thumbsUpTotal: 2 });

    const close = await handlePollCommands(jobContext(sim, NOW), { repo: at, issueNumber: 4 }, await say("/poll close"), null);
    expect(readPollResult(close.result)).toBe("2025-02-03..2025-02-05 09:00 UTC");
    expect(close.result).toContain("| 1 | Tuesday, 4 February 2025, 09:00 UTC | 2 | [bob](https://github.com/bob), [carol](https://github.com/carol) |");
  });
});
