// The evidence pack's estate files, read from the synthesized Terraform: the account and OU register,
// the guardrails with their simulation totals, log retention and immutability, and the access review.
import type { LoadedConfig } from '../../lib/config/load';
import { CORE_ACCOUNT_KEYS, effectiveOu, isActive } from '../../lib/config/model';
import { guardrailCatalogue } from '../../policies/catalogue';
import type { TerraformJson } from '../synth/output';
import type { ControlEvidence } from './check';
import { guardrailEvidence, SUSPENDED_STAND_IN } from './guardrails';
import { csv, markdownTable, readable } from './render';

/** OU path of every OU resource key, from the synthesized parent references. */
function ouPaths(stacks: ReadonlyMap<string, TerraformJson>): Map<string, string> {
  const ous = new Map<string, { name: string; parent: string }>();
  for (const json of stacks.values()) {
    for (const [key, body] of Object.entries<TerraformJson>(json.resource?.aws_organizations_organizational_unit ?? {}))
      ous.set(key, { name: body.name, parent: String(body.parent_id) });
  }
  const paths = new Map<string, string>();
  const pathOf = (key: string): string => {
    const ou = ous.get(key);
    if (!ou) return '';
    const parentKey = /aws_organizations_organizational_unit\.([^.]+)\.id/.exec(ou.parent)?.[1];
    return parentKey ? `${pathOf(parentKey)}/${ou.name}` : ou.name;
  };
  for (const key of ous.keys()) paths.set(key, pathOf(key));
  return paths;
}

export function accountFiles(loaded: LoadedConfig, stacks: ReadonlyMap<string, TerraformJson>): [string, string][] {
  const lz = loaded.landingZone;
  const paths = ouPaths(stacks);
  const synthesized = new Map<string, TerraformJson>();
  const imported = new Set<string>();
  for (const json of stacks.values()) {
    for (const body of Object.values<TerraformJson>(json.resource?.aws_organizations_account ?? {})) synthesized.set(body.name, body);
    for (const entry of (json.import ?? []) as { to: string }[]) imported.add(entry.to);
  }
  const rows: (string | number)[][] = [];
  rows.push([
    'management',
    'management',
    '(root)',
    lz.managementAccount.accountId,
    'existing (management account)',
    '',
    '',
    '',
    '',
    'active',
  ]);
  const accountRow = (name: string, kind: string, hscn: string, status: string) => {
    const body = synthesized.get(name);
    const ouKey = /aws_organizations_organizational_unit\.([^.]+)\.id/.exec(String(body?.parent_id ?? ''))?.[1];
    const tags = (body?.tags ?? {}) as Record<string, string>;
    const importedAs = [...imported].some((to) => to.endsWith(`.account-${name}`));
    return [
      name,
      kind,
      ouKey ? (paths.get(ouKey) ?? '') : '(not synthesized)',
      '',
      importedAs ? 'adopted (import)' : 'created by the organization stack',
      tags.owner ?? '',
      tags['data-classification'] ?? '',
      tags['cost-centre'] ?? '',
      hscn,
      status,
    ];
  };
  for (const key of CORE_ACCOUNT_KEYS) {
    const core = lz.coreAccounts[key];
    const row = accountRow(core.name, 'core', '', 'active');
    row[3] = core.accountId ?? '(assigned at creation)';
    rows.push(row);
  }
  for (const { config: account } of loaded.accounts) {
    const row = accountRow(
      account.name,
      'workload',
      account.hscn ? 'entitled' : 'no',
      isActive(account) ? 'active' : `suspended (OU ${effectiveOu(account)})`,
    );
    row[3] = account.accountId ?? '(assigned at creation)';
    rows.push(row);
  }
  const headers = [
    'account',
    'kind',
    'OU (synthesized)',
    'account ID',
    'origin',
    'owner (tag)',
    'data classification (tag)',
    'cost centre (tag)',
    'HSCN',
    'status',
  ];
  const catalogue = guardrailCatalogue(lz);
  const ouRows = [...paths.values()].sort().map((ouPath) => {
    const attached = catalogue
      .filter((policy) => policy.targets.some((target) => target.kind === 'ou' && target.path === ouPath))
      .map((policy) => policy.key);
    const members = rows.filter((row) => row[2] === ouPath).map((row) => row[0]);
    return [ouPath, attached.join(', ') || '(inherited only)', members.join(', ')];
  });
  const rootPolicies = catalogue.filter((policy) => policy.targets.some((target) => target.kind === 'root')).map((policy) => policy.key);
  const md = [
    '# Account and OU register',
    '',
    `Organization: ${lz.organization.name}. Owners, classifications and cost centres are the tags the organization stack puts on each account; classifications allowed by configuration: ${lz.dataClassifications.join(', ')}.`,
    '',
    markdownTable(headers, rows),
    '## Organizational units',
    '',
    `Guardrails attached to the root (every OU inherits them): ${rootPolicies.join(', ')}.`,
    '',
    markdownTable(['OU', 'guardrails attached directly', 'accounts'], ouRows),
  ];
  return [
    ['accounts.md', md.join('\n')],
    ['accounts.csv', csv(headers, rows)],
    ['organizational-units.csv', csv(['OU', 'guardrails attached directly', 'accounts'], ouRows)],
  ];
}

