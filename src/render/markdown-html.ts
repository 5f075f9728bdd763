/**
 * Markdown people wrote (published minutes, a gathering's "Happening now") as HTML for the
 * meetings site, sanitised the way GitHub sanitises it.
 *
 * The unified pipeline: remark-parse + remark-gfm (tables, task lists, strikethrough, autolinks)
 * → remark-rehype keeping raw HTML → rehype-raw (parses that HTML like a browser would, so
 * `<details>`, `<br>`, `<sub>` people write in minutes show as they do on GitHub) →
 * rehype-sanitize with its default schema (GitHub's: no script, style, iframe, event handler or
 * `javascript:` URL survives; ids get the `user-content-` prefix) → rehype-stringify.
 *
 * Docket's own hidden `<!-- docket… -->` records are removed first (the sanitiser drops every
 * comment anyway; removing them before parsing keeps one that is malformed from swallowing text).
 * Headings move down one level (`#` becomes `<h2>`), so the page's own `<h1>` stays the only one;
 * a task list's checkboxes are labelled "done" / "not done" for screen readers (axe: form elements need labels).
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

/** The `raw` twin of a `blob` URL (`https://<server>/<owner>/<repo>/blob/<ref>/<path>`), where GitHub serves the file itself; null when `base` is no blob URL. */
function rawBase(base: URL): URL | null {
  const segments = base.pathname.split("/");
  if (segments[3] !== "blob") return null;
  const raw = new URL(base.href);
  raw.pathname = [...segments.slice(0, 3), "raw", ...segments.slice(4)].join("/");
  return raw;
}

/**
 * Moves headings down one level (`h1` → `h2`, …, `h6` stays), labels task-list checkboxes and
 * resolves relative URLs against `base`: links to the file's page, images to the raw file (a
 * blob URL is an HTML page, which no `<img>` can show).
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
  const walk = (node: HastNode) => {
    if (node.type === "element" && node.tagName !== undefined) {
      const h = HEADING.exec(node.tagName);
      if (h !== null) node.tagName = `h${Math.min(6, Number(h[1]) + 1)}`;
      if (node.tagName === "a") resolve(node, "href", base);
      if (node.tagName === "img") resolve(node, "src", raw ?? base);
      // A task list's checkbox has no label of its own (GitHub's neither): say what its state means.
      if (node.tagName === "input" && node.properties?.type === "checkbox") node.properties.ariaLabel = node.properties.checked ? "done" : "not done";
    }
    for (const child of node.children ?? []) walk(child);
  };
  return walk;
}

const processor = unified()
  .use(remarkParse)
  .use(remarkGfm)
  .use(remarkRehype, { allowDangerousHtml: true })
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
