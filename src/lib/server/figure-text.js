// Keeps every figure's caption and first description out of the JavaScript the browser downloads.
//
// The Figure frame prints both (src/lib/ui/Figure.svelte), so the prerendered HTML already holds
// them; compiled into the page's bundle they would be loaded twice before any figure code. In the
// client build this Vite plugin replaces each with a one-space placeholder, and the frame renders
// them through {@html}, which on hydration adopts the server's text instead of writing its own.
// (A figure's later descriptions come from its own code, as before.) It rewrites the `caption`
// and `description` props written on <Figure …> in the lecture's sections and the same fields in
// the figure registry, wherever the figures are listed.

const SOURCES = /\/src\/(routes\/lecture\/[^/]+\.svelte|lib\/figures\/registry\.ts)$/;
/** A <Figure …/> tag: quoted strings and {…} expressions may hold '>' (as in `() => import(…)`). */
const FIGURE_TAG = /<Figure\b(?:[^>"'{]|"[^"]*"|'[^']*'|\{[^}]*\})*>/g;
const TAG_PROP = /(\s(?:caption|description)=)("[^"]*"|'[^']*')/g;
const OBJECT_FIELD = /^(\s*(?:caption|description):\s*)('(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*"|`[^`]*`)/gm;

/** @param {string} code @param {string} id */
export function stripFigureText(code, id) {
  if (id.endsWith('.ts')) return code.replace(OBJECT_FIELD, "$1' '");
  return code.replace(FIGURE_TAG, (tag) => tag.replace(TAG_PROP, '$1" "'));
}

/** @returns {import('vite').Plugin} */
export function figureText() {
  return {
    name: 'figure-text',
    // Only in builds: in `vite dev` a hot update re-renders a component from scratch, and the
    // client's placeholder would then replace the text instead of adopting it.
    apply: 'build',
    enforce: 'pre',
    transform(code, id, options) {
      if (options?.ssr || !SOURCES.test(id)) return;
      return { code: stripFigureText(code, id), map: null };
    }
  };
}
