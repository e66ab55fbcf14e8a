import fc from 'fast-check';

// Property tests explore new random cases on every local run (and print the seed of any failure);
// under CI they replay one fixed seed, so that a green main stays green and a red CI always means
// a change broke something. FC_SEED overrides it to replay a failure seen elsewhere.
const seed = process.env.FC_SEED ?? (process.env.CI ? '20261129' : undefined);
if (seed !== undefined) fc.configureGlobal({ seed: Number(seed) });
