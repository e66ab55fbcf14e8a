/**
 * A figure's controls, declared once (issue 16). Each control says its kind, label, range, step,
 * default and whether it is a first control or waits behind "More controls"; from that one
 * declaration the figure gets its input element (ControlPanel.svelte), its URL key with clamping
 * (url-state.ts), its live value, and its words in the figure's description. No range is written
 * twice, and nothing maps state to the URL by hand.
 */
import { bool, int, num, oneOf, type BoolField, type EnumField, type Field, type IntField, type NumberField, type Schema, type StateOf } from './url-state';
import type { FigureFrame } from './figure-frame.svelte';
import { FigureState } from './figure-state.svelte';

interface Common {
  label: string;
  /** Behind "More controls" rather than in the figure's first row. */
  advanced?: boolean;
  /** Left out of the URL: a transient control (a speed, a view) that a shared link should not carry. */
  transient?: boolean;
}

export interface SliderSpec extends Common {
  kind: 'slider';
  min: number;
  max: number;
  step: number;
  default: number;
  /** Whole numbers only (a seed, a count). */
  whole?: boolean;
  /**
   * Another grid than `step` for the URL: a value the figure also sets another way (a click on a
   * plane, a fit's end) is kept on this grid rather than snapped to `step`; 0 keeps any value in range.
   */
  grid?: number;
  /** How the value reads on screen, to a screen reader and in the description. */
  format?: (v: number) => string;
  /** data-readout name for the value shown beside the label. */
  readout?: string;
}

export interface ToggleSpec extends Common {
  kind: 'toggle';
  default: boolean;
}

export interface ChoiceOption<V extends string = string> {
  value: V;
  label: string;
  /** A menu's heading for this option and the ones after it that share it (an `<optgroup>`). */
  group?: string;
}

export interface ChoiceSpec<V extends string = string> extends Common {
  kind: 'choice';
  options: readonly ChoiceOption<V>[];
  default: V;
  /**
   * A row of joined buttons (few short options), a menu (many, or long ones), or radio buttons
   * (a question's answers, which may start with none picked: `NOT_CHOSEN`).
   */
  look: 'buttons' | 'menu' | 'radios';
}

export type ControlSpec = SliderSpec | ToggleSpec | ChoiceSpec;
export type ControlSpecs = Record<string, ControlSpec>;

type ValueOf<C extends ControlSpec> = C extends ToggleSpec ? boolean : C extends ChoiceSpec<infer V> ? V : number;
export type ValuesOf<S extends ControlSpecs> = { [K in keyof S]: ValueOf<S[K]> };

type Options<C> = Omit<C, 'kind' | 'label' | 'min' | 'max' | 'step' | 'default' | 'options'>;

// `+ 0` turns -0 into 0, as url-state does: a URL cannot tell them apart.
export const slider = (label: string, min: number, max: number, step: number, def: number, opts: Options<SliderSpec> = {}): SliderSpec => ({
  kind: 'slider', label, min, max, step, default: def + 0, ...opts
});
export const toggle = (label: string, def: boolean, opts: Options<ToggleSpec> = {}): ToggleSpec => ({ kind: 'toggle', label, default: def, ...opts });
export const choice = <const V extends string>(
  label: string,
  options: readonly ChoiceOption<V>[],
  def: NoInfer<V>,
  opts: Partial<Options<ChoiceSpec<V>>> = {}
): ChoiceSpec<V> => ({ kind: 'choice', label, options, default: def, look: 'buttons', ...opts });

/** The value of a choice that starts with none of its options picked. */
export const NOT_CHOSEN = '';

/** A question's answers as radio buttons, none picked until the reader picks one. */
export const pick = <const V extends string>(label: string, options: readonly ChoiceOption<V>[]): ChoiceSpec<V | typeof NOT_CHOSEN> => ({
  kind: 'choice', label, options, default: NOT_CHOSEN, look: 'radios'
});

