"""Turn the Kubernetes JSON schemas shipped in the kubernetes-validate wheel (PyPI) into a folder
that kubeconform reads offline.

The wheel carries, per Kubernetes minor version, one schema per kind plus a shared
_definitions.json (draft 2020-12). Its schemas carry absolute ids (https://kubernetes.io/api/...)
and refer to "/api/_definitions.json#/$defs/...", which would send kubeconform to the network.
We drop the ids and make the references file-relative, and lay the files out the way kubeconform's
default template expects: <dest>/v<version>-standalone-strict/<kind>-<group>-<version>.json.

usage: python3 prepare_schemas.py <wheel> <dest> <k8s version>...   (e.g. 1.31.0 1.37.0)
"""

import json
import os
import sys
import zipfile

PREFIX = "kubernetes_validate/kubernetes-json-schema/"
ABSOLUTE_REF = '"/api/_definitions.json#'
RELATIVE_REF = '"_definitions.json#'


def prepare(wheel: str, dest: str, versions: list[str]) -> None:
    with zipfile.ZipFile(wheel) as zf:
        names = zf.namelist()
        for version in versions:
            src_dir = f"{PREFIX}v{version}-local-strict/"
            members = [n for n in names if n.startswith(src_dir) and n.endswith(".json")]
            if not members:
                available = sorted({n[len(PREFIX):].split("/")[0] for n in names if n.startswith(PREFIX)})
                sys.exit(f"prepare_schemas: no schemas for Kubernetes v{version} in {wheel}; it has: {', '.join(available)}")
            out_dir = os.path.join(dest, f"v{version}-standalone-strict")
            tmp_dir = out_dir + ".tmp"
            os.makedirs(tmp_dir, exist_ok=True)
            for member in members:
                text = zf.read(member).decode("utf-8").replace(ABSOLUTE_REF, RELATIVE_REF)
                schema = json.loads(text)
                schema.pop("$id", None)
                with open(os.path.join(tmp_dir, os.path.basename(member)), "w", encoding="utf-8") as fh:
                    json.dump(schema, fh, separators=(",", ":"))
            if os.path.isdir(out_dir):
                for f in os.listdir(out_dir):
                    os.remove(os.path.join(out_dir, f))
                os.rmdir(out_dir)
            os.rename(tmp_dir, out_dir)
            print(f"prepare_schemas: v{version}: {len(members)} schemas -> {out_dir}")


if __name__ == "__main__":
    if len(sys.argv) < 4:
        sys.exit(__doc__)
    prepare(sys.argv[1], sys.argv[2], sys.argv[3:])
