'use strict';
// Loads the addon jar that `npm run build` makes (and that `npm run package` ships in the package).
const path = require('node:path');

module.exports = require('napi-java').load(path.join(__dirname, 'target', '{{artifactId}}.jar'));
