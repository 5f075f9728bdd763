/**
 * GitHub's documented size limits on what a request writes, refused with GitHub's own status and
 * wording (REST and GraphQL mutations alike). The server records every refusal as a violation of
 * kind `rest` or `graphql`: GitHub would refuse the request, so the code that sent it has a bug.
 *
 * Where the wording comes from (GitHub's answers as people quoted them in public issue threads):
 * - issue body: 422 "Validation Failed", `{resource: "Issue", code: "custom", field: "body",
 *   message: "body is too long (maximum is 65536 characters)"}` (e.g. peter-evans/create-issue-from-file#1049,
 *   JasonEtco/create-an-issue#123, trstringer/manual-approval#89);
 * - comment body: `{resource: "IssueComment", code: "unprocessable", field: "data",
 *   message: "Body is too long (maximum is 65536 characters)"}` with documentation_url
 *   …/issues/comments#create-an-issue-comment (jmikedupont2/ai-ticket#51, reg-viz/reg-actions#123);
 * - check run summary/text: `{resource: "CheckRun", code: "custom", field: "summary",
 *   message: "summary exceeds a maximum bytesize of 65535"}` — GitHub counts UTF-8 bytes here
 *   although its reference says characters (github/docs#35252);
 * - annotations: "Invalid request.\n\nNo more than 50 items are allowed; 77 were supplied."
 *   (stoplightio/spectral-action#334, qiniu/reviewbot#258).
 * Modelled on those (not seen verbatim): an issue title over 256 ("title is too long (maximum is
 * 256 characters)", Rails' wording, as the body's), a pull request body (resource "PullRequest"),
 * and GraphQL's messages (Rails' full message: "Body is too long (maximum is 65536 characters)",
 * type UNPROCESSABLE).
 *
 * "Characters" are Unicode code points, as Ruby counts a string's length; Docket budgets in UTF-16
 * code units (JavaScript's `length`), which are never fewer.
 */
import { DOCS } from "./rest.js";

export const MAX_BODY = 65_536;
export const MAX_TITLE = 256;
/** Check run `output.summary` and `output.text`, in UTF-8 bytes. */
export const MAX_CHECK_OUTPUT_BYTES = 65_535;
export const MAX_ANNOTATIONS = 50;

/** Characters as GitHub (Ruby) counts them: code points. */
export function characters(text: string): number {
  let n = 0;
  for (const _ of text) n++;
  return n;
}

export interface LimitRefusal {
  /** GitHub's answer body (the server adds nothing). */
  body: Record<string, unknown>;
  /** What the violation log says. */
  violation: string;
}

interface ValidationError {
  resource: string;
  code: string;
  field: string;
  message: string;
}

const validationFailed = (errors: ValidationError[], docs: string): Record<string, unknown> => ({
  message: "Validation Failed",
  errors,
  documentation_url: docs,
  status: "422",
});

const tooLong = (field: string, max: number) => `${field} is too long (maximum is ${max} characters)`;

function over(value: unknown, max: number): number | null {
  if (typeof value !== "string") return null;
  const n = characters(value);
  return n > max ? n : null;
}

/** Issues and pull requests: title and body, as the create and update endpoints check them. */
function issueLike(resource: "Issue" | "PullRequest", body: Record<string, unknown>, docs: string, route: string): LimitRefusal | null {
  const errors: ValidationError[] = [];
  const found: string[] = [];
  const title = over(body.title, MAX_TITLE);
  if (title !== null) {
    errors.push({ resource, code: "custom", field: "title", message: tooLong("title", MAX_TITLE) });
    found.push(`title has ${title} characters (GitHub allows ${MAX_TITLE})`);
  }
  const text = over(body.body, MAX_BODY);
  if (text !== null) {
    errors.push({ resource, code: "custom", field: "body", message: tooLong("body", MAX_BODY) });
    found.push(`body has ${text} characters (GitHub allows ${MAX_BODY})`);
  }
  return errors.length ? { body: validationFailed(errors, docs), violation: `${route}: ${found.join("; ")}` } : null;
}

