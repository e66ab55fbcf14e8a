/**
 * The recipe scripts/choose-scratch-recipe.ts chose for figure 7b's "train from scratch": the
 * candidate with the best held-out accuracy, as written to static/models/scratch-recipe.json.
 */
import type { ScratchRecipe } from './scratch-plan';
import { chosen } from '../../../../static/models/scratch-recipe.json';

export const SCRATCH_RECIPE: ScratchRecipe = chosen as ScratchRecipe;
