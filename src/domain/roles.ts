/**
 * Rotating roles (reporter, minutes taker, ...): round-robin over each roster,
 * deterministic per occurrence. Occurrence number n gives role R to
 * roster[n mod len]; people marked absent are skipped (the next one in the
 * roster takes over), and nobody is given a role when the whole roster is absent.
 */
export interface RoleAssignment {
  role: string;
  login: string | null;
}

export function assignRoles(roles: Readonly<Record<string, readonly string[]>>, occurrenceNumber: number, absent: readonly string[] = []): RoleAssignment[] {
  const away = new Set(absent.map((a) => a.replace(/^@/, "").toLowerCase()));
  return Object.entries(roles).map(([role, roster]) => {
    const n = roster.length;
    for (let k = 0; k < n; k++) {
      const login = roster[(((occurrenceNumber + k) % n) + n) % n]!.replace(/^@/, "");
      if (!away.has(login.toLowerCase())) return { role, login };
    }
    return { role, login: null };
  });
}
