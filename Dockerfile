# Docket, the GitHub App, as a container. Two stages: the first builds lib/ with the dev
# dependencies (TypeScript), the second installs only the production dependencies and the built
# lib/. test/e2e/production.e2e.test.ts runs the second stage's COPY and RUN lines, its CMD and its
# HEALTHCHECK in a temporary directory (there is no Docker where the tests run), so keep each
# instruction on one line and its paths relative to the repository.
#
#   docker build -t docket .
#   docker run --env-file .env -p 3000:3000 docket
#
# The npm cache is a BuildKit cache mount: it speeds up rebuilds and stays out of the image.
#
# Registering the app (Probot's setup page) is done outside the container: see docs/deploy.md.

FROM node:24-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/root/.npm npm ci --ignore-scripts
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
RUN npm run build

FROM node:24-slim
ENV NODE_ENV=production
WORKDIR /app
COPY package.json package-lock.json app.yml ./
RUN --mount=type=cache,target=/root/.npm npm ci --omit=dev --ignore-scripts
COPY scripts/prestart.mjs ./scripts/
COPY --from=build /app/lib ./lib
USER node
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/ping').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# node itself is PID 1 (not npm), so SIGTERM from `docker stop` reaches Docket, which drains.
# --max-semi-space-size=32: a burst of deliveries is garbage young; with V8's default new space it
# was promoted and old-space compactions held answers back (p99 51-58 ms -> 15-45 ms at 1,000/s in
# bench/intake.ts, for ~20 MiB more memory). Keep this line in step with package.json's start.
CMD ["node", "--max-semi-space-size=32", "lib/server.js"]
