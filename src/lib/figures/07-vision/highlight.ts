/**
 * A tiny TypeScript tokenizer for showing source code with colours, run once when the figure loads
 * (a highlighting library would weigh more than the figure). It only has to colour, not parse:
 * comments, strings, numbers, keywords, names followed by "(" (calls), and everything else.
 */
export type TokenKind = 'comment' | 'string' | 'number' | 'keyword' | 'call' | 'name' | 'other';

export interface Token {
  kind: TokenKind;
  text: string;
}

const KEYWORDS = new Set([
  'const', 'let', 'var', 'function', 'return', 'if', 'else', 'for', 'while', 'of', 'in', 'new',
  'export', 'import', 'from', 'type', 'interface', 'as', 'true', 'false', 'null', 'undefined',
  'continue', 'break', 'typeof'
]);

const PATTERN =
  /(\/\*[\s\S]*?\*\/|\/\/[^\n]*)|('(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*"|`(?:[^`\\]|\\.)*`)|(\b\d+(?:\.\d+)?(?:e[+-]?\d+)?\b)|([A-Za-z_$][\w$]*)(\s*\()?|(\s+|[^\sA-Za-z_$\d'"`/]+|\/)/g;

export function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  const push = (kind: TokenKind, text: string) => {
    const last = tokens.at(-1);
    if (last && last.kind === kind && kind === 'other') last.text += text;
    else tokens.push({ kind, text });
  };
  for (const m of source.matchAll(PATTERN)) {
    if (m[1]) push('comment', m[1]);
    else if (m[2]) push('string', m[2]);
    else if (m[3]) push('number', m[3]);
    else if (m[4]) {
      if (KEYWORDS.has(m[4])) push('keyword', m[4]);
      else push(m[5] ? 'call' : 'name', m[4]);
      if (m[5]) push('other', m[5]);
    } else push('other', m[0]);
  }
  return tokens;
}
