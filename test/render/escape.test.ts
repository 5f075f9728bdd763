import { describe, expect, it } from "vitest";
import { codeSpan, commentJson, inline, link, mermaidText, safeUrl, truncate, writtenMarkdown } from "../../src/render/escape.js";

/** The zero-width space Docket puts after a mention's `@`, spelled out so the expectations show it. */
const Z = "\u200B";

describe("inline for a committed file", () => {
  const title = "Ask @team -> (x) | <script>alert(1)</script>";

  it("keeps mentions, arrows and parentheses as written, and escapes only what Markdown needs", () => {
    expect(inline(title, undefined, undefined, "file")).toBe("Ask @team -> (x) \\| \\<script>alert(1)\\</script>");
    // The same title where GitHub would notify: every guard.
    expect(inline(title)).toBe(`Ask @${Z}team -&gt; \\(x\\) \\| &lt;script&gt;alert\\(1\\)&lt;/script&gt;`);
  });

  it("escapes emphasis, code, link text and pairs of tildes or dollars, not snake_case or a lone $", () => {
    expect(inline("**bold** _it_ snake_case `code` [x](y) ~~gone~~ $5", undefined, undefined, "file")).toBe(
      "\\*\\*bold\\*\\* \\_it\\_ snake_case \\`code\\` \\[x\\](y) \\~\\~gone\\~\\~ $5",
    );
    expect(inline("$x$ and ~a~", undefined, undefined, "file")).toBe("\\$x\\$ and \\~a\\~");
  });

  it("keeps a backslash unless it would escape what follows, and an & unless it starts an entity", () => {
    expect(inline("C:\\dir\\file Q&A &lt; x\\", undefined, undefined, "file")).toBe("C:\\dir\\file Q&A \\&lt; x\\\\");
    expect(inline("a \\| b", undefined, undefined, "file")).toBe("a \\\\\\| b");
  });

  it("escapes what would start a heading, a list or a quote, only at the start; never a zero-width space", () => {
    expect(["# h", "- i", "1. n", "> q", "a > b"].map((t) => inline(t, undefined, undefined, "file"))).toEqual(["\\# h", "\\- i", "1\\. n", "\\> q", "a > b"]);
    expect(inline("@fkr says hi", 256, 9, "file")).toBe("@fkr sa…");
  });

  it("leaves a dash or plus that starts no list or rule as written: `-> x`, `-1`, `+1`", () => {
    expect(["-> x", "--> x", "-1 is the answer", "+1", "- x", "+ x", "---", "- - -", "-"].map((t) => writtenMarkdown(t, 2000, "file"))).toEqual([
      "-> x",
      "--> x",
      "-1 is the answer",
      "+1",
      "\\- x",
      "\\+ x",
      "\\---",
      "\\- - -",
      "\\-",
    ]);
    expect(inline("-> x")).toBe("\\-&gt; x");
  });
});

describe("inline", () => {
  it("keeps ordinary text as it is", () => {
    expect(inline("Discuss the new release plan, v2.0!")).toBe("Discuss the new release plan, v2.0!");
  });

  it("folds newlines and tabs into single spaces and trims", () => {
    expect(inline("  first line\r\nsecond\tline\n\n third  ")).toBe("first line second line third");
  });

  it("escapes table pipes", () => {
    expect(inline("a | b")).toBe("a \\| b");
    // A backslash before a pipe cannot un-escape it.
    expect(inline("a \\| b")).toBe("a \\\\\\| b");
  });

  it("turns < and > into entities, so no HTML comment or Docket marker can appear", () => {
    expect(inline("<!-- docket:end agenda -->")).toBe("&lt;!-- docket:end agenda --&gt;");
    expect(inline("<img src=x onerror=alert(1)>")).toBe("&lt;img src=x onerror=alert\\(1\\)&gt;");
  });

  it("escapes an & only where it would start an entity", () => {
    expect(inline("Q&A")).toBe("Q&A");
    expect(inline("&lt;!--")).toBe("&amp;lt;!--");
    expect(inline("&#60;")).toBe("&amp;#60;");
  });

  it("backslash-escapes emphasis, links, code, strikethrough and math", () => {
    expect(inline("**bold** _it_ ~~gone~~ `code` $x$")).toBe("\\*\\*bold\\*\\* \\_it\\_ \\~\\~gone\\~\\~ \\`code\\` \\$x\\$");
    expect(inline("[x](javascript:alert(1))")).toBe("\\[x\\]\\(javascript:alert\\(1\\)\\)");
    expect(inline("![img](https://e.org/a.png)")).toBe("!\\[img\\]\\(https://e.org/a.png\\)");
  });

  it("escapes what would start a heading or a nested list, only at the start", () => {
    expect(inline("# Heading")).toBe("\\# Heading");
    expect(inline("- item")).toBe("\\- item");
    expect(inline("+ item")).toBe("\\+ item");
    expect(inline("1. one")).toBe("1\\. one");
    expect(inline("2) two")).toBe("2\\) two");
    expect(inline("Fix #12 - then 1. more")).toBe("Fix #12 - then 1. more");
  });

  it("neutralises mentions of people and teams with a zero-width space, leaving e-mail addresses alone", () => {
    expect(inline("ping @fkr and @SovereignCloudStack/iaas-team")).toBe(`ping @${Z}fkr and @${Z}SovereignCloudStack/iaas-team`);
    expect(inline("@fkr first")).toBe(`@${Z}fkr first`);
    expect(inline("(@fkr)")).toBe(`\\(@${Z}fkr\\)`);
    expect(inline("mail info@example.org, or just @ me")).toBe("mail info@example.org, or just @ me");
  });

  it("caps long text at 256 characters with an ellipsis", () => {
    const long = "x".repeat(300);
    const out = inline(long);
    expect(Array.from(out)).toHaveLength(256);
    expect(out.endsWith("x…")).toBe(true);
    expect(inline("abcdef", 4)).toBe("abc…");
    expect(inline("abcd", 4)).toBe("abcd");
  });

  it("never splits a character made of two UTF-16 units", () => {
    expect(truncate("🎉🎉🎉", 2)).toBe("🎉…");
  });
});

