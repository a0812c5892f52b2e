// Creating a backup-eligible data store without the tier tag, through the real OU chain (the same
// engine as `lz simulate`): every create action of lib/backup-tier-tag.ts is refused to a workload
// administrator when the request carries no `lz:backup` tag key, only other keys, or the key spelt
// with other capitals; the same requests with `lz:backup` = standard or none go through, as do the
// execution, break-glass and `lz-backup` (restore) roles. Expectations come from ADR 0907, not from
// the policy text.
import { BACKUP_SERVICE_ROLE, BACKUP_TAG_KEY } from '../../lib/backup';
import { TIER_TAG_ON_CREATE_ACTIONS } from '../../lib/backup-tier-tag';
import type { SimulationRequest } from '../../tools/simulation/simulate';
import { accountIdOf, adminSession, decisionMismatches, exampleConfig, roleIn } from '../helpers/example-guardrail-model';

const config = exampleConfig;
const id = accountIdOf;

const WORKLOAD = 'clinical-portal-prod';
const REGION = 'eu-west-2';
const session = adminSession;
const role = roleIn;

/** One request per create action (RunInstances twice: its instance and its volume are authorised separately). */
function creations(account: string): { label: string; action: string; resource: string }[] {
  const a = id(account);
  return [
    { label: 'EBS volume', action: 'ec2:CreateVolume', resource: `arn:aws:ec2:${REGION}:${a}:volume/vol-0123456789abcdef0` },
    { label: 'EC2 instance', action: 'ec2:RunInstances', resource: `arn:aws:ec2:${REGION}:${a}:instance/i-0123456789abcdef0` },
    {
      label: 'volume launched with an instance',
      action: 'ec2:RunInstances',
      resource: `arn:aws:ec2:${REGION}:${a}:volume/vol-0fedcba9876543210`,
    },
    { label: 'RDS instance', action: 'rds:CreateDBInstance', resource: `arn:aws:rds:${REGION}:${a}:db:patient-records` },
    { label: 'Aurora cluster', action: 'rds:CreateDBCluster', resource: `arn:aws:rds:${REGION}:${a}:cluster:patient-records` },
    { label: 'DynamoDB table', action: 'dynamodb:CreateTable', resource: `arn:aws:dynamodb:${REGION}:${a}:table/referrals` },
    { label: 'FSx file system', action: 'fsx:CreateFileSystem', resource: `arn:aws:fsx:${REGION}:${a}:file-system/fs-0123456789abcdef0` },
    { label: 'EFS file system', action: 'elasticfilesystem:CreateFileSystem', resource: '*' },
  ];
}

const tagged = (value: string) => ({
  'aws:TagKeys': [BACKUP_TAG_KEY, 'owner'],
  [`aws:RequestTag/${BACKUP_TAG_KEY}`]: value,
  'aws:RequestTag/owner': 'records-team',
});

interface Case {
  readonly name: string;
  readonly request: SimulationRequest;
  readonly expect: 'Allowed' | 'Denied';
}

/**
 * FSx is outside the Workloads OU's default service allow-list, which refuses it whatever the tags;
 * tagged FSx creations are therefore checked in the security account only.
 */
const allowListRefuses = (account: string, action: string) => account !== config.coreAccounts.security.name && action.startsWith('fsx:');

