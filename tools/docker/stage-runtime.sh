#!/usr/bin/env bash
# Used by the build stage of the images' Dockerfile (the repository root's), after `nx build`:
# stages what the runtime image of one workspace needs, keeping the monorepo's layout (proto/ and
# libs/*/data are found relative to the code):
#   /out/app        package.json + dist (+ data) of the workspace and of every workspace library in
#                   its production dependencies, transitively (devDependencies such as the test
#                   harness stay out), proto/, and main.js: a symbolic link to the workspace's
#                   dist/main.js, so that one CMD starts whichever workspace the image holds
#   /out/manifests  the lockfile and every workspace manifest, for `npm ci --omit=dev --workspace`
# Usage: tools/docker/stage-runtime.sh <workspace dir, e.g. services/intake>
set -euo pipefail
workspace=${1:?usage: stage-runtime.sh <workspace dir>}
npm query .workspace >/tmp/workspaces.json
node - "$workspace" >/tmp/projects <<'JS'
const workspaces = require('/tmp/workspaces.json');
const byName = new Map(workspaces.map((w) => [w.name, w.location]));
const root = require(`${process.cwd()}/${process.argv[2]}/package.json`).name;
const seen = new Set();
const visit = (name) => {
  if (seen.has(name)) return;
  seen.add(name);
  const deps = require(`${process.cwd()}/${byName.get(name)}/package.json`).dependencies || {};
  Object.keys(deps).filter((d) => byName.has(d)).forEach(visit);
};
visit(root);
for (const name of seen) console.log(byName.get(name));
JS
while read -r dir; do
  mkdir -p "/out/app/$dir"
  cp "$dir/package.json" "/out/app/$dir/"
  cp -R "$dir/dist" "/out/app/$dir/dist"
  if [ -d "$dir/data" ]; then cp -R "$dir/data" "/out/app/$dir/data"; fi
done </tmp/projects
cp -R proto /out/app/proto
test -f "$workspace/dist/main.js" || { echo "stage-runtime.sh: $workspace/dist/main.js was not built" >&2; exit 1; }
ln -s "$workspace/dist/main.js" /out/app/main.js
find /out/app -name '*.tsbuildinfo' -delete
for f in package.json package-lock.json libs/*/package.json services/*/package.json tools/*/package.json; do
  if [ -f "$f" ]; then install -D -m 0644 "$f" "/out/manifests/$f"; fi
done
