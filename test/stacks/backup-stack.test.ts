// Backup and recovery as synthesized: the backup account and its organization settings, the central
// Vault-Locked vaults that accept copies only from this organization, the local vault and role in
// every account, restore testing, and a vend that leaves the backup stack untouched.
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  BACKUP_REPORTS_KEY_PREFIX,
  BACKUP_SERVICE_ROLE,
  backupAccessLogBucketName,
  backupReportsBucketName,
  backupReportsCopyBucketName,
  BACKUP_REPORTS_REPLICATION_ROLE,
  backupReportsRoleArn,
  centralVaultKeyAliasName,
  centralVaultName,
  localVaultKeyAliasName,
  localVaultName,
} from '../../lib/backup';
import { ConfigError } from '../../lib/config/diagnostics';
import { loadConfig } from '../../lib/config/load';
import { BACKUP_ACCOUNT_PLACEHOLDER } from '../../policies/backup-policies';
import { RESTORE_TESTED_RESOURCE_TYPES } from '../../stacks/backup-stack';
import { BACKUP_ROLE_MANAGED_POLICIES } from '../../modules/backup-vault';
import { resourceTarget } from '../helpers/accounts';
import { copyExampleConfig, editConfigFile } from '../helpers/config-fixtures';
import { EXAMPLE_CONFIG_DIR, EXAMPLE_LOG_ARCHIVE_ACCOUNT_ID, resourcesOfType, synthConfig, type TerraformJson } from '../helpers/synth';

const config = loadConfig(EXAMPLE_CONFIG_DIR).landingZone;
const BACKUP_ACCOUNT_REF =
  '${data.terraform_remote_state.cross-stack-reference-input-organization.outputs.cross-stack-output-aws_organizations_accountaccount-backupid}';

function problemsOf(dir: string): { field: string; message: string }[] {
  try {
    loadConfig(dir);
  } catch (error) {
    if (error instanceof ConfigError) return [...error.problems];
    throw error;
  }
  return [];
}

