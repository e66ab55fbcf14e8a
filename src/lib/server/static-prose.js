// Keeps the lecture's static prose out of the JavaScript the browser downloads.
//
// The prose of src/routes/lecture/*.svelte (paragraphs, headings, lists, typeset formulas) never
// changes after the page is prerendered, yet compiled as ordinary markup it would sit twice in the
// first load: once in the HTML and again in the page's JavaScript, which Svelte needs to hydrate
// it. This Vite plugin, run before Svelte's, turns each run of static markup into `{@html …}`:
// in the server build (which prerenders the HTML) the string holds the markup; in the client
// build it is a single space. Svelte 5 does not repair `{@html}` content on hydration: it adopts
// the server's nodes between the block's markers as they are. (The placeholder must be
// non-empty: an empty value takes a shortcut that would step into the adopted nodes.)
//
// Only markup with no expression, component, block or directive anywhere inside is moved. Markup
// inside {@html} gets no scoping class, so a file with a <style> block is left alone unless all
// its rules sit in one `:global { … }` block (anchored on the file's own root class).
import { parse } from 'svelte/compiler';
import { katexPreprocess } from './katex-preprocess.js';

const LECTURE = /\/src\/routes\/lecture\/[^/]+\.svelte$/;
/** Below this many characters a run is not worth a block of its own. */
const MIN_RUN = 120;
const FORM = new Set(['input', 'select', 'textarea', 'option', 'button', 'form', 'pre', 'script', 'style']);

/** @param {any} node @returns {boolean} */
function isStatic(node) {
  if (node.type === 'Text' || node.type === 'Comment') return true;
  if (node.type !== 'RegularElement' || FORM.has(node.name)) return false;
  const plainAttributes = node.attributes.every(
    (/** @type {any} */ a) =>
      a.type === 'Attribute' && (a.value === true || (Array.isArray(a.value) && a.value.every((/** @type {any} */ v) => v.type === 'Text')))
  );
  return plainAttributes && node.fragment.nodes.every(isStatic);
}

/**
 * Source ranges [start, end) of runs of static siblings worth replacing, innermost last.
 * @param {any[]} nodes
 * @param {boolean} insideElement the siblings' parent is an HTML element (then a run may not be all its children)
 * @param {[number, number][]} out
 */
function collect(nodes, insideElement, out) {
  /** @type {any[]} */
  let run = [];
  const flush = () => {
    const elements = run.filter((n) => n.type === 'RegularElement');
    if (elements.length) {
      const start = elements[0].start;
      const end = elements[elements.length - 1].end;
      const all = nodes.filter((n) => !(n.type === 'Text' && !n.data.trim()));
      const whole = insideElement && all.every((n) => run.includes(n));
      if (end - start >= MIN_RUN && !whole) out.push([start, end]);
    }
    run = [];
  };
  for (const node of nodes) {
    if (isStatic(node)) {
      run.push(node);
      continue;
    }
    flush();
    if (node.type === 'Component' || node.type === 'SvelteFragment') collect(node.fragment.nodes, false, out);
    else if (node.type === 'SnippetBlock') collect(node.body.nodes, false, out);
    else if (node.type === 'RegularElement') collect(node.fragment.nodes, true, out);
  }
  flush();
}

/** @param {string} styles */
function onlyGlobal(styles) {
  return /^\s*:global\s*\{[\s\S]*\}\s*$/.test(styles.replace(/\/\*[\s\S]*?\*\//g, ''));
}

/**
 * @param {string} code the component's source with formulas already typeset
 * @param {boolean} ssr
 */
export function moveStaticProse(code, ssr) {
  const ast = parse(code, { modern: true });
  if (ast.css && !onlyGlobal(ast.css.content.styles)) return code;
  /** @type {[number, number][]} */
  const ranges = [];
  collect(ast.fragment.nodes, false, ranges);
  let out = code;
  for (const [start, end] of ranges.sort((a, b) => b[0] - a[0])) {
    const html = code.slice(start, end).replace(/\s+/g, ' ');
    out = out.slice(0, start) + `{@html ${ssr ? JSON.stringify(html) : '" "'}}` + out.slice(end);
  }
  return out;
}

/** @returns {import('vite').Plugin} */
export function staticProse() {
  const katex = katexPreprocess();
  return {
    name: 'static-prose',
    // Only in builds: in `vite dev` a hot update re-renders a component from scratch, and the
    // client's placeholder would then replace the text instead of adopting it.
    apply: 'build',
    enforce: 'pre',
    async transform(code, id, options) {
      if (!LECTURE.test(id)) return; // not the ?svelte&type=style virtual modules
      // Typeset first: the formulas are part of the prose being moved, and KaTeX's output (with
      // braces escaped) is plain markup Svelte can parse.
      const typeset = (await katex.markup?.({ content: code, filename: id }))?.code ?? code;
      return { code: moveStaticProse(typeset, Boolean(options?.ssr)), map: null };
    }
  };
}
