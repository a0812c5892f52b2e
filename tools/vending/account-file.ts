// The account file lz vend writes, rendered as text so that its comments, field order and style
// match the hand-written files in config/accounts/.
import { stringify } from 'yaml';
import type { WorkloadAccountConfig } from '../../lib/config/schema';
import { VPC_SIZES, type VpcSize } from './allocation';

/** The account file exactly as lz vend writes it, in the field order and style of config/accounts/. */
export function renderAccountYaml(account: WorkloadAccountConfig, size?: VpcSize): string {
  const scalar = (value: string): string => stringify(value, { lineWidth: 0 }).trimEnd();
  const lines = [
    '# yaml-language-server: $schema=../schema/workload-account.schema.json',
    `name: ${scalar(account.name)}`,
    `email: ${scalar(account.email)}`,
    `ou: ${scalar(account.ou)}`,
    `owner: ${scalar(account.owner)}`,
    `costCentre: ${scalar(account.costCentre)}`,
    `classification: ${scalar(account.classification)}`,
    `hscn: ${account.hscn}`,
  ];
  if (size)
    lines.push(`# ${size} (/${VPC_SIZES[size]}), allocated by lz vend from network.workloadPool; never reuse it for another account.`);
  lines.push(`cidr: ${account.cidr}`);
  if (account.accountId) {
    lines.push(
      '# An existing account, adopted by import instead of created (docs/vending.md, "Adopting an existing account").',
      `accountId: ${JSON.stringify(account.accountId)}`,
    );
  }
  if (account.adoption) {
    const recorders = Object.entries(account.adoption.configRecorders);
    lines.push(
      '# What AWS Config the account already has: imported by the baseline, not created (one recorder per Region is all AWS allows).',
      'adoption:',
      `  configServiceLinkedRole: ${account.adoption.configServiceLinkedRole}`,
      recorders.length === 0 ? '  configRecorders: {}' : '  configRecorders:',
      ...recorders.map(
        ([region, existing]) =>
          `    ${region}: { recorder: ${scalar(existing!.recorder)}${existing!.deliveryChannel ? `, deliveryChannel: ${scalar(existing!.deliveryChannel)}` : ''} }`,
      ),
    );
  }
  lines.push(`status: ${account.status}`);
  if (account.securityServicesEnabledBy) {
    lines.push(
      "# Inspector and Macie: enabled by the organization's auto-enable when the account joins, so its baseline does not enable them again (ADR 0704).",
      `securityServicesEnabledBy: ${account.securityServicesEnabledBy}`,
    );
  }
  if (account.access && account.access.length > 0) {
    lines.push(
      "# The owning team's access through IAM Identity Center (docs/access.md).",
      'access:',
      ...account.access.map(
        (entry) => `  - { group: ${scalar(entry.group)}, permissionSets: [${entry.permissionSets.map(scalar).join(', ')}] }`,
      ),
    );
  }
  lines.push('');
  return lines.join('\n');
}
