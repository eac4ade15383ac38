// The worked example of docs/dynamic-bridge.md, timed with napi-java/java and with java-bridge:
// commonmark-java 0.24.0 (from Maven Central) renders a short Markdown text to HTML. Reports the
// time from the script's start to the first HTML (start-up, classpath, first call) and the
// median time of one parse + render, after a warm-up round.
//   node jmh/markdown.mjs     (java-bridge part: npm install --prefix jmh/bridge first)
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const t0 = performance.now();
const require = createRequire(import.meta.url);
const here = (path) => fileURLToPath(new URL(path, import.meta.url));
const { classpath } = require(here('../loader/java.js'));

const cp = await classpath(['org.commonmark:commonmark:0.24.0']);
const Parser = cp.importClass('org.commonmark.parser.Parser');
const HtmlRenderer = cp.importClass('org.commonmark.renderer.html.HtmlRenderer');
const parser = Parser.builder().build();
const renderer = HtmlRenderer.builder().build();
const text = '# Title\n\nSome *emphasis*, a [link](https://example.org) and `code`.\n\n- one\n- two\n';
const render = () => renderer.render(parser.parse(text));
const html = render();
const firstMs = performance.now() - t0;
const rounds = [];
for (let r = 0; r < 4; r++) {
  const start = process.hrtime.bigint();
  for (let i = 0; i < 2000; i++) render();
  rounds.push(Number(process.hrtime.bigint() - start) / 2000 / 1000);
}
const rows = [{ impl: 'napi-java/java', firstMs, perRenderUs: rounds.slice(1).sort((a, b) => a - b)[1], html }];
if (existsSync(here('bridge/node_modules/java-bridge'))) {
  const { findJavaHome } = require(here('../loader/index.js'));
  const child = spawnSync(process.execPath, [here('bridge/markdown.mjs'), cp.files[0], findJavaHome()], { encoding: 'utf8' });
  if (child.status === 0) rows.push(JSON.parse(child.stdout));
  else console.error(`java-bridge run failed: ${child.stderr}`);
}
if (new Set(rows.map((row) => row.html)).size !== 1) throw new Error('the two renderings differ');
for (const row of rows) console.log(`${row.impl}: first HTML after ${row.firstMs.toFixed(0)} ms, ${row.perRenderUs.toFixed(1)} µs per parse + render`);
process.exit(0);