/**
 * A menu's options in runs of the same `group`, in order: each run becomes one `<optgroup>` (a run
 * without a group is drawn as plain options).
 */
export function optionGroups<V extends string>(options: readonly ChoiceOption<V>[]): { group?: string; options: ChoiceOption<V>[] }[] {
  const runs: { group?: string; options: ChoiceOption<V>[] }[] = [];
  for (const option of options) {
    const last = runs.at(-1);
    if (last && last.group === option.group) last.options.push(option);
    else runs.push({ group: option.group, options: [option] });
  }
  return runs;
}

/** The URL field a control is kept under: the same range, step and default as its input. */
export function fieldOf(spec: SliderSpec): NumberField | IntField;
export function fieldOf(spec: ToggleSpec): BoolField;
export function fieldOf<V extends string>(spec: ChoiceSpec<V>): EnumField<V>;
export function fieldOf(spec: ControlSpec): Field;
export function fieldOf(spec: ControlSpec): Field {
  switch (spec.kind) {
    case 'slider':
      return spec.whole ? int(spec.min, spec.max, spec.default) : num(spec.min, spec.max, spec.default, spec.grid === 0 ? undefined : (spec.grid ?? spec.step));
    case 'toggle':
      return bool(spec.default);
    case 'choice':
      return oneOf(spec.options.map((o) => o.value), spec.default);
  }
}

/** The URL schema of the controls that a shared link carries. */
export function schemaOf(specs: ControlSpecs): Record<string, Field> {
  const out: Record<string, Field> = {};
  for (const [name, spec] of Object.entries(specs)) if (!spec.transient) out[name] = fieldOf(spec);
  return out;
}

/** A value in words, as the input shows it ("0.50", "on", "Momentum"). */
export function valueText(spec: ControlSpec, v: number | boolean | string): string {
  switch (spec.kind) {
    case 'slider':
      return spec.format ? spec.format(Number(v)) : String(v);
    case 'toggle':
      return v ? 'on' : 'off';
    case 'choice':
      return spec.options.find((o) => o.value === v)?.label ?? String(v);
  }
}

/**
 * The live values of a figure's controls. Create it while the figure's component initialises (it
 * starts an effect that keeps the URL in step); `frame` is read then, once, for the URL's values.
 * `more` is the figure's other URL state, which no control draws (a day picked on the chart, a step
 * of a walk-through): its values sit beside the controls' in `values`, and the same one effect
 * writes them all (a figure has one address-bar writer: each write replaces all its keys).
 */
export class Controls<S extends ControlSpecs, M extends Schema = Record<never, never>> {
  readonly specs: S;
  values: ValuesOf<S> & StateOf<M>;

  constructor(specs: S, frame: () => FigureFrame | undefined, more: M = {} as M) {
    this.specs = specs;
    // The URL carries the controls that are not transient; the transient ones start at their defaults.
    const transient: Record<string, unknown> = {};
    for (const [name, spec] of Object.entries(specs)) if (spec.transient) transient[name] = spec.default;
    this.values = new FigureState({ ...schemaOf(specs), ...more }, frame, transient).values as ValuesOf<S> & StateOf<M>;
  }

  /** The controls of the first row (advanced: false) or of "More controls" (advanced: true), in declared order. */
  names(advanced: boolean): (keyof S & string)[] {
    return Object.keys(this.specs).filter((n) => !!this.specs[n].advanced === advanced);
  }

  /** The controls in words, for the figure's description: "β 0.50, γ 0.20". */
  text(names: (keyof S & string)[] = Object.keys(this.specs)): string {
    return names.map((n) => `${this.specs[n].label} ${valueText(this.specs[n], this.values[n] as never)}`).join(', ');
  }

  /** Every control back to its default (the `more` state stays where it is). */
  reset(): void {
    for (const [name, spec] of Object.entries(this.specs)) (this.values as Record<string, unknown>)[name] = spec.default;
  }
}