/** GitHub's refusal of a REST request that writes more than it allows, or null. */
export function restLimitRefusal(route: string, requestBody: unknown): LimitRefusal | null {
  if (!requestBody || typeof requestBody !== "object" || Array.isArray(requestBody)) return null;
  const b = requestBody as Record<string, unknown>;
  switch (route) {
    case "POST /repos/{owner}/{repo}/issues":
      return issueLike("Issue", b, `${DOCS}/issues/issues#create-an-issue`, route);
    case "PATCH /repos/{owner}/{repo}/issues/{issue_number}":
      return issueLike("Issue", b, `${DOCS}/issues/issues#update-an-issue`, route);
    case "POST /repos/{owner}/{repo}/pulls":
      return issueLike("PullRequest", b, `${DOCS}/pulls/pulls#create-a-pull-request`, route);
    case "PATCH /repos/{owner}/{repo}/pulls/{pull_number}":
      return issueLike("PullRequest", b, `${DOCS}/pulls/pulls#update-a-pull-request`, route);
    case "POST /repos/{owner}/{repo}/issues/{issue_number}/comments":
    case "PATCH /repos/{owner}/{repo}/issues/comments/{comment_id}": {
      const n = over(b.body, MAX_BODY);
      if (n === null) return null;
      const docs = route.startsWith("POST") ? `${DOCS}/issues/comments#create-an-issue-comment` : `${DOCS}/issues/comments#update-an-issue-comment`;
      return {
        body: validationFailed(
          [{ resource: "IssueComment", code: "unprocessable", field: "data", message: `Body is too long (maximum is ${MAX_BODY} characters)` }],
          docs,
        ),
        violation: `${route}: body has ${n} characters (GitHub allows ${MAX_BODY})`,
      };
    }
    case "POST /repos/{owner}/{repo}/check-runs":
    case "PATCH /repos/{owner}/{repo}/check-runs/{check_run_id}":
      return checkRunRefusal(route, b);
    default:
      return null;
  }
}

function checkRunRefusal(route: string, b: Record<string, unknown>): LimitRefusal | null {
  const docs = route.startsWith("POST") ? `${DOCS}/checks/runs#create-a-check-run` : `${DOCS}/checks/runs#update-a-check-run`;
  const output = b.output && typeof b.output === "object" ? (b.output as Record<string, unknown>) : null;
  if (!output) return null;
  const annotations = Array.isArray(output.annotations) ? output.annotations.length : 0;
  if (annotations > MAX_ANNOTATIONS) {
    return {
      body: {
        message: `Invalid request.\n\nNo more than ${MAX_ANNOTATIONS} items are allowed; ${annotations} were supplied.`,
        documentation_url: docs,
        status: "422",
      },
      violation: `${route}: ${annotations} annotations in one request (GitHub allows ${MAX_ANNOTATIONS})`,
    };
  }
  const errors: ValidationError[] = [];
  const found: string[] = [];
  for (const field of ["summary", "text"] as const) {
    const value = output[field];
    if (typeof value !== "string") continue;
    const bytes = Buffer.byteLength(value, "utf8");
    if (bytes <= MAX_CHECK_OUTPUT_BYTES) continue;
    errors.push({ resource: "CheckRun", code: "custom", field, message: `${field} exceeds a maximum bytesize of ${MAX_CHECK_OUTPUT_BYTES}` });
    found.push(`output.${field} has ${bytes} bytes (GitHub allows ${MAX_CHECK_OUTPUT_BYTES})`);
  }
  return errors.length ? { body: validationFailed(errors, docs), violation: `${route}: ${found.join("; ")}` } : null;
}

/** The fields of a mutation's input GitHub limits: field → maximum characters. */
const MUTATION_LIMITS: Record<string, Record<string, number>> = {
  createIssue: { title: MAX_TITLE, body: MAX_BODY },
  updateIssue: { title: MAX_TITLE, body: MAX_BODY },
  addComment: { body: MAX_BODY },
  updateIssueComment: { body: MAX_BODY },
  createPullRequest: { title: MAX_TITLE, body: MAX_BODY },
  updatePullRequest: { title: MAX_TITLE, body: MAX_BODY },
};

/** GitHub's message for a GraphQL mutation whose input is too long (Rails' full message), or null. */
export function graphqlLimitRefusal(mutation: string, input: unknown): { message: string; violation: string } | null {
  const limits = MUTATION_LIMITS[mutation];
  if (!limits || !input || typeof input !== "object") return null;
  for (const [field, max] of Object.entries(limits)) {
    const n = over((input as Record<string, unknown>)[field], max);
    if (n === null) continue;
    const name = field.charAt(0).toUpperCase() + field.slice(1);
    return { message: tooLong(name, max), violation: `${mutation}: input.${field} has ${n} characters (GitHub allows ${max})` };
  }
  return null;
}
