// The worked example of docs/dynamic-bridge.md with java-bridge: commonmark-java renders a
// Markdown text to HTML. Run by jmh/markdown.mjs:  node jmh/bridge/markdown.mjs <commonmark.jar> <jdk home>
// Prints JSON {impl, firstMs, perRenderUs, html}.
import path from 'node:path';
import java from 'java-bridge';

const t0 = performance.now();
const [jar, jdk] = process.argv.slice(2);
java.ensureJvm({ libPath: path.join(jdk, 'lib', 'server', 'libjvm.so'), opts: ['-Xrs'] });
java.appendClasspath(jar);
const Parser = java.importClass('org.commonmark.parser.Parser');
const HtmlRenderer = java.importClass('org.commonmark.renderer.html.HtmlRenderer');
const parser = Parser.builderSync().buildSync();
const renderer = HtmlRenderer.builderSync().buildSync();
const text = '# Title\n\nSome *emphasis*, a [link](https://example.org) and `code`.\n\n- one\n- two\n';
const render = () => renderer.renderSync(parser.parseSync(text));
const html = render();
const firstMs = performance.now() - t0;
const rounds = [];
for (let r = 0; r < 4; r++) {
  const start = process.hrtime.bigint();
  for (let i = 0; i < 2000; i++) render();
  rounds.push(Number(process.hrtime.bigint() - start) / 2000 / 1000);
}
const perRenderUs = rounds.slice(1).sort((a, b) => a - b)[1];
console.log(JSON.stringify({ impl: 'java-bridge', firstMs, perRenderUs, html }));
process.exit(0);
