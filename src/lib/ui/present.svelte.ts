/** Presenter mode on or off: the top bar's button turns it on, Presenter.svelte runs it. */
export const presenter = $state({ on: false });
