# One multi-stage Dockerfile for every SalesOps process, chosen with the SERVICE build arg
# (gateway | members | customers | orders | training | performance), plus a `migrate` target.
#
# Why one shared file and not apps/<svc>/Dockerfile: the six images differ only in which
# apps/<svc>/dist they carry. `npm run build` compiles the whole workspace (tsc -b) in one go,
# and no stage before the last step of `builder` reads SERVICE, so those layers are identical for
# the six images and the build cache shares them: npm ci and tsc run once, not six times.
# Per-service copies of this file would drift; the per-service part lives in docker-compose.yml
# (build args) and deploy/k8s/<svc>.yaml.
#
#   docker build -f docker/service.Dockerfile --build-arg SERVICE=members -t salesops/members .
#   docker build -f docker/service.Dockerfile --target migrate -t salesops/migrate .
#   docker run --rm -e MIGRATE_DATABASE_URL=... salesops/migrate [--provision] [--service members]
#
# Build context: the repository root (see .dockerignore). Plain Dockerfile syntax (no heredocs,
# no RUN --mount): BuildKit, the legacy builder, buildah/podman and kaniko can all build it.

ARG NODE_IMAGE=node:20-bookworm-slim

# -----------------------------------------------------------------------------------------------
FROM ${NODE_IMAGE} AS base
WORKDIR /app
ENV CHECKPOINT_DISABLE=1 \
    NPM_CONFIG_UPDATE_NOTIFIER=false \
    NPM_CONFIG_FUND=false \
    NPM_CONFIG_AUDIT=false

# -----------------------------------------------------------------------------------------------
# The files npm ci reads (root + workspace package.json, the lockfile), copied out on their own
# so that the npm ci layers below are rebuilt only when one of them changes. (A plain
# `COPY apps/*/package.json` would flatten the directories.)
FROM base AS manifests
COPY . /src
RUN mkdir -p /manifests \
 && cd /src \
 && cp package.json package-lock.json /manifests/ \
 && for f in apps/*/package.json libs/*/package.json; do \
      mkdir -p "/manifests/$(dirname "$f")" && cp "$f" "/manifests/$f"; \
    done

# -----------------------------------------------------------------------------------------------
# All dependencies. --ignore-scripts: the only install scripts are native-binary downloads
# (@prisma/engines' schema engine, unused: tools/prisma runs the WASM engine and generates
# offline; nx, @swc/core) and telemetry; neither the build nor migrate needs them.
FROM base AS dev-deps
COPY --from=manifests /manifests/ ./
RUN npm ci --ignore-scripts

# -----------------------------------------------------------------------------------------------
# One-shot migrations (docker compose `migrate`, the k8s Job, or an init container). Keeps the dev
# dependencies: tools/prisma needs @prisma/schema-engine-wasm. Needs no build output.
#   default: every service in order, each on its <SVC>_DATABASE_URL
#   args `--service <svc>`: that service only (an init container of one Deployment)
# Concurrent runs are safe: the engine takes an advisory lock per database.
# Placed before `builder` so that builders which run every earlier stage (the legacy one) build
# --target migrate without compiling anything or needing SERVICE.
FROM dev-deps AS migrate
COPY tools/prisma ./tools/prisma
COPY libs/persistence/prisma ./libs/persistence/prisma
COPY apps ./apps
USER node
ENTRYPOINT ["node", "tools/prisma/migrate.mjs"]

# -----------------------------------------------------------------------------------------------
FROM dev-deps AS builder
COPY . .
# Prisma clients (apps/<svc>/src/generated/prisma) + tsc -b of every lib and app.
RUN npm run build
# Only from here on does the stage depend on SERVICE.
ARG SERVICE
# What the runtime gets: every workspace package.json (so the node_modules/@salesops/* links
# resolve), the dist of every lib, and the dist of this one app.
RUN test -n "$SERVICE" || { echo 'build arg SERVICE is required (gateway|members|customers|orders|training|performance)' >&2; exit 1; } \
 && test -f "apps/$SERVICE/dist/main.js" || { echo "apps/$SERVICE/dist/main.js was not built" >&2; exit 1; } \
 && mkdir -p /out \
 && for d in apps/* libs/*; do mkdir -p "/out/$d" && cp "$d/package.json" "/out/$d/"; done \
 && for d in libs/*; do cp -R "$d/dist" "/out/$d/dist"; done \
 && cp -R "apps/$SERVICE/dist" "/out/apps/$SERVICE/dist" \
 && find /out \( -name '*.tsbuildinfo' -o -name '*.d.ts' -o -name '*.d.ts.map' \) -delete

# -----------------------------------------------------------------------------------------------
# Production dependencies only. `npm ci --omit=dev` alone still installs the prisma CLI and
# typescript (~250 MB with their trees): @prisma/client declares them as peer dependencies, so
# npm keeps them in the production tree. The generated client is compiled into dist and needs
# only @prisma/client's runtime, so docker/prune-prod-deps.mjs removes every package that the
# production graph reaches only through a peer dependency that the root lists as a devDependency.
FROM base AS prod-deps
COPY --from=manifests /manifests/ ./
COPY docker/prune-prod-deps.mjs /tmp/
RUN npm ci --omit=dev --ignore-scripts && node /tmp/prune-prod-deps.mjs

# -----------------------------------------------------------------------------------------------
# Runtime (the default target: keep it last).
FROM base AS runtime
ARG SERVICE
ENV NODE_ENV=production \
    SALESOPS_SERVICE=${SERVICE}
COPY --from=prod-deps /app/node_modules ./node_modules
COPY --from=builder /out/ ./
# A Dockerfile's CMD does not expand variables, so `CMD ["node","apps/${SERVICE}/dist/main.js"]`
# would run a file literally named ${SERVICE}. WORKDIR does expand them: the process runs as
# `node dist/main.js` from apps/<svc> (its package.json `start` script) and finds the
# @salesops/* packages in /app/node_modules like it does in the repository.
WORKDIR /app/apps/${SERVICE}
USER node
# Liveness on the ops port (the gateway: its HTTP port): <SVC>_HTTP_PORT, else the default.
# The slim image has no curl; node 20 has fetch.
HEALTHCHECK --interval=15s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "const s=process.env.SALESOPS_SERVICE;const p=process.env[s.toUpperCase()+'_HTTP_PORT']||{gateway:3000,members:3101,customers:3102,orders:3103,training:3104,performance:3105}[s];fetch('http://127.0.0.1:'+p+'/health',{signal:AbortSignal.timeout(4000)}).then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# The flags of tools/service-node-flags.mjs.
CMD ["node", "--min-semi-space-size=16", "dist/main.js"]
