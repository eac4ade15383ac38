#!/usr/bin/env bash
# Regenerates the Node-API FFM bindings in src/main/java/dev/napijava/bindings
# from the pinned node-api-headers npm package (see package.json / package-lock.json)
# using jextract and the symbol allowlist in symbols.txt.
#
# Requirements:
#   - jextract (https://github.com/openjdk/jextract, built for JDK 25 with libclang),
#     given as $JEXTRACT or found as `jextract` on PATH
#   - npm (to fetch the pinned headers if node_modules is missing)
#   - perl
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$HERE"

NAPI_VERSION=9
PACKAGE=dev.napijava.bindings
HEADER_CLASS=NodeApi
OUT_DIR=src/main/java
PKG_DIR="$OUT_DIR/${PACKAGE//.//}"
HEADERS_DIR=node_modules/node-api-headers

# (a) locate jextract
if [[ -n "${JEXTRACT:-}" ]]; then
  if [[ ! -x "$JEXTRACT" ]]; then
    echo "error: JEXTRACT=$JEXTRACT is not an executable file" >&2
    exit 1
  fi
elif command -v jextract >/dev/null 2>&1; then
  JEXTRACT="$(command -v jextract)"
else
  echo "error: jextract not found. Set JEXTRACT=/path/to/jextract or put jextract on PATH." >&2
  echo "       Build it from https://github.com/openjdk/jextract with JDK 25 and libclang." >&2
  exit 1
fi

# (b) fetch the pinned headers
if [[ ! -f "$HEADERS_DIR/include/node_api.h" ]]; then
  echo "node_modules missing, running npm ci ..." >&2
  npm ci --no-audit --no-fund
