'use strict';
// `napi-java new <name> [--package <java.package>] [--napi-java <npm spec>]`: makes a new addon
// project in ./<name> from ../template: a Maven build with the @JsExport processor, one addon
// class, package.json with build, test and package scripts and the CJS/ESM entry points, a
// node:test test, a GitHub Actions workflow, a README.
const fs = require('node:fs');
const path = require('node:path');
const own = require('../package.json');

const USAGE = 'usage: napi-java new <name> [--package <java.package>] [--napi-java <npm spec of napi-java>]';
const NPM_NAME = /^(?:@([a-z0-9][a-z0-9._~-]*)\/)?([a-z0-9][a-z0-9._~-]*)$/;
const JAVA_PACKAGE = /^[a-zA-Z_][a-zA-Z0-9_]*(\.[a-zA-Z_][a-zA-Z0-9_]*)*$/;

function option(args, name) {
  const at = args.indexOf(name);
  if (at < 0) return undefined;
  const value = args[at + 1];
  if (value === undefined || value.startsWith('--')) throw usageError(`${name} needs a value`);
  args.splice(at, 2);
  return value;
}

function usageError(message) {
  return Object.assign(new Error(`napi-java new: ${message}\n${USAGE}`), { code: 'ERR_NAPI_JAVA_USAGE' });
}

/** The placeholders of the template for the npm package name `name`. */
function values(name, javaPackage, napiJavaSpec) {
  const match = NPM_NAME.exec(name);
  if (!match || name.length > 214) throw usageError(`'${name}' is not a valid npm package name (lower case, digits, - . _ ~)`);
  const artifactId = match[2];
  const words = artifactId.split(/[^a-zA-Z0-9]+/).filter(Boolean);
  let className = words.map((w) => w[0].toUpperCase() + w.slice(1)).join('') || 'Addon';
  if (/^[0-9]/.test(className)) className = `Addon${className}`;
  const packageWord = words.join('').toLowerCase().replace(/^([0-9])/, '_$1') || 'addon';
  const pkg = javaPackage || `com.example.${packageWord}`;
  if (!JAVA_PACKAGE.test(pkg)) throw usageError(`'${pkg}' is not a Java package name`);
  return {
    name,
    artifactId,
    groupId: pkg.split('.').slice(0, -1).join('.') || pkg,
    javaPackage: pkg,
    javaPackagePath: pkg.replaceAll('.', '/'),
    className,
    napiJavaMavenVersion: own.napiJava.mavenVersion,
    napiJavaSpec: napiJavaSpec || `^${own.version}`,
    tarball: `${(match[1] ? `${match[1]}-` : '') + artifactId}-1.0.0.tgz`,
  };
}

function fill(text, vars) {
  return text.replace(/\{\{(\w+)\}\}/g, (all, key) => {
    if (!(key in vars)) throw new Error(`template placeholder ${all} has no value`);
    return vars[key];
  });
}

/** The template file `relative` goes to this path in the new project. */
function destination(relative, vars) {
  if (relative === 'gitignore') return '.gitignore'; // npm leaves .gitignore files out of packages
  if (relative === path.join('src', 'main', 'java', 'Addon.java')) {
    return path.join('src', 'main', 'java', ...vars.javaPackage.split('.'), `${vars.className}.java`);
  }
  return relative;
}

function files(dir, base = dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? files(full, base) : [path.relative(base, full)];
  });
}

exports.main = function main(argv) {
  const args = [...argv];
  const javaPackage = option(args, '--package');
  const napiJavaSpec = option(args, '--napi-java');
  if (args.length !== 1 || args[0].startsWith('-')) throw usageError(args.length ? `unexpected ${args.slice(1).join(' ') || args[0]}` : 'name the project');
  const vars = values(args[0], javaPackage, napiJavaSpec);
  const target = path.resolve(vars.artifactId);
  if (fs.existsSync(target) && fs.readdirSync(target).length) throw usageError(`${target} exists and is not empty`);
  const template = path.join(__dirname, '..', 'template');
  for (const relative of files(template)) {
    const out = path.join(target, destination(relative, vars));
    fs.mkdirSync(path.dirname(out), { recursive: true });
    fs.writeFileSync(out, fill(fs.readFileSync(path.join(template, relative), 'utf8'), vars));
  }
  console.log(`napi-java new: made ${path.relative(process.cwd(), target) || '.'} (${vars.javaPackage}.${vars.className}). Next:\n` +
    `  cd ${vars.artifactId} && npm install && npm run build && npm test`);
  return 0;
};
