import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { bodyFits, characters, MAX_BODY, oversize, utf8Bytes } from "../../src/domain/limits.js";

describe("characters and bytes", () => {
  it("counts code points as GitHub does: an emoji is one character, two UTF-16 units, four bytes", () => {
    expect(characters("a😀é")).toBe(3);
    expect("a😀é".length).toBe(4);
    expect(utf8Bytes("a😀é")).toBe(1 + 4 + 2);
    expect(utf8Bytes("€")).toBe(3);
    expect(utf8Bytes("a😀é€")).toBe(Buffer.byteLength("a😀é€", "utf8"));
  });

  it("counts every code point once, a lone surrogate too (as for…of counts them)", () => {
    const unit = fc.oneof(
      fc.constantFrom("😀", "é", "\ud800", "\udc00", "a"),
      fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)),
    );
    fc.assert(
      fc.property(fc.string({ unit }), (text) => {
        expect(characters(text)).toBe(Array.from(text).length);
      }),
      { numRuns: 500 },
    );
  });

  it("a body fits at 65,536 characters, not at 65,537; emoji count once", () => {
    expect(bodyFits("x".repeat(MAX_BODY))).toBe(true);
    expect(bodyFits("x".repeat(MAX_BODY + 1))).toBe(false);
    expect(bodyFits("😀".repeat(MAX_BODY))).toBe(true);
    expect(bodyFits("😀".repeat(MAX_BODY + 1))).toBe(false);
  });
});

describe("oversize", () => {
  it("null when everything fits", () => {
    expect(oversize({ title: "t".repeat(256), body: "b".repeat(MAX_BODY), summary: "s".repeat(65_535), text: "", annotations: 50 })).toBeNull();
  });

  it("names every field over its limit", () => {
    expect(oversize({ title: "t".repeat(257), body: "b".repeat(70_000) })).toBe(
      "title has 257 characters, GitHub allows 256; body has 70,000 characters, GitHub allows 65,536",
    );
    expect(oversize({ summary: "é".repeat(32_768), annotations: 51 })).toBe(
      "check run summary has 65,536 bytes, GitHub allows 65,535; 51 annotations in one request, GitHub allows 50",
    );
  });
});
