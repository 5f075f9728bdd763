/** The pad clients against the HedgeDoc and HackMD stand-ins (test/sim/pads.ts). */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { padClient, PadError } from "../../src/pads/pads.js";
import { HEDGEDOC_MAX_LENGTH, startPadStandIns, type PadStandIns } from "../sim/pads.js";

let pads: PadStandIns;
beforeAll(async () => {
  pads = await startPadStandIns({ hackmdTokens: ["hackmd-secret"] });
});
afterAll(() => pads?.close());

describe("HedgeDoc", () => {
  it("creates a note from Markdown and reads back what people then typed", async () => {
    const client = padClient();
    const config = { pad: "hedgedoc" as const, url: `${pads.hedgedocUrl}/` };
    const pad = await client.create(config, { title: "Team IaaS — 2025-01-13", markdown: "# Team IaaS — 2025-01-13\n\n### #12 Ünïcode\n" });
    expect(pad).toEqual({ kind: "hedgedoc", id: expect.stringMatching(/^[A-Za-z0-9_-]+$/), url: `${pads.hedgedocUrl}/${pad.id}` });
    expect(pads.notes.hedgedoc.get(pad.id)?.content).toBe("# Team IaaS — 2025-01-13\n\n### #12 Ünïcode\n");
    pads.write("hedgedoc", pad.id, "### #12\nDecision: yes");
    expect(await client.read(config, pad)).toBe("### #12\nDecision: yes");
  });

  it("says what went wrong: a note too long, a note that is gone, a server that does not answer", async () => {
    const client = padClient();
    const config = { pad: "hedgedoc" as const, url: pads.hedgedocUrl };
    await expect(client.create(config, { title: "t", markdown: "x".repeat(HEDGEDOC_MAX_LENGTH + 1) })).rejects.toThrow(
      "creating the HedgeDoc pad: the server answered 413 (Payload Too Large)",
    );
    await expect(client.read(config, { kind: "hedgedoc", id: "gone", url: "u" })).rejects.toThrow("reading the pad u: the server answered 404");
    await expect(client.read(config, { kind: "hedgedoc", id: "../../etc", url: "u" })).rejects.toThrow(PadError);
    await expect(client.create({ pad: "hedgedoc", url: "http://127.0.0.1:9" }, { title: "t", markdown: "x" })).rejects.toThrow(/did not answer/);
  });

  it("the stand-in refuses a body HedgeDoc would not read as Markdown", async () => {
    const res = await fetch(`${pads.hedgedocUrl}/new`, { method: "POST", headers: { "content-type": "text/plain" }, body: "x", redirect: "manual" });
    expect(res.status).toBe(415);
  });
});

describe("HackMD", () => {
  it("creates a note with the token, readable by anyone with the link, and reads it back", async () => {
    const client = padClient({ hackmdToken: "hackmd-secret" });
    const config = { pad: "hackmd" as const, url: pads.hackmdApi };
    const pad = await client.create(config, { title: "Team IaaS — 2025-01-13", markdown: "### #12\n" });
    expect(pad).toEqual({ kind: "hackmd", id: expect.any(String), url: `${pads.url}/${pad.id}` });
    expect(pads.notes.hackmd.get(pad.id)).toEqual({
      id: pad.id,
      title: "Team IaaS — 2025-01-13",
      content: "### #12\n",
      readPermission: "guest",
      writePermission: "signed_in",
      commentPermission: "signed_in_users",
    });
    pads.write("hackmd", pad.id, "### #12\nAI @alice: do it");
    expect(await client.read(config, pad)).toBe("### #12\nAI @alice: do it");
  });

  it("without the token or with a wrong one, says so", async () => {
    const config = { pad: "hackmd" as const, url: pads.hackmdApi };
    await expect(padClient().create(config, { title: "t", markdown: "x" })).rejects.toThrow(
      "creating the HackMD pad: HackMD needs an API token in the environment variable HACKMD_TOKEN",
    );
    await expect(padClient({ hackmdToken: "wrong" }).create(config, { title: "t", markdown: "x" })).rejects.toThrow(
      "creating the HackMD pad: the server answered 401",
    );
  });
});
