/**
 * Figure 12b's ready-made prompts: openings of the kind of code the model read (the JavaScript and
 * TypeScript sources of this project's own dependencies), so what it writes can be judged by eye.
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
  { key: 'function', label: 'a function', text: 'function clamp(value, min, max) {\n  ' },
  { key: 'loop', label: 'a loop', text: 'for (let i = 0; i < items.length; i++) {\n    ' },
  { key: 'import', label: 'an import', text: "import { " },
  { key: 'comment', label: 'a comment', text: '/**\n * Returns ' },
  { key: 'condition', label: 'a check', text: "if (typeof value === '" }
];

export const promptText = (key: string): string => (CODE_PROMPTS.find((p) => p.key === key) ?? CODE_PROMPTS[0]).text;
