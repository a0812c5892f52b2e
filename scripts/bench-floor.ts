// The benchmark's floor: from a synthesized cdktf.out, generates a bare cdktf program (plain
// JavaScript, deep imports of the provider classes, no CLI, no configuration loading) that creates
// the same stacks with the same providers, backend, resources, data sources, locals, imports and
// outputs, each resource with the same attributes (references become the literal "${...}" strings
// they resolved to; explicit depends_on is left out), and runs on the unmodified framework (no token
// stack-trace override). Its synth time and memory are what cdktf itself costs for this estate; `npm run bench`
// compares ours against it.
import * as fs from 'node:fs';
import * as path from 'node:path';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

/** snake_case -> camelCase, the jsii property naming of the generated provider bindings. */
function camel(key: string): string {
  return key.replace(/_([a-z0-9])/g, (_match, letter: string) => letter.toUpperCase());
}

/** A synthesized attribute value as the props object a binding's constructor takes. */
function toProps(value: Json): Json {
  if (Array.isArray(value)) return value.map(toProps);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([key]) => key !== '//')
        .map(([key, inner]) => [camel(key), toProps(inner)]),
    );
  }
  return value;
}

/** The provider-aws class (module path and export name) whose static tfResourceType is `type`. */
function bindingFor(type: string, kind: 'resource' | 'data'): { modulePath: string; exportName: string } {
  // terraform_data is built into Terraform; cdktf's own class makes it.
  if (type === 'terraform_data' && kind === 'resource') return { modulePath: require.resolve('cdktf'), exportName: 'DataResource' };
  if (!type.startsWith('aws_')) throw new Error(`bench floor: no provider-aws binding for ${kind} ${type}`);
  const base = type.slice('aws_'.length).replace(/_/g, '-');
  const modulePath = require.resolve(`@cdktf/provider-aws/lib/${kind === 'data' ? `data-aws-${base}` : base}`);
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const exported = require(modulePath) as Record<string, { tfResourceType?: string }>;
  const exportName = Object.keys(exported).find((name) => exported[name]?.tfResourceType === type);
  if (!exportName) throw new Error(`bench floor: ${modulePath} exports no class for ${type}`);
  return { modulePath, exportName };
}

/** Resource (and data source) counts per type per stack: what the floor must reproduce. */
export function resourceCounts(outdir: string): Map<string, Map<string, number>> {
  const counts = new Map<string, Map<string, number>>();
  for (const [stackName, stack] of readStacks(outdir)) {
    const byType = new Map<string, number>();
    for (const [section, prefix] of [
      ['resource', ''],
      ['data', 'data.'],
    ] as const) {
      for (const [type, byName] of Object.entries<Json>(stack[section] ?? {})) byType.set(prefix + type, Object.keys(byName).length);
    }
    counts.set(stackName, byType);
  }
  return counts;
}

function readStacks(outdir: string): [string, Json][] {
  const manifest = JSON.parse(fs.readFileSync(path.join(outdir, 'manifest.json'), 'utf8'));
  return Object.entries<{ synthesizedStackPath: string }>(manifest.stacks).map(([name, stack]) => [
    name,
    JSON.parse(fs.readFileSync(path.join(outdir, stack.synthesizedStackPath), 'utf8')),
  ]);
}

