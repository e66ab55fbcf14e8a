/**
 * The parameters of the last fit figure 2c's gradient descent completed on this page (null until
 * the reader has run one), so that other figures, such as figure 1c's machine, can use the SIR
 * model the reader fitted: `sirMachine(fitted.params, NYC_POPULATION)` from $lib/models/sir-machine.
 */
import type { FitWindow, SirFitParams } from '$lib/models/sir-fit';

class FittedSir {
  params = $state.raw<SirFitParams | null>(null);
  window = $state.raw<FitWindow | null>(null);
}

export const fitted = new FittedSir();
