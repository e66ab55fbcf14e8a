/**
 * The parameters of the last fit figure 2c's gradient descent completed on this page (null until
 * the reader has run one), so that other figures, such as figure 1c's machine, can use the SIR
 * model the reader fitted: `sirMachine(fitted.params, population)` from $lib/models/sir/sir-machine.
 */
import type { FitWindow, SirFitParams } from '$lib/models/sir/sir-fit';

class FittedSir {
  params = $state.raw<SirFitParams | null>(null);
  window = $state.raw<FitWindow | null>(null);
  /** The series the fit was made on (activeSeries.id): a fit belongs to its data. */
  seriesId = $state('');
  /** That series' population N, for exporting and reusing the fit. */
  population = $state(0);
}

export const fitted = new FittedSir();
