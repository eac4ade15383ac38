#!/usr/bin/env bash
# Builds the launcher of each platform named (default: this machine's) into
# loader/npm/<triple>/napi_java.node, the file the npm package napi-java-<triple> ships:
#   loader/build.sh <jdk-home> [<triple>...] [--optional <triple>...]
#   e.g. loader/build.sh $JAVA_HOME linux-arm64-gnu
# Triples after --optional are built when their compiler is found and skipped (saying so)
# otherwise; `mvn package` runs `build.sh <jdk> --optional linux-arm64-gnu`.
# Triples: see TRIPLES in loader/platform.js (`node loader/platform.js` prints this machine's).
# The compiler of a triple is $CC_<triple> when set (dashes as underscores: CC_linux_arm64_gnu),
# else $CC for this machine's own triple, else the usual one for the target (gcc for this
# machine, aarch64-linux-gnu-gcc for linux-arm64-gnu on an x86-64 host). Each launcher built is
# checked to be a binary of its platform (cli/check-built.js reads its header).
# Node-API headers come from the pinned npm package node-api-headers (see napi-bindings/),
# JNI headers from the JDK given as $1 (any JDK 10+ has them; their jni_md.h is the same on
# x86-64 and arm64 Linux, so one JDK's headers serve both).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
jdk=${1:?usage: build.sh <jdk-home> [<triple>...]}
shift
host=$(node "$here/platform.js")
triples=()
optional=()
while [ $# -gt 0 ]; do
  if [ "$1" = --optional ]; then shift; optional+=("$@"); break; fi
  triples+=("$1"); shift
done
[ ${#triples[@]} -gt 0 ] || triples=("$host")
for triple in "${optional[@]}"; do
  [[ " ${triples[*]} " == *" $triple "* ]] || triples+=("$triple?")
done
headers="$here/../napi-bindings/node_modules/node-api-headers/include"
if [ ! -f "$headers/node_api.h" ]; then
  (cd "$here/../napi-bindings" && npm ci --no-audit --no-fund --loglevel=error)
fi
if [ ! -f "$jdk/include/jni.h" ]; then
  echo "build.sh: no JNI headers in $jdk/include; pass a JDK home" >&2
  exit 1
fi
src="$here/src/main/c/napi_java.c"
# NAPI_VERSION 8, not the experimental version: with it Node runs finalizers after a V8 garbage
# collection, never inside one, which the Java side's critical downcalls rely on
# (addon-api's internal/Critical.java).
common=(-DNAPI_VERSION=8 -I"$headers" -I"$jdk/include")

# compiler <triple> <default>: the compiler to use for <triple> (see the top of this file).
compiler() {
  local var="CC_${1//-/_}"
  if [ -n "${!var:-}" ]; then echo "${!var}"
  elif [ "$1" = "$host" ] && [ -n "${CC:-}" ]; then echo "$CC"
  else echo "$2"
  fi
}

for triple in "${triples[@]}"; do
  skip_missing=false
  if [[ $triple == *'?' ]]; then skip_missing=true; triple=${triple%'?'}; fi
  out=$(node "$here/platform.js" "$triple" --file)
  mkdir -p "$(dirname "$out")"
  case "$triple" in
    linux-x64-gnu | linux-arm64-gnu)
      if [ "$triple" = "$host" ]; then cc=$(compiler "$triple" gcc)
      elif [ "$triple" = linux-arm64-gnu ]; then cc=$(compiler "$triple" aarch64-linux-gnu-gcc)
      else cc=$(compiler "$triple" x86_64-linux-gnu-gcc)
      fi
      if ! command -v "${cc%% *}" >/dev/null; then
        if $skip_missing; then echo "build.sh: skipped $triple: no $cc on PATH" >&2; continue; fi
        echo "build.sh: $triple needs the compiler $cc (set CC_${triple//-/_})" >&2; exit 1
      fi
      # shellcheck disable=SC2086 # CC may hold options ("zig cc -target ...")
      $cc -std=c11 -D_GNU_SOURCE -O2 -Wall -Wextra -Werror -fPIC -shared -fvisibility=hidden \
        "${common[@]}" -I"$jdk/include/linux" "$src" -o "$out" \
        -Wl,-z,nodelete -ldl -lpthread
      ;;
    # --- darwin-x64, darwin-arm64, win32-x64: one branch each (macOS and Windows ports) ---
    *)
      echo "build.sh: no build for $triple on this machine yet; platforms: $(node -p "require('$here/platform.js').TRIPLES.join(', ')")" >&2
      exit 1
      ;;
  esac
  node -e '
    const [file, triple] = process.argv.slice(1);
    const built = require(process.argv[3]).binaryPlatform(file);
    if (!built || `${built.os}-${built.arch}` !== triple.split("-").slice(0, 2).join("-")) {
      console.error(`build.sh: ${file} is not a ${triple} binary (${built ? `${built.os}-${built.arch}` : "unknown format"}): check the compiler`);
      process.exit(1);
    }' "$out" "$triple" "$here/cli/check-built.js" || { rm -f "$out"; exit 1; }
  echo "build.sh: built $triple with $cc: ${out#"$here/"}" >&2
done
