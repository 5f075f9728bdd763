/**
 * Rotating roles (reporter, minutes taker, ...): round-robin over each roster,
 * deterministic per occurrence. Occurrence number n gives role R to
 * roster[n mod len]; people marked absent are skipped (the next one in the
 * roster takes over), and nobody is given a role when the whole roster is absent.
 *
 * Overrides (`/role minutes @x` in the meeting) name who holds a role in this
 * one meeting; the rotation is a function of the occurrence number alone, so
 * the next meeting still gets whoever the roster has due. A role overridden
 * that has no roster is listed after the configured ones.
 */
export interface RoleAssignment {
  role: string;
  login: string | null;
}

export function assignRoles(
  roles: Readonly<Record<string, readonly string[]>>,
  occurrenceNumber: number,
  absent: readonly string[] = [],
  overrides: ReadonlyMap<string, string> = new Map(),
): RoleAssignment[] {
  const away = new Set(absent.map((a) => a.replace(/^@/, "").toLowerCase()));
  const rotated = Object.entries(roles).map(([role, roster]) => {
    const chosen = overrides.get(role);
    if (chosen !== undefined) return { role, login: chosen.replace(/^@/, "") };
    const n = roster.length;
    for (let k = 0; k < n; k++) {
      const login = roster[(((occurrenceNumber + k) % n) + n) % n]!.replace(/^@/, "");
      if (!away.has(login.toLowerCase())) return { role, login };
    }
    return { role, login: null };
  });
  const extra = [...overrides].filter(([role]) => !(role in roles)).map(([role, login]) => ({ role, login: login.replace(/^@/, "") }));
  return [...rotated, ...extra];
}
