// Lint rules that protect the project's conventions:
// - provider classes are imported by deep path only: the root of @cdktf/provider-aws loads 2,000+
//   namespaces per process;
// - imports flow one way between the layers, facts -> guardrails -> constructs -> stacks -> tools ->
//   CLI (docs/architecture.md): a folder may never import a later layer.
const tseslint = require('typescript-eslint');

const providerRootImport = {
  paths: [
    {
      name: '@cdktf/provider-aws',
      message:
        "Import provider classes by deep path, e.g. '@cdktf/provider-aws/lib/s3-bucket'; the root import loads every resource namespace.",
    },
  ],
  patterns: [
    {
      regex: '^@cdktf/provider-aws(/lib)?/?(index)?$',
      message: "Import the resource's own module, e.g. '@cdktf/provider-aws/lib/s3-bucket'.",
    },
  ],
};

/** The layers in import order; each may import only the layers before it (and packages). */
const LAYERS = ['lib', 'policies', 'modules', 'stacks', 'tools', 'cli'];

function layerRule(layer) {
  const later = LAYERS.slice(LAYERS.indexOf(layer) + 1);
  const patterns = [...providerRootImport.patterns];
  if (later.length > 0) {
    patterns.push({
      regex: `^\\.{1,2}/(\\.\\./)*(${later.join('|')})(/|$)`,
      message: `${layer}/ may import only ${LAYERS.slice(0, LAYERS.indexOf(layer) + 1).join(', ')} and packages (layer order: ${LAYERS.join(' -> ')}; docs/architecture.md).`,
    });
  }
  return {
    files: [`${layer}/**/*.ts`],
    rules: { 'no-restricted-imports': ['error', { paths: providerRootImport.paths, patterns }] },
  };
}

module.exports = tseslint.config(
  { ignores: ['dist/**', 'cdktf.out/**', 'node_modules/**', 'test-artifacts/**', 'coverage/**', '**/*.js'] },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', providerRootImport],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      'no-new': 'off',
    },
  },
  ...LAYERS.map(layerRule),
);
