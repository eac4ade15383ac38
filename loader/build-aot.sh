#!/usr/bin/env bash
# Makes the AOT start-up cache for this build's runtime jars and JDK in the per-user cache folder
# (see aot.js), so that the tests start fast. Nothing goes into the package. Optional: when it
# cannot be made, the build goes on without it.
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
command -v node >/dev/null || { echo "build-aot.sh: node is not on PATH; no AOT cache" >&2; exit 0; }
node "$here/bin/napi-java.js" aot || true
