/**
 * Private stays private: which topics, ideas and sprint items an output may show.
 *
 * The rule: a topic is shown only where everybody who can read the output can
 * read the topic. GitHub has three repository visibilities; Docket orders them
 * by who may read them and compares owners:
 *
 * - a public topic may be shown anywhere;
 * - an internal topic only in an internal or private output of the same owner
 *   (internal repositories are readable by the owner's enterprise members);
 * - a private topic only in a private output of the same owner.
 *
 * So a public repository's output (meeting issue, backlog, minutes, sprint
 * review, promotion comment) shows public topics only; an internal one's adds
 * internal topics of its owner; a private one's adds private ones of its owner.
 * A private output of the same owner is trusted with private topics of other
 * repositories of that owner: that is the owner's own audience, which is what
 * an org-wide configuration asks for.
 *
 * Unknowns fall to the safe side: an output whose visibility is unknown counts
 * as public (`outputAudience`), a topic whose visibility is unknown as private
 * (the gateway maps it so). A board draft has no repository: it is readable by
 * whoever may read the board, so it carries the board's audience: public when
 * GitHub says the board is public (`ProjectV2.public`), else private to the
 * board's owner (`draftAudience`).
 *
 * What is left out is counted, never named: `partitionVisible` returns the
 * count, and jobs log it (the app) or put it in the summary (the Action).
 */

export type Visibility = "public" | "internal" | "private";

/** Who may read something: its repository's visibility and owner (a login, compared case-insensitively). */
export interface Audience {
  visibility: Visibility;
  owner: string;
}

/** GitHub's `RepositoryVisibility` (PUBLIC, INTERNAL, PRIVATE) or REST's `visibility`; null for anything else. */
export function parseVisibility(value: unknown): Visibility | null {
  if (typeof value !== "string") return null;
  const v = value.toLowerCase();
  return v === "public" || v === "internal" || v === "private" ? v : null;
}

/** The audience of an output in a repository: unknown visibility counts as public (the widest readership). */
export function outputAudience(owner: string, visibility: unknown): Audience {
  return { visibility: parseVisibility(visibility) ?? "public", owner };
}

/** The audience of a topic in a repository ("owner/name"): unknown visibility counts as private (the narrowest). */
export function topicAudience(nameWithOwner: string, visibility: unknown): Audience {
  return { visibility: parseVisibility(visibility) ?? "private", owner: nameWithOwner.split("/")[0] ?? "" };
}

/** A board draft is readable by whoever may read the board: public if the board is, else private to its owner. */
export function draftAudience(boardOwner: string, boardPublic: boolean | null | undefined): Audience {
  return { visibility: boardPublic === true ? "public" : "private", owner: boardOwner };
}

const sameOwner = (a: Audience, b: Audience): boolean => a.owner !== "" && a.owner.toLowerCase() === b.owner.toLowerCase();

/** Whether something readable by `item` may be shown in an output readable by `output`. */
export function canShow(item: Audience, output: Audience): boolean {
  switch (item.visibility) {
    case "public":
      return true;
    case "internal":
      return output.visibility !== "public" && sameOwner(item, output);
    case "private":
      return output.visibility === "private" && sameOwner(item, output);
  }
}

/** The items that may be shown in `output`, in their order, and how many were left out. */
export function partitionVisible<T>(items: readonly T[], audienceOf: (item: T) => Audience, output: Audience): { shown: T[]; hidden: number } {
  const shown = items.filter((item) => canShow(audienceOf(item), output));
  return { shown, hidden: items.length - shown.length };
}
