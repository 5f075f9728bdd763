/**
 * The Probot app's entry: `probot run ./lib/index.js` (npm start) loads this.
 * It only wires the app; everything it does is in ./app.ts and below.
 */
import type { Probot } from "probot";
import { createDocket, optionsFromEnv } from "./app.js";

export default (app: Probot): void => {
  createDocket(app, optionsFromEnv());
};
