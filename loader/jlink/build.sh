#!/usr/bin/env bash
# Makes the optional npm package napi-java-runtime-linux-<arch>: a Java runtime made by jlink with
# the modules napi-java's runtime and a typical addon need, so that end users need no JDK. When
# it is installed next to napi-java, load() uses it (after the javaHome option and NAPI_JAVA_HOME).
#   loader/jlink/build.sh [<jdk 25+ home>]   ->  loader/target/napi-java-runtime-linux-x64-<version>.tgz
# An addon that needs other modules (java.sql, java.desktop, ...) lists them in NAPI_JAVA_JLINK_MODULES.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
loader=$(cd "$here/.." && pwd)
jdk=${1:-$(node -p "require('$loader').findJavaHome()")}
case "$(uname -m)" in x86_64) arch=x64 ;; aarch64) arch=arm64 ;; *) arch=$(uname -m) ;; esac
name="napi-java-runtime-linux-$arch"
version=$(node -p "require('$loader/package.json').version")
modules=${NAPI_JAVA_JLINK_MODULES:-java.base,java.logging,java.net.http,java.xml,jdk.unsupported,jdk.zipfs}
out="$loader/target/$name"
rm -rf "$out" && mkdir -p "$out"
"$jdk/bin/jlink" --add-modules "$modules" --output "$out/jdk" \
  --strip-debug --no-man-pages --no-header-files --compress=zip-9 \
  $(command -v objcopy >/dev/null && echo --strip-native-debug-symbols=objcopy=$(command -v objcopy))
cat > "$out/package.json" <<JSON
{
  "name": "$name",
  "version": "$version",
  "description": "A Java runtime (jlink of JDK $("$jdk/bin/java" -version 2>&1 | sed -n 's/.*version "\([^"]*\)".*/\1/p'), modules $modules) for napi-java: addons run without a JDK installed",
  "files": ["jdk/"],
  "os": ["linux"],
  "cpu": ["$arch"],
  "license": "GPL-2.0-with-classpath-exception"
}
JSON
(cd "$out" && npm pack --pack-destination "$loader/target" >/dev/null)
echo "jlink/build.sh: $loader/target/$name-$version.tgz ($(du -h "$loader/target/$name-$version.tgz" | cut -f1) packed, $(du -sh "$out/jdk" | cut -f1) unpacked)" >&2
