/**
 * Conditional file reads: a read that names the ETag of the last one is answered 304 by GitHub
 * when the file has not changed, and a 304 does not count against the rate limit
 * (docs.github.com/rest/using-the-rest-api/best-practices-for-using-the-rest-api#use-conditional-requests-if-appropriate).
 * Octokit throws a RequestError with status 304; it is an answer here, not a failure.
 */
import { statusOf, type OctokitLike, type RepoRef } from "./gateway.js";
import { OWNER_FILES } from "./queries.js";

export type FileRead =
  /** 304: the file is what the ETag named. */
  | { kind: "unchanged" }
  | { kind: "file"; text: string; etag: string | null }
  | { kind: "missing" };

/** A file's text on the default branch, unless it is still the one `etag` names. Rejects when GitHub fails (401/403 too: the caller decides). */
export async function readFileIfChanged(octokit: OctokitLike, at: RepoRef, path: string, etag: string | null): Promise<FileRead> {
  try {
    const res = await octokit.request("GET /repos/{owner}/{repo}/contents/{path}", {
      owner: at.owner,
      repo: at.repo,
      path,
      mediaType: { format: "raw" },
      ...(etag !== null ? { headers: { "if-none-match": etag } } : {}),
    });
    if (typeof res.data !== "string") return { kind: "missing" }; // a directory: no file here
    const tag = res.headers?.etag;
    return { kind: "file", text: res.data, etag: typeof tag === "string" ? tag : null };
  } catch (error) {
    const status = statusOf(error);
    if (status === 304 && etag !== null) return { kind: "unchanged" };
    if (status === 404) return { kind: "missing" };
    throw error;
  }
}

/**
 * At most this many pages (100 repositories each) of an owner's repositories are asked about; the
 * rest are read one by one. The listing is paid once per owner and TTL, up front: a few pages, so
 * an owner with thousands of repositories and a few active ones does not pay for all of them.
 */
const OWNER_FILES_PAGES = 3;

/**
 * Which of an owner's repositories (those the token can see, up to 300) have `path` on their
 * default branch: lower-case name -> whether it is there. One GraphQL request per 100
 * repositories (OWNER_FILES). A repository it does not name is unknown. Rejects when GitHub fails.
 */
export async function ownerFiles(octokit: OctokitLike, owner: string, path: string): Promise<Map<string, boolean>> {
  const has = new Map<string, boolean>();
  let after: string | null = null;
  for (let page = 0; page < OWNER_FILES_PAGES; page++) {
    const data = await octokit.graphql(OWNER_FILES, { owner, expression: `HEAD:${path}`, after });
    const conn = data?.repositoryOwner?.repositories;
    for (const node of conn?.nodes ?? []) if (typeof node?.name === "string") has.set(node.name.toLowerCase(), node.object?.__typename === "Blob");
    if (!conn?.pageInfo?.hasNextPage) break;
    after = conn.pageInfo.endCursor;
  }
  return has;
}
