#!/usr/bin/env bash
# Builds every image from the one Dockerfile at the repository root, one build argument apart
# (tools/docker/images.json: image name -> workspace).
# Usage: REGISTRY=registry.example.org/mediation VERSION=0.1.0 tools/docker/build-images.sh
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
: "${REGISTRY:?set REGISTRY, e.g. registry.example.org/mediation}" "${VERSION:?set VERSION}"
node -e 'for (const [i, w] of Object.entries(require("./tools/docker/images.json"))) console.log(i, w)' |
  while read -r image workspace; do
    docker build --build-arg "WORKSPACE=$workspace" -t "$REGISTRY/$image:$VERSION" .
  done
