export * from './tensor';
export * from './tape';
export * from './random';
export * from './broadcast';
export * from './ops/elementwise';
export * from './ops/matmul';
export * from './ops/activation';
