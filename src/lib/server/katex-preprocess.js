// Build-time math: a Svelte markup preprocessor that turns <tex>…</tex> (inline) and
// <tex display>…</tex> (block) into KaTeX's HTML while the site is compiled. Readers get
// typeset math in the prerendered HTML and no KaTeX JavaScript in their bundle.
// It lives under src/lib/server so no client module can import it.
import katex from 'katex';
import { UNUSED_FAMILIES, UNUSED_FONT_CLASS } from './katex-fonts.js';

export const TEX = /<tex(\s+display)?\s*>([\s\S]*?)<\/tex>/g;

/**
 * Svelte reads { and } as expressions; KaTeX's MathML annotation keeps the TeX source with braces.
 * @param {string} html
 */
function escapeForSvelte(html) {
  return html.replace(/\{/g, '&#123;').replace(/\}/g, '&#125;');
}

/**
 * Undo the entity escapes an author needs inside Svelte markup (&lt; &gt; &amp;).
 * @param {string} tex
 */
function unescapeSource(tex) {
  return tex.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

/**
 * A formula with braces is written <tex>{String.raw`\text{infected}`}</tex>: then the component
 * also parses as plain Svelte (an expression holding the TeX), which is what svelte-check reads,
 * since it does not run markup preprocessors. Here the wrapper is taken off again.
 * @param {string} tex
 */
function unwrapRaw(tex) {
  const m = tex.match(/^\s*\{String\.raw`([\s\S]*)`\}\s*$/);
  return m ? m[1] : tex;
}

/**
 * @param {string} tex
 * @param {boolean} display
 */
export function renderTex(tex, display) {
  const html = katex.renderToString(unescapeSource(unwrapRaw(tex).trim()), {
    displayMode: display,
    throwOnError: true,
    output: 'htmlAndMathml',
    // \htmlClass lets prose and figures link a symbol in an equation to a curve or an arrow.
    trust: (context) => context.command === '\\htmlClass',
    strict: 'ignore'
  });
  if (UNUSED_FONT_CLASS.test(html)) {
    throw new Error(`${tex.trim()} needs a KaTeX font the site does not ship (${UNUSED_FAMILIES.join(', ')}); see katex-fonts.js`);
  }
  // The MathML keeps its structure for screen readers; the TeX source annotation only repeated
  // every formula's source in the HTML each reader downloads.
  return html.replace(/<annotation encoding="application\/x-tex">[\s\S]*?<\/annotation>/g, '');
}

/** @returns {import('svelte/compiler').PreprocessorGroup} */
export function katexPreprocess() {
  return {
    name: 'katex',
    markup({ content, filename }) {
      if (!content.includes('<tex')) return;
      try {
        const code = content.replace(TEX, (_, /** @type {string} */ display, /** @type {string} */ tex) =>
          escapeForSvelte(renderTex(tex, Boolean(display)))
        );
        return { code };
      } catch (e) {
        throw new Error(`KaTeX error in ${filename}: ${e instanceof Error ? e.message : e}`);
      }
    }
  };
}
