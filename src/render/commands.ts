/**
 * What Docket says to a command: the refusals of `/agenda` and `/poll`, and the
 * refusal reply itself, which ends with a hidden marker naming whom it answered:
 * `<!-- docket:refused {"to":"login"} -->`. Docket reads its own earlier
 * refusal replies on an issue back by that marker, to answer each person at
 * most once an hour (see src/workflows/command-plan.ts).
 */
import { CONFIG_PATH } from "../config/load.js";
import type { RepoRef } from "../github/gateway.js";
import { codeSpan, hiddenJson, readHiddenJson } from "./escape.js";

export const REFUSED_TAG = "refused";

const repoName = (at: RepoRef) => codeSpan(`${at.owner}/${at.repo}`);

export function agendaOnDocketIssue(): string {
  return "`/agenda` works on the issue or pull request you want to discuss, not on a meeting issue.";
}

export function agendaNotAllowed(author: string, at: RepoRef): string {
  return `@${author} only the author of this issue or people with triage permission (or more) on ${repoName(at)} can change its agenda; nothing was changed. Ask a maintainer to add the label, or to comment the command for you.`;
}

export function pollNotAllowed(author: string, at: RepoRef): string {
  return `@${author} only people with triage permission (or more) on ${repoName(at)} can open or close a poll; nothing was changed. Vote with 👍 on the slots that suit you.`;
}

export function configHasProblems(): string {
  return `Docket cannot run \`/agenda\` right now: its configuration (\`${CONFIG_PATH}\`) has problems. A maintainer can see them in the "Docket configuration" check of the last change to that file.`;
}

/** One reply for all of a comment's refusals, with the marker that says whom it answered. */
export function refusalReply(person: string, refusals: readonly string[]): string {
  return `${refusals.join("\n\n")}\n\n${hiddenJson(REFUSED_TAG, { to: person.toLowerCase() })}`;
}

/** Whom a refusal reply answered; null for any other comment. */
export function readRefusal(body: string): string | null {
  const to = readHiddenJson(body, REFUSED_TAG)?.to;
  return typeof to === "string" && to !== "" ? to : null;
}
