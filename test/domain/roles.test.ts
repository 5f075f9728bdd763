import { describe, expect, it } from "vitest";
import { assignRoles } from "../../src/domain/roles.js";

const roles = { reporter: ["fkr", "garloff"], minutes: ["gndrmnn", "maxwolfs", "@berendt"] };

describe("assignRoles", () => {
  it("rotates round-robin per occurrence", () => {
    expect(assignRoles(roles, 0)).toEqual([
      { role: "reporter", login: "fkr" },
      { role: "minutes", login: "gndrmnn" },
    ]);
    expect(assignRoles(roles, 1)).toEqual([
      { role: "reporter", login: "garloff" },
      { role: "minutes", login: "maxwolfs" },
    ]);
    expect(assignRoles(roles, 2).map((r) => r.login)).toEqual(["fkr", "berendt"]);
  });

  it("skips people marked absent, and leaves a role empty when everyone is away", () => {
    expect(assignRoles(roles, 0, ["@FKR", "gndrmnn"]).map((r) => r.login)).toEqual(["garloff", "maxwolfs"]);
    expect(assignRoles({ reporter: ["fkr"] }, 5, ["fkr"])).toEqual([{ role: "reporter", login: null }]);
  });
});
