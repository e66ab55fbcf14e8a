/**
 * The built page's main path, counted by the rule the lecture is judged by (the shared `main-path`
 * tool): words of the text inside [data-section] elements, leaving out <details> folds, figures
 * ([data-figure], <figure>), KaTeX's duplicate HTML and annotations, scripts, styles, SVG, MathML,
 * buttons, selects, labels, aria-hidden parts and visually hidden text. A small tokenizer over the
 * prerendered HTML, like the tool's parser: no DOM, no hydration, exactly what the server sent.
 */
const SKIP = new Set(['script', 'style', 'details', 'figure', 'annotation', 'svg', 'math', 'button', 'select', 'label']);
const VOID = new Set(['br', 'img', 'input', 'hr', 'meta', 'link', 'source', 'wbr', 'area', 'base', 'col', 'embed', 'track']);

interface Frame {
  tag: string;
  skip: boolean;
  section: string | null;
}

export interface MainPath {
  /** Main-path words by section number ("1" … "12"). */
  words: Record<string, number>;
  /** Every <dfn id> on the page, with the section it sits in (null outside any) and whether it is on the main path. */
  dfns: { id: string; section: string | null; mainPath: boolean }[];
  /** Every element id on the page. */
  ids: Set<string>;
}

function attributes(source: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of source.matchAll(/([^\s=/]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?/g)) out[m[1].toLowerCase()] = m[2] ?? m[3] ?? m[4] ?? '';
  return out;
}

export function mainPath(html: string): MainPath {
  const words: Record<string, number> = {};
  const dfns: MainPath['dfns'] = [];
  const ids = new Set<string>();
  const stack: Frame[] = [];
  const token = /<!--[\s\S]*?-->|<!\w[^>]*>|<(\/?)([a-zA-Z][\w-]*)((?:"[^"]*"|'[^']*'|[^'">])*)>|[^<]+|</g;
  let m: RegExpExecArray | null;
  while ((m = token.exec(html))) {
    const [all, close, rawTag, rawAttrs] = m;
    if (rawTag === undefined) {
      if (all.startsWith('<!') || all === '<') continue;
      const top = stack.at(-1);
      if (!top || top.section === null || top.skip) continue;
      // Entities that are whitespace split words, as in the tool (which decodes them first).
      const text = all.replace(/&nbsp;|&#160;|&#xa0;/gi, ' ');
      words[top.section] = (words[top.section] ?? 0) + text.split(/\s+/).filter(Boolean).length;
      continue;
    }
    const tag = rawTag.toLowerCase();
    if (close) {
      const i = stack.map((f) => f.tag).lastIndexOf(tag);
      if (i >= 0) stack.length = i;
      continue;
    }
    const a = attributes(rawAttrs);
    if (a.id) ids.add(a.id);
    const parent = stack.at(-1);
    const cls = a.class ?? '';
    const skip =
      (parent?.skip ?? false) ||
      SKIP.has(tag) ||
      'data-figure' in a ||
      a['aria-hidden'] === 'true' ||
      /katex-html|visually-hidden|sr-only/.test(cls);
    const section = a['data-section'] ?? parent?.section ?? null;
    if (tag === 'dfn' && a.id) dfns.push({ id: a.id, section, mainPath: !skip && section !== null });
    if (VOID.has(tag) || rawAttrs.trimEnd().endsWith('/')) continue;
    if (tag === 'script' || tag === 'style') {
      // Raw text: jump past the closing tag instead of reading it as markup.
      const end = html.indexOf(`</${tag}`, token.lastIndex);
      token.lastIndex = end < 0 ? html.length : end;
    }
    stack.push({ tag, skip, section });
  }
  return { words, dfns, ids };
}

/** Minutes shown for a section of this many words: 230 words a minute, rounded up. */
export const readingMinutes = (words: number) => Math.ceil(words / 230);
