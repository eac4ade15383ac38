#!/usr/bin/env bash
# Builds the launcher (prebuilds/linux-x64/napi_java.node) with gcc. Called by `mvn package`.
# Node-API headers come from the pinned npm package node-api-headers (see napi-bindings/),
# JNI headers from the JDK given as $1 (any JDK 10+ has them).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
jdk=${1:?usage: build.sh <jdk-home>}
headers="$here/../napi-bindings/node_modules/node-api-headers/include"
if [ ! -f "$headers/node_api.h" ]; then
  (cd "$here/../napi-bindings" && npm ci --no-audit --no-fund --loglevel=error)
fi
if [ ! -f "$jdk/include/jni.h" ]; then
  echo "build.sh: no JNI headers in $jdk/include; pass a JDK home" >&2
  exit 1
fi
case "$(uname -m)" in x86_64) arch=x64 ;; aarch64) arch=arm64 ;; *) arch=$(uname -m) ;; esac
out="$here/prebuilds/linux-$arch"
mkdir -p "$out"
# NAPI_VERSION 8, not the experimental version: with it Node runs finalizers after a V8 garbage
# collection, never inside one, which the Java side's critical downcalls rely on
# (addon-api's internal/Critical.java).
gcc -std=c11 -D_GNU_SOURCE -O2 -Wall -Wextra -Werror -fPIC -shared -fvisibility=hidden \
  -DNAPI_VERSION=8 -I"$headers" -I"$jdk/include" -I"$jdk/include/linux" \
  "$here/src/main/c/napi_java.c" -o "$out/napi_java.node" \
  -Wl,-z,nodelete -ldl -lpthread
