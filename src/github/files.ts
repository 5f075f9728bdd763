/**
 * Files and branches: the gateway's contents reads and writes (`Files`), and, for the app's
 * configuration cache (src/app/configs.ts), conditional file reads and which of an owner's
 * repositories have a file.
 *
 * Conditional file reads: a read that names the ETag of the last one is answered 304 by GitHub
 * when the file has not changed, and a 304 does not count against the rate limit
 * (docs.github.com/rest/using-the-rest-api/best-practices-for-using-the-rest-api#use-conditional-requests-if-appropriate).
 * Octokit throws a RequestError with status 304; it is an answer here, not a failure.
 */
import { allowingNotFound, graphqlErrors, repoKey, statusOf, type GitHubClient, type OctokitLike, type RepoRef } from "./client.js";
import { OWNER_FILES } from "./queries.js";
import type { OwnerFilesData } from "./wire.js";

export const CONFIG_PATH = ".github/docket.yml";

/** A file's text and blob sha (needed to update it). */
export interface FileAtRef {
  text: string;
  sha: string;
}

/** What `filesOnDefaultBranch` read: each path's text (null: no such file) and where the repository is on the web. */
export interface FilesRead {
  url: string;
  defaultBranch: string;
  texts: Map<string, string | null>;
}

/** Paths per GraphQL query of `filesOnDefaultBranch` (GitHub's node limit is far off; the answer stays a few MB at most). */
export const FILES_PER_QUERY = 50;

/** The document for `count` files: `$e0..$e<count-1>` are `HEAD:<path>` expressions, answered as aliases `f0..`. */
export function filesQuery(count: number): string {
  const n = Array.from({ length: count }, (_, i) => i);
  const vars = n.map((i) => `, $e${i}: String!`).join("");
  const objects = n.map((i) => `      f${i}: object(expression: $e${i}) { __typename ... on Blob { text isTruncated } }`).join("\n");
  return `query DocketFiles($owner: String!, $name: String!${vars}) {
    repository(owner: $owner, name: $name) {
      url
      defaultBranchRef { name }
${objects}
    }
  }`;
}

type BlobAnswer = { __typename?: string; text?: string | null; isTruncated?: boolean } | null;
type FilesData = { repository?: { url?: string; defaultBranchRef?: { name?: string } | null; [alias: string]: unknown } | null };

/** What REST answers for a path's contents (a file; a directory answers an array). */
type RestContents = { type?: string; content?: unknown; sha: string } | unknown[] | null;

export class Files {
  constructor(private readonly client: GitHubClient) {}

  /** A file's text at a ref; null when it does not exist. */
  async fileText(at: RepoRef, path: string, ref?: string): Promise<string | null> {
    try {
      const res = await this.client.rest("GET /repos/{owner}/{repo}/contents/{path}", {
        owner: at.owner,
        repo: at.repo,
        path,
        ...(ref ? { ref } : {}),
        mediaType: { format: "raw" },
      });
      return typeof res.data === "string" ? res.data : null;
    } catch (error) {
      if (statusOf(error) === 404) return null;
      throw error;
    }
  }

  /** A file's text and blob sha on a branch (or the default branch); null when it does not exist. */
  async file(at: RepoRef, path: string, ref?: string): Promise<FileAtRef | null> {
    try {
      const res = await this.client.rest("GET /repos/{owner}/{repo}/contents/{path}", { owner: at.owner, repo: at.repo, path, ...(ref ? { ref } : {}) });
      const d = res.data as RestContents;
      if (Array.isArray(d) || d?.type !== "file" || typeof d.content !== "string") return null;
      return { text: Buffer.from(d.content, "base64").toString("utf8"), sha: d.sha };
    } catch (error) {
      if (statusOf(error) === 404) return null;
      throw error;
    }
  }