describe("codeSpan", () => {
  it("wraps text in backticks, using a longer fence when the text has backticks", () => {
    expect(codeSpan("agenda/iaas")).toBe("`agenda/iaas`");
    expect(codeSpan("a`b")).toBe("``a`b``");
    expect(codeSpan("`x")).toBe("`` `x ``");
  });

  it("breaks HTML comment delimiters so no marker can appear", () => {
    expect(codeSpan("<!-- docket:end agenda -->")).toBe("`<\u200B!-- docket:end agenda --\u200B>`");
  });
});

describe("safeUrl and link", () => {
  it("accepts https URLs and encodes what could end the link or a table cell", () => {
    expect(safeUrl("https://github.com/o/r/issues/1")).toBe("https://github.com/o/r/issues/1");
    expect(safeUrl("https://example.org/a(b)|c d")).toBe("https://example.org/a%28b%29%7Cc%20d");
  });

  it("accepts plain http too: a GitHub Enterprise Server may be served over it", () => {
    expect(safeUrl("http://ghe.internal/o/r/issues/1")).toBe("http://ghe.internal/o/r/issues/1");
  });

  it("refuses anything but http(s), and credentials", () => {
    for (const url of ["javascript:alert(1)", "data:text/html,hi", "/relative", "", "https://user:pw@example.org", "ftp://example.org/x"]) {
      expect(safeUrl(url)).toBeNull();
    }
  });

  it("links escaped text, and renders text only for an unsafe URL", () => {
    expect(link("Fix [it]", "https://e.org/1")).toBe("[Fix \\[it\\]](https://e.org/1)");
    expect(link("click me", "javascript:alert(1)")).toBe("click me");
  });
});

describe("commentJson", () => {
  it("cannot close an HTML comment", () => {
    const json = commentJson({ ids: ["a-->b", "<!--", "&"] });
    expect(json).toBe('{"ids":["a--\\u003eb","\\u003c!--","\\u0026"]}');
    expect(JSON.parse(json)).toEqual({ ids: ["a-->b", "<!--", "&"] });
  });
});

describe("inline with a cap on the escaped text", () => {
  it("cuts after escaping, never inside an escape: 256 '<' in at most 80 characters", () => {
    const out = inline("<".repeat(256), 256, 80);
    expect(out).toBe(`${"&lt;".repeat(19)}…`);
    expect(out.length).toBeLessThanOrEqual(80);
  });

  it("leaves text that fits as it is", () => {
    expect(inline("Ceph upgrade", 256, 80)).toBe("Ceph upgrade");
    expect(inline("a*b", 256, 4)).toBe("a\\*b");
  });

  it("keeps backslash escapes, entities and a mention's zero-width space whole", () => {
    for (let max = 1; max <= 30; max++) {
      const out = inline("**@alice & [x](y) <b>", 256, max);
      expect(out.length).toBeLessThanOrEqual(max);
      expect(out).not.toMatch(/\\…|&l…|&lt…|&g…|&gt…|@…/);
      expect(out.endsWith("…") || out === inline("**@alice & [x](y) <b>")).toBe(true);
    }
    expect(inline("@alice says hi", 256, 9)).toBe("@\u200Balice…");
  });

  it("never cuts a multi-byte character or a grapheme in half", () => {
    const flags = "🇩🇪🇫🇷🇮🇹";
    for (let max = 1; max <= 12; max++) {
      const out = inline(flags, 256, max);
      const kept = out.replace(/…$/, "");
      expect(flags.startsWith(kept)).toBe(true);
      expect(kept.length % 4).toBe(0); // whole flags only (two regional indicators, two UTF-16 units each)
    }
    expect(inline("e\u0301e\u0301e\u0301", 256, 4)).toBe("e\u0301…");
  });

  it("still escapes block syntax at the start of a cut title", () => {
    expect(inline(`# ${"x".repeat(100)}`, 256, 10)).toBe("\\# xxxxxx…");
    expect(inline(`1. ${"x".repeat(100)}`, 256, 10)).toBe("1\\. xxxxx…");
  });
});