export async function guardrailFiles(loaded: LoadedConfig, stacks: ReadonlyMap<string, TerraformJson>): Promise<[string, string][]> {
  const { policies, outcomes } = await guardrailEvidence(loaded, stacks);
  const denied = outcomes.filter((o) => o.decision === 'Denied').length;
  const probeRows = [...new Set(outcomes.map((o) => o.probe.label))].map((label) => {
    const row: (string | number)[] = [label];
    for (const principal of ['administrator', 'execution role', 'break-glass role']) {
      const these = outcomes.filter((o) => o.probe.label === label && o.principal === principal);
      row.push(`${these.filter((o) => o.decision === 'Denied').length} of ${these.length} denied`);
    }
    return row;
  });
  const md = [
    '# Guardrails',
    '',
    'Every service and resource control policy as synthesized, and the totals of a probe set run through the real OU chain by the guardrail simulator (`lz simulate`, in-process): each probe is sent as an administrator, the execution role and the break-glass role, in every account (plus ' +
      '`' +
      SUSPENDED_STAND_IN +
      '`' +
      ', a stand-in in the Suspended OU, when no account is suspended). Identity and resource policies are allow-everything, so the guardrails alone decide. Every request: [guardrail-simulation.csv](guardrail-simulation.csv).',
    '',
    markdownTable(
      ['policy', 'name', 'type', 'attached to', 'statements', 'characters (limit 5,120)', 'probe requests it denied'],
      policies.map((p) => [p.key, p.name, p.type, p.attachedTo, p.statements.join(', '), p.size, p.denied]),
    ),
    `## Simulation totals`,
    '',
    `${outcomes.length} requests: ${outcomes.length - denied} allowed, ${denied} denied.`,
    '',
    markdownTable(['probe', 'administrator', 'execution role', 'break-glass role'], probeRows),
  ];
  const simulation = csv(
    ['probe', 'action', 'account', 'principal', 'region', 'decision', 'decided by'],
    outcomes.map((o) => [o.probe.label, o.probe.action, o.account, o.principal, o.region, o.decision, o.decidedBy]),
  );
  return [
    ['guardrails.md', md.join('\n')],
    ['guardrail-simulation.csv', simulation],
  ];
}