const cases: Case[] = [];
const scoped = new Set([
  'ec2:CreateVolume',
  'ec2:RunInstances',
  'rds:CreateDBInstance',
  'rds:CreateDBCluster',
  'dynamodb:CreateTable',
  'fsx:CreateFileSystem',
]);
for (const account of [WORKLOAD, 'analytics-dev', config.coreAccounts.security.name]) {
  for (const principal of [undefined, session(account)]) {
    for (const { label, action, resource } of creations(account)) {
      const base = { account, principal, action, resource, region: REGION };
      cases.push(
        { name: `${label} with no tags`, request: base, expect: 'Denied' },
        {
          name: `${label} with other tags only`,
          request: { ...base, context: { 'aws:TagKeys': ['owner'], 'aws:RequestTag/owner': 'records-team' } },
          expect: 'Denied',
        },
        {
          // Condition key names are case-insensitive, so a Null check would take this; the SCP must not.
          name: `${label} with the tag key mis-cased`,
          request: { ...base, context: { 'aws:TagKeys': ['LZ:Backup'], 'aws:RequestTag/LZ:Backup': 'critical' } },
          expect: 'Denied',
        },
      );
      if (allowListRefuses(account, action)) continue;
      cases.push(
        { name: `${label} tagged standard`, request: { ...base, context: tagged('standard') }, expect: 'Allowed' },
        { name: `${label} tagged none (explicit opt-out)`, request: { ...base, context: tagged('none') }, expect: 'Allowed' },
      );
    }
  }
}
for (const { label, action, resource } of creations(WORKLOAD)) {
  for (const exempt of [config.roles.execution, config.roles.breakGlass, BACKUP_SERVICE_ROLE]) {
    // The allow-list exempts the execution and break-glass roles, not lz-backup.
    if (exempt === BACKUP_SERVICE_ROLE && allowListRefuses(WORKLOAD, action)) continue;
    cases.push({
      name: `${label} untagged by ${exempt}`,
      request: { account: WORKLOAD, principal: role(WORKLOAD, exempt), action, resource, region: REGION },
      expect: 'Allowed',
    });
  }
}
const workload = id(WORKLOAD);
cases.push(
  // RunInstances is authorised on its AMI, subnet and security group too; those carry no request
  // tags, and the deny must not reach them (else every launch would fail).
  ...[
    `arn:aws:ec2:${REGION}::image/ami-0123456789abcdef0`,
    `arn:aws:ec2:${REGION}:${workload}:subnet/subnet-0123456789abcdef0`,
    `arn:aws:ec2:${REGION}:${workload}:security-group/sg-0123456789abcdef0`,
  ].map((resource): Case => ({
    name: `RunInstances on ${resource.split(':').pop()} with tags on the instance and volume only`,
    request: { account: WORKLOAD, action: 'ec2:RunInstances', resource, region: REGION },
    expect: 'Allowed',
  })),
  // Deliberately outside the create-time deny (ADR 0907); the Config rule reports these.
  {
    name: 'S3 bucket without the tag (left to the Config rule)',
    request: { account: WORKLOAD, action: 's3:CreateBucket', resource: 'arn:aws:s3:::records-team-exports', region: REGION },
    expect: 'Allowed',
  },
  {
    name: 'RDS restore from a snapshot without the tag (left to the Config rule)',
    request: {
      account: WORKLOAD,
      action: 'rds:RestoreDBInstanceFromDBSnapshot',
      resource: `arn:aws:rds:${REGION}:${workload}:db:patient-records-restored`,
      region: REGION,
    },
    expect: 'Allowed',
  },
);

describe('backup tier tag required on create (simulation)', () => {
  it('covers every create action the data lists', () => {
    expect(new Set(creations(WORKLOAD).map((entry) => entry.action))).toEqual(
      new Set(TIER_TAG_ON_CREATE_ACTIONS.map((entry) => entry.action)),
    );
  });

  it('refuses every untagged or mis-tagged creation by the tier-tag statements and allows tagged ones and the exempt roles', async () => {
    const expected = cases.map((entry) => ({
      ...entry,
      deniedBy: {
        policy: 'backup-protection',
        statement: scoped.has(entry.request.action) ? 'DenyUntieredDataStoreCreation' : 'DenyUntieredFileSystemCreation',
      },
    }));
    const mismatches = await decisionMismatches(expected);
    expect(mismatches).toEqual([]);
    const denied = cases.filter((entry) => entry.expect === 'Denied').length;
    expect(denied).toBeGreaterThanOrEqual(12);
    expect(cases.length - denied).toBeGreaterThanOrEqual(12);
  });
});
