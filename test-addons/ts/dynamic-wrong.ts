// Wrong uses of commonmark-java through its generated declarations: tsc --strict must reject each (the test checks the lines).
import { classpath } from '../../loader/java.js';
import type { Classes } from '../target/dynamic/commonmark.js';

export async function main(): Promise<void> {
const cp = await classpath<Classes>(['org.commonmark:commonmark:0.24.0']);
const Parser = cp.importClass('org.commonmark.parser.Parser');

Parser.builder().build().parse(42);
Parser.builder().includeSourceSpans('EVERYTHING');
new Parser();
const html: number = cp.importClass('org.commonmark.renderer.html.HtmlRenderer').builder().build().render(Parser.builder().build().parse('x'));
const span: string = Parser.builder().build().parse('x').getSourceSpans()[0];
}
