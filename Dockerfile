# syntax=docker/dockerfile:1
# The image of every deployable workspace: the five services, the gateway (HTTP API and web
# console) and the tools image (the chart's bootstrap Job). They differ only in which workspace
# they build and run, so that is a build argument. Build from the repository root:
#   docker build --build-arg WORKSPACE=services/intake -t <registry>/intake:<version> .
#   docker build --build-arg WORKSPACE=tools/bootstrap -t <registry>/tools:<version> .
# The Nx project is the workspace directory's last segment (intake, gateway, bootstrap, ...).
# Node 24 LTS, not the Node 20 the repository develops on: 20 reached end of life in April 2026
# and images must run on a supported line. Pinned to an exact release; CI may pin the digest too.

# --- build: install everything, build the workspace and the libraries it uses ----------------
FROM node:24.21.0-bookworm-slim AS build
ARG WORKSPACE
SHELL ["/bin/bash", "-o", "pipefail", "-c"]
WORKDIR /workspace
ENV CI=true NX_DAEMON=false NX_NO_CLOUD=true NX_TUI=false
COPY . .
RUN --mount=type=cache,target=/root/.npm \
    : "${WORKSPACE:?pass --build-arg WORKSPACE=services/<name> or tools/bootstrap}" \
 && npm ci --no-audit --no-fund \
 && npx nx build "${WORKSPACE##*/}" --outputStyle=static
# What the runtime image needs, in the monorepo layout, and /out/app/main.js linking to the
# workspace's entry point (see the script).
RUN bash tools/docker/stage-runtime.sh "$WORKSPACE"

# --- deps: production dependencies of this workspace only ------------------------------------
FROM node:24.21.0-bookworm-slim AS deps
ARG WORKSPACE
WORKDIR /app
COPY --from=build /out/manifests/ ./
RUN --mount=type=cache,target=/root/.npm \
    npm ci --omit=dev --workspace "$WORKSPACE" --ignore-scripts --no-audit --no-fund

# --- runtime ---------------------------------------------------------------------------------
FROM node:24.21.0-bookworm-slim AS runtime
ENV NODE_ENV=production
WORKDIR /app
# node_modules (with the links to the workspace libraries) and the workspace manifests.
COPY --from=deps /app/ ./
COPY --from=build /out/app/ ./
# The "node" user of the official image (uid 1000), by number so that Kubernetes can verify
# runAsNonRoot. Files stay owned by root: the process cannot modify its own code.
USER 1000:1000
# No EXPOSE: the ports differ per workspace; the chart declares them (components.<name>.ports).
# main.js is a symbolic link to <workspace>/dist/main.js; node follows it, so the code runs from
# its real path (source maps, proto/ and data/ found relative to it).
CMD ["node", "--enable-source-maps", "main.js"]
