export * from './cases.js';
export * from './directory.js';
