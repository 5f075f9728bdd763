/**
 * Repositories: what one is (default branch, URL, owner kind), who may read what Docket writes
 * there (its visibility, read once per job), people's roles, and its labels and milestones.
 */
import { outputAudience, parseVisibility, type Audience, type Visibility } from "../domain/visibility.js";
import { allowingNotFound, repoKey, statusOf, type GitHubClient, type RepoRef } from "./client.js";
import { LABELS_MATCHING, MILESTONES, OWNER_PROFILE, REPOSITORY_VISIBILITY } from "./queries.js";
import type { LabelsData, MilestonesData, OwnerProfileData, VisibilityData } from "./wire.js";

export interface RepositoryInfo {
  defaultBranch: string;
  /** Web URL, e.g. https://github.com/acme/meetings. */
  url: string;
  /** Whether the owner is an organisation or a user (search says `org:` or `user:`). */
  ownerType: "Organization" | "User";
  /** Who may read what Docket writes there (unknown visibility: public). */
  audience: Audience;
}

export interface MilestoneInfo {
  id: string;
  number: number;
  title: string;
  state: "open" | "closed";
  /** ISO instant; null when the milestone has no due date. */
  dueOn: string | null;
  createdAt: string;
  closedAt: string | null;
  url: string;
}

/** What REST answers for a repository, as far as Docket reads it. */
interface RestRepository {
  default_branch: string;
  html_url: string;
  visibility?: string;
  private?: boolean;
  owner?: { type?: string } | null;
}

export class Repos {
  /** Repository visibilities read in this job (by "owner/name", lower case; null: unknown): read once per job. */
  private readonly visibilities = new Map<string, Visibility | null>();

  constructor(private readonly client: GitHubClient) {}

  /** An owner's display name and (an organisation's) description; nulls when GitHub has none or the owner cannot be read. */
  async ownerProfile(login: string): Promise<{ name: string | null; description: string | null }> {
    const data = await allowingNotFound(this.client.graphql<OwnerProfileData | null>(OWNER_PROFILE, { owner: login }));
    const owner = data?.repositoryOwner;
    const text = (v: unknown) => (typeof v === "string" && v.trim() !== "" ? v.trim() : null);
    return { name: text(owner?.name), description: text(owner?.description) };
  }

  /** The repository's default branch and web URL. */
  async repository(at: RepoRef): Promise<RepositoryInfo> {
    const res = await this.client.rest("GET /repos/{owner}/{repo}", { owner: at.owner, repo: at.repo });
    const d = res.data as RestRepository;
    const audience = this.rememberAudience(at, d.visibility ?? (d.private === false ? "public" : d.private === true ? "private" : null));
    return { defaultBranch: d.default_branch, url: d.html_url, ownerType: d.owner?.type === "User" ? "User" : "Organization", audience };
  }

  /**
   * Who may read what Docket writes in a repository (src/domain/visibility.ts), read once per
   * job: `docketIssues` and `repository` remember it as they go, so this costs a request only
   * for a repository the job has not read otherwise. Unknown (no such repository, not visible,
   * no answer) counts as public: the widest readership, so nothing private is shown there.
   */
  async repoAudience(at: RepoRef): Promise<Audience> {
    return outputAudience(at.owner, await this.repoVisibility(at));
  }

  /** A repository's visibility as GitHub reports it, read once per job; null when unknown (the caller picks the safe side). */
  async repoVisibility(at: RepoRef): Promise<Visibility | null> {
    const key = repoKey(at).toLowerCase();
    if (this.visibilities.has(key)) return this.visibilities.get(key)!;
    let visibility: unknown = null;
    try {
      visibility = (await allowingNotFound(this.client.graphql<VisibilityData | null>(REPOSITORY_VISIBILITY, { owner: at.owner, name: at.repo })))?.repository
        ?.visibility;
    } catch (error) {
      this.client.log.warn({ err: error, repo: repoKey(at) }, "could not read the repository's visibility");
    }
    this.rememberAudience(at, visibility);
    return this.visibilities.get(key)!;
  }

  /** Remembers a repository's visibility another read brought along; its audience. */
  rememberAudience(at: RepoRef, visibility: unknown): Audience {
    this.visibilities.set(repoKey(at).toLowerCase(), parseVisibility(visibility));
    return outputAudience(at.owner, visibility);
  }

  /** A person's role on a repository (role_name: admin, maintain, write, triage, read, or custom). */
  async permission(at: RepoRef, username: string): Promise<{ role_name: string | null; permission: string | null }> {
    try {
      const res = await this.client.rest("GET /repos/{owner}/{repo}/collaborators/{username}/permission", { owner: at.owner, repo: at.repo, username });
      const d = res.data as { role_name?: string | null; permission?: string | null } | null;
      return { role_name: d?.role_name ?? null, permission: d?.permission ?? null };
    } catch (error) {
      // 404: not a collaborator (or not a user at all): no permission.
      if (statusOf(error) === 404) return { role_name: null, permission: "none" };
      throw error;
    }
  }

  /** A repository's milestones, by due date (those without one last). */
  async milestones(at: RepoRef): Promise<MilestoneInfo[]> {
    const { items } = await this.client.pages(
      MILESTONES,
      { owner: at.owner, name: at.repo },
      (d: MilestonesData | null) => d?.repository?.milestones,
      (n): MilestoneInfo => ({
        id: n.id,
        number: n.number,
        title: n.title,
        state: n.state === "CLOSED" ? "closed" : "open",
        dueOn: n.dueOn ?? null,
        createdAt: n.createdAt,
        closedAt: n.closedAt ?? null,
        url: n.url,
      }),
    );
    return items;
  }

  /** A repository's labels whose name contains `text` (GitHub matches anywhere in the name), with their descriptions. */
  async labelsMatching(at: RepoRef, text: string): Promise<Array<{ name: string; description: string | null }>> {
    const { items } = await this.client.pages(
      LABELS_MATCHING,
      { owner: at.owner, name: at.repo, text },
      (d: LabelsData | null) => d?.repository?.labels,
      (n) => ({ name: n.name, description: n.description ?? null }),
    );
    return items;
  }
}
