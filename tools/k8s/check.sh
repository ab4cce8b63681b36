#!/usr/bin/env bash
# The Kubernetes checks of CI (`npx nx run k8s:check`), offline once tools/k8s/tools.sh has filled
# .cache/:
#   1. helm lint --strict of the library and the umbrella chart, with each values file
#   2. helm template of the umbrella chart for values.yaml (small city) and values-production.yaml
#   3. kubeconform -strict: every rendered object against the Kubernetes JSON schemas of each
#      version in K8S_VALIDATE_VERSIONS (ServiceMonitor against tools/k8s/schemas/); first a self-test
#      that a known-bad manifest is rejected, so a schema that fails to load cannot pass silently
#   4. policy.js on both renders (pinned images, resources, probes, non-root, read-only, drop ALL,
#      secrets, NetworkPolicies)
#      call-graph.js: the NetworkPolicies admit exactly the gRPC calls docs/kubernetes.md lists
#   5. hadolint and dockerfile-policy.js on the images' one Dockerfile (and tools/docker/images.json);
#      runtime-deps.js: the built code of each image requires only what its production install has
#      (needs the services built: the Nx target k8s:check depends on their build)
#   6. docs-check.js: the runbook's commands match the chart (values paths, secrets and their keys)
#   7. tsc (strict, checkJs) over tools/k8s
# The policy's own tests (policy.spec.ts, rendering the chart with the same helm) are the unit
# tests of the Nx project k8s, which installs these tools first (target k8s:tools).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
K8S_TOOLS_ROOT="$ROOT"
# shellcheck source=tools/k8s/tools.sh
source tools/k8s/tools.sh

if [ $# -gt 0 ]; then
  echo "usage: tools/k8s/check.sh" >&2
  exit 2
fi

CHART=charts/mediation-platform
RELEASE=mediation-platform
NAMESPACE=mediation
OUT="$ROOT/.cache/k8s-render"
mkdir -p "$OUT"

T0=$SECONDS
STEP_T=$SECONDS
step() {
  printf '\n== %s\n' "$*"
  STEP_T=$SECONDS
}
done_step() { printf -- '-- ok (%ss)\n' "$((SECONDS - STEP_T))"; }

if [ ! -d node_modules/yaml ]; then
  echo "node_modules/yaml is missing: run npm ci at the repository root first" >&2
  exit 1
fi

step "tools (helm $HELM_VERSION, kubeconform $KUBECONFORM_VERSION, hadolint $HADOLINT_VERSION, schemas kubernetes-validate $K8S_SCHEMAS_PYPI_VERSION)"
k8s_install_tools
done_step

KUBE_MIN="${K8S_VALIDATE_VERSIONS%% *}"

step "helm dependency build + lint"
helm dependency build "$CHART" >/dev/null
helm lint --strict charts/mediation-common
for values in values.yaml values-production.yaml; do
  helm lint --strict "$CHART" --namespace "$NAMESPACE" --kube-version "$KUBE_MIN" -f "$CHART/$values"
done
done_step

step "helm template"
render() { # <values file> <output> [helm args...]
  local values="$1" out="$2"
  shift 2
  helm template "$RELEASE" "$CHART" --namespace "$NAMESPACE" --kube-version "$KUBE_MIN" -f "$CHART/$values" "$@" >"$out"
}
for values in values.yaml values-production.yaml; do
  render "$values" "$OUT/${values%.yaml}.yaml"
  printf '%s: %s objects -> %s\n' "$values" "$(grep -c '^kind:' "$OUT/${values%.yaml}.yaml")" "$OUT/${values%.yaml}.yaml"
done
done_step

step "kubeconform (offline schemas, -strict)"
kubeconform_run() { # <k8s version> <files...>
  local version="$1"
  shift
  kubeconform -strict -summary -output text -kubernetes-version "$version" \
    -schema-location "$K8S_SCHEMAS/{{ .NormalizedKubernetesVersion }}-standalone{{ .StrictSuffix }}/{{ .ResourceKind }}{{ .KindSuffix }}.json" \
    -schema-location "$ROOT/tools/k8s/schemas/{{ .Group }}/{{ .ResourceKind }}_{{ .ResourceAPIVersion }}.json" \
    "$@"
}
# Self-test: a schema that fails to load would make kubeconform skip or error, not validate.
if selftest="$(kubeconform_run "$KUBE_MIN" tools/k8s/fixtures/invalid-objects.yaml 2>&1)"; then
  echo "kubeconform self-test FAILED: tools/k8s/fixtures/invalid-objects.yaml was accepted" >&2
  exit 1
fi
for expected in "additional properties 'readOnlyRootFilesystm' not allowed" "got string, want integer" "additional properties 'intervall' not allowed"; do
  if ! grep -qF "$expected" <<<"$selftest"; then
    printf 'kubeconform self-test FAILED: expected "%s" in:\n%s\n' "$expected" "$selftest" >&2
    exit 1
  fi
done
echo "self-test: known-bad objects rejected"
for version in $K8S_VALIDATE_VERSIONS; do
  echo "Kubernetes $version:"
  kubeconform_run "$version" "$OUT/values.yaml" "$OUT/values-production.yaml"
done
done_step

step "policy (tools/k8s/policy.js)"
node tools/k8s/policy.js "$OUT/values.yaml" "$OUT/values-production.yaml"
done_step

step "gRPC call graph (tools/k8s/call-graph.js: the NetworkPolicies against docs/kubernetes.md)"
node tools/k8s/call-graph.js "$OUT/values.yaml" "$OUT/values-production.yaml"
done_step

step "Dockerfiles (hadolint + tools/k8s/dockerfile-policy.js)"
dockerfiles=(Dockerfile)
hadolint --no-color --config tools/k8s/hadolint.yaml "${dockerfiles[@]}"
echo "hadolint: ${#dockerfiles[@]} Dockerfile(s), no findings at warning or above"
node tools/k8s/dockerfile-policy.js "${dockerfiles[@]}"
done_step

step "image contents (tools/k8s/runtime-deps.js: every require() of the built code is installed in its image)"
node tools/k8s/runtime-deps.js
done_step

step "docs (tools/k8s/docs-check.js)"
node tools/k8s/docs-check.js
done_step

step "type-check the check scripts (tsc --checkJs, strict)"
npx --no-install tsc -p tools/k8s/tsconfig.json
done_step

printf '\nk8s checks passed in %ss\n' "$((SECONDS - T0))"
