/**
 * The idea backlog: an issue (and a Markdown file) listing every idea, in
 * alphabetical order on purpose, so the order claims no priority. The caller
 * sorts; rendering keeps the order it is given.
 */
import type { Topic } from "../domain/types.js";
import { codeSpan, inline, linkMarkdown, type Target } from "./escape.js";
import { GITHUB, titleFirstText, userLink } from "./format.js";
import { fitBody, notListedNote, type ListFit } from "./fit.js";
import { mergeSections, stateComment } from "./markers.js";

export const BACKLOG_SECTION = "backlog";

export interface BacklogOptions {
  /** The label that makes an issue an idea. */
  label: string;
  serverUrl?: string;
  /** A GitHub search that shows every idea (the label's), linked when not all are listed. */
  allIdeasUrl?: string;
  /** How much to leave out so the issue fits GitHub's limit (see fitBacklog); default: nothing. */
  fit?: ListFit;
}

/**
 * One idea, title first since the list is read by title: "- [Title — owner/repo#12](url) by
 * [author](profile)", "- Title by [author](profile)" for a draft (linked when it has a URL).
 */
function ideaLine(topic: Topic, serverUrl: string, titleMax?: number, target: Target = "notify"): string {
  return `- ${linkMarkdown(titleFirstText(topic, titleMax, target), topic.url)} by ${userLink(topic.author, serverUrl, target)}`;
}

/**
 * The `backlog` section: the order disclaimer, then one line per idea with its
 * author, and the hidden state line listing the ideas' ids (so a lagging search
 * cannot drop an idea that was listed before).
 */
export function backlogSection(ideas: ReadonlyArray<{ topic: Topic }>, opts: BacklogOptions): string {
  const serverUrl = opts.serverUrl ?? GITHUB;
  const blocks = ["## Ideas"];
  if (ideas.length === 0) {
    blocks.push(`No ideas yet — label an issue ${codeSpan(opts.label)} to add it here.`);
  } else {
    blocks.push("Ordered alphabetically; the order claims no priority.");
    const shown = ideas.slice(0, opts.fit?.listed ?? ideas.length);
    if (shown.length > 0) blocks.push(shown.map(({ topic }) => ideaLine(topic, serverUrl, opts.fit?.titleMax)).join("\n"));
    if (shown.length < ideas.length)
      blocks.push(notListedNote(ideas.length - shown.length, "idea", "in the backlog", { label: opts.label, url: opts.allIdeasUrl }));
  }
  blocks.push(stateComment({ scheduled: ideas.map(({ topic }) => topic.id), waiting: [] }));
  return blocks.join("\n\n");
}

/**
 * A backlog body made to fit GitHub's limit (./fit.ts): `compose` builds the whole body from the
 * options (people's text included); titles are shortened first, then only the first ideas listed.
 * Null when not even a list of no ideas fits.
 */
export function fitBacklog(ideas: ReadonlyArray<{ topic: Topic }>, opts: BacklogOptions, compose: (opts: BacklogOptions) => string): string | null {
  return fitBody(ideas.length, (fit) => compose(fit ? { ...opts, fit } : opts));
}

/** The body of a new backlog issue: a word for people, then the `backlog` section. */
export function backlogBody(ideas: ReadonlyArray<{ topic: Topic }>, opts: BacklogOptions): string {
  const intro =
    `This issue collects ideas: each issue labelled ${codeSpan(opts.label)} is listed below, and Docket keeps the list up to date. ` +
    "To propose an idea, open an issue and add the label. Anything written outside the list stays as you wrote it.";
  return mergeSections(intro, [{ name: BACKLOG_SECTION, content: backlogSection(ideas, opts) }]).body;
}

export interface BacklogPageOptions extends BacklogOptions {
  /** The page's title (the backlog's `title`). */
  title: string;
}

/**
 * The backlog as a Markdown page (the Action's `backlog` command): the title,
 * how to add an idea, and the same list in the same order as the backlog
 * issue. No date and no hidden state: the same ideas give the same bytes, so
 * publishing it again changes nothing. Ends with one newline.
 */
export function backlogPage(ideas: ReadonlyArray<{ topic: Topic }>, opts: BacklogPageOptions): string {
  const serverUrl = opts.serverUrl ?? GITHUB;
  const label = codeSpan(opts.label);
  const blocks = [`# ${inline(opts.title, 200, undefined, "file")}`];
  if (ideas.length === 0) {
    blocks.push(`No ideas yet — label an issue ${label} to add it here.`);
  } else {
    blocks.push(
      `${ideas.length === 1 ? "One idea" : `${ideas.length} ideas`} from issues labelled ${label}, ordered alphabetically: the order claims no priority. To propose one, open an issue and add the label.`,
    );
    blocks.push(ideas.map(({ topic }) => ideaLine(topic, serverUrl, undefined, "file")).join("\n"));
  }
  return `${blocks.join("\n\n")}\n`;
}
