export * from './cases.js';
export * from './directory.js';
export * from './supervision.js';
