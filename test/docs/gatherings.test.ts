/**
 * docs/gatherings.md's configuration is what people copy to set up a gathering: it must be valid
 * and mean what the page says of it.
 */
import { readFileSync } from "node:fs";
import { expect, it } from "vitest";
import { parseConfigText } from "../../src/config/load.js";
import { resolveTracks } from "../../src/domain/tracks.js";

const page = readFileSync(new URL("../../docs/gatherings.md", import.meta.url), "utf8");

it("its .github/docket.yml is a valid config whose tracks are as the page describes them", () => {
  const yaml = /```yaml\n# \.github\/docket\.yml\n([\s\S]*?)```/.exec(page)?.[1];
  expect(yaml).toBeDefined();
  const result = parseConfigText(yaml!);
  expect(result.ok ? [] : result.problems).toEqual([]);
  if (!result.ok) return;
  const tracks = resolveTracks("ptg", result.config.meetings.ptg!.event!);
  expect(
    tracks.map(
      (t) =>
        `${t.label} ${t.room} from +${t.days[0]!.from}m ${t.days.map((d) => `${d.date}:${d.capacity}m`).join(",")} total ${t.total} chairs ${t.chairs.join(",") || "-"} issue ${t.issue}`,
    ),
  ).toEqual([
    "ptg/edge Room A from +0m 2025-02-03:120m,2025-02-04:120m,2025-02-05:120m total 240 chairs carol issue false",
    "ptg/tripleo Room B from +60m 2025-02-03:60m,2025-02-04:60m,2025-02-05:60m total null chairs - issue false",
    "ptg/nova Room C from +0m 2025-02-04:120m,2025-02-05:120m total null chairs - issue true",
  ]);
});
