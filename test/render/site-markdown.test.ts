import { describe, expect, it } from "vitest";
import { markdownHtml } from "../../src/render/markdown-html.js";

describe("minutes Markdown as HTML on the site", () => {
  it("drops scripts, event handlers, javascript: links and frames", () => {
    const html = markdownHtml(
      [
        "Before",
        "",
        '<script>alert("x")</script>',
        "",
        '<img src="https://example.org/a.png" onerror="alert(1)">',
        "",
        '[click](javascript:alert(1)) <a href="JaVaScRiPt:alert(2)">raw</a>',
        "",
        '<iframe src="https://evil.example"></iframe>',
        "",
        '<p style="position:fixed" onclick="x()">styled</p>',
        "",
        "After",
      ].join("\n"),
    );
    expect(html).not.toMatch(/<script|alert\("x"\)|onerror|onclick|javascript:|<iframe|evil\.example|style=/i);
    expect(html).toContain('<img src="https://example.org/a.png" alt="">');
    expect(html).toContain("<a>click</a>");
    expect(html).toContain("Before");
    expect(html).toContain("After");
  });

  it("keeps GFM tables, task lists (disabled checkboxes), strikethrough, autolinks and fenced code", () => {
    const html = markdownHtml(
      [
        "| Topic | Decision |",
        "| --- | --- |",
        "| Builds | ~~March~~ April |",
        "",
        "- [x] done",
        "- [ ] open",
        "",
        "See https://example.org/roadmap.",
        "",
        "```yaml",
        "cadence: <biweekly>",
        "```",
      ].join("\n"),
    );
    expect(html).toContain("<table>");
    expect(html).toContain("<th>Decision</th>");
    expect(html).toContain("<td><del>March</del> April</td>");
    expect(html).toContain('<input type="checkbox" checked disabled aria-label="done"> done');
    expect(html).toContain('<input type="checkbox" disabled aria-label="not done"> open');
    expect(html).toContain('<a href="https://example.org/roadmap">https://example.org/roadmap</a>');
    expect(html).toContain('<pre><code class="language-yaml">cadence: &#x3C;biweekly>\n</code></pre>');
  });

  it("names a task list's checkboxes, so a screen reader says whether the item is done", () => {
    const html = markdownHtml("- [x] @bob publishes the standard\n- [ ] @dave automates the builds");
    expect(html).toMatch(/<input [^>]*aria-label="done"[^>]*> @bob publishes the standard/);
    expect(html).toMatch(/<input [^>]*aria-label="not done"[^>]*> @dave automates the builds/);
  });

  it("a table stays a table, inside a named region that scrolls it and can be reached by keyboard", () => {
    const html = markdownHtml("| Topic | Decision |\n| --- | --- |\n| Builds | April |");
    expect(html).toMatch(/^<div class="scroll" role="region" tabindex="0" aria-label="Table: Topic, Decision"><table>[\s\S]*<\/table><\/div>$/);
  });

  it("keeps the HTML GitHub shows: details, br, sub", () => {
    const html = markdownHtml("<details><summary>Raw notes</summary>\n\nLine one<br>H<sub>2</sub>O\n\n</details>");
    expect(html).toContain("<details><summary>Raw notes</summary>");
    expect(html).toContain("Line one<br>H<sub>2</sub>O");
  });

  it("removes Docket's hidden records, even one left unclosed, without losing the text after it", () => {
    const html = markdownHtml('<!-- docket:minutes {"series":"iaas"} -->\n# Minutes\n\n<!-- docket:agenda {"a":1}\n\nText after');
    expect(html).not.toContain("docket");
    expect(html).toContain("Text after");
  });

  it("moves headings down one level so the page's own h1 stays the only one", () => {
    expect(markdownHtml("# Minutes\n\n## Decisions\n\n###### Deep")).toMatch(/^<h2[^>]*>Minutes<\/h2>\n<h3[^>]*>Decisions<\/h3>\n<h6[^>]*>Deep<\/h6>$/);
  });

  it("resolves relative links and images against the minutes file, as GitHub does", () => {
    const html = markdownHtml("[notes](../notes.md) [top](#decisions) [abs](https://example.org/)", {
      base: "https://github.com/scc/community/blob/main/minutes/iaas/2025-02-17.md",
    });
    expect(html).toContain('href="https://github.com/scc/community/blob/main/minutes/notes.md"');
    expect(html).toContain('href="#decisions"');
    expect(html).toContain('href="https://example.org/"');
  });

  it("footnotes and links to headings lead somewhere: ids with one user-content- prefix, and hrefs to match, as on GitHub", () => {
    const html = markdownHtml(
      "# Decisions & next steps\n\nSee [below](#decisions--next-steps), [again](#again).[^1]\n\n## Again\n\n## Again\n\n[^1]: The note.",
    );
    const ids = new Set([...html.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]));
    const targets = [...html.matchAll(/href="#([^"]+)"/g)].map((m) => m[1]);
    expect(targets).toHaveLength(4); // two links, the footnote and its way back
    for (const t of targets) expect(ids, t).toContain(t);
    expect(html).toContain('<h2 id="user-content-decisions--next-steps">');
    expect(html).toContain('<h3 id="user-content-again-1">Again</h3>');
    expect(html).not.toContain("user-content-user-content");
  });

  it("gives an image without alt text an empty one, so screen readers skip it rather than read its file name", () => {
    expect(markdownHtml('<img src="https://example.org/a.png">')).toContain('<img src="https://example.org/a.png" alt="">');
  });

  it("shows a relative image from the raw file, not from GitHub's HTML page of it, on github.com and on GHES", () => {
    expect(markdownHtml("![chart](img/a.png)", { base: "https://github.com/o/r/blob/main/minutes/2024.md" })).toContain(
      '<img src="https://github.com/o/r/raw/main/minutes/img/a.png" alt="chart">',
    );
    const ghes = markdownHtml("![chart](../img/a.png) [notes](notes.md)", { base: "https://git.example.org/o/r/blob/v2/minutes/iaas/2025.md" });
    expect(ghes).toContain('src="https://git.example.org/o/r/raw/v2/minutes/img/a.png"');
    expect(ghes).toContain('href="https://git.example.org/o/r/blob/v2/minutes/iaas/notes.md"');
  });
});
