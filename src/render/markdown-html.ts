/**
 * Markdown people wrote (published minutes, a gathering's "Happening now") as HTML for the
 * meetings site, sanitised the way GitHub sanitises it.
 *
 * The unified pipeline: remark-parse + remark-gfm (tables, task lists, strikethrough, autolinks)
 * → remark-rehype keeping raw HTML → rehype-raw (parses that HTML like a browser would, so
 * `<details>`, `<br>`, `<sub>` people write in minutes show as they do on GitHub) →
 * rehype-sanitize with its default schema (GitHub's: no script, style, iframe, event handler or
 * `javascript:` URL survives; ids get the `user-content-` prefix, once: remark-rehype is told not
 * to add its own) → rehype-stringify. Headings get GitHub's slug ids and in-page links (`#decisions`,
 * footnotes) are pointed at the prefixed ids, which GitHub does with a script (no new dependency:
 * github-slugger's rule is one regular expression).
 *
 * Docket's own hidden `<!-- docket… -->` records are removed first (the sanitiser drops every
 * comment anyway; removing them before parsing keeps one that is malformed from swallowing text).
 * Headings move down one level (`#` becomes `<h2>`), so the page's own `<h1>` stays the only one;
 * a task list's checkboxes are labelled "done" / "not done" for screen readers (axe: form elements need labels);
 * an image without alt text gets `alt=""` (axe: images need alt; GitHub's own has none to offer);
 * a table is wrapped in a focusable scrolling region named by its headers (the table stays a table).
 * Pure and synchronous; the same text always gives the same HTML.
 */
import rehypeRaw from "rehype-raw";
import rehypeSanitize from "rehype-sanitize";
import rehypeStringify from "rehype-stringify";
import remarkGfm from "remark-gfm";
import remarkParse from "remark-parse";
import remarkRehype from "remark-rehype";
import { unified } from "unified";

export interface MarkdownHtmlOptions {
  /**
   * Where the Markdown lives (e.g. the minutes file's web URL): relative links and images are
   * resolved against it, as GitHub resolves them when it shows the file. Without it they stay relative.
   */
  base?: string | null;
}

/** The small part of a hast tree this module walks (hast's types are not a dependency of Docket). */
interface HastNode {
  type: string;
  tagName?: string;
  properties?: Record<string, unknown>;
  children?: HastNode[];
}

/** Docket's hidden records (`<!-- docket:… -->`, `<!-- docket … -->`), up to their end or, if unclosed, the end of the line. */
const DOCKET_COMMENT = /<!--[ \t]*docket(?:-->|[\s\S]*?-->|[^\n]*)/g;

const HEADING = /^h([1-6])$/;

/** The text of a node and its descendants (a heading's, for its slug). */
function textOf(node: HastNode): string {
  if (node.type === "text") return String((node as { value?: unknown }).value ?? "");
  return (node.children ?? []).map(textOf).join("");
}

/**
 * GitHub's heading slug (github-slugger's rule): lower case, everything but letters, marks,
 * digits, `_`, `-` and spaces removed, spaces as `-`; a repeated slug gets `-1`, `-2`, ….
 */
function slugger() {
  const seen = new Map<string, number>();
  return (value: string): string => {
    const base = value
      .toLowerCase()
      .replace(/[^\p{L}\p{M}\p{N}\p{Pc}\- ]/gu, "")
      .replace(/ /g, "-");
    let slug = base;
    let n = seen.get(base) ?? 0;
    while (seen.has(slug)) slug = `${base}-${++n}`;
    seen.set(base, n);
    seen.set(slug, 0);
    return slug;
  };
}

/** The `raw` twin of a `blob` URL (`https://<server>/<owner>/<repo>/blob/<ref>/<path>`), where GitHub serves the file itself; null when `base` is no blob URL. */
function rawBase(base: URL): URL | null {
  const segments = base.pathname.split("/");
  if (segments[3] !== "blob") return null;
  const raw = new URL(base.href);
  raw.pathname = [...segments.slice(0, 3), "raw", ...segments.slice(4)].join("/");
  return raw;
}

const ID_PREFIX = "user-content-";

/**
 * A table inside `<div class="scroll" role="region" tabindex="0" aria-label="Table: …">`: the div
 * scrolls a wide table on a narrow screen (and can be focused to scroll by keyboard), so the table
 * itself keeps `display: table` and screen readers keep its headers. Named by its column headers.
 */
