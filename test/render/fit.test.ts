import { describe, expect, it } from "vitest";
import { utf8Bytes } from "../../src/domain/limits.js";
import { cutToBytes, fitBody } from "../../src/render/fit.js";

describe("cutToBytes", () => {
  it("leaves text that fits alone", () => {
    expect(cutToBytes("a\nb", 3, "cut")).toBe("a\nb");
  });

  it("cuts at the end of a line, counting UTF-8 bytes, and adds the note", () => {
    const text = ["é".repeat(10), "ü".repeat(10), "ö".repeat(10)].join("\n"); // 20 bytes a line
    const out = cutToBytes(text, 50, "(cut)");
    expect(out).toBe(`${"é".repeat(10)}\n${"ü".repeat(10)}\n\n(cut)`);
    expect(utf8Bytes(out)).toBeLessThanOrEqual(50);
  });

  it("one long line is cut inside it, never inside a character", () => {
    const out = cutToBytes("😀".repeat(100), 30, "…");
    expect(utf8Bytes(out)).toBeLessThanOrEqual(30);
    expect(out).toBe(`${"😀".repeat(6)}\n\n…`);
  });
});

describe("fitBody", () => {
  const compose = (n: number) => (fit: { titleMax?: number; listed?: number } | undefined) => {
    const listed = fit?.listed ?? n;
    const title = fit?.titleMax ? "t".repeat(fit.titleMax) : "t".repeat(200);
    return [...Array.from({ length: Math.min(listed, n) }, () => title), `+${n - Math.min(listed, n)}`].join("\n");
  };

  it("as it is when it fits; short titles before fewer items; the most items that fit; null when nothing fits", () => {
    expect(fitBody(3, compose(3), 1000)).toBe(compose(3)(undefined));
    expect(fitBody(10, compose(10), 1000)).toBe(compose(10)({ titleMax: 80 }));
    const out = fitBody(100, compose(100), 1000)!;
    expect(out.length).toBeLessThanOrEqual(1000);
    expect(out).toBe(compose(100)({ titleMax: 80, listed: 12 }));
    expect(fitBody(100, compose(100), 2)).toBeNull();
  });
});