fi
HEADERS_VERSION="$(sed -n 's/^ *"version": *"\([^"]*\)".*/\1/p' "$HEADERS_DIR/package.json" | head -n 1)"
if [[ -z "$HEADERS_VERSION" ]]; then
  echo "error: could not read the node-api-headers version from $HEADERS_DIR/package.json" >&2
  exit 1
fi

# (c) run jextract into a clean package directory
rm -rf "$PKG_DIR" "$OUT_DIR/module-info.java"
echo "running $JEXTRACT (node-api-headers $HEADERS_VERSION, NAPI_VERSION=$NAPI_VERSION) ..." >&2
"$JEXTRACT" \
  -DNAPI_VERSION="$NAPI_VERSION" \
  --target-package "$PACKAGE" \
  --header-class-name "$HEADER_CLASS" \
  --output "$OUT_DIR" \
  @symbols.txt \
  "$HEADERS_DIR/include/node_api.h"

# (d) patch SYMBOL_LOOKUP: the napi_* symbols are exported by the running host executable
#     (node), which Linker.nativeLinker().defaultLookup() does not search.
HEADER_FILE="$PKG_DIR/$HEADER_CLASS.java"
IFS= read -r -d '' SYMBOL_LOOKUP_PATCH <<'JAVA' || true
    // Patched by napi-bindings/regenerate.sh (jextract emitted
    // SymbolLookup.loaderLookup().or(Linker.nativeLinker().defaultLookup())).
    // The napi_* symbols are exported by the running host executable (node) itself, which
    // defaultLookup() does not search (on Linux it only sees libc). So they are resolved with
    // dlsym(RTLD_DEFAULT, name) on Linux and macOS (RTLD_DEFAULT is ((void*) 0) on glibc and
    // musl, ((void*) -2) on macOS), found through defaultLookup(); and on Windows with
    // GetProcAddress(GetModuleHandleW(NULL), name), the module of the process's executable,
    // found in kernel32. Both functions take (handle, name) and return the address.
    private static final boolean WINDOWS$ = System.getProperty("os.name").startsWith("Windows");

    private static final SymbolLookup SYSTEM$LOOKUP = WINDOWS$
            ? SymbolLookup.libraryLookup("kernel32", Arena.global())
            : Linker.nativeLinker().defaultLookup();

    private static final MethodHandle DLSYM$MH = SYSTEM$LOOKUP.find(WINDOWS$ ? "GetProcAddress" : "dlsym")
            .map(addr -> Linker.nativeLinker().downcallHandle(addr,
                    FunctionDescriptor.of(ValueLayout.ADDRESS, ValueLayout.ADDRESS, ValueLayout.ADDRESS)))
            .orElse(null);

    private static final MemorySegment RTLD_DEFAULT$ADDR = WINDOWS$ ? hostModule$()
            : MemorySegment.ofAddress(System.getProperty("os.name").startsWith("Mac") ? -2L : 0L);

    private static MemorySegment hostModule$() {
        try {
            MethodHandle getModuleHandle = Linker.nativeLinker().downcallHandle(
                    SYSTEM$LOOKUP.findOrThrow("GetModuleHandleW"),
                    FunctionDescriptor.of(ValueLayout.ADDRESS, ValueLayout.ADDRESS));
            return (MemorySegment) getModuleHandle.invokeExact(MemorySegment.NULL);
        } catch (Throwable ex) {
            throw new AssertionError("GetModuleHandleW failed", ex);
        }
    }

    static final SymbolLookup SYMBOL_LOOKUP = ((SymbolLookup) name -> {
        if (DLSYM$MH == null) {
            return Optional.empty();
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment addr = (MemorySegment) DLSYM$MH.invokeExact(RTLD_DEFAULT$ADDR, arena.allocateFrom(name));
            return addr.address() == 0L ? Optional.empty() : Optional.of(addr);
        } catch (Throwable ex) {
            throw new AssertionError((WINDOWS$ ? "GetProcAddress" : "dlsym") + " failed for " + name, ex);
        }
    }).or(SymbolLookup.loaderLookup()).or(Linker.nativeLinker().defaultLookup());
JAVA
export SYMBOL_LOOKUP_PATCH
perl -0pi -e '
  my $count = s{^[ ]*static final SymbolLookup SYMBOL_LOOKUP = SymbolLookup\.loaderLookup\(\)\s*\.or\(Linker\.nativeLinker\(\)\.defaultLookup\(\)\);[ ]*\n}{$ENV{SYMBOL_LOOKUP_PATCH}}m;
  die "regenerate.sh: SYMBOL_LOOKUP pattern not found in jextract output\n" unless $count == 1;
' "$HEADER_FILE"

# (d2) patch C_LONG: jextract maps every C `long` of the headers to the platform's `long`
#      (Linker.nativeLinker().canonicalLayouts().get("long")), cast to ValueLayout.OfLong. The
#      bindings are generated on 64-bit Linux, where size_t and (u)int64_t are `long`; on 64-bit
#      Windows `long` is 32 bits, so that cast fails and NodeApi cannot initialise. node_api.h
#      declares no plain `long`: every C_LONG stands for size_t, int64_t or uint64_t (napi_type_tag),
#      64 bits wherever Node runs, so C_LONG becomes JAVA_LONG.
SHARED_FILE="$PKG_DIR/$HEADER_CLASS\$shared.java"
IFS= read -r -d '' C_LONG_PATCH <<'JAVA' || true
    // Patched by napi-bindings/regenerate.sh (jextract emitted the platform's C long,
    // Linker.nativeLinker().canonicalLayouts().get("long"), which is 32 bits on Windows).
    // Every C long in these bindings stands for size_t, int64_t or uint64_t of node_api.h,
    // which jextract sees as long on 64-bit Linux: 64 bits on every platform Node runs on.
    public static final ValueLayout.OfLong C_LONG = ValueLayout.JAVA_LONG;
JAVA
export C_LONG_PATCH
perl -0pi -e '
  my $count = s{^[ ]*public static final ValueLayout\.OfLong C_LONG = \(ValueLayout\.OfLong\) Linker\.nativeLinker\(\)\.canonicalLayouts\(\)\.get\("long"\);[ ]*\n}{$ENV{C_LONG_PATCH}}m;
  die "regenerate.sh: C_LONG pattern not found in jextract output\n" unless $count == 1;
' "$SHARED_FILE"

# (e) mark every generated file as generated (replaces jextract's own first line)
MARKER="// Generated by jextract from node-api-headers $HEADERS_VERSION by napi-bindings/regenerate.sh. Do not edit."
export MARKER
find "$PKG_DIR" -type f -name '*.java' -print0 | LC_ALL=C sort -z | while IFS= read -r -d '' f; do
  perl -0pi -e 's{\A// Generated by jextract\n}{}; $_ = "$ENV{MARKER}\n" . $_;' "$f"
done

# (f) the module descriptor: the bindings are for the addon API only
cat > "$OUT_DIR/module-info.java" <<EOF
$MARKER

/** FFM bindings for Node-API: the napi-java runtime, and addons that call a Node-API function it does not wrap. */
module $PACKAGE {
    exports $PACKAGE;
}
EOF

echo "generated $(find "$PKG_DIR" -type f -name '*.java' | wc -l) files in $PKG_DIR" >&2
