/**
 * The Probot app's entry: `probot run ./lib/index.js` (npm start) loads this.
 * It only wires the app; everything it does is in ./app.ts and below.
 *
 * `GET /docket/status` answers `{ "busy": N }`, the number of meetings (and
 * backlogs) with a job running or queued: for operators, health checks and
 * the end-to-end tests, which wait for it to reach 0.
 */
import type { ApplicationFunctionOptions, Probot } from "probot";
import { createDocket, optionsFromEnv } from "./app.js";

export default (app: Probot, options?: ApplicationFunctionOptions): void => {
  const docket = createDocket(app, optionsFromEnv());
  options?.addHandler?.((req, res) => {
    if (req.method !== "GET" || req.url !== "/docket/status") return false;
    res.writeHead(200, { "content-type": "application/json" });
    res.end(JSON.stringify({ busy: docket.busy() }));
    return true;
  });
};
