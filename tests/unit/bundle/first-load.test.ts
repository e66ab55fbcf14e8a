/**
 * The build steps that keep the first load small: static prose served as HTML only, figure texts
 * out of the client bundle, KaTeX's stylesheet trimmed. Each is checked against an independent
 * reference: Svelte's own server render of the untouched source, and KaTeX's own output.
 */
import { describe, expect, it } from 'vitest';
import { compile } from 'svelte/compiler';
import { render } from 'svelte/server';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { moveStaticProse } from '../../../src/lib/server/static-prose.js';
import { stripFigureText } from '../../../src/lib/server/figure-text.js';
import { katexClasses, purgeKatexCss } from '../../../src/lib/server/katex-css.js';
import { renderTex } from '../../../src/lib/server/katex-preprocess.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'first-load-'));
let n = 0;

/**
 * Server-render a component source; return its HTML without Svelte's hydration comments and with
 * whitespace next to tags dropped (Svelte trims it inside elements, the moved HTML keeps one space,
 * which block layout collapses).
 */
async function serverHtml(source: string): Promise<string> {
  const js = compile(source, { generate: 'server', filename: `C${n}.svelte` }).js.code;
  const file = path.join(dir, `c${n++}.mjs`);
  writeFileSync(file, js);
  const mod = await import(pathToFileURL(file).href);
  return render(mod.default).body.replace(/<!--[^>]*-->/g, '').replace(/\s*(<[^>]+>)\s*/g, '$1').trim();
}

const SECTION = `<script>
  let x = $state(2);
</script>
<section>
  <p>
    A long paragraph of static prose with <strong>bold</strong> words, a <a href="#sir">link</a>
    and an entity &amp; a curly quote ’ that goes on for well over a hundred characters in all.
  </p>
  <h3 id="deep">A heading with an id</h3>
  <p>Live: {x}</p>
  <ul><li>One static item that is long enough to count as prose for the transform.</li><li>And a second item to pass the threshold.</li></ul>
</section>`;

describe('static prose', () => {
  it('renders the same HTML on the server after the move', async () => {
    const moved = moveStaticProse(SECTION, true);
    expect(moved).toContain('{@html');
    expect(await serverHtml(moved)).toBe(await serverHtml(SECTION));
  });

  it('leaves only a placeholder in the client build, and keeps what is dynamic', () => {
    const client = moveStaticProse(SECTION, false);
    expect(client).not.toContain('A long paragraph');
    expect(client).not.toContain('One static item');
    expect(client).toContain('{@html " "}');
    expect(client).toContain('<p>Live: {x}</p>');
    // The client build compiles.
    expect(() => compile(client, { generate: 'client', filename: 'C.svelte' })).not.toThrow();
  });

  it('leaves a file with scoped styles alone, but not one whose styles are all :global', () => {
    const scoped = SECTION + '<style>p { color: red; }</style>';
    expect(moveStaticProse(scoped, false)).toBe(scoped);
    const global = SECTION + '<style>:global { section p { color: red; } }</style>';
    expect(moveStaticProse(global, false)).toContain('{@html " "}');
  });
});

describe('figure texts', () => {
  it('strips caption and description from <Figure> in a section, and nothing else', () => {
    const src = `<p caption="kept">x</p>
<Figure id="2a" title="Kept title" caption="A caption > with an arrow" description='The first description.'
  load={() => import('$lib/figures/02-sir/FlowDiagram.svelte')} minHeight={220} />`;
    const out = stripFigureText(src, '/src/routes/lecture/S02Sir.svelte');
    expect(out).toContain('<p caption="kept">');
    expect(out).toContain('title="Kept title"');
    expect(out).toContain('caption=" "');
    expect(out).toContain('description=" "');
    expect(out).not.toContain('A caption');
    expect(out).toContain("load={() => import('$lib/figures/02-sir/FlowDiagram.svelte')}");
  });

  it('strips the same fields in the registry', () => {
    const src = `{ id: '1a', title: 'T', caption: 'It\\'s a caption', description: "A \\"quoted\\" one", minHeight: 420 }`.replace(/, /g, ',\n  ');
    const out = stripFigureText(src, '/src/lib/figures/registry.ts');
    expect(out).toContain("caption: ' '");
    expect(out).toContain("description: ' '");
    expect(out).toContain("title: 'T'");
    expect(() => new Function(`return ${out}`)()).not.toThrow();
  });
});

describe('KaTeX stylesheet', () => {
  it('keeps exactly the rules whose classes KaTeX puts out', () => {
    const css = '@font-face{font-family:KaTeX_Main;src:url(a.woff2)}.katex .mfrac .frac-line{border:1px}.katex .mathcal{font-family:KaTeX_Caligraphic}.katex .mord,.katex .nope{x:1}';
    const out = purgeKatexCss(css, new Set(['katex', 'mfrac', 'frac-line', 'mord']));
    expect(out).toBe('@font-face{font-family:KaTeX_Main;src:url(a.woff2)}.katex .mfrac .frac-line{border:1px}.katex .mord{x:1}');
  });

  it('collects the classes of the formulas under src/', () => {
    const used = katexClasses(path.resolve('src'));
    // A fraction appears in the lecture (e.g. dS/dt in section 2).
    for (const c of ['katex', 'mfrac', 'frac-line', 'mord']) expect(used.has(c)).toBe(true);
  });

  it('refuses a formula that needs a font the site does not ship', () => {
    expect(() => renderTex('\\mathcal{L}', false)).toThrow(/font/);
    expect(renderTex('\\beta', false)).not.toContain('annotation');
    // A formula with braces may be wrapped as a Svelte expression (for svelte-check): same output.
    expect(renderTex('{String.raw`\\text{infected} = f(t)`}', true)).toBe(renderTex('\\text{infected} = f(t)', true));
  });
});
