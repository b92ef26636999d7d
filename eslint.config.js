import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

// Pure rooms, at any depth (docs/architecture.md); tests/architecture.test.ts checks the rest.
const PURE = [
  'rules/engine/**',
  'rules/schema/**',
  'rules/loader/**',
  'rules/views/**',
  'rules/packs/**',
  'rules/names/**',
  'rules/rag/**',
  'rules/config/**',
];
/** Deep imports into the engine: everything outside it goes through rules/engine/index.ts. */
const ENGINE_DEEP = {
  regex: '(^|/)engine/(?!index$)[a-z-]+$',
  message: 'Import the engine through rules/engine (its index), not its modules.',
};

export default tseslint.config(
  {
    ignores: [
      '.output/**',
      '.wxt/**',
      'node_modules/**',
      'test-results/**',
      'playwright-report/**',
      'tests/fixtures/**',
      'bench/vendor/**',
      '.tmp/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
      globals: { ...globals.browser, ...globals.node },
    },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      'no-restricted-syntax': [
        'error',
        { selector: "CallExpression[callee.name='eval']", message: 'No eval.' },
        { selector: "NewExpression[callee.name='Function']", message: 'No new Function.' },
      ],
    },
  },
  {
    // Product code renders text only. Tests may build fixtures with innerHTML.
    files: ['entrypoints/**', 'components/**', 'rules/**'],
    ignores: ['**/*.test.{ts,tsx}', '**/test-support.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        { selector: "CallExpression[callee.name='eval']", message: 'No eval.' },
        { selector: "NewExpression[callee.name='Function']", message: 'No new Function.' },
        {
          selector: 'AssignmentExpression[left.property.name=/^(innerHTML|outerHTML)$/]',
          message: 'Render text, never HTML.',
        },
        {
          selector: 'CallExpression[callee.property.name=/^(insertAdjacentHTML|write|writeln)$/]',
          message: 'Render text, never HTML.',
        },
      ],
    },
  },
  {
    files: ['**/*.{js,mjs}'],
    extends: [tseslint.configs.disableTypeChecked],
  },
  {
    // The engine zone: pure TypeScript, testable and benchmarkable in Node (docs/architecture.md).
    files: PURE.map((p) => `${p}/*.ts`),
    languageOptions: { globals: { ...globals.es2022 } },
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['wxt', 'wxt/*', '#imports'],
              message: 'The engine zone must not import WXT.',
            },
            {
              group: ['webextension-polyfill'],
              message: 'The engine zone must not import the browser.',
            },
            { group: ['preact', 'preact/*'], message: 'The engine zone must not import Preact.' },
            {
              group: ['**/entrypoints/**', '**/components/**', '**/store/**'],
              message: 'The engine zone must not import UI, entrypoints or storage.',
              allowTypeImports: true,
            },
            ENGINE_DEEP,
          ],
        },
      ],
      'no-restricted-globals': ['error', 'window', 'document', 'browser', 'chrome', 'navigator'],
    },
  },
  {
    files: ['**/*.{ts,tsx}'],
    ignores: ['rules/engine/**', ...PURE.map((p) => `${p}/*.ts`), 'components/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', { patterns: [ENGINE_DEEP] }],
    },
  },
  {
    files: ['components/**/*.{ts,tsx}'],
    ignores: ['components/**/*.test.tsx'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['wxt/browser', 'wxt/utils/storage', '#imports'],
              message: 'Components take props, not browser APIs.',
            },
            {
              group: ['**/rules/engine/**', '**/rules/engine', '**/rules/store/**'],
              message: 'Components take data, not the engine or storage (types may be imported).',
              allowTypeImports: true,
            },
            ENGINE_DEEP,
          ],
        },
      ],
      'no-restricted-globals': ['error', 'browser', 'chrome'],
    },
  },
);
