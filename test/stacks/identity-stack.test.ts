// The identity stack: in the security account through the execution role, one permission set per
// catalogue entry with exactly its policies and session; the identity-assignments shard stacks: one
// assignment per expanded row, in the shard its account name hashes to, reading the permission set's
// ARN from the identity stack and deployed after it (so after its policies are attached, ADR 0510); the workload boundary exists in every workload
// account under the name the workload permission sets reference; the organization stack delegates
// Identity Center to the security account; the management stack alarms on access changes.
import { assignmentShardOf, expandAssignments } from '../../lib/access/assignments';
import { workloadBoundary } from '../../lib/access/boundary';
import { loadConfig } from '../../lib/config/load';
import { WORKLOAD_BOUNDARY_POLICY_NAME, identityAssignmentsStackName } from '../../lib/naming';
import { assignmentId } from '../../stacks/identity-assignments-stack';
import { EXAMPLE_CONFIG_DIR, resourcesOfType, synthConfig } from '../helpers/synth';

const loaded = loadConfig(EXAMPLE_CONFIG_DIR);
const config = loaded.landingZone;
const access = config.access!;
const synth = synthConfig();
const identity = synth.stacks.get('identity')!;

describe('identity stack', () => {
  it('runs in the security account through the execution role, after the security and workload stacks', () => {
    const provider = identity.provider.aws[0];
    expect(provider.region).toBe(config.homeRegion);
    expect(provider.allowed_account_ids).toEqual([synth.stacks.get('security')!.provider.aws[0].allowed_account_ids[0]]);
    expect(provider.assume_role[0].role_arn).toContain(`:role/${config.roles.execution}`);
    expect(synth.manifest.stacks.identity.dependencies).toEqual(expect.arrayContaining(['security']));
    // The catalogue follows no workload stack: a vend never plans it (ADR 0510).
    expect(synth.manifest.stacks.identity.dependencies.filter((name: string) => name.startsWith('workload-'))).toEqual([]);
    expect(resourcesOfType(identity, 'aws_ssoadmin_account_assignment')).toEqual({});
  });

  it('creates each permission set of the catalogue with its session, managed policies, inline policy and boundary', () => {
    const sets = Object.entries(resourcesOfType(identity, 'aws_ssoadmin_permission_set'));
    expect(sets.map(([, set]) => set.name).sort()).toEqual(access.permissionSets.map((set) => set.name).sort());
    const attachedTo = (type: string, address: string) =>
      Object.values(resourcesOfType(identity, type)).filter(
        (resource) => resource.permission_set_arn === `\${aws_ssoadmin_permission_set.${address}.arn}`,
      );
    for (const [address, set] of sets) {
      const expected = access.permissionSets.find((candidate) => candidate.name === set.name)!;
      expect(set.instance_arn).toBe(access.identityCenter.instanceArn);
      expect(set.session_duration).toBe(`PT${expected.sessionHours}H`);
      expect(
        attachedTo('aws_ssoadmin_managed_policy_attachment', address)
          .map((attachment) => attachment.managed_policy_arn)
          .sort(),
      ).toEqual([...expected.managedPolicies].sort());
      expect(attachedTo('aws_ssoadmin_permission_set_inline_policy', address).map((policy) => JSON.parse(policy.inline_policy))).toEqual(
        expected.inlinePolicy ? [expected.inlinePolicy] : [],
      );
      expect(
        attachedTo('aws_ssoadmin_permissions_boundary_attachment', address).map(
          (boundary) => boundary.permissions_boundary.customer_managed_policy_reference,
        ),
      ).toEqual(expected.workloadBoundary ? [{ name: WORKLOAD_BOUNDARY_POLICY_NAME, path: '/' }] : []);
    }
  });

  it('assigns exactly the expanded rows, to groups by ID, each in the shard its account hashes to, after identity and its workload stack', () => {
    const expected = expandAssignments(
      config,
      loaded.accounts.map((account) => account.config),
    );
    expect(expected.length).toBe(23);
    const shardNames = [...synth.stacks.keys()].filter((name) => name.startsWith('identity-assignments-'));
    // Every shard exists, empty or not, so that removing an account's last assignment still destroys it.
    expect(shardNames).toEqual(Array.from({ length: access.assignmentShards }, (_, shard) => identityAssignmentsStackName(shard)));
    const identityOutputs: Record<string, { value: string }> = identity.output;
    const groupIds = new Set(access.groups.map((group) => group.id));
    let count = 0;
    for (const shardName of shardNames) {
      const shard = synth.stacks.get(shardName)!;
      const assignments = Object.entries(resourcesOfType(shard, 'aws_ssoadmin_account_assignment'));
      count += assignments.length;
      const provider = shard.provider.aws[0];
      expect(provider.allowed_account_ids).toEqual(identity.provider.aws[0].allowed_account_ids);
      expect(synth.manifest.stacks[shardName].dependencies).toContain('identity');
      for (const [address, assignment] of assignments) {
        const row = expected.find((candidate) => address === assignmentId(candidate.group, candidate.permissionSet, candidate.account))!;
        expect(row).toBeDefined();
        expect(identityAssignmentsStackName(assignmentShardOf(row.account, access.assignmentShards))).toBe(shardName);
        expect(assignment.principal_type).toBe('GROUP');
        expect(assignment.principal_id).toBe(row.groupId);
        expect(groupIds.has(assignment.principal_id)).toBe(true);
        expect(assignment.target_type).toBe('AWS_ACCOUNT');
        // Never the management account: the delegated administrator cannot manage access there.
        expect(assignment.target_id).not.toBe(config.managementAccount.accountId);
        // The permission set's ARN, read from the identity stack's output for that very set.
        const output = /cross-stack-reference-input-identity\.outputs\.([^}]+)\}$/.exec(assignment.permission_set_arn)![1];
        const setAddress = /aws_ssoadmin_permission_set\.([^.]+)\.arn/.exec(identityOutputs[output].value)![1];
        expect(identity.resource.aws_ssoadmin_permission_set[setAddress].name).toBe(row.permissionSet);
        if (row.account.startsWith('analytics') || row.account.startsWith('clinical'))
          expect(synth.manifest.stacks[shardName].dependencies).toContain(`workload-${row.account}`);
      }
    }
    expect(count).toBe(expected.length);
    // Both example workload accounts and every core account get assignments.
    const all = shardNames.flatMap((name) => Object.values(resourcesOfType(synth.stacks.get(name)!, 'aws_ssoadmin_account_assignment')));
    const adoptedId = loaded.accounts.find((account) => account.config.name === 'analytics-dev')!.config.accountId!;
    expect(all.filter((assignment) => assignment.target_id === adoptedId)).toHaveLength(7);
    for (const name of ['security', 'log-archive', 'network', 'clinical-portal-prod']) {
      expect(all.some((assignment) => String(assignment.target_id).includes(`account-${name}id`))).toBe(true);
    }
  });

  it('every workload stack holds the workload boundary the permission sets name', () => {
    for (const name of ['workload-analytics-dev', 'workload-clinical-portal-prod']) {
      const policies = Object.values(resourcesOfType(synth.stacks.get(name)!, 'aws_iam_policy')).filter(
        (policy) => policy.name === WORKLOAD_BOUNDARY_POLICY_NAME,
      );
      expect(policies).toHaveLength(1);
      expect(policies[0].path).toBe('/');
      expect(JSON.parse(policies[0].policy)).toEqual(workloadBoundary(config));
    }
  });

  it('the organization stack delegates Identity Center to the security account', () => {
    const delegated = Object.values(resourcesOfType(synth.stacks.get('organization')!, 'aws_organizations_delegated_administrator')).filter(
      (entry) => entry.service_principal === 'sso.amazonaws.com',
    );
    expect(delegated).toHaveLength(1);
    expect(delegated[0].account_id).toContain('account-security');
  });

  it('the management stack alarms on console sign-in without MFA and on Identity Center changes outside the pipeline', () => {
    const filters = Object.values(resourcesOfType(synth.stacks.get('management')!, 'aws_cloudwatch_log_metric_filter'));
    const names = filters.map((filter) => filter.name);
    expect(names).toEqual(
      expect.arrayContaining(['lz-console-sign-in-without-mfa', 'lz-identity-center-change-outside-pipeline', 'lz-break-glass-use']),
    );
    const alarms = Object.values(resourcesOfType(synth.stacks.get('management')!, 'aws_cloudwatch_metric_alarm')).map(
      (alarm) => alarm.alarm_name,
    );
    expect(alarms).toEqual(expect.arrayContaining(['lz-console-sign-in-without-mfa', 'lz-identity-center-change-outside-pipeline']));
  });
});
