// Lint: typescript-eslint's recommended rules on the whole tree; formatting is prettier's job
// (eslint-config-prettier turns off every rule that would fight it). https://typescript-eslint.io/getting-started
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', 'packages/*/dist/', 'coverage/', 'test-results/', 'node_modules/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
      eqeqeq: ['error', 'always'],
      'no-console': 'error',
    },
  },
  { files: ['public/**/*.js', 'packages/embed/src/**'], languageOptions: { globals: { ...globals.browser } } },
  { files: ['bench/**', 'scripts/**'], rules: { 'no-console': 'off' } },
  // Tests read loosely typed JSON bodies, and browser tests run code inside the page (where console is the channel).
  { files: ['test/**'], rules: { '@typescript-eslint/no-explicit-any': 'off', 'no-console': 'off' } },
  prettier,
);
