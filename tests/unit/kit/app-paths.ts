/** $app/paths for the kit's unit tests: the site at the root of its host. */
export const base = '';
