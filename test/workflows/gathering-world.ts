/**
 * A multi-track gathering on the local GitHub (issue 15): the action world plus a private
 * repository, and a configuration with an event of three tracks over three days. Each track has
 * 30 minutes a day (nova an hour) and topics take 30 minutes, so a track holds three topics.
 */
import { ptgConfig } from "../helpers/gathering.js";
import type { Simulator } from "../sim/server.js";
import { actionWorld, loadedConfig, useActionWorld } from "./action-world.js";

export const NOW = "2025-01-20T09:00:00Z";

export const GATHERING_CONFIG = ptgConfig({
  tracks: [
    "{ id: edge, title: Edge, room: Room A }",
    "{ id: tripleo, title: TripleO, room: Room B }",
    "{ id: nova, title: Nova, room: Room C, daily-budget: 1h, issue: true }",
  ],
});

export const gatheringConfig = (text = GATHERING_CONFIG) => loadedConfig(text);

/** The action world with a private repository (its topics never reach the public event issue). */
export function useGatheringWorld(): Simulator {
  return useActionWorld(() => {
    const world = actionWorld() as any;
    world.orgs[0].repos.push({ name: "secret", visibility: "private", labels: [{ name: "ptg/edge", color: "0e8a16" }] });
    return world;
  });
}

/** Opens a topic in `repo` labelled with `labels` (as alice, who may label); its number. */
export async function openTopic(sim: Simulator, title: string, labels: string[], repo = "sovereign/infra"): Promise<number> {
  const outcome = await sim.act({ as: "alice", action: "open", repo, title, labels });
  return outcome.issue!.number;
}
