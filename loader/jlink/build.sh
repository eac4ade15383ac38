#!/usr/bin/env bash
# Makes the optional npm package napi-java-runtime-<triple> (linux-x64-gnu, linux-arm64-gnu, ...): a
# Java runtime linked by jlink, so that end users need no JDK. Installed next to napi-java, load()
# uses it (after the javaHome option and NAPI_JAVA_HOME).
#   loader/jlink/build.sh [<jdk 25+ home>]  ->  loader/target/napi-java-runtime-<triple>-<version>.tgz
# (its path on stdout). JDK 25 is the one to link from: later JDKs were measured to start napi-java
# no faster.
# The triple is the JDK's own platform (its release file's OS_NAME, OS_ARCH and LIBC): jlink links
# the modules of the JDK it runs from. Build napi-java first (mvn package): the modules are
#   - what the module descriptors of loader/runtime/*.jar require (loader/modules.js reads them,
#     as the loader does before it starts a JVM), so the list follows the code;
#   - what a typical addon uses: TYPICAL below;
#   - NAPI_JAVA_JLINK_MODULES, comma-separated, for an addon that needs more (java.sql, java.desktop, ...).
# The image gets the JDK's default class-data archive (--generate-cds-archive): start-up without
# napi-java's AOT cache is faster with it. The script checks that the image boots the runtime.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
loader=$(cd "$here/.." && pwd)
TYPICAL=java.logging,java.net.http,java.xml,jdk.unsupported,jdk.zipfs
fail() { echo "jlink/build.sh: $*" >&2; exit 1; }

jdk=${1:-$(node -p "require('$loader').findJavaHome()")}
[ -x "$jdk/bin/jlink" ] || fail "$jdk has no bin/jlink: name a JDK 25+ (not a runtime)"
release=$jdk/release
field() { sed -n "s/^$1=\"\\([^\"]*\\)\".*/\\1/p" "$release"; }
major=$(field JAVA_VERSION | cut -d. -f1)
[ "${major:-0}" -ge 25 ] || fail "$jdk is JDK ${major:-?}; napi-java needs 25 or newer"
case "$(field OS_NAME)" in Linux) os=linux ;; Darwin) os=darwin ;; Windows) os=win32 ;; *) fail "unknown OS_NAME in $release" ;; esac
case "$(field OS_ARCH)" in x86_64 | amd64) arch=x64 ;; aarch64 | arm64) arch=arm64 ;; *) fail "unknown OS_ARCH in $release" ;; esac
triple=$os-$arch
if [ "$os" = linux ]; then
  [ "$(field LIBC)" != musl ] || fail "$jdk is a musl JDK; napi-java's Linux launchers are built for glibc"
  triple=$triple-gnu
fi

[ -f "$loader/runtime/addon-api.jar" ] || fail "no $loader/runtime/addon-api.jar: build napi-java first (mvn package)"
required=$(node "$loader/modules.js" "$loader/runtime")
modules=$(printf '%s\n' "$required,$TYPICAL${NAPI_JAVA_JLINK_MODULES:+,$NAPI_JAVA_JLINK_MODULES}" | tr ',' '\n' | sed '/^$/d' | sort -u | paste -sd, -)
name=napi-java-runtime-$triple
version=$(node -p "require('$loader/package.json').version")
out=$loader/target/$name
rm -rf "$out" && mkdir -p "$out"
# The release file keeps the JDK's platform and build (the loader checks OS_ARCH), which jlink drops.
info=add
for key in IMPLEMENTOR IMPLEMENTOR_VERSION JAVA_RUNTIME_VERSION OS_NAME OS_ARCH LIBC; do
  value=$(field $key)
  [ -z "$value" ] || info="$info:$key=\"$value\""
done
"$jdk/bin/jlink" --add-modules "$modules" --output "$out/jdk" --generate-cds-archive --release-info "$info" \
  --strip-debug --no-man-pages --no-header-files --compress=zip-9 >&2
# The archive for heaps above 32 GB (no compressed oops) is of no use at napi-java's default -Xmx512m.
rm -f "$out/jdk/lib/server/classes_nocoops.jsa"

# The runtime's boot layer resolves with this image, as load() will make it (else the JVM would exit).
"$out/jdk/bin/java" --module-path "$loader/runtime" --add-modules dev.napijava,dev.napijava.bindings -Xshare:auto -version >/dev/null 2>"$out/check.log" ||
  fail "the image at $out/jdk cannot boot napi-java's runtime: $(cat "$out/check.log")"
rm -f "$out/check.log"

libc=
[ "$os" = linux ] && libc=', "libc": ["glibc"]'
jdk_version=$(field JAVA_RUNTIME_VERSION)
cat > "$out/package.json" <<JSON
{
  "name": "$name",
  "version": "$version",
  "description": "A Java runtime for napi-java addons on $triple, so that they run without a JDK (jlink of JDK $jdk_version: ${modules//,/, })",
  "files": ["jdk/"],
  "os": ["$os"],
  "cpu": ["$arch"]$libc,
  "napiJava": { "jdk": "$jdk_version", "modules": "$modules" },
  "license": "GPL-2.0-with-classpath-exception"
}
JSON
(cd "$out" && npm pack --pack-destination "$loader/target" >/dev/null 2>&1)
tarball=$loader/target/$name-$version.tgz
echo "jlink/build.sh: $tarball ($(du -h "$tarball" | cut -f1) packed, $(du -sh "$out/jdk" | cut -f1) unpacked; modules $modules)" >&2
echo "$tarball"
