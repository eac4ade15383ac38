'use strict';
// The CommonJS entry: loads the addon jar that `npm run build` makes (and that `npm run package`
// ships). index.mjs, the ESM entry, re-exports this same object. `load` is taken out first so
// that Node's static analysis of this file does not read it as a re-export of napi-java's own
// exports (which `module.exports = require('napi-java').load(...)` would look like).
const path = require('node:path');
const { load } = require('napi-java');

module.exports = load(path.join(__dirname, 'target', '{{artifactId}}.jar'));
