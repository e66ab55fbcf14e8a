/**
 * The shape of the source's import graph (issue 16): a section's figures never reach into another
 * section's folder, shared state never reaches up into figures or routes, the engine stands alone,
 * and no file imports itself round a cycle. Read from the files themselves, in plain Node: every
 * `import … from`, `export … from`, bare `import '…'`, `import type`, dynamic `import('…')` and
 * worker `new URL('…', import.meta.url)` in every .ts/.svelte file under src/.
 */
import { describe, expect, it } from 'vitest';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const SRC = path.join(ROOT, 'src');

/** An import of one source file by another, both as paths from the repository root (src/…). */
interface Edge {
  from: string;
  to: string;
  /** The specifier as written, for the failure message. */
  spec: string;
}

const rel = (abs: string) => path.relative(ROOT, abs).split(path.sep).join('/');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return sourceFiles(full);
    return /\.(ts|svelte)$/.test(name) && !name.endsWith('.d.ts') ? [full] : [];
  });
}

/**
 * The specifiers a file imports. Comments are dropped first (a block comment, a whole-line `//`
 * comment, an HTML comment in a component) so that prose mentioning an import is not one.
 */
function specifiers(text: string): string[] {
  const code = text
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/^\s*\/\/.*$/gm, '');
  const patterns = [
    // import x from '…', import { a, b } from '…', import type { T } from '…', export { a } from '…',
    // export * from '…', over several lines; [^;'"`]* keeps one statement from running into the next.
    /^\s*(?:import|export)\s[^;'"`]*?\bfrom\s*['"]([^'"]+)['"]/gm,
    /^\s*import\s*['"]([^'"]+)['"]/gm,
    /\bimport\(\s*['"]([^'"]+)['"]\s*\)/g,
    /\bnew URL\(\s*['"]([^'"]+)['"]\s*,\s*import\.meta\.url\s*\)/g
  ];
  return patterns.flatMap((re) => [...code.matchAll(re)].map((m) => m[1]));
}

/**
 * The file a $lib/… or relative specifier names (extension optional); null for a package or for
 * SvelteKit's generated ./$types; undefined when it names no file.
 */
