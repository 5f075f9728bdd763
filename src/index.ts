/**
 * Docket as a Probot app function, for `probot run ./lib/index.js` and Probot's setup flow.
 * Production runs ./server.ts (`npm start`), which owns the HTTP server so the webhook answer
 * never waits for GitHub; here Probot's own middleware receives webhooks and hands them to the
 * same handlers, which still only queue jobs.
 */
import type { ApplicationFunctionOptions, Probot } from "probot";
import { createDocket, optionsFromEnv } from "./app.js";

export default (app: Probot, options?: ApplicationFunctionOptions): void => {
  const docket = createDocket(app, optionsFromEnv());
  options?.addHandler?.((req, res) => {
    if (req.method !== "GET" || req.url !== "/docket/status") return false;
    void docket.status().then((status) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify(status));
    });
    return true;
  });
};
