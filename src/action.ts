/**
 * The Action's entry (the root action.yml runs its bundle, action/dist/index.mjs):
 * nothing but the runner, which sets the step's outcome itself.
 */
import { run } from "./action/run.js";

await run();
