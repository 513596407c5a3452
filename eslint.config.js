// Lint without type information: it stays fast; `npm run typecheck` covers types.
const tseslint = require('typescript-eslint');

module.exports = tseslint.config(
  { ignores: ['node_modules/**', 'cdktf.out/**', '.gen/**', 'coverage/**'] },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    rules: {
      // The package root loads every azurerm resource class (~3 s, ~450 MB per process).
      'no-restricted-imports': ['error', {
        paths: [{
          name: '@cdktf/provider-azurerm',
          message: "Import the resource by deep path, e.g. '@cdktf/provider-azurerm/lib/key-vault'.",
        }],
      }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    // Synthesized Terraform JSON is untyped; tests read it as such.
    files: ['__tests__/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    files: ['**/*.js'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
