import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * Every relative link and image in README.md and docs/**\/*.md points at a file or folder that is in the
 * repository (issue 14: the README linked screenshots that were never committed). Links with a scheme
 * (https:, mailto:…) and links to a heading of the same page (#…) are not checked; neither is anything in
 * code (fenced blocks or `inline code`), which is text, not a link.
 */
const root = path.resolve(fileURLToPath(new URL('../..', import.meta.url)));

/** The pages checked: README.md and every Markdown file under docs/. */
function pages(): string[] {
  const docs = path.join(root, 'docs');
  const inDocs = existsSync(docs)
    ? readdirSync(docs, { recursive: true, encoding: 'utf8' })
        .filter((name) => name.endsWith('.md'))
        .map((name) => path.join('docs', name))
    : [];
  return ['README.md', ...inDocs.sort()];
}

/** Markdown with code blocks and code spans blanked out (same length, so line numbers stay right). */
function withoutCode(markdown: string): string {
  const blank = (text: string) => text.replace(/[^\n]/g, ' ');
  return markdown
    .replace(/^( {0,3})(`{3,}|~{3,})[^\n]*\n[\s\S]*?(?:^\1\2[`~]*[ \t]*$|(?![\s\S]))/gm, blank)
    .replace(/(`+)(?!`)[\s\S]*?[^`]\1(?!`)/g, blank);
}

interface Link {
  target: string;
  line: number;
}

/** Link and image targets: [text](target), ![alt](target "title"), [id]: target, <img src>, <a href>. */
function linksIn(markdown: string): Link[] {
  const text = withoutCode(markdown);
  const found: Link[] = [];
  const add = (target: string, index: number) => found.push({ target, line: text.slice(0, index).split('\n').length });
  const patterns = [
    /!?\[(?:[^[\]]|\[[^\]]*\])*\]\(\s*(?:<([^>]*)>|([^\s)]+))(?:\s+(?:"[^"]*"|'[^']*'|\([^)]*\)))?\s*\)/g,
    /^ {0,3}\[[^\]]+\]:\s*(?:<([^>]*)>|(\S+))/gm,
    /<(?:img|a|source)\b[^>]*?\s(?:src|href|srcset)\s*=\s*(?:"([^"]*)"|'([^']*)')/gi,
  ];
  for (const pattern of patterns) {
    for (const match of text.matchAll(pattern)) add(match[1] ?? match[2] ?? '', match.index);
  }
  return found.sort((a, b) => a.line - b.line);
}

/** The relative targets in one page that name nothing in the repository, as "page:line → target". */
function brokenLinks(page: string, markdown: string, exists: (file: string) => boolean = existsSync): string[] {
  const broken: string[] = [];
  for (const { target, line } of linksIn(markdown)) {
    if (target === '' || target.startsWith('#') || /^[a-z][a-z0-9+.-]*:/i.test(target) || target.startsWith('//')) continue;
    const file = decodeURI(target.replace(/[?#].*$/, ''));
    const resolved = file.startsWith('/') ? path.join(root, file) : path.resolve(root, path.dirname(page), file);
    const inRepo = resolved === root || resolved.startsWith(root + path.sep);
    if (!inRepo || !exists(resolved)) broken.push(`${page}:${line} → ${target}`);
  }
  return broken;
}

describe('README and docs links', () => {
  it('finds links and images, skips code, schemes and same-page anchors', () => {
    const page = [
      '# Title',
      'See ![the card](docs/a.png "Card") and [light](docs/b.png), [site](https://example.com), [top](#title).',
      '`[not](in-code.png)` and <img src="docs/c.png" alt="">',
      '```',
      '[nor](in-a-block.png)',
      '```',
      '[ref]: docs/d.md',
    ].join('\n');
    expect(linksIn(page).map((l) => l.target)).toEqual([
      'docs/a.png',
      'docs/b.png',
      'https://example.com',
      '#title',
      'docs/c.png',
      'docs/d.md',
    ]);
    const present = new Set(['docs/a.png', 'docs/c.png'].map((f) => path.join(root, f)));
    expect(brokenLinks('README.md', page, (f) => present.has(f))).toEqual(['README.md:2 → docs/b.png', 'README.md:7 → docs/d.md']);
  });

  it('resolves a docs page’s links from its own folder and refuses links out of the repository', () => {
    const present = new Set([path.join(root, 'docs/screenshots/x.png'), path.join(root, 'README.md')]);
    const exists = (f: string) => present.has(f);
    expect(brokenLinks('docs/screenshots/README.md', '[x](x.png) [up](../../README.md) [out](../../../etc/passwd)', exists)).toEqual([
      'docs/screenshots/README.md:1 → ../../../etc/passwd',
    ]);
  });

  it.each(pages())('%s: every relative link and image exists in the repository', (page) => {
    const markdown = readFileSync(path.join(root, page), 'utf8');
    expect(brokenLinks(page, markdown)).toEqual([]);
  });

  it('README.md shows the committed screenshots', () => {
    const images = linksIn(readFileSync(path.join(root, 'README.md'), 'utf8')).filter((l) => l.target.startsWith('docs/screenshots/'));
    expect(images.length).toBeGreaterThan(0);
  });
});
