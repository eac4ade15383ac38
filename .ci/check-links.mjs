// Checks the relative links of the repository's Markdown files: every linked file exists and
// every #anchor names a heading of its target (GitHub's slugs). External links are not fetched.
//   node .ci/check-links.mjs
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const files = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', '*.md'], { cwd: root, encoding: 'utf8' })
  .split('\n').filter(Boolean).filter((f) => existsSync(path.join(root, f)));

/** The text outside fenced code blocks and inline code, where links are links. */
function prose(text) {
  return text.replace(/^```[\s\S]*?^```/gm, '').replace(/`[^`\n]*`/g, '');
}

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces to dashes, repeats numbered. */
function anchors(file) {
  const seen = new Map();
  const result = new Set();
  for (const [, heading] of prose(readFileSync(file, 'utf8')).matchAll(/^#{1,6}\s+(.*?)\s*#*\s*$/gm)) {
    const base = heading.toLowerCase().replace(/[^\p{L}\p{N}\s_-]/gu, '').replace(/\s/g, '-');
    const n = seen.get(base) || 0;
    seen.set(base, n + 1);
    result.add(n ? `${base}-${n}` : base);
  }
  return result;
}

const broken = [];
let checked = 0;
for (const file of files) {
  const full = path.join(root, file);
  for (const [, target] of prose(readFileSync(full, 'utf8')).matchAll(/\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)) {
    if (/^[a-z][a-z0-9+.-]*:/i.test(target)) continue; // http:, https:, mailto:
    checked++;
    const [link, anchor] = target.split('#');
    const dest = link ? path.resolve(path.dirname(full), decodeURIComponent(link)) : full;
    if (!existsSync(dest)) {
      broken.push(`${file}: ${target} (no such file)`);
    } else if (anchor && statSync(dest).isFile() && dest.endsWith('.md') && !anchors(dest).has(anchor)) {
      broken.push(`${file}: ${target} (no heading #${anchor} in ${path.relative(root, dest)})`);
    }
  }
}
if (broken.length) {
  console.error(`check-links: ${broken.length} broken of ${checked} relative links:\n  ${broken.join('\n  ')}`);
  process.exit(1);
}
console.log(`check-links: ${checked} relative links in ${files.length} Markdown files, none broken`);