function scrolling(table: HastNode): HastNode {
  const firstRow = (node: HastNode): HastNode | null => {
    if (node.tagName === "tr") return node;
    for (const child of node.children ?? []) {
      const row = firstRow(child);
      if (row !== null) return row;
    }
    return null;
  };
  const headers = (firstRow(table)?.children ?? []).filter((cell) => cell.tagName === "th").map((cell) => textOf(cell).trim());
  const names = headers.filter((h) => h !== "").join(", ");
  const label = names === "" ? "Table" : `Table: ${names.length > 100 ? `${names.slice(0, 99)}…` : names}`;
  return { type: "element", tagName: "div", properties: { className: ["scroll"], role: "region", tabIndex: 0, ariaLabel: label }, children: [table] };
}

/**
 * After the sanitiser: moves headings down one level (`h1` → `h2`, …, `h6` stays) and gives them
 * GitHub's `user-content-<slug>` ids; points in-page links (`#decisions`, a footnote's `#fn-1`) at
 * the prefixed id when one exists, as GitHub's own script does; labels task-list checkboxes; gives
 * an image without alt text `alt=""`; resolves relative URLs against `base` (links to the file's
 * page, images to the raw file, since a blob URL is an HTML page no `<img>` can show).
 */
function adjust(base: URL | null) {
  const raw = base === null ? null : rawBase(base);
  const resolve = (node: HastNode, key: "href" | "src", against: URL | null) => {
    const value = node.properties?.[key];
    if (against === null || typeof value !== "string" || value === "" || value.startsWith("#") || /^[A-Za-z][A-Za-z0-9+.-]*:/.test(value)) return;
    try {
      (node.properties as Record<string, unknown>)[key] = new URL(value, against).href;
    } catch {
      // Left as written: the sanitiser already accepted it.
    }
  };
  const slug = slugger();
  const ids = new Set<string>();
  const anchors: HastNode[] = [];
  const walk = (node: HastNode) => {
    if (node.type === "element" && node.tagName !== undefined) {
      const props = (node.properties ??= {});
      const h = HEADING.exec(node.tagName);
      if (h !== null) {
        node.tagName = `h${Math.min(6, Number(h[1]) + 1)}`;
        if (typeof props.id !== "string") {
          const s = slug(textOf(node));
          if (s !== "") props.id = `${ID_PREFIX}${s}`;
        }
      }
      if (typeof props.id === "string") ids.add(props.id);
      if (node.tagName === "a") {
        resolve(node, "href", base);
        if (typeof props.href === "string" && props.href.startsWith("#")) anchors.push(node);
      }
      if (node.tagName === "img") {
        resolve(node, "src", raw ?? base);
        // Without alt, a screen reader reads the file name; GitHub's own rendering leaves it empty too.
        if (typeof props.alt !== "string") props.alt = "";
      }
      // A task list's checkbox has no label of its own (GitHub's neither): say what its state means.
      if (node.tagName === "input" && props.type === "checkbox") props.ariaLabel = props.checked ? "done" : "not done";
    }
    node.children?.forEach((child, i, siblings) => {
      walk(child);
      if (child.type === "element" && child.tagName === "table") siblings[i] = scrolling(child);
    });
  };
  return (tree: HastNode) => {
    walk(tree);
    for (const a of anchors) {
      const props = a.properties as Record<string, unknown>;
      const target = String(props.href).slice(1);
      let decoded = target;
      try {
        decoded = decodeURIComponent(target);
      } catch {
        // A malformed escape: compare as written.
      }
      if (!ids.has(decoded) && ids.has(`${ID_PREFIX}${decoded}`)) props.href = `#${ID_PREFIX}${target}`;
    }
  };
}

const processor = unified()
  .use(remarkParse)
  .use(remarkGfm)
  // clobberPrefix "": the sanitiser adds `user-content-` to every id (footnotes' too); remark-rehype adding it as well doubled it.
  .use(remarkRehype, { allowDangerousHtml: true, clobberPrefix: "" })
  .use(rehypeRaw)
  .use(rehypeSanitize)
  .use(rehypeStringify)
  .freeze();

/** Markdown → sanitised HTML (a fragment for inside `<main>`). */
export function markdownHtml(markdown: string, options: MarkdownHtmlOptions = {}): string {
  const text = markdown.replace(DOCKET_COMMENT, "");
  let base: URL | null = null;
  if (options.base) {
    try {
      base = new URL(options.base);
    } catch {
      base = null;
    }
  }
  const tree = processor.runSync(processor.parse(text));
  adjust(base)(tree as HastNode);
  return processor.stringify(tree).trim();
}
