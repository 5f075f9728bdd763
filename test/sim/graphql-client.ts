/**
 * GraphQL requests to the simulator in its own tests, with the contract kit's check of every
 * answer (kept apart from ./helpers.ts, which the demo script loads outside vitest).
 */
import { expect } from "vitest";
import { checkGraphQLResponse } from "../contracts/graphql.js";
import { withTypenames } from "./helpers.js";
import type { Simulator } from "./server.js";

type GraphQLAnswer = { status: number; body: { data?: any; errors?: any[] } };

/**
 * GraphQL against the simulator with a token: `gql` sends a document as is; `checked` runs it as
 * Docket sends it and once more with `__typename` everywhere, checks that answer with the contract
 * kit (which needs it on interface and union values), expects both answers to agree and returns
 * the data. A mutation runs once (the augmented document is the same mutation).
 */
export function graphqlAs(sim: Simulator, token: string) {
  const gql = async (query: string, variables: Record<string, unknown> = {}, path = "/api/graphql"): Promise<GraphQLAnswer> => {
    const res = await fetch(`${sim.url}${path}`, {
      method: "POST",
      headers: { authorization: `bearer ${token}`, "content-type": "application/json" },
      body: JSON.stringify({ query, variables }),
    });
    return { status: res.status, body: (await res.json()) as GraphQLAnswer["body"] };
  };
  const checked = async (query: string, variables: Record<string, unknown> = {}) => {
    const typed = withTypenames(query);
    if (/^\s*mutation\b/.test(query)) {
      const once = await gql(typed, variables);
      expect(once.status).toBe(200);
      expect(once.body.errors).toBeUndefined();
      expect(checkGraphQLResponse(typed, variables, once.body.data)).toEqual([]);
      return once.body.data;
    }
    const { status, body } = await gql(query, variables);
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    const again = await gql(typed, variables);
    expect(again.body.errors).toBeUndefined();
    expect(checkGraphQLResponse(typed, variables, again.body.data)).toEqual([]);
    const { rateLimit: _a, ...first } = body.data;
    const { rateLimit: _b, ...second } = stripTypenames(again.body.data, body.data) as Record<string, unknown>;
    expect(second).toEqual(first);
    return body.data;
  };
  return { gql, checked };
}

/** `full` without the `__typename`s that `plain` lacks. */
function stripTypenames(full: unknown, plain: unknown): unknown {
  if (Array.isArray(full)) return full.map((x, i) => stripTypenames(x, Array.isArray(plain) ? plain[i] : undefined));
  if (full && typeof full === "object") {
    const p = (plain ?? {}) as Record<string, unknown>;
    return Object.fromEntries(
      Object.entries(full)
        .filter(([k]) => k !== "__typename" || k in p)
        .map(([k, v]) => [k, stripTypenames(v, p[k])]),
    );
  }
  return full;
}