describe('backup and recovery (synthesized)', () => {
  const { stacks } = synthConfig();
  const organization = stacks.get('organization') as TerraformJson;
  const backup = stacks.get('backup') as TerraformJson;

  it("creates the backup account in the Security OU, Backup's delegated administrator, with cross-account backup on", () => {
    const account = resourcesOfType(organization, 'aws_organizations_account')['account-backup'];
    expect(account.name).toBe('backup');
    expect(account.parent_id).toBe('${aws_organizations_organizational_unit.ou-security.id}');
    expect(account.lifecycle.prevent_destroy).toBe(true);
    const admins = Object.values(resourcesOfType(organization, 'aws_organizations_delegated_administrator')).filter(
      (admin) => admin.service_principal === 'backup.amazonaws.com',
    );
    expect(admins.map((admin) => admin.account_id)).toEqual(['${aws_organizations_account.account-backup.id}']);
    const [settings] = Object.values(resourcesOfType(organization, 'aws_backup_global_settings'));
    expect(settings.global_settings.isCrossAccountBackupEnabled).toBe('true');
    const [org] = Object.values(resourcesOfType(organization, 'aws_organizations_organization'));
    expect(org.aws_service_access_principals).toContain('backup.amazonaws.com');
  });

  it('attaches one backup policy per tier and the tag policy to the root, copies naming the backup account, attachments protected', () => {
    const policies = Object.values(resourcesOfType(organization, 'aws_organizations_policy'));
    const backupPolicies = policies.filter((policy) => policy.type === 'BACKUP_POLICY');
    expect(backupPolicies.map((policy) => policy.name).sort()).toEqual(['exvalley-lz-backup-critical', 'exvalley-lz-backup-standard']);
    for (const policy of backupPolicies) {
      expect(policy.content).not.toContain(BACKUP_ACCOUNT_PLACEHOLDER);
      expect(policy.content).toContain(
        `arn:aws:backup:eu-west-1:\${aws_organizations_account.account-backup.id}:backup-vault:${centralVaultName(config)}`,
      );
      expect(policy.content).toContain('arn:aws:iam::$account:role/lz-backup');
    }
    expect(policies.filter((policy) => policy.type === 'TAG_POLICY').map((policy) => policy.name)).toEqual(['exvalley-lz-backup-tag']);
    const attachments = Object.entries(resourcesOfType(organization, 'aws_organizations_policy_attachment')).filter(([name]) =>
      name.startsWith('backup-policies'),
    );
    expect(attachments).toHaveLength(3);
    for (const [, attachment] of attachments) {
      expect(attachment.target_id).toBe('${aws_organizations_organization.organization.roots[0].id}');
      expect(attachment.lifecycle.prevent_destroy).toBe(true);
    }
  });

  it('keeps a central vault per allowed Region in the backup account, under its own key, locked in COMPLIANCE mode with the configured bounds', () => {
    const vaults = Object.values(resourcesOfType(backup, 'aws_backup_vault')).filter((vault) => vault.name === centralVaultName(config));
    expect(vaults.map((vault) => resourceTarget(backup, vault).region).sort()).toEqual([...config.allowedRegions].sort());
    for (const vault of vaults) {
      expect(vault.lifecycle.prevent_destroy).toBe(true);
      expect(vault.force_destroy).toBe(false);
      expect(vault.kms_key_arn).toMatch(/^\$\{aws_kms_key\.central-key-euw[12]_key_/);
    }
    const aliases = Object.values(resourcesOfType(backup, 'aws_kms_alias')).map((alias) => alias.name);
    expect(aliases.filter((name) => name === centralVaultKeyAliasName(config))).toHaveLength(2);
    const locks = Object.values(resourcesOfType(backup, 'aws_backup_vault_lock_configuration'));
    expect(locks).toHaveLength(2);
    for (const lock of locks) {
      // changeable_for_days is what makes it COMPLIANCE mode; without it the lock is GOVERNANCE.
      expect(lock).toMatchObject({
        min_retention_days: 7,
        max_retention_days: 3653,
        changeable_for_days: 3,
        lifecycle: { prevent_destroy: true },
      });
    }
  });

  it('accepts copies into a central vault only from principals of this organization', () => {
    const policies = Object.values(resourcesOfType(backup, 'aws_backup_vault_policy')).filter((policy) =>
      String(policy.backup_vault_name).includes('central-vault'),
    );
    expect(policies).toHaveLength(2);
    for (const policy of policies) {
      const document = JSON.parse(policy.policy);
      expect(document.Statement).toEqual([
        expect.objectContaining({
          Effect: 'Allow',
          Principal: { AWS: '*' },
          Action: 'backup:CopyIntoBackupVault',
          Condition: {
            StringEquals: {
              'aws:PrincipalOrgID':
                '${data.terraform_remote_state.cross-stack-reference-input-organization.outputs.cross-stack-output-aws_organizations_organizationorganizationid}',
            },
          },
        }),
      ]);
      expect(policy.lifecycle.prevent_destroy).toBe(true);
    }
  });

  it('gives every member account (and the management account) a local vault per Region under a customer-managed key, and the backup role', () => {
    const memberStacks = [
      'log-archive',
      'network',
      'security',
      'backup',
      'management',
      'workload-clinical-portal-prod',
      'workload-analytics-dev',
    ];
    for (const name of memberStacks) {
      const stack = stacks.get(name) as TerraformJson;
      const local = Object.values(resourcesOfType(stack, 'aws_backup_vault')).filter((vault) => vault.name === localVaultName(config));
      expect(local.map((vault) => resourceTarget(stack, vault).region).sort()).toEqual([...config.allowedRegions].sort());
      for (const vault of local) expect(vault.kms_key_arn).toMatch(/^\$\{aws_kms_key\.baseline_backup_key-euw[12]_key_/);
      expect(
        Object.values(resourcesOfType(stack, 'aws_kms_alias')).filter((alias) => alias.name === localVaultKeyAliasName(config)),
      ).toHaveLength(2);
      const role = Object.values(resourcesOfType(stack, 'aws_iam_role')).find((candidate) => candidate.name === BACKUP_SERVICE_ROLE);
      expect(JSON.parse(role!.assume_role_policy).Statement[0].Principal).toEqual({ Service: 'backup.amazonaws.com' });
      const attached = Object.values(resourcesOfType(stack, 'aws_iam_role_policy_attachment')).map((attachment) => attachment.policy_arn);
      expect(attached).toEqual(expect.arrayContaining([...BACKUP_ROLE_MANAGED_POLICIES]));
    }
    // The workload key lets the backup account use it only through AWS Backup (cross-account copy).
    const workload = stacks.get('workload-clinical-portal-prod') as TerraformJson;
    const key = Object.values(resourcesOfType(workload, 'aws_kms_key')).find((candidate) =>
      String(candidate.description).includes('local AWS Backup vault in eu-west-2'),
    );
    const grant = JSON.parse(key!.policy).Statement.find(
      (statement: { Sid: string }) => statement.Sid === 'BackupAccountCopiesThroughAwsBackup',
    );
    expect(grant.Principal).toEqual({ AWS: `arn:aws:iam::${BACKUP_ACCOUNT_REF}:root` });
    expect(grant.Condition).toEqual({ StringEquals: { 'kms:ViaService': 'backup.eu-west-2.amazonaws.com' } });
  });

  it('restore-tests the critical tier weekly from the home central vault, one selection per tested type', () => {
    const [plan] = Object.values(resourcesOfType(backup, 'aws_backup_restore_testing_plan'));
    expect(plan.schedule_expression).toBe('cron(0 5 ? * SAT *)');
    expect(plan.recovery_point_selection[0]).toMatchObject({ algorithm: 'LATEST_WITHIN_WINDOW', recovery_point_types: ['SNAPSHOT'] });
    expect(plan.recovery_point_selection[0].include_vaults[0]).toContain(`:backup-vault:${centralVaultName(config)}`);
    const selections = Object.values(resourcesOfType(backup, 'aws_backup_restore_testing_selection'));
    expect(selections.map((selection) => selection.protected_resource_type).sort()).toEqual([...RESTORE_TESTED_RESOURCE_TYPES].sort());
    for (const selection of selections) {
      expect(selection.protected_resource_conditions[0].string_equals).toEqual([{ key: 'aws:ResourceTag/lz:backup', value: 'critical' }]);
      // Exactly one of protected_resource_arns and protected_resource_conditions (provider validation).
      expect(selection.protected_resource_arns).toBeUndefined();
    }
  });

  it("restore-tests EC2, RDS and Aurora without overrides, into this account's neutralised default VPC, kept one hour", () => {
    const selections = Object.values(resourcesOfType(backup, 'aws_backup_restore_testing_selection'));
    const byType = new Map(selections.map((selection) => [selection.protected_resource_type, selection]));
    for (const type of ['EC2', 'RDS', 'Aurora']) {
      expect([type, byType.get(type)?.validation_window_hours]).toEqual([type, 1]);
      // AWS infers the default VPC for these types ("Restore testing inferred metadata"); no override.
      expect(byType.get(type)!.restore_metadata_overrides).toBeUndefined();
    }
    for (const type of ['EBS', 'DynamoDB', 'EFS', 'S3']) expect([type, byType.get(type)?.validation_window_hours]).toEqual([type, 24]);
    // The default VPC the restored copies land in is kept and has no route out, in every allowed Region.
    const routeTables = Object.values(resourcesOfType(backup, 'aws_default_route_table'));
    expect(routeTables).toHaveLength(config.allowedRegions.length);
    for (const table of routeTables) expect(table.route).toEqual([]);
    const acls = Object.values(resourcesOfType(backup, 'aws_default_network_acl'));
    for (const acl of acls) expect([acl.ingress ?? [], acl.egress ?? []]).toEqual([[], []]);
  });

  it('runs a Backup Audit Manager framework over the central vaults, with the Vault Lock bounds from configuration', () => {
    const [framework] = Object.values(resourcesOfType(backup, 'aws_backup_framework'));
    const controls = new Map<string, Record<string, string>>(
      framework.control.map((control: { name: string; input_parameter?: { name: string; value: string }[] }) => [
        control.name,
        Object.fromEntries((control.input_parameter ?? []).map((parameter) => [parameter.name, parameter.value])),
      ]),
    );
    expect([...controls.keys()].sort()).toEqual([
      'BACKUP_RECOVERY_POINT_ENCRYPTED',
      'BACKUP_RECOVERY_POINT_MANUAL_DELETION_DISABLED',
      'BACKUP_RECOVERY_POINT_MINIMUM_RETENTION_CHECK',
      'BACKUP_RESOURCES_PROTECTED_BY_BACKUP_VAULT_LOCK',
    ]);
    expect(controls.get('BACKUP_RESOURCES_PROTECTED_BY_BACKUP_VAULT_LOCK')).toEqual({ minRetentionDays: '7', maxRetentionDays: '3653' });
    expect(controls.get('BACKUP_RECOVERY_POINT_MINIMUM_RETENTION_CHECK')).toEqual({ requiredRetentionDays: '7' });
  });

  it("delivers daily Backup Audit Manager reports to its own bucket: jobs of every account and Region, and the framework's compliance", () => {
    const plans = Object.values(resourcesOfType(backup, 'aws_backup_report_plan'));
    const byTemplate = new Map(plans.map((plan) => [plan.report_setting.report_template, plan]));
    expect([...byTemplate.keys()].sort()).toEqual([
      'BACKUP_JOB_REPORT',
      'CONTROL_COMPLIANCE_REPORT',
      'COPY_JOB_REPORT',
      'RESTORE_JOB_REPORT',
    ]);
    const bucketName = backupReportsBucketName(config, config.homeRegion, BACKUP_ACCOUNT_REF);
    for (const template of ['BACKUP_JOB_REPORT', 'COPY_JOB_REPORT', 'RESTORE_JOB_REPORT']) {
      // ROOT = every organizational unit (API ReportSetting); only the delegated administrator may do this.
      expect(byTemplate.get(template)!.report_setting).toMatchObject({ accounts: ['ROOT'], regions: config.allowedRegions });
    }
    expect(byTemplate.get('CONTROL_COMPLIANCE_REPORT')!.report_setting).toMatchObject({
      framework_arns: ['${aws_backup_framework.audit-framework.arn}'],
      number_of_frameworks: 1,
    });
    for (const plan of plans) {
      expect(plan.report_delivery_channel).toEqual({
        s3_bucket_name: bucketName,
        s3_key_prefix: BACKUP_REPORTS_KEY_PREFIX,
        formats: ['CSV'],
      });
      expect(plan.name).toMatch(/^[A-Za-z][A-Za-z0-9_]{0,255}$/);
    }
    const accessLogBucket = backupAccessLogBucketName(config, config.homeRegion, BACKUP_ACCOUNT_REF);
    const buckets = resourcesOfType(backup, 'aws_s3_bucket');
    expect(
      Object.values(buckets)
        .map((bucket) => bucket.bucket)
        .sort(),
    ).toEqual([accessLogBucket, bucketName].sort());
    expect(Object.values(buckets).every((bucket) => bucket.lifecycle.prevent_destroy === true)).toBe(true);
    const [reportsAddress] = Object.entries(buckets).find(([, bucket]) => bucket.bucket === bucketName)!;
    const ofReports = (entry: Record<string, unknown>) => entry.bucket === `\${aws_s3_bucket.${reportsAddress}.id}`;
    // Who read or changed a report is itself logged (Security Hub S3.9), into the access-log bucket beside it.
    const [logging] = Object.values(resourcesOfType(backup, 'aws_s3_bucket_logging')).filter(ofReports);
    expect(logging.target_bucket).toMatch(/^\$\{aws_s3_bucket\.audit-reports_access-logs_bucket_\w+\.id\}$/);
    const policy = Object.values(resourcesOfType(backup, 'aws_s3_bucket_policy')).find(ofReports)!;
    const statements = JSON.parse(policy.policy).Statement as {
      Sid: string;
      Effect: string;
      Action: string | string[];
      Condition?: Record<string, Record<string, string>>;
    }[];
    const writer = statements.find((statement) => statement.Sid === 'BackupAuditManagerWritesReports')!;
    expect(writer.Condition!.ArnEquals['aws:PrincipalArn']).toBe(backupReportsRoleArn(BACKUP_ACCOUNT_REF));
    expect(statements.find((statement) => statement.Sid === 'DenyReportDeletion')!.Effect).toBe('Deny');
    // The security (audit) account reads the reports, as it reads the log archive.
    const readers = statements.find((statement) => statement.Sid === 'AuditorsRead') as unknown as {
      Principal: { AWS: string[] };
      Action: string[];
    };
    expect(readers.Principal.AWS).toEqual([
      'arn:aws:iam::${data.terraform_remote_state.cross-stack-reference-input-organization.outputs.cross-stack-output-aws_organizations_accountaccount-securityid}:root',
    ]);
    expect(readers.Action.every((action) => action.startsWith('s3:Get') || action.startsWith('s3:List'))).toBe(true);
    const lifecycle = Object.values(resourcesOfType(backup, 'aws_s3_bucket_lifecycle_configuration')).find(ofReports)!;
    expect(lifecycle.rule[0].expiration[0].days).toBe(config.logging.objectLock.retentionDays);
  });

  it('replicates every report, same Region, to the copy bucket in the log archive, owned there, with a role that only reads reports and writes copies', () => {
    const buckets = resourcesOfType(backup, 'aws_s3_bucket');
    const reportsBucket = backupReportsBucketName(config, config.homeRegion, BACKUP_ACCOUNT_REF);
    const [reportsAddress] = Object.entries(buckets).find(([, bucket]) => bucket.bucket === reportsBucket)!;
    const copyArn = `arn:aws:s3:::${backupReportsCopyBucketName(config, config.homeRegion, EXAMPLE_LOG_ARCHIVE_ACCOUNT_ID)}`;
    const replications = Object.values(resourcesOfType(backup, 'aws_s3_bucket_replication_configuration'));
    expect(replications).toHaveLength(1);
    const [replication] = replications;
    expect(replication.bucket).toBe(`\${aws_s3_bucket.${reportsAddress}.id}`);
    expect(replication.provider).toBe(buckets[reportsAddress].provider);
    expect(replication.rule).toHaveLength(1);
    const [rule] = replication.rule;
    expect(rule).toMatchObject({
      status: 'Enabled',
      filter: { prefix: `${BACKUP_REPORTS_KEY_PREFIX}/` },
      delete_marker_replication: { status: 'Disabled' },
      destination: { bucket: copyArn, account: EXAMPLE_LOG_ARCHIVE_ACCOUNT_ID, access_control_translation: { owner: 'Destination' } },
    });
    // SSE-S3 source, SSE-S3 copy: no KMS in the rule or the role.
    expect(rule.destination.encryption_configuration).toBeUndefined();
    const roles = resourcesOfType(backup, 'aws_iam_role');
    const [roleAddress, role] = Object.entries(roles).find(([, candidate]) => candidate.name === BACKUP_REPORTS_REPLICATION_ROLE)!;
    expect(replication.role).toBe(`\${aws_iam_role.${roleAddress}.arn}`);
    const trust = JSON.parse(role.assume_role_policy).Statement;
    expect(trust).toEqual([expect.objectContaining({ Principal: { Service: 's3.amazonaws.com' }, Action: 'sts:AssumeRole' })]);
    expect(trust[0].Condition.StringEquals['aws:SourceAccount']).toBe(BACKUP_ACCOUNT_REF);
    const policies = Object.values(resourcesOfType(backup, 'aws_iam_role_policy')).filter(
      (policy) => policy.role === `\${aws_iam_role.${roleAddress}.name}`,
    );
    expect(policies).toHaveLength(1);
    const statements = JSON.parse(policies[0].policy).Statement as { Effect: string; Action: string[] | string; Resource: string }[];
    const sourceArn = `arn:aws:s3:::${reportsBucket}`;
    for (const statement of statements) {
      expect(statement.Effect).toBe('Allow');
      const actions = [statement.Action].flat();
      if (statement.Resource === sourceArn) expect(actions.sort()).toEqual(['s3:GetReplicationConfiguration', 's3:ListBucket']);
      else if (statement.Resource === `${sourceArn}/${BACKUP_REPORTS_KEY_PREFIX}/*`)
        expect(actions.every((action) => /^s3:GetObject(Version|Retention|LegalHold)/.test(action))).toBe(true);
      else {
        expect(statement.Resource).toBe(`${copyArn}/${BACKUP_REPORTS_KEY_PREFIX}/*`);
        expect(actions.sort()).toEqual(['s3:ObjectOwnerOverrideToBucketOwner', 's3:ReplicateObject', 's3:ReplicateTags']);
      }
    }
    expect(statements.map((statement) => statement.Resource)).toContain(`${copyArn}/${BACKUP_REPORTS_KEY_PREFIX}/*`);
    expect(JSON.stringify(statements)).not.toMatch(/kms:/);
  });

  it('needs no change to the backup stack when an account is vended', () => {
    const dir = copyExampleConfig();
    const accountFile = path.join(dir, 'accounts', 'patient-records-prod.yaml');
    fs.writeFileSync(
      accountFile,
      [
        'name: patient-records-prod',
        'email: aws-patient-records-prod@example.nhs.uk',
        'ou: Workloads/Production',
        'owner: records-team@example.nhs.uk',
        'costCentre: CC-3100',
        'classification: OFFICIAL-SENSITIVE',
        'cidr: 100.64.32.0/22',
        '',
      ].join('\n'),
    );
    const vended = synthConfig(dir).stacks;
    expect(vended.has('workload-patient-records-prod')).toBe(true);
    expect(vended.get('backup')).toEqual(backup);
  });

  it('omits the backup account, stack, policies and SCP without the backup section', () => {
    const dir = copyExampleConfig();
    editConfigFile(dir, 'landing-zone.yaml', /\nbackup:\n(  .*\n|    .*\n)*/, '\n');
    const without = synthConfig(dir).stacks;
    expect(without.has('backup')).toBe(false);
    const org = without.get('organization') as TerraformJson;
    expect(Object.keys(resourcesOfType(org, 'aws_organizations_account'))).not.toContain('account-backup');
    expect(Object.values(resourcesOfType(org, 'aws_organizations_policy')).map((policy) => policy.type)).not.toContain('BACKUP_POLICY');
    expect(Object.values(resourcesOfType(without.get('workload-clinical-portal-prod') as TerraformJson, 'aws_backup_vault'))).toEqual([]);
  });
});

describe('backup configuration rules', () => {
  it('refuses COMPLIANCE Vault Lock without the acknowledgement, naming the field', () => {
    const dir = copyExampleConfig();
    editConfigFile(dir, 'landing-zone.yaml', /(changeableForDays: 3\n)    acknowledgeComplianceModeCannotBeUndone: true\n/, '$1');
    const problems = problemsOf(dir);
    expect(problems.map((problem) => problem.field)).toEqual(['backup.vaultLock.mode']);
    expect(problems[0].message).toMatch(/acknowledgeComplianceModeCannotBeUndone/);
  });

  it("refuses Vault Lock bounds that would turn away a tier's copies, and min above max", () => {
    const tooShort = copyExampleConfig();
    editConfigFile(tooShort, 'landing-zone.yaml', 'maxRetentionDays: 3653', 'maxRetentionDays: 100');
    expect(
      problemsOf(tooShort)
        .map((problem) => problem.message)
        .join('\n'),
    ).toMatch(/critical tier's daily copy to the home central vault \(kept 365 days\)/);
    const inverted = copyExampleConfig();
    editConfigFile(inverted, 'landing-zone.yaml', 'minRetentionDays: 7', 'minRetentionDays: 4000');
    expect(problemsOf(inverted).map((problem) => problem.field)).toEqual(['backup.vaultLock.minRetentionDays']);
  });

  it('refuses a backup account name already used and a classification tier for an unknown classification', () => {
    const dir = copyExampleConfig();
    editConfigFile(dir, 'landing-zone.yaml', 'name: backup\n', 'name: security\n');
    editConfigFile(dir, 'landing-zone.yaml', '    OFFICIAL: standard', '    SECRET: standard');
    const fields = problemsOf(dir)
      .map((problem) => problem.field)
      .sort();
    expect(fields).toEqual(['backup.account.name', 'backup.classificationTiers.SECRET']);
  });
});