function resolve(spec: string, importer: string): string | null | undefined {
  const bare = spec.replace(/[?#].*$/, '');
  if (/(^|\/)\$types$/.test(bare)) return null;
  let base: string;
  if (bare === '$lib' || bare.startsWith('$lib/')) base = path.join(SRC, 'lib', bare.slice(5));
  else if (bare.startsWith('./') || bare.startsWith('../')) base = path.resolve(path.dirname(importer), bare);
  else return null;
  const candidates = [base, `${base}.ts`, `${base}.svelte.ts`, base.replace(/\.js$/, '.ts'), path.join(base, 'index.ts')];
  return candidates.find((c) => existsSync(c) && statSync(c).isFile());
}

function buildGraph(): { files: string[]; edges: Edge[]; unresolved: string[] } {
  const files = sourceFiles(SRC);
  const edges: Edge[] = [];
  const unresolved: string[] = [];
  for (const file of files) {
    for (const spec of specifiers(readFileSync(file, 'utf8'))) {
      const target = resolve(spec, file);
      if (target === undefined) unresolved.push(`${rel(file)} imports '${spec}', which names no file`);
      // Stylesheets, JSON and other assets are leaves: only code can close a cycle or break a layer.
      if (target && /\.(ts|svelte|js)$/.test(target)) edges.push({ from: rel(file), to: rel(target), spec });
    }
  }
  return { files: files.map(rel), edges, unresolved };
}

/** The section folder a file is in (src/lib/figures/NN-name/), or null. */
const sectionOf = (file: string) => /^src\/lib\/figures\/(\d\d-[^/]+)\//.exec(file)?.[1] ?? null;
const under = (folder: string) => (file: string) => file.startsWith(`${folder}/`);
/** What a section's figures may import besides their own folder (the engine only through models). */
const FOR_FIGURES = ['ui', 'state', 'models', 'data', 'workers', 'glossary', 'figures/shared'].map((f) => under(`src/lib/${f}`));
/** Imports known to break a rule ("from → to"), to be removed, not added to. None today. */
const KNOWN = new Set<string>([]);
const known = ({ from, to }: Edge) => KNOWN.has(`${from} → ${to}`);

/** A layering rule: an import it forbids is named in the failure. One line per rule. */
interface Rule {
  name: string;
  forbids: (edge: Edge) => boolean;
}

const RULES: Rule[] = [
  { name: "a section's figures import no other section's folder", forbids: ({ from, to }) => !!sectionOf(from) && !!sectionOf(to) && sectionOf(from) !== sectionOf(to) },
  { name: "outside the section folders, a section's figures import only the shared layers and figure parts", forbids: ({ from, to }) => !!sectionOf(from) && !sectionOf(to) && !FOR_FIGURES.some((ok) => ok(to)) },
  { name: 'the shared figure parts import no section folder', forbids: ({ from, to }) => under('src/lib/figures/shared')(from) && !!sectionOf(to) },
  { name: 'shared state imports no figure or route', forbids: ({ from, to }) => under('src/lib/state')(from) && (under('src/lib/figures')(to) || under('src/routes')(to)) },
  { name: 'the engine imports only the engine', forbids: ({ from, to }) => under('src/lib/engine')(from) && !under('src/lib/engine')(to) },
  { name: 'the shared ui parts import no figure or route', forbids: ({ from, to }) => under('src/lib/ui')(from) && (under('src/lib/figures')(to) || under('src/routes')(to)) },
  { name: 'the models import only the models, the engine and the data', forbids: ({ from, to }) => under('src/lib/models')(from) && !['src/lib/models', 'src/lib/engine', 'src/lib/data'].some((d) => under(d)(to)) }
];

/** One cycle of the graph as a list of files (the first repeated at the end), or null. */
function findCycle(files: string[], edges: Edge[]): string[] | null {
  const next = new Map<string, string[]>(files.map((f) => [f, []]));
  for (const { from, to } of edges) next.get(from)?.push(to);
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (file: string): string[] | null => {
    state.set(file, 'open');
    stack.push(file);
    for (const to of next.get(file) ?? []) {
      if (state.get(to) === 'open') return [...stack.slice(stack.indexOf(to)), to];
      if (!state.has(to)) {
        const cycle = visit(to);
        if (cycle) return cycle;
      }
    }
    stack.pop();
    state.set(file, 'done');
    return null;
  };
  for (const file of files) {
    if (state.has(file)) continue;
    const cycle = visit(file);
    if (cycle) return cycle;
  }
  return null;
}

describe('the import graph of src/', () => {
  const { files, edges, unresolved } = buildGraph();
  const line = ({ from, spec, to }: Edge) => `${from} imports '${spec}' (${to})`;

  it('is read from the files (a sanity check of the parser)', () => {
    expect(unresolved).toEqual([]);
    expect(files.length).toBeGreaterThan(100);
    // One of each kind of import the parser must see.
    const has = (from: string, to: string) => edges.some((e) => e.from === from && e.to === to);
    expect(has('src/lib/figures/registry.ts', 'src/lib/figures/shared/HandoffNyc.svelte')).toBe(true); // import()
    expect(has('src/routes/+page.svelte', 'src/routes/lecture/S06Handoff.svelte')).toBe(true); // component
    expect(edges.some((e) => e.to.endsWith('.worker.ts'))).toBe(true); // new URL(…, import.meta.url)
  });

  for (const rule of RULES) {
    it(rule.name, () => {
      expect(edges.filter((e) => rule.forbids(e) && !known(e)).map(line)).toEqual([]);
    });
  }

  it('lists only exceptions that still exist', () => {
    expect([...KNOWN].filter((k) => !edges.some((e) => `${e.from} → ${e.to}` === k))).toEqual([]);
  });

  it('has no import cycle', () => {
    const cycle = findCycle(files, edges);
    expect(cycle && `import cycle: ${cycle.join(' → ')}`).toBeNull();
  });
});

describe('findCycle', () => {
  const edge = (from: string, to: string): Edge => ({ from, to, spec: to });
  it('finds a cycle and names its files, and none in a tree', () => {
    expect(findCycle(['a', 'b', 'c'], [edge('a', 'b'), edge('b', 'c'), edge('c', 'b')])).toEqual(['b', 'c', 'b']);
    expect(findCycle(['a', 'b', 'c'], [edge('a', 'b'), edge('a', 'c'), edge('b', 'c')])).toBeNull();
  });
});
