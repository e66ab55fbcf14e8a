/**
 * Figure 12b's ready-made prompts: openings of the kind of code the model read (the sources of Svelte
 * and SvelteKit: tabs for indents, names_with_underscores, JSDoc types), so what it writes can be
 * judged by eye; in another style (two-space indents, camelCase) the small model mostly loses its way.
 * The reader may edit any of them or type their own.
 */
export interface CodePrompt {
  /** The prompt's key in the figure's URL. */
  key: string;
  /** The menu's words for it. */
  label: string;
  text: string;
}

export const CODE_PROMPTS: readonly CodePrompt[] = [
  { key: 'function', label: 'a function', text: 'export function ' },
  { key: 'check', label: 'a check', text: '\t\tif (' },
  { key: 'import', label: 'an import', text: 'import { ' },
  { key: 'documented', label: 'a documented function', text: '/** @param {string} name */\nexport function ' },
  { key: 'variable', label: 'a variable', text: 'const ' }
];

export const promptText = (key: string): string => (CODE_PROMPTS.find((p) => p.key === key) ?? CODE_PROMPTS[0]).text;
