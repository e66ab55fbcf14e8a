// KaTeX's stylesheet names three files per font (woff2, woff, ttf). Every browser this site
// supports reads woff2, so the other two only add bytes to the stylesheet every reader loads
// before the first paint (and files to the build). This Vite plugin drops them.

/** @returns {import('vite').Plugin} */
export function katexWoff2Only() {
  return {
    name: 'katex-woff2-only',
    enforce: 'pre',
    transform(code, id) {
      if (!/\/katex\/dist\/katex(\.min)?\.css$/.test(id)) return;
      return { code: code.replace(/,\s*url\([^)]*\.(?:woff|ttf)\)\s*format\("(?:woff|truetype)"\)/g, ''), map: null };
    }
  };
}
