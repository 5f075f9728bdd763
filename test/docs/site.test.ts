/**
 * The Pages workflow in docs/site.md (and its short form in the README) is what people copy to
 * publish the meetings site: it must be a workflow GitHub runs as the page says.
 */
import { readFileSync } from "node:fs";
import { expect, it } from "vitest";
import { parse } from "yaml";

const read = (path: string) => readFileSync(new URL(`../../${path}`, import.meta.url), "utf8");
const actionInputs = Object.keys((parse(read("action.yml")) as { inputs: Record<string, unknown> }).inputs);

// A workflow is loose YAML; the assertions say what must be there.
type Loose = any;

/** The YAML blocks of a Markdown page that hold a job using Docket's `site` command. */
function siteWorkflows(markdown: string): Loose[] {
  return [...markdown.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => parse(m[1]!) as Loose).filter((doc) => JSON.stringify(doc).includes('"command":"site"'));
}

const steps = (job: Loose): Loose[] => job.steps ?? [];
const uses = (job: Loose) => steps(job).map((s) => String(s.uses ?? "").replace(/@.*/, ""));

it.each([
  ["docs/site.md", true],
  ["README.md", false],
])("%s: build the site with Docket, upload it as the Pages artifact, deploy it with the permissions Pages needs", (path, whole) => {
  const [workflow] = siteWorkflows(read(path));
  expect(workflow, `no workflow with command: site in ${path}`).toBeDefined();
  const { build, deploy } = workflow.jobs;
  expect(uses(build)).toEqual(expect.arrayContaining(["docket-app/docket", "actions/upload-pages-artifact"]));
  const docket = steps(build).find((s) => String(s.uses).startsWith("docket-app/docket@"));
  for (const input of Object.keys(docket.with)) expect(actionInputs, `input ${input}`).toContain(input);
  expect(steps(build).find((s) => String(s.uses).startsWith("actions/upload-pages-artifact@")).with.path).toBe("_site");
  expect(deploy.needs).toBe("build");
  expect(deploy.permissions).toEqual({ pages: "write", "id-token": "write" });
  expect(deploy.environment.name ?? deploy.environment).toBe("github-pages");
  expect(uses(deploy)).toEqual(["actions/deploy-pages"]);
  if (!whole) return;
  // The whole workflow: runs on a schedule and when a meeting ends, and deploys only new bytes.
  expect(Object.keys(workflow.on)).toEqual(expect.arrayContaining(["schedule", "issues", "workflow_dispatch"]));
  const seen = steps(build).find((s) => String(s.uses).startsWith("actions/cache@"));
  expect(seen.with["lookup-only"]).toBe(true);
  expect(seen.with.key).toContain("hashFiles('_site/**')");
  expect(build.outputs.changed).toContain(`steps.${seen.id}.outputs.cache-hit`);
  expect(deploy.if).toBe("needs.build.outputs.changed == 'true'");
});