  /**
   * Many files of one repository on its default branch, read with as few requests as GitHub
   * allows: one GraphQL query per FILES_PER_QUERY paths, each path an aliased
   * `object(expression: "HEAD:<path>")` (the meetings site reads every published minutes file
   * this way, not one contents request each). A path that is no file is null; a blob GitHub
   * answers truncated (a very large file) is read again through REST. Also the repository's web
   * URL and default branch (for links to the files). Null when the repository cannot be read.
   */
  async filesOnDefaultBranch(at: RepoRef, paths: readonly string[]): Promise<FilesRead | null> {
    const texts = new Map<string, string | null>();
    let repository: { url: string; defaultBranch: string } | null = null;
    const unique = [...new Set(paths)];
    for (let i = 0; i === 0 || i < unique.length; i += FILES_PER_QUERY) {
      const chunk = unique.slice(i, i + FILES_PER_QUERY);
      const variables: Record<string, unknown> = { owner: at.owner, name: at.repo };
      for (const [n, path] of chunk.entries()) variables[`e${n}`] = `HEAD:${path}`;
      let data: FilesData | null;
      try {
        data = await allowingNotFound(this.client.graphql<FilesData | null>(filesQuery(chunk.length), variables));
      } catch (error) {
        if (graphqlErrors(error)?.errors.every((e) => e.type === "NOT_FOUND" || e.type === "FORBIDDEN")) return null;
        throw error;
      }
      const repo = data?.repository;
      if (!repo) return null;
      repository ??= { url: repo.url ?? `https://github.com/${repoKey(at)}`, defaultBranch: repo.defaultBranchRef?.name ?? "main" };
      for (const [n, path] of chunk.entries()) {
        const blob = repo[`f${n}`] as BlobAnswer | undefined;
        if (blob?.__typename !== "Blob" || typeof blob.text !== "string") texts.set(path, null);
        else texts.set(path, blob.isTruncated ? await this.fileText(at, path) : blob.text);
      }
    }
    return repository && { ...repository, texts };
  }

  /** The commit a branch points at; null when there is no such branch. */
  async branchHead(at: RepoRef, branch: string): Promise<string | null> {
    try {
      const res = await this.client.rest("GET /repos/{owner}/{repo}/git/ref/{ref}", { owner: at.owner, repo: at.repo, ref: `heads/${branch}` });
      return (res.data as { object?: { sha?: string } } | null)?.object?.sha ?? null;
    } catch (error) {
      if (statusOf(error) === 404) return null;
      throw error;
    }
  }

  /** Creates or updates a file with one commit on `branch`; `sha` is the blob being replaced (none for a new file). */
  async putFile(at: RepoRef, input: { path: string; text: string; message: string; branch: string; sha?: string }): Promise<void> {
    await this.client.write(input.sha ? "update file" : "create file", `${repoKey(at)}:${input.branch}:${input.path}`, (octokit) =>
      octokit.request("PUT /repos/{owner}/{repo}/contents/{path}", {
        owner: at.owner,
        repo: at.repo,
        path: input.path,
        message: input.message,
        content: Buffer.from(input.text, "utf8").toString("base64"),
        branch: input.branch,
        ...(input.sha ? { sha: input.sha } : {}),
      }),
    );
  }

  async createBranch(at: RepoRef, branch: string, sha: string): Promise<void> {
    await this.client.write("create branch", `${repoKey(at)}:${branch}`, (octokit) =>
      octokit.request("POST /repos/{owner}/{repo}/git/refs", { owner: at.owner, repo: at.repo, ref: `refs/heads/${branch}`, sha }),
    );
  }

  /** Points an existing branch at `sha`, whether or not that contains the branch's commits (a forced reset). */
  async resetBranch(at: RepoRef, branch: string, sha: string): Promise<void> {
    await this.client.write("reset branch", `${repoKey(at)}:${branch} -> ${sha.slice(0, 7)}`, (octokit) =>
      octokit.request("PATCH /repos/{owner}/{repo}/git/refs/{ref}", { owner: at.owner, repo: at.repo, ref: `heads/${branch}`, sha, force: true }),
    );
  }
}

export type FileRead =
  /** 304: the file is what the ETag named. */
  { kind: "unchanged" } | { kind: "file"; text: string; etag: string | null } | { kind: "missing" };

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
    const data = (await octokit.graphql(OWNER_FILES, { owner, expression: `HEAD:${path}`, after })) as OwnerFilesData | null;
    const conn = data?.repositoryOwner?.repositories;
    for (const node of conn?.nodes ?? []) if (typeof node?.name === "string") has.set(node.name.toLowerCase(), node.object?.__typename === "Blob");
    if (!conn?.pageInfo?.hasNextPage) break;
    after = conn.pageInfo.endCursor ?? null;
  }
  return has;
}
