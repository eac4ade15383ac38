// Uses commonmark-java through napi-java/java and the declarations that `napi-java types` wrote
// (target/dynamic/commonmark.d.ts, made by js/dynamic.test.mjs); must compile with tsc --strict.
import { classpath } from '../../loader/java.js';
import type { Classes, org } from '../target/dynamic/commonmark.js';

export async function main(): Promise<void> {
const cp = await classpath<Classes>(['org.commonmark:commonmark:0.24.0']);
const Parser = cp.importClass('org.commonmark.parser.Parser');
const HtmlRenderer = cp.importClass('org.commonmark.renderer.html.HtmlRenderer');
const document: org.commonmark.node.Node = Parser.builder().includeSourceSpans('BLOCKS').build().parse('# Hi');
const html: string = HtmlRenderer.builder().escapeHtml(true).build().render(document);
const later: Promise<org.commonmark.node.Node> = Parser.builder().build().parseAsync('*x*');
const first: org.commonmark.node.Node | null = document.getFirstChild();
const Heading = cp.importClass('org.commonmark.node.Heading');
const level: number = new Heading().getLevel();
const span: org.commonmark.node.SourceSpan = document.getSourceSpans()[0]; // a Java List by index
const spans: number = document.getSourceSpans().length;
console.log(html, later, first, level, span, spans);
}
