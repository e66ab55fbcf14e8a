// KaTeX's stylesheet, trimmed to the fonts the lecture uses. Every reader loads this stylesheet
// before the first paint, and its @font-face rules, full of hashed file names, barely compress.
// - Each font is named three times (woff2, woff, ttf); every browser the site supports reads
//   woff2, so the other two go.
// - The families below appear in no formula of the lecture, so their rules go. renderTex
//   (katex-preprocess.js) refuses a formula that would need one, so a future \mathcal or \texttt
//   fails the build instead of silently falling back to another font.

export const UNUSED_FAMILIES = ['Caligraphic', 'Fraktur', 'Script', 'SansSerif', 'Typewriter'];

/** Class names KaTeX gives to symbols set in one of UNUSED_FAMILIES. */
export const UNUSED_FONT_CLASS = /class="[^"]*\b(?:math|text)(?:bold|it)?(?:cal|frak|scr|sf|tt)\b/;

/** @param {string} css katex.min.css */
export function trimKatexCss(css) {
  const unused = new RegExp(`@font-face\\s*\\{[^}]*font-family:\\s*"?KaTeX_(?:${UNUSED_FAMILIES.join('|')})\\b[^}]*\\}`, 'g');
  return css
    .replace(unused, '')
    .replace(/,\s*url\([^)]*\.(?:woff|ttf)\)\s*format\("(?:woff|truetype)"\)/g, '');
}
