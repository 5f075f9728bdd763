/**
 * `npm run worker`: runs Docket's jobs from the Redis queue (REDIS_URL) without receiving
 * webhooks, so that receivers (`npm start` with DOCKET_WORKER=false) and workers scale apart.
 * It answers GET /ping and GET /docket/status on PORT (default: any free port).
 */
import { loadDotEnv, main } from "./server.js";

loadDotEnv(process.env); // as `npm start` does: the .env of the working directory, the environment winning
if (!process.env.REDIS_URL) {
  console.error("npm run worker needs REDIS_URL: a worker takes its jobs from the Redis queue that receivers fill.");
  process.exit(1);
}
await main(process.env, false);