/** Writes the bare program for the estate synthesized in `outdir` to `programFile` (JavaScript). */
export function writeFloorProgram(outdir: string, programFile: string): void {
  const imports = new Map<string, string>(); // "kind:type" -> local class variable
  const importLines: string[] = [];
  const classFor = (type: string, kind: 'resource' | 'data'): string => {
    const key = `${kind}:${type}`;
    let local = imports.get(key);
    if (!local) {
      const { modulePath, exportName } = bindingFor(type, kind);
      local = `C${imports.size}`;
      imports.set(key, local);
      importLines.push(`const ${local} = require(${JSON.stringify(modulePath)}).${exportName};`);
    }
    return local;
  };
  const stackFunctions: string[] = [];
  for (const [stackName, stack] of readStacks(outdir)) {
    const body: string[] = [`  const s = new TerraformStack(app, ${JSON.stringify(stackName)});`, '  const p = {};', '  const r = {};'];
    for (const [backendType, backendConfig] of Object.entries<Json>(stack.terraform?.backend ?? {})) {
      const backendClass = { s3: 'S3Backend', local: 'LocalBackend' }[backendType];
      if (!backendClass) throw new Error(`bench floor: backend ${backendType} not handled`);
      body.push(`  new ${backendClass}(s, ${JSON.stringify(toProps(backendConfig))});`);
    }
    for (const config of (stack.provider?.aws ?? []) as Json[]) {
      const reference = config.alias ? `aws.${config.alias}` : 'aws';
      const id = config.alias ? `aws_${config.alias}` : 'aws';
      body.push(`  p[${JSON.stringify(reference)}] = new AwsProvider(s, ${JSON.stringify(id)}, ${JSON.stringify(toProps(config))});`);
    }
    for (const [section, kind] of [
      ['data', 'data'],
      ['resource', 'resource'],
    ] as const) {
      for (const [type, byName] of Object.entries<Json>(stack[section] ?? {})) {
        if (type === 'terraform_remote_state') {
          for (const [name, remote] of Object.entries<Json>(byName)) {
            const remoteClass = { s3: 'DataTerraformRemoteStateS3', local: 'DataTerraformRemoteStateLocal' }[remote.backend as string];
            if (!remoteClass) throw new Error(`bench floor: remote state backend ${remote.backend} not handled`);
            body.push(`  new ${remoteClass}(s, ${JSON.stringify(name)}, ${JSON.stringify(toProps(remote.config))});`);
          }
          continue;
        }
        const local = classFor(type, kind);
        for (const [name, resource] of Object.entries<Json>(byName)) {
          // depends_on names resources that may come later in this loop; the floor leaves the
          // (few) explicit dependencies out rather than reorder construction.
          const { provider, provisioner, ...attributes } = resource;
          delete attributes.depends_on;
          // Synthesized as [{ "local-exec": { ... } }]; cdktf takes [{ type: "local-exec", ... }].
          if (provisioner) {
            attributes.provisioners = (provisioner as Json[]).map((entry) => {
              const [[provisionerType, settings]] = Object.entries<Json>(entry);
              return { type: provisionerType, ...settings };
            });
          }
          const props = JSON.stringify(toProps(attributes));
          const providerArgument = provider ? `, provider: p[${JSON.stringify(provider)}]` : '';
          const address = JSON.stringify(`${kind === 'data' ? 'data.' : ''}${type}.${name}`);
          body.push(`  r[${address}] = new ${local}(s, ${JSON.stringify(name)}, { ...${props}${providerArgument} });`);
        }
      }
    }
    for (const [name, expression] of Object.entries<Json>(stack.locals ?? {})) {
      body.push(`  new TerraformLocal(s, ${JSON.stringify(name)}, ${JSON.stringify(expression)});`);
    }
    // Import blocks (adopted accounts) as cdktf makes them: importFrom() on the resource, which also
    // adds cdktf's Terraform version validation (it runs `terraform version` at synth).
    for (const { id, to } of (stack.import ?? []) as { id: string; to: string }[]) {
      body.push(`  r[${JSON.stringify(to)}].importFrom(${JSON.stringify(id)});`);
    }
    for (const [name, output] of Object.entries<Json>(stack.output ?? {})) {
      body.push(`  new TerraformOutput(s, ${JSON.stringify(name)}, ${JSON.stringify(toProps(output))});`);
    }
    stackFunctions.push(`function stack${stackFunctions.length}(app) {\n${body.join('\n')}\n}`);
  }
  const program = [
    `'use strict';`,
    `// Generated by scripts/bench-floor.ts from ${outdir}; deleted after the benchmark.`,
    `const { App, TerraformStack, TerraformOutput, TerraformLocal, S3Backend, LocalBackend, DataTerraformRemoteStateS3, DataTerraformRemoteStateLocal } = require(${JSON.stringify(require.resolve('cdktf'))});`,
    `const { AwsProvider } = require(${JSON.stringify(require.resolve('@cdktf/provider-aws/lib/provider'))});`,
    ...importLines,
    ...stackFunctions,
    `const app = new App({ outdir: process.env.CDKTF_OUTDIR, skipBackendValidation: true, stackTraces: false });`,
    ...stackFunctions.map((_fn, index) => `stack${index}(app);`),
    'app.synth();',
    '',
  ].join('\n');
  fs.writeFileSync(programFile, program);
}
