#!/usr/bin/env bash
# Installs Debian's Chromium for the browser tests (@playwright/test drives it through its
# executablePath and downloads no browser of its own). Idempotent: does nothing when
# /usr/bin/chromium exists.
set -euo pipefail
if [ -x /usr/bin/chromium ]; then
  exit 0
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
echo "browser-test: installing chromium (apt-get)" >&2
$SUDO apt-get update
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y --no-install-recommends chromium fonts-noto-cjk
/usr/bin/chromium --version
