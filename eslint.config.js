import js from '@eslint/js';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** What the renderer may take from src-main: the API contract, nothing that runs in Node. */
const rendererImportRule = [
  'error',
  {
    patterns: [
      {
        regex: '(^|/)src-main/',
        message: "The renderer reaches src-main only through the '$api/*' contract alias.",
      },
      {
        regex: '^\\$api/(?!(contract|wire|method-names|annotation-columns)$)',
        message:
          "Only '$api/contract', '$api/wire', '$api/method-names' and '$api/annotation-columns' are the renderer's contract.",
      },
      {
        regex: '^(node:|electron$|better-sqlite3$|onnxruntime-node$)',
        message: 'The renderer runs in a sandboxed page; Node and native modules live in src-main.',
      },
    ],
  },
];

export default tseslint.config(
  { ignores: ['out/', 'dist/', 'node_modules/', 'test-results/'] },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  ...svelte.configs.recommended,
  {
    languageOptions: {
      parserOptions: {
        project: ['./tsconfig.main.json', './tsconfig.json'],
        tsconfigRootDir: import.meta.dirname,
        extraFileExtensions: ['.svelte'],
      },
    },
    rules: {
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-confusing-void-expression': ['error', { ignoreArrowShorthand: true }],
    },
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: {
      parserOptions: { parser: tseslint.parser, svelteConfig: {} },
    },
  },
  {
    files: ['src-renderer/**'],
    languageOptions: { globals: globals.browser },
    rules: { 'no-restricted-imports': rendererImportRule },
  },
  {
    files: ['src-main/**', 'test/**', 'scripts/**', 'bin/**', '*.config.*'],
    languageOptions: { globals: globals.node },
  },
  {
    // The Electron shell is the only place that may import 'electron'.
    files: ['src-main/**'],
    ignores: ['src-main/electron/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [{ name: 'electron', message: 'Only src-main/electron/ may import electron.' }] },
      ],
    },
  },
  {
    // The part of the API folder that the renderer also imports.
    files: ['src-main/api/contract.ts', 'src-main/api/wire.ts', 'src-main/api/method-names.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'The contract is shared with the renderer.' }],
          patterns: [
            {
              regex: '^(node:|\\.\\./(?!jobs/job-schema$))',
              message:
                'The contract is shared with the renderer: no Node, no other folders (the zod-only job schemas excepted).',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.js'],
    ...tseslint.configs.disableTypeChecked,
  },
);
