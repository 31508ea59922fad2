import js from '@eslint/js'
import tseslint from 'typescript-eslint'

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'build/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly', Buffer: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-control-regex': 'off'
    }
  },
  {
    files: ['src/**/*.ts'],
    rules: {
      // A stream's 'error' event with no listener kills the process with a stack trace (a full
      // disk did just that). stream.pipeline() handles errors on every stream it joins; a
      // .pipe() needs its own handlers on both ends, and a disable comment saying where they are.
      'no-restricted-syntax': [
        'error',
        {
          selector: "CallExpression[callee.property.name='pipe']",
          message: 'use stream.pipeline (a .pipe() leaves errors unhandled)'
        }
      ]
    }
  }
)
