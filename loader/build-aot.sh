#!/usr/bin/env bash
# Makes runtime/napi-java.aot, an AOT cache (JDK 25+) that cuts the JVM's start-up inside Node:
# a training run records what start-up loads and links, then the JDK writes the cache.
# runtime/napi-java.aot.json names the JDK it belongs to; index.js uses the cache only with
# that JDK. Optional: when it cannot be made, the build goes on without it.
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
runtime="$here/runtime"
rm -f "$runtime/napi-java.aot" "$runtime/napi-java.aot.json" "$runtime/napi-java.aotconf"
skip() { echo "build-aot.sh: no AOT cache ($1); start-up will be slower" >&2; rm -f "$runtime/napi-java.aot"* ; exit 0; }
command -v node >/dev/null || skip "node is not on PATH"
node "$here/aot/train.js" "$runtime/napi-java.aotconf" "$runtime/napi-java.aot.json.tmp" >/dev/null || skip "the training run failed"
[ -f "$runtime/napi-java.aotconf" ] || skip "the JDK wrote no AOT configuration (needs JDK 25+)"
java_home=$(node -e "console.log(JSON.parse(require('fs').readFileSync(process.argv[1])).javaHome)" "$runtime/napi-java.aot.json.tmp") || skip "no training result"
mapfile -t options < <(node -e "for (const o of JSON.parse(require('fs').readFileSync(process.argv[1])).options) console.log(o)" "$runtime/napi-java.aot.json.tmp")
"$java_home/bin/java" -XX:AOTMode=create -XX:AOTConfiguration="$runtime/napi-java.aotconf" \
  -XX:AOTCache="$runtime/napi-java.aot" "${options[@]}" -Xlog:aot=error >/dev/null || skip "the JDK could not write the cache"
rm -f "$runtime/napi-java.aotconf"
mv "$runtime/napi-java.aot.json.tmp" "$runtime/napi-java.aot.json"
echo "build-aot.sh: wrote $runtime/napi-java.aot for $java_home" >&2