export function logRetentionFiles(stacks: ReadonlyMap<string, TerraformJson>): [string, string][] {
  const rows: (string | number)[][] = [];
  for (const [stack, json] of stacks) {
    const resources = json.resource ?? {};
    const regionOf = (provider: unknown) => {
      const alias = typeof provider === 'string' && provider.includes('.') ? provider.split('.')[1] : undefined;
      return ((json.provider?.aws ?? []) as { alias?: string; region?: string }[]).find((p) => p.alias === alias)?.region ?? '';
    };
    const about = (type: string, key: string) =>
      Object.values<TerraformJson>(resources[type] ?? {}).find((body) => String(body.bucket).includes(`aws_s3_bucket.${key}.`));
    for (const [key, bucket] of Object.entries<TerraformJson>(resources.aws_s3_bucket ?? {})) {
      const lock = about('aws_s3_bucket_object_lock_configuration', key);
      const lifecycle = about('aws_s3_bucket_lifecycle_configuration', key);
      const replication = about('aws_s3_bucket_replication_configuration', key);
      const encryption = about('aws_s3_bucket_server_side_encryption_configuration', key);
      const versioning = about('aws_s3_bucket_versioning', key);
      const retention = lock?.rule?.default_retention;
      const objectLock = retention
        ? `${retention.mode}, ${retention.days ?? retention.years} ${retention.days ? 'days' : 'years'}`
        : bucket.object_lock_enabled
          ? 'enabled, no default retention'
          : 'none';
      const expiry = ((lifecycle?.rule ?? []) as TerraformJson[])
        .flatMap((rule) => (rule.expiration ?? []).map((e: TerraformJson) => e.days))
        .filter(Boolean);
      const destinationKey = /aws_s3_bucket\.([^.]+)\.arn/.exec(JSON.stringify(replication?.rule ?? ''))?.[1];
      // A bucket of another stack (cross-account replication) is named by its literal ARN instead.
      const destinationArn = String(replication?.rule?.[0]?.destination?.bucket ?? '');
      const destination = destinationKey
        ? readable(resources.aws_s3_bucket?.[destinationKey]?.bucket)
        : destinationArn.startsWith('arn:aws:s3:::')
          ? readable(destinationArn.slice('arn:aws:s3:::'.length))
          : '';
      const algorithm = encryption?.rule?.[0]?.apply_server_side_encryption_by_default?.sse_algorithm ?? '';
      rows.push([
        'S3 bucket',
        readable(bucket.bucket),
        stack,
        regionOf(bucket.provider),
        objectLock,
        versioning?.versioning_configuration?.status ?? '',
        algorithm,
        expiry.length ? `${expiry.join(', ')} days` : 'none',
        destination || 'none',
        bucket.lifecycle?.prevent_destroy === true ? 'yes' : 'no',
      ]);
    }
    for (const group of Object.values<TerraformJson>(resources.aws_cloudwatch_log_group ?? {})) {
      rows.push([
        'CloudWatch log group',
        readable(group.name),
        stack,
        regionOf(group.provider),
        'n/a',
        'n/a',
        group.kms_key_id ? 'KMS' : 'service default',
        group.retention_in_days ? `${group.retention_in_days} days` : 'never expires',
        'none',
        group.lifecycle?.prevent_destroy === true ? 'yes' : 'no',
      ]);
    }
  }
  rows.sort((a, b) => `${a[2]}${a[1]}`.localeCompare(`${b[2]}${b[1]}`));
  const headers = [
    'store',
    'name',
    'stack',
    'Region',
    'Object Lock',
    'versioning',
    'encryption',
    'expiry',
    'replicated to',
    'prevent_destroy',
  ];
  const md = [
    '# Log retention and immutability',
    '',
    'Every S3 bucket and CloudWatch log group in the synthesized estate, with its lock, versioning, encryption, expiry and replica.',
    '',
    markdownTable(headers, rows),
  ];
  return [
    ['log-retention.md', md.join('\n')],
    ['log-retention.csv', csv(headers, rows)],
  ];
}

export function accessReviewFile(stacks: ReadonlyMap<string, TerraformJson>, evidence: readonly ControlEvidence[]): [string, string] {
  const sets: (string | number)[][] = [];
  let assignments = 0;
  for (const [stack, json] of stacks) {
    for (const body of Object.values<TerraformJson>(json.resource?.aws_ssoadmin_permission_set ?? {}))
      sets.push([readable(body.name), stack, body.session_duration ?? '', readable(body.description ?? '')]);
    assignments += Object.keys(json.resource?.aws_ssoadmin_account_assignment ?? {}).length;
  }
  const entry = evidence.find((e) => e.control.id === 'workforce-identity');
  const md = ['# Access review', ''];
  if (sets.length === 0) {
    md.push(
      `**Not built.** The estate deploys no IAM Identity Center permission sets or account assignments, so there is nothing to review from code. ${entry?.control.missing ?? ''}`,
      '',
    );
  } else {
    md.push(
      `${sets.length} permission sets and ${assignments} account assignments are deployed.`,
      '',
      markdownTable(['permission set', 'stack', 'session duration', 'description'], sets),
    );
  }
  return ['access-review.md', md.join('\n')];
}
