// Lint rules that keep the engine a DOM-free library: engine/ may not import app/, React, D3's DOM parts
// or touch browser globals, and may not use Math.random or Date.now (the engine is deterministic).
// podpath/layers keeps imports one-way down the layer table of eslint/layers.js (docs/architecture.md).
import tseslint from 'typescript-eslint';
import layers from './eslint/layers.js';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['engine/**/*.ts', 'app/**/*.{ts,tsx}'],
    plugins: { podpath: layers },
    rules: { 'podpath/layers': 'error' },
  },
  {
    files: ['engine/**/*.ts'],
    ignores: ['engine/worker.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/app/**', '../app/*', '../../app/*'], message: 'engine/ must not depend on app/.' },
            {
              group: ['react', 'react-dom', 'react-dom/*', '@xstate/react', 'zustand', 'd3', 'd3-*'],
              message: 'engine/ is DOM-free: no React, Zustand or D3 here.',
            },
          ],
        },
      ],
      'no-restricted-globals': [
        'error',
        'document',
        'window',
        'navigator',
        'localStorage',
        'location',
        'requestAnimationFrame',
      ],
      'no-restricted-properties': [
        'error',
        { object: 'Math', property: 'random', message: 'Use the seeded SeededRandom (engine/random.ts).' },
        { object: 'Date', property: 'now', message: 'The engine is deterministic: no wall clock.' },
      ],
    },
  },
);
