// Types of eslint/layers.js for the TypeScript test that compares its table with docs/architecture.md.
export declare const LAYERS: { readonly engine: readonly string[][]; readonly app: readonly string[][] };
export declare const layersRule: unknown;
declare const plugin: { readonly rules: { readonly layers: unknown } };
export default plugin;
