/**
 * No style block repeated across components (issue 16): a look that two components share — the
 * same three or more declarations for one kind of thing — lives once, as a class in
 * src/lib/ui/theme.css or figure-parts.css or in a shared component, not copied into each figure's <style>. Read from
 * the files themselves: every rule of every component's <style> block under src/, its
 * declarations sorted, compared across files.
 */
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const SRC = path.join(ROOT, 'src');
/** Fewer declarations than this are too thin to call a repeated look (a colour and a margin). */
const MIN_DECLARATIONS = 3;

function components(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return components(full);
    return name.endsWith('.svelte') ? [full] : [];
  });
}

/** Each rule of a component's style blocks as [selector, its declarations sorted and joined]. */
export function rulesOf(source: string): [string, string][] {
  const out: [string, string][] = [];
  for (const block of source.matchAll(/<style[^>]*>([\s\S]*?)<\/style>/g)) {
    const css = block[1].replace(/\/\*[\s\S]*?\*\//g, '');
    // Innermost rules only (an @media block's rules are found inside it).
    for (const rule of css.matchAll(/([^{}]+)\{([^{}]*)\}/g)) {
      const declarations = rule[2].split(';').map((d) => d.trim().replace(/\s+/g, ' ')).filter(Boolean).sort();
      if (declarations.length >= MIN_DECLARATIONS) out.push([rule[1].trim().replace(/\s+/g, ' '), declarations.join('; ')]);
    }
  }
  return out;
}

describe('the components\' style blocks', () => {
  it('reads rules the way CSS writes them (a sanity check of the parser)', () => {
    const rules = rulesOf('<style>\n  /* note */ .a, .b { color: red; margin: 0; padding: 1px }\n  @media (max-width: 9px) { .c { x: 1; y: 2; z: 3; } }\n</style>');
    expect(rules).toEqual([
      ['.a, .b', 'color: red; margin: 0; padding: 1px'],
      ['.c', 'x: 1; y: 2; z: 3']
    ]);
  });

  it('repeat no look in two components', () => {
    const files = components(SRC);
    expect(files.length).toBeGreaterThan(50);
    const where = new Map<string, string[]>();
    for (const file of files) {
      const name = path.relative(ROOT, file).split(path.sep).join('/');
      for (const [selector, body] of rulesOf(readFileSync(file, 'utf8'))) {
        const seen = where.get(body) ?? [];
        if (!seen.some((s) => s.startsWith(`${name} `))) seen.push(`${name} ${selector}`);
        where.set(body, seen);
      }
    }
    const repeated = [...where].filter(([, places]) => places.length > 1).map(([body, places]) => `{ ${body} } in ${places.join(' and ')}`);
    expect(repeated).toEqual([]);
  });
});
