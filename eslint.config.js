// Lint rules that protect the project's conventions. The important one: provider classes are
// imported by deep path only; the root of @cdktf/provider-aws loads 2,000+ namespaces per process.
const tseslint = require('typescript-eslint');

module.exports = tseslint.config(
  { ignores: ['dist/**', 'cdktf.out/**', 'node_modules/**', 'test-artifacts/**', 'coverage/**', '**/*.js'] },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: '@cdktf/provider-aws',
              message: "Import provider classes by deep path, e.g. '@cdktf/provider-aws/lib/s3-bucket'; the root import loads every resource namespace.",
            },
          ],
          patterns: [
            {
              regex: '^@cdktf/provider-aws(/lib)?/?(index)?$',
              message: "Import the resource's own module, e.g. '@cdktf/provider-aws/lib/s3-bucket'.",
            },
          ],
        },
      ],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      'no-new': 'off',
    },
  },
);
