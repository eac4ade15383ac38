'use strict';
// `npm pack` / `npm publish` of napi-java run this first (prepack): it refuses to pack a tree
// that `mvn package` has not built, which would make a package that fails at load().
const fs = require('node:fs');
const path = require('node:path');

const root = path.join(__dirname, '..');
const needed = [
  path.join('prebuilds', 'linux-x64', 'napi_java.node'),
  path.join('runtime', 'addon-api.jar'),
  path.join('runtime', 'napi-bindings.jar'),
  path.join('runtime', 'bridge.jar'),
];
const missing = needed.filter((file) => !fs.existsSync(path.join(root, file)));
if (missing.length) {
  console.error(`napi-java: cannot pack an unbuilt loader: missing ${missing.join(', ')}.\n` +
    'Build it first from the repository root: mvn -q -B package -DskipTests');
  process.exit(1);
}
// The Maven version that `napi-java new` writes into new projects must be the one this tree builds.
const pom = path.join(root, '..', 'pom.xml');
if (fs.existsSync(pom)) {
  const version = /<artifactId>napi-java-parent<\/artifactId>\s*<version>([^<]+)<\/version>/.exec(fs.readFileSync(pom, 'utf8'));
  const own = require('../package.json').napiJava.mavenVersion;
  if (version && version[1] !== own) {
    console.error(`napi-java: package.json napiJava.mavenVersion is ${own} but pom.xml builds ${version[1]}; make them equal`);
    process.exit(1);
  }
}