describe("writtenMarkdown: what people wrote in the minutes, for a committed file", () => {
  it("keeps links, code, emphasis, mentions and arrows as written", () => {
    const note = "the draft is at [docs#4](https://github.com/sovereign/docs/pull/4), run `make docs` -> **done** by @carol (x)";
    expect(writtenMarkdown(note, 2000, "file")).toBe(note);
  });

  it("opens no HTML and no comment outside code, and starts no heading", () => {
    expect(writtenMarkdown("<details>rest of the file <!-- docket:sprint-review {} -->", 2000, "file")).toBe(
      "\\<details>rest of the file \\<!-- docket:sprint-review {} -->",
    );
    expect(writtenMarkdown("use `<details>` and a < b", 2000, "file")).toBe("use `<details>` and a < b");
    expect(writtenMarkdown("# not a heading", 2000, "file")).toBe("\\# not a heading");
  });

  it("keeps every guard where GitHub notifies", () => {
    expect(writtenMarkdown("[x](https://e.org) @carol", 2000, "notify")).toBe(inline("[x](https://e.org) @carol", 2000));
  });
});

/** What a reader sees: Mermaid's entity codes (`#amp;`, `#35;`) turned back into characters, as Mermaid does after parsing. */
function mermaidShows(label: string): string {
  return label.replace(/#(\w+);/g, (_, code: string) => (code === "amp" ? "&" : code === "quot" ? '"' : String.fromCodePoint(Number(code))));
}

describe("mermaidText", () => {
  it.each([
    ["&", "#amp;"],
    ['"', "#quot;"],
    ["#", "#35;"],
    [";", "#59;"],
    [":", "#58;"],
    ["%", "#37;"],
    ["`", "#96;"],
    ["<", "#60;"],
    [">", "#62;"],
    ["[", "#91;"],
    ["]", "#93;"],
    ["{", "#123;"],
    ["}", "#125;"],
    ["|", "#124;"],
    ["\\", "#92;"],
    ["=", "#61;"],
    ["😀", "#128512;"],
  ])("keeps %s as Mermaid's entity code %s", (c, code) => {
    expect(mermaidText(`Q${c}A`)).toBe(`Q${code}A`);
    expect(mermaidShows(mermaidText(`Q${c}A`))).toBe(`Q${c}A`);
  });

  it("keeps letters, digits and plain punctuation as they are", () => {
    expect(mermaidText("Sprint 3 - Hobart's (v2.1/x+y) Göteborg_Ünïcode")).toBe("Sprint 3 - Hobart's (v2.1/x+y) Göteborg_Ünïcode");
  });

  it("folds lines and breaks every run of dashes, so no statement, comment or marker can form", () => {
    const evil = 'Evil: title; with #hash\n```\nand %% comment <!-- docket:end agenda --> %%{init: {"theme":"dark"}}%%';
    const label = mermaidText(evil, "x");
    // Outside its entity codes, nothing that could end a statement, a string or the block.
    expect(label.replace(/#\w+;/g, "")).not.toMatch(/[\n:;#%"`<>&]/);
    expect(label).not.toContain("--");
    expect(mermaidShows(label)).toBe(truncate(evil.replace(/\n/g, " "), 60));
    expect(mermaidText("a--->b")).toBe("a-#45;#45;#62;b");
  });

  it("encodes the first letter of a name that starts with a word Mermaid reads as a statement, so it stays a name", () => {
    expect(mermaidText("Section 5 of the standard")).toBe("#83;ection 5 of the standard");
    expect(mermaidText("Call for papers")).toBe("#67;all for papers");
    expect(mermaidText("click here")).toBe("#99;lick here");
    expect(mermaidText("title fight")).toBe("#116;itle fight");
    expect(mermaidText("2025-02-03 retro")).toBe("#50;025-02-03 retro");
    expect(mermaidText("Ceph deep dive")).toBe("Ceph deep dive");
  });

  it("caps the text at 60 characters before encoding, and uses the fallback for nothing", () => {
    expect(mermaidText("x".repeat(100))).toBe(`${"x".repeat(59)}#8230;`);
    expect(mermaidText(" \n ", "Sprint")).toBe("Sprint");
  });
});
