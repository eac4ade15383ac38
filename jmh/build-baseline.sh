#!/usr/bin/env bash
# Builds the C Node-API addon that the benchmarks compare against (target/baseline.node).
# Uses the Node-API headers that the loader's build fetched (napi-bindings/node_modules).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
headers="$here/../napi-bindings/node_modules/node-api-headers/include"
[ -f "$headers/node_api.h" ] || { echo "build-baseline.sh: build the loader first (no $headers)" >&2; exit 1; }
mkdir -p "$here/target"
gcc -std=c11 -O2 -Wall -Wextra -Werror -fPIC -shared -fvisibility=hidden -DNAPI_VERSION=8 \
  -I"$headers" "$here/src/main/c/baseline.c" -o "$here/target/baseline.node" -lpthread
