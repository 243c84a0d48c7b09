// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import importPlugin from 'eslint-plugin-import';
import globals from 'globals';

const CONTEXTS = ['background', 'content', 'devtools', 'popup'];

/**
 * Dependency direction: core ← shared ← platform ← {background, content, devtools, popup}.
 * Each zone forbids `target` from importing `from`.
 */
const zones = [
  {
    target: './src/core',
    from: './src',
    except: ['./core'],
    message: 'src/core is pure: it imports nothing outside src/core.',
  },
  {
    target: './src/shared',
    from: ['./src/platform', ...CONTEXTS.map((c) => `./src/${c}`)],
    message: 'src/shared holds protocol types only; it depends on core alone.',
  },
  {
    target: './src/platform',
    from: CONTEXTS.map((c) => `./src/${c}`),
    message: 'src/platform must not depend on a context.',
  },
  ...CONTEXTS.map((context) => ({
    target: `./src/${context}`,
    from: CONTEXTS.filter((c) => c !== context).map((c) => `./src/${c}`),
    message: 'Contexts never import each other; share code through core, shared or platform.',
  })),
];

/** Only src/platform touches the extension and storage libraries. */
const platformOnly = {
  paths: [
    { name: 'webextension-polyfill', message: 'Import `browser` from src/platform instead.' },
    { name: 'idb', message: 'Use the store in src/platform instead.' },
  ],
};

export default tseslint.config(
  {
    // types/ holds only ambient declarations for src/core, checked by its tsconfig.
    ignores: [
      'dist',
      'dist-firefox',
      'dist-bench',
      'demo-output',
      'node_modules',
      'test-results',
      'types',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
      globals: { ...globals.browser, ...globals.node },
    },
    plugins: { import: importPlugin },
    settings: {
      'import/resolver': { node: { extensions: ['.ts', '.tsx', '.js', '.mjs', '.cjs'] } },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { ignoreRestSiblings: true, varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      'import/no-restricted-paths': ['error', { zones }],
      'no-restricted-imports': ['error', platformOnly],
    },
  },
  {
    files: ['src/platform/**'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    files: ['src/core/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          ...platformOnly,
          patterns: [
            { group: ['node:*', 'preact', 'preact/*'], message: 'src/core is pure TypeScript.' },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
