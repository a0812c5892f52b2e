// Human access: groups, permission sets and assignments that must refer to each other.
import {
  INLINE_POLICY_MAX_BYTES,
  INLINE_POLICY_MAX_NON_WHITESPACE,
  MANAGED_POLICIES_PER_PERMISSION_SET,
  nonWhitespaceLength,
} from '../../access/limits';
import type { FieldPath, SourceFile } from '../diagnostics';
import type { LoadedConfig } from '../load';
import type { PermissionSetConfig } from '../schema';
import { CORE_ACCOUNT_KEYS, WORKLOADS_OU, flattenOus } from '../model';
import type { Reporter } from './kit';

export function validateAccess(config: LoadedConfig, report: Reporter): void {
  const lz = config.landingZone;
  const access = lz.access;
  const lzSource = config.landingZoneSource;
  const at = (...path: FieldPath): { source: SourceFile; path: FieldPath } => ({ source: lzSource, path: ['access', ...path] });
  const groupNames = new Set(access?.groups.map((group) => group.name) ?? []);
  const permissionSets = new Map((access?.permissionSets ?? []).map((set) => [set.name, set]));
  const describeGroups = () => [...groupNames].join(', ') || 'none';
  const describeSets = () => [...permissionSets.keys()].join(', ') || 'none';

  if (!access) {
    for (const { config: account, source } of config.accounts) {
      if (account.access)
        report(
          { source, path: ['access'] },
          'gives groups access, but landing-zone.yaml has no access section (IAM Identity Center); add it or remove this',
        );
    }
    return;
  }
  const seenGroups = new Map<string, number>();
  const seenIds = new Map<string, number>();
  access.groups.forEach((group, index) => {
    if (seenGroups.has(group.name))
      report(
        at('groups', index, 'name'),
        `"${group.name}" is listed twice (also groups[${seenGroups.get(group.name)}]); list each group once`,
      );
    if (seenIds.has(group.id))
      report(at('groups', index, 'id'), `${group.id} is already the ID of groups[${seenIds.get(group.id)}]; every group has its own ID`);
    seenGroups.set(group.name, index);
    seenIds.set(group.id, index);
  });
  const seenSets = new Map<string, number>();
  access.permissionSets.forEach((set, index) => {
    // Permission-set names become IAM role names, which IAM compares without case.
    const key = set.name.toLowerCase();
    if (seenSets.has(key))
      report(
        at('permissionSets', index, 'name'),
        `"${set.name}" is already the name of permissionSets[${seenSets.get(key)}] (names are compared without case); every permission set needs its own name`,
      );
    seenSets.set(key, index);
    if (set.managedPolicies.length > MANAGED_POLICIES_PER_PERMISSION_SET.value) {
      report(
        at('permissionSets', index, 'managedPolicies'),
        `lists ${set.managedPolicies.length} managed policies; an IAM role takes at most ${MANAGED_POLICIES_PER_PERMISSION_SET.value} without a quota increase in every account, so combine them into the inline policy`,
      );
    }
    if (new Set(set.managedPolicies).size !== set.managedPolicies.length)
      report(at('permissionSets', index, 'managedPolicies'), 'lists a policy twice; list each once');
    if (set.inlinePolicy) {
      const text = JSON.stringify(set.inlinePolicy);
      if (text.length > INLINE_POLICY_MAX_BYTES.value || nonWhitespaceLength(text) > INLINE_POLICY_MAX_NON_WHITESPACE.value) {
        report(
          at('permissionSets', index, 'inlinePolicy'),
          `is ${nonWhitespaceLength(text)} characters without whitespace; IAM Identity Center accepts at most ${INLINE_POLICY_MAX_NON_WHITESPACE.value} (and ${INLINE_POLICY_MAX_BYTES.value} bytes in all), so move statements into managed policies or use wildcards`,
        );
      }
      if (!set.inlinePolicy.Statement.some((statement) => statement.Effect === 'Allow') && set.managedPolicies.length === 0) {
        report(
          at('permissionSets', index, 'inlinePolicy'),
          'only denies and the permission set has no managed policy, so it grants nothing; add an Allow statement or a managed policy',
        );
      }
    } else if (set.managedPolicies.length === 0) {
      report(at('permissionSets', index), 'has neither managedPolicies nor inlinePolicy, so it grants nothing; add one');
    }
  });

  const ouPaths = new Set(flattenOus(lz.organizationalUnits).map((ou) => ou.path));
  const coreNames = new Set(CORE_ACCOUNT_KEYS.map((key) => lz.coreAccounts[key].name));
  const workloadNames = new Set(config.accounts.map((account) => account.config.name));
  const checkSet = (name: string, where: { source: SourceFile; path: FieldPath }): PermissionSetConfig | undefined => {
    const set = permissionSets.get(name);
    if (!set)
      report(
        where,
        `names permission set "${name}", which is not in access.permissionSets of landing-zone.yaml (known: ${describeSets()})`,
      );
    return set;
  };
  const checkGroup = (name: string, where: { source: SourceFile; path: FieldPath }): void => {
    if (!groupNames.has(name))
      report(
        where,
        `names group "${name}", which is not in access.groups of landing-zone.yaml (known: ${describeGroups()}); add the group with its identity-store ID first`,
      );
  };
  const boundaryOnCore = (set: PermissionSetConfig | undefined): boolean => set?.workloadBoundary === true;

  access.assignments.forEach((assignment, index) => {
    checkGroup(assignment.group, at('assignments', index, 'group'));
    const set = checkSet(assignment.permissionSet, at('assignments', index, 'permissionSet'));
    if (assignment.accounts.length === 0 && assignment.ous.length === 0)
      report(at('assignments', index), 'has neither accounts nor ous, so it assigns nothing; add one');
    assignment.accounts.forEach((name, accountIndex) => {
      const where = at('assignments', index, 'accounts', accountIndex);
      if (name === 'management') {
        report(
          where,
          'is the management account: the identity stack runs in the delegated administrator, which cannot manage access to the management account (docs/access.md, "The management account")',
        );
      } else if (!coreNames.has(name) && !workloadNames.has(name)) {
        report(
          where,
          `is not an account of this configuration (core: ${[...coreNames].join(', ')}; workload accounts are files in accounts/)`,
        );
      } else if (coreNames.has(name) && boundaryOnCore(set)) {
        report(
          where,
          `is a core account, but ${assignment.permissionSet} is capped by the workload boundary, which exists in workload accounts only; assign a permission set without workloadBoundary here`,
        );
      }
    });
    assignment.ous.forEach((ou, ouIndex) => {
      const where = at('assignments', index, 'ous', ouIndex);
      if (!ouPaths.has(ou)) {
        report(where, `refers to OU "${ou}", which is not in organizationalUnits (known: ${[...ouPaths].join(', ')})`);
      } else if (boundaryOnCore(set) && ou !== WORKLOADS_OU && !ou.startsWith(`${WORKLOADS_OU}/`)) {
        report(
          where,
          `is outside ${WORKLOADS_OU}/, but ${assignment.permissionSet} is capped by the workload boundary, which exists in workload accounts only`,
        );
      }
    });
  });
  access.owningTeamPermissionSets.forEach((name, index) => checkSet(name, at('owningTeamPermissionSets', index)));
  for (const { config: account, source } of config.accounts) {
    (account.access ?? []).forEach((entry, index) => {
      checkGroup(entry.group, { source, path: ['access', index, 'group'] });
      entry.permissionSets.forEach((name, setIndex) => checkSet(name, { source, path: ['access', index, 'permissionSets', setIndex] }));
    });
  }
}

/** Vault Lock: the same acknowledgement rule as Object Lock COMPLIANCE, and bounds every central copy fits. */
