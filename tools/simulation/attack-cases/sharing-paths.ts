// Path 4: snapshots, images, backups and shares leave the organization.
import { TIER_TAGGED_REQUEST_CONTEXT, tierTagContextFor } from '../../../lib/backup-tier-tag';
import type { AttackCase } from './types';
import { deny, OUT } from './kit';

export const SHARING_ATTACKS: readonly AttackCase[] = [
  // --- Path 4: snapshots, images, backups and shares leave the organization ----------------------
  ...[
    ['an outsider account', OUT],
    ['another account by ID', ['210987654321', OUT]],
  ].flatMap(([whom, userId]) =>
    ['eu-west-2', 'eu-west-1'].map((region) =>
      deny(
        'inside-organization',
        '4',
        'workload-data-sharing',
        'DenySnapshotSharing',
      )(`share an EBS snapshot with ${whom as string} in ${region}`, {
        action: 'ec2:ModifySnapshotAttribute',
        region,
        context: { 'ec2:Add/userId': userId },
      }),
    ),
  ),
  ...['eu-west-2', 'eu-west-1'].map((region) =>
    deny(
      'inside-organization',
      '4',
      'workload-data-sharing',
      'DenyPublicSnapshotSharing',
    )(`make an EBS snapshot public in ${region}`, { action: 'ec2:ModifySnapshotAttribute', region, context: { 'ec2:Add/group': 'all' } }),
  ),
  ...['eu-west-2', 'eu-west-1'].map((region) =>
    deny(
      'inside-organization',
      '4',
      'workload-data-sharing',
      'DenySharingWithoutOrgCondition',
    )(`share an AMI (launch permission) in ${region}`, { action: 'ec2:ModifyImageAttribute', region }),
  ),
  ...[
    ['rds:ModifyDBSnapshotAttribute', 'share an RDS snapshot (public or cross-account)'],
    ['rds:ModifyDBClusterSnapshotAttribute', 'share an Aurora cluster snapshot'],
    ['redshift:AuthorizeSnapshotAccess', 'share a Redshift snapshot'],
    ['redshift:AuthorizeDataShare', 'authorize a Redshift data share to another account'],
    ['backup:PutBackupVaultAccessPolicy', 'open a Backup vault to outsiders'],
    ['lambda:AddLayerVersionPermission', 'publish a Lambda layer to everyone'],
    ['sns:AddPermission', 'let an outsider publish or subscribe to a topic'],
    ['glue:PutResourcePolicy', 'open the Glue Data Catalog to another account'],
  ].map(([action, attempt]) =>
    deny('inside-organization', '4', 'workload-data-sharing', 'DenySharingWithoutOrgCondition')(attempt, { action }),
  ),
  ...['ram:CreateResourceShare', 'ram:UpdateResourceShare'].map((action) =>
    deny(
      'inside-organization',
      '4',
      'workload-data-sharing',
      'DenyResourceSharesOutsideOrg',
    )(`RAM share that allows external principals (${action})`, {
      action,
      context: { 'ram:RequestedAllowsExternalPrincipals': 'true' },
    }),
  ),
  ...['rds:CreateDBCluster', 'rds:RestoreDBClusterFromS3', 'rds:CreateBlueGreenDeployment'].flatMap((action) =>
    ['eu-west-2', 'eu-west-1'].map((region) =>
      deny(
        'encrypted-at-rest',
        '4',
        'workload-data-sharing',
        'DenyUnencryptedDatabases',
      )(`${action} unencrypted in ${region}`, {
        action,
        region,
        context: { ...tierTagContextFor(action), 'rds:StorageEncrypted': 'false' },
      }),
    ),
  ),
  ...[
    'rds:CreateDBInstance',
    'rds:CreateDBInstanceReadReplica',
    'rds:RestoreDBInstanceFromDBSnapshot',
    'rds:RestoreDBInstanceFromS3',
    'rds:RestoreDBInstanceToPointInTime',
  ].map((action) =>
    deny(
      'internet-only-via-gateway',
      '4',
      'workload-network',
      'DenyPublicDatabases',
    )(`${action} publicly accessible`, { action, context: { ...tierTagContextFor(action), 'rds:PubliclyAccessible': 'true' } }),
  ),
  deny(
    'encrypted-at-rest',
    '4',
    'workload-data-sharing',
    'DenyUnencryptedFileSystems',
  )('an unencrypted EFS file system', {
    action: 'elasticfilesystem:CreateFileSystem',
    context: { ...TIER_TAGGED_REQUEST_CONTEXT, 'elasticfilesystem:Encrypted': 'false' },
  }),
];
