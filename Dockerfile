# syntax=docker/dockerfile:1
# VRCPulse image: one image for the worker (default command), the bot and the migration job.
#   docker build -t vrcpulse .      (docker-compose.yml builds it for you)
# test/deploy/dockerfile.test.ts runs these same steps in temp folders, so keep them plain.

# Same Node as ./vrcpulse installs (scripts/toolchain.sh); a test keeps the two equal. Debian (glibc),
# not Alpine: the prebuilt better-sqlite3, @napi-rs/canvas, @swc/core and Temporal core-bridge
# binaries are built for glibc.
ARG NODE_VERSION=24.21.0

FROM node:${NODE_VERSION}-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
# --ignore-scripts: package.json's allowScripts denies every dependency's install script (the native
# binaries come prebuilt inside the packages), and the npm bundled with the base image may be older
# than the npm that reads allowScripts. A test fails if allowScripts ever approves a script.
RUN --mount=type=cache,target=/root/.npm npm ci --ignore-scripts --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json mikro-orm.config.ts ./
COPY src ./src
# Compiles src/ (migrations included: they are listed in src/db/migrations/index.ts) into dist/.
RUN npm run build
RUN npm prune --omit=dev --ignore-scripts --no-audit --no-fund
# The Temporal core-bridge package ships its native library for five platforms; keep this one.
RUN target="$(uname -m)-unknown-linux-gnu" \
  && test -d "node_modules/@temporalio/core-bridge/releases/$target" \
  && find node_modules/@temporalio/core-bridge/releases -mindepth 1 -maxdepth 1 ! -name "$target" -exec rm -rf {} +

FROM node:${NODE_VERSION}-bookworm-slim AS runtime
ENV NODE_ENV=production
# The SQLite file lives on the /data volume; compose mounts a named volume there.
ENV DATABASE_PATH=/data/vrcpulse.db
WORKDIR /app
# Owned by the unprivileged `node` user (uid 1000) of the base image, so that a fresh named volume
# mounted on /data inherits a folder the app can write. The app's own files stay root-owned.
RUN mkdir -p /data && chown node:node /data
COPY --from=build /app/package.json ./package.json
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
# The /status dashboard font, found at runtime from dist/src/dashboard upwards (src/dashboard/font.ts).
COPY assets ./assets
USER node
VOLUME /data
# No HEALTHCHECK here: the worker, bot and migration job need different ones (docker-compose.yml).
CMD ["node", "dist/src/worker-main.js"]
