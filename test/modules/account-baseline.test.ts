// The account baseline is in every member stack and in the management stack, in both Regions.
import { resourcesOfType, synthConfig } from '../helpers/synth';

describe('account baseline', () => {
  const { stacks } = synthConfig();
  // security-organization works in the security account, whose baseline the security stack carries.
  const baselineStacks = [...stacks.keys()].filter((name) => !['bootstrap', 'organization', 'pipeline', 'security-organization', 'network-routes'].includes(name));

  it('is carried by every member stack and the management stack', () => {
    expect(baselineStacks.sort()).toEqual(expect.arrayContaining(['log-archive', 'management', 'network', 'security', 'workload-analytics-dev', 'workload-clinical-portal-prod']));
  });

  it.each(baselineStacks)('%s: EBS encryption by default in both Regions', (name) => {
    const ebs = Object.values(resourcesOfType(stacks.get(name)!, 'aws_ebs_encryption_by_default'));
    expect(ebs.map((resource) => resource.provider).sort()).toEqual(['aws', 'aws.eu_west_1']);
    for (const resource of ebs) expect(resource.enabled).toBe(true);
  });

  it.each(baselineStacks)('%s: account-level S3 public access block, all four settings', (name) => {
    const blocks = Object.values(resourcesOfType(stacks.get(name)!, 'aws_s3_account_public_access_block'));
    expect(blocks).toHaveLength(1);
    expect(blocks[0]).toMatchObject({ block_public_acls: true, block_public_policy: true, ignore_public_acls: true, restrict_public_buckets: true });
  });

  it.each(baselineStacks)('%s: NCSC-aligned password policy (length >= 14, reuse 24, no forced expiry)', (name) => {
    const [policy] = Object.values(resourcesOfType(stacks.get(name)!, 'aws_iam_account_password_policy'));
    expect(policy.minimum_password_length).toBeGreaterThanOrEqual(14);
    expect(policy.password_reuse_prevention).toBe(24);
    expect(policy.max_password_age).toBeUndefined();
  });

  it.each(baselineStacks)('%s: the default VPC default security group has no rules, in both Regions', (name) => {
    const groups = Object.values(resourcesOfType(stacks.get(name)!, 'aws_default_security_group')).filter((group) =>
      String(group.vpc_id).includes('aws_default_vpc.'),
    );
    expect(groups.map((group) => group.provider).sort()).toEqual(['aws', 'aws.eu_west_1']);
    for (const group of groups) {
      expect(group.ingress).toEqual([]);
      expect(group.egress).toEqual([]);
    }
  });
});

describe('default VPC neutralised (ADR 0621)', () => {
  const { stacks } = synthConfig();
  const baselineStacks = [...stacks.keys()].filter((name) => !['bootstrap', 'organization', 'pipeline', 'security-organization', 'network-routes'].includes(name));
  const ofDefaultVpc = (stack: string, type: string, attribute: string) =>
    Object.values(resourcesOfType(stacks.get(stack)!, type)).filter((body) => /^\$\{aws_default_vpc\.[\w-]+\.(id|default_route_table_id|default_network_acl_id)\}$/.test(String(body[attribute])));

  it.each(baselineStacks)('%s: the main route table keeps only its local route, so nothing reaches the internet gateway, in both Regions', (name) => {
    const tables = ofDefaultVpc(name, 'aws_default_route_table', 'default_route_table_id');
    expect(tables.map((table) => table.provider).sort()).toEqual(['aws', 'aws.eu_west_1']);
    // An empty list removes every route Terraform did not declare (an omitted argument would keep them).
    for (const table of tables) expect(table.route).toEqual([]);
  });

  it.each(baselineStacks)('%s: the default network ACL has no rules (implicit deny in and out), in both Regions', (name) => {
    const acls = ofDefaultVpc(name, 'aws_default_network_acl', 'default_network_acl_id');
    expect(acls.map((acl) => acl.provider).sort()).toEqual(['aws', 'aws.eu_west_1']);
    for (const acl of acls) {
      expect(acl.ingress).toEqual([]);
      expect(acl.egress).toEqual([]);
      expect(acl.lifecycle.ignore_changes).toEqual(['subnet_ids']);
    }
  });

  it.each(baselineStacks)('%s: the default VPC logs every flow to the log archive network bucket of its own Region', (name) => {
    const logs = ofDefaultVpc(name, 'aws_flow_log', 'vpc_id');
    expect(logs.map((log) => log.provider).sort()).toEqual(['aws', 'aws.eu_west_1']);
    for (const log of logs) {
      expect(log.traffic_type).toBe('ALL');
      const region = log.provider === 'aws' ? 'euw2' : 'euw1';
      expect(log.log_destination).toMatch(new RegExp(`^arn:aws:s3:::.*network-logs-.*-${region}/vpc-flow-logs/$`));
    }
  });
});
