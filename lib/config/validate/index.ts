// Cross-field rules that a schema cannot express: uniqueness, references between files, address
// planning and the network rules of docs/hscn-gateway.md. Every rule adds problems; none throws.
//
// The rule files of this folder: network.ts, access.ts, backup.ts; kit.ts holds the shared reporter.
import type { ConfigProblem, FieldPath, SourceFile } from '../diagnostics';
import type { LoadedConfig } from '../load';
import { SUSPENDED_OU, WORKLOADS_OU, flattenOus, platformAccounts } from '../model';
import { serviceAllowListProblems } from '../../guardrails/service-allow-list';
import { validateAccess } from './access';
import { validateBackup } from './backup';
import { type Located, reportDuplicates } from './kit';
import { validateNetwork } from './network';

export function validateConfig(config: LoadedConfig): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const lz = config.landingZone;
  const lzSource = config.landingZoneSource;
  const report = (located: { source: SourceFile; path: FieldPath }, message: string): void => {
    problems.push(located.source.problem(located.path, message));
  };

  // Regions
  if (!lz.allowedRegions.includes(lz.homeRegion)) {
    report(
      { source: lzSource, path: ['homeRegion'] },
      `is ${lz.homeRegion} but allowedRegions does not include it; add it to allowedRegions`,
    );
  }
  if (new Set(lz.allowedRegions).size !== lz.allowedRegions.length) {
    report({ source: lzSource, path: ['allowedRegions'] }, 'lists a Region twice; list each Region once');
  }

  // OU tree
  const ous = flattenOus(lz.organizationalUnits);
  const ouPaths = new Set<string>();
  ous.forEach((ou) => {
    if (ouPaths.has(ou.path)) {
      report(
        { source: lzSource, path: ['organizationalUnits'] },
        `defines the OU ${ou.path} twice; OU names must be unique among siblings`,
      );
    }
    ouPaths.add(ou.path);
  });
  for (const required of [WORKLOADS_OU, SUSPENDED_OU]) {
    if (!ouPaths.has(required)) {
      report(
        { source: lzSource, path: ['organizationalUnits'] },
        `has no top-level ${required} OU; the guardrail catalogue attaches policies to it, so add it`,
      );
    }
  }
  const ouList = [...ouPaths].join(', ');

  // Accounts: names, emails and IDs are unique across the whole organization.
  const names: Located<string>[] = [{ value: 'management', source: lzSource, path: ['managementAccount'] }];
  const emails: Located<string>[] = [
    { value: lz.managementAccount.email.toLowerCase(), source: lzSource, path: ['managementAccount', 'email'] },
  ];
  const ids: Located<string>[] = [{ value: lz.managementAccount.accountId, source: lzSource, path: ['managementAccount', 'accountId'] }];
  for (const { account, path } of platformAccounts(lz)) {
    const base: FieldPath = [...path];
    names.push({ value: account.name, source: lzSource, path: [...base, 'name'] });
    emails.push({ value: account.email.toLowerCase(), source: lzSource, path: [...base, 'email'] });
    if (account.accountId) ids.push({ value: account.accountId, source: lzSource, path: [...base, 'accountId'] });
    if (!lz.dataClassifications.includes(account.classification)) {
      report(
        { source: lzSource, path: [...base, 'classification'] },
        `is "${account.classification}", which is not one of dataClassifications (${lz.dataClassifications.join(', ')})`,
      );
    }
    if (!ouPaths.has(account.ou)) {
      report(
        { source: lzSource, path: [...base, 'ou'] },
        `refers to OU "${account.ou}", which is not in organizationalUnits (known: ${ouList})`,
      );
    }
  }
  for (const { config: account, source } of config.accounts) {
    names.push({ value: account.name, source, path: ['name'] });
    emails.push({ value: account.email.toLowerCase(), source, path: ['email'] });
    if (account.accountId) ids.push({ value: account.accountId, source, path: ['accountId'] });
    if (!ouPaths.has(account.ou)) {
      report(
        { source, path: ['ou'] },
        `refers to OU "${account.ou}", which is not in organizationalUnits of landing-zone.yaml (known: ${ouList})`,
      );
    } else if (account.ou === SUSPENDED_OU) {
      report({ source, path: ['ou'] }, `must stay the account's working OU; to quarantine the account set status: suspended instead`);
    } else if (account.ou !== WORKLOADS_OU && !account.ou.startsWith(`${WORKLOADS_OU}/`)) {
      report(
        { source, path: ['ou'] },
        `is ${account.ou}, but workload accounts must sit under ${WORKLOADS_OU}/ (the Transit Gateway is shared with that OU only)`,
      );
    }
    if (!lz.dataClassifications.includes(account.classification)) {
      report(
        { source, path: ['classification'] },
        `is "${account.classification}", which is not one of dataClassifications in landing-zone.yaml (${lz.dataClassifications.join(', ')})`,
      );
    }
    if (account.hscn && !lz.network.hscn) {
      report(
        { source, path: ['hscn'] },
        'is true but landing-zone.yaml has no network.hscn settings; add them (allocation, prefixes, allowedPorts) or set hscn: false',
      );
    }
  }
  // Adopted accounts: the baseline imports what AWS Config already has, so configuration must say what that is.
  const adoptedAccounts: { account: { accountId?: string; adoption?: unknown }; source: SourceFile; base: FieldPath }[] = [
    ...platformAccounts(lz).map(({ account, path }) => ({ account, source: lzSource, base: [...path] as FieldPath })),
    ...config.accounts.map(({ config: account, source }) => ({ account, source, base: [] as FieldPath })),
  ];
  for (const { account, source, base } of adoptedAccounts) {
    if (account.accountId && !account.adoption) {
      report(
        { source, path: [...base, 'accountId'] },
        'adopts an existing account, which may already have AWS Config (one recorder per Region, AWSServiceRoleForConfig) that the baseline would collide with; add `adoption:` saying what exists (configServiceLinkedRole, configRecorders), see docs/vending.md "Adopting an existing account"',
      );
    } else if (!account.accountId && account.adoption) {
      report(
        { source, path: [...base, 'adoption'] },
        'describes an existing account, but accountId is not set; remove it for a new account, or set accountId to adopt one',
      );
    }
  }

  reportDuplicates(names, 'account name', report);
  reportDuplicates(emails, 'account email', report);
  reportDuplicates(ids, 'account ID', report);

  // The execution role is created by a StackSet in every member account; AWS Organizations has already
  // created OrganizationAccountAccessRole in the accounts it made, so that name would collide.
  if (lz.roles.execution === 'OrganizationAccountAccessRole') {
    report(
      { source: lzSource, path: ['roles', 'execution'] },
      "is OrganizationAccountAccessRole, which AWS Organizations already creates and whose trust cannot carry the pipeline's source identity; use a landing-zone role name such as lz-execution (see docs/decisions/0004-execution-role-stack-set.md)",
    );
  }
  if (lz.roles.breakGlass === lz.roles.execution) {
    report(
      { source: lzSource, path: ['roles', 'breakGlass'] },
      'must differ from roles.execution: the break-glass role is a separate, alarmed identity',
    );
  }
  const breakGlassAccount = lz.roles.breakGlassPrincipal?.split(':')[4];
  if (breakGlassAccount !== undefined && breakGlassAccount !== lz.managementAccount.accountId) {
    report(
      { source: lzSource, path: ['roles', 'breakGlassPrincipal'] },
      `is in account ${breakGlassAccount}, not the management account ${lz.managementAccount.accountId}: only a management-account principal may assume the break-glass role`,
    );
  }

  // Logging
  const objectLock = lz.logging.objectLock;
  if (objectLock.mode === 'COMPLIANCE' && objectLock.acknowledgeComplianceModeCannotBeUndone !== true) {
    report(
      { source: lzSource, path: ['logging', 'objectLock', 'mode'] },
      'is COMPLIANCE, which nobody (not even the root user) can shorten or remove before retention ends; set acknowledgeComplianceModeCannotBeUndone: true to confirm, or use GOVERNANCE',
    );
  }

  // Macie discovery job: its classifications must be ones accounts and buckets can carry.
  (lz.securityPosture.sensitiveDataDiscovery?.classifications ?? []).forEach((classification, index) => {
    if (!lz.dataClassifications.includes(classification)) {
      report(
        { source: lzSource, path: ['securityPosture', 'sensitiveDataDiscovery', 'classifications', index] },
        `is "${classification}", which is not one of dataClassifications (${lz.dataClassifications.join(', ')})`,
      );
    }
  });

  validateBackup(config, report);
  validateNetwork(config, report);
  validateAccess(config, report);
  for (const problem of serviceAllowListProblems(lz)) report({ source: lzSource, path: problem.path }, problem.message);
  return problems;
}
