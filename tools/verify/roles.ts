// The checks of the landing zone's own roles: the execution role and the break-glass role (with MFA
// in its trust) in every member account, and the StackSet instances that deploy the execution role.
import { ListStackInstancesCommand, type StackInstanceSummary } from '@aws-sdk/client-cloudformation';
import { GetRoleCommand } from '@aws-sdk/client-iam';
import type { EstateTargets } from './estate';
import type { InAccount } from './types';

export function verifyLandingZoneRoles(estate: EstateTargets, inAccount: InAccount): void {
  for (const account of estate.accounts.filter((candidate) => !candidate.isManagement)) {
    inAccount('execution-role-present', account.name, estate.homeRegion, estate.executionRoleName, async (aws) => {
      try {
        const { Role: role } = await aws.iam().send(new GetRoleCommand({ RoleName: estate.executionRoleName }));
        return ['pass', `created ${role?.CreateDate?.toISOString() ?? 'at an unknown time'}`];
      } catch (error) {
        if ((error as Error).name === 'NoSuchEntityException') return ['fail', `role ${estate.executionRoleName} does not exist`];
        throw error;
      }
    });
  }

  for (const account of estate.accounts.filter((candidate) => !candidate.isManagement)) {
    inAccount('break-glass-role-present', account.name, estate.homeRegion, estate.breakGlassRoleName, async (aws) => {
      try {
        const { Role: role } = await aws.iam().send(new GetRoleCommand({ RoleName: estate.breakGlassRoleName }));
        // IAM returns the trust policy URL-encoded.
        const trust = decodeURIComponent(role?.AssumeRolePolicyDocument ?? '');
        if (!/"aws:MultiFactorAuthPresent"\s*:\s*"?true"?/.test(trust))
          return ['fail', 'the trust policy does not require MFA (aws:MultiFactorAuthPresent)'];
        return ['pass', 'exists, trust requires MFA'];
      } catch (error) {
        if ((error as Error).name === 'NoSuchEntityException') return ['fail', `role ${estate.breakGlassRoleName} does not exist`];
        throw error;
      }
    });
  }
}

/** Every StackSet instance CURRENT, and one in every member account (by the IDs Organizations returned). */
export function verifyStackSetInstances(estate: EstateTargets, ids: ReadonlyMap<string, string>, inAccount: InAccount): void {
  const management = estate.accounts.find((account) => account.isManagement)!;
  for (const stackSet of estate.stackSets) {
    inAccount('stackset-instances-current', stackSet.account, stackSet.region, stackSet.name, async (aws) => {
      const instances: StackInstanceSummary[] = [];
      let token: string | undefined;
      do {
        const page = await aws.cloudFormation().send(new ListStackInstancesCommand({ StackSetName: stackSet.name, NextToken: token }));
        instances.push(...(page.Summaries ?? []));
        token = page.NextToken;
      } while (token);
      const stale = instances.filter((instance) => instance.Status !== 'CURRENT');
      // Service-managed StackSets never deploy to the management account.
      const members = estate.accounts.filter((account) => account !== management);
      const uncovered = members.filter((account) => !instances.some((instance) => instance.Account === ids.get(account.name)));
      const problems = [
        ...stale.map(
          (instance) =>
            `${instance.Account} ${instance.Region} ${instance.Status}${instance.StatusReason ? ` (${instance.StatusReason})` : ''}`,
        ),
        ...uncovered.map((account) => `${account.name}: no instance`),
      ];
      if (problems.length) return ['fail', problems.join('; ')];
      return ['pass', `${instances.length} instance(s) CURRENT`];
    });
  }
}
