// Shape of the isolation guardrails (issue 12) where simulation cannot reach, and the exemptions
// every deny must keep. The behaviour itself is proven by test/attacks/isolation-attacks.test.ts.
import { loadConfig } from '../../lib/config/load';
import { ec2Baseline, effectiveEc2Attributes, vpcBlockPublicAccess } from '../../policies/ec2-declarative';
import { estateIntegrity } from '../../policies/estate-integrity';
import { workloadDataSharing } from '../../policies/workload-data-sharing';
import { workloadInternetServices } from '../../policies/workload-internet-services';
import { workloadNetwork } from '../../policies/workload-network';
import { EXAMPLE_CONFIG_DIR } from '../helpers/synth';

const config = loadConfig(EXAMPLE_CONFIG_DIR).landingZone;
const execution = `arn:aws:iam::*:role/${config.roles.execution}`;
const breakGlass = `arn:aws:iam::*:role/${config.roles.breakGlass}`;

describe('isolation guardrails', () => {
  it('exempt the execution and break-glass roles in every deny, except hub and address-space changes (execution role only)', () => {
    for (const document of [
      workloadNetwork(config),
      workloadDataSharing(config),
      workloadInternetServices(config),
      estateIntegrity(config),
    ]) {
      for (const statement of document.Statement) {
        expect(statement.Effect).toBe('Deny');
        const exempt = statement.Condition?.ArnNotLike?.['aws:PrincipalArn'];
        const expected = statement.Sid === 'DenyNetworkPathsOutsideHub' ? [execution] : [execution, breakGlass];
        expect({ sid: statement.Sid, exempt }).toEqual({ sid: statement.Sid, exempt: expected });
      }
    }
  });

  it('deny creating HTTP and WebSocket APIs outright (they have no private endpoint type)', () => {
    const statement = workloadNetwork(config).Statement.find((candidate) => candidate.Sid === 'DenyHttpAndWebSocketApis');
    expect(statement).toMatchObject({ Effect: 'Deny', Action: 'apigateway:POST', Resource: 'arn:aws:apigateway:*::/apis' });
    expect(Object.keys(statement?.Condition ?? {})).toEqual(['ArnNotLike']);
  });

  it('keep the spoke address space and hub attachment to the execution role, including new VPCs and CIDRs', () => {
    const hub = workloadNetwork(config).Statement.find((candidate) => candidate.Sid === 'DenyNetworkPathsOutsideHub');
    expect(hub?.Action).toEqual(
      expect.arrayContaining(['ec2:CreateVpc', 'ec2:AssociateVpcCidrBlock', 'ec2:AssociateSubnetCidrBlock', 'ec2:ProvisionByoipCidr']),
    );
  });
});

describe('EC2 declarative policies', () => {
  it('set VPC Block Public Access to bidirectional with no exclusions', () => {
    expect(effectiveEc2Attributes([vpcBlockPublicAccess()])).toMatchObject({
      'vpc_block_public_access.internet_gateway_block.mode': 'block_bidirectional',
      'vpc_block_public_access.internet_gateway_block.exclusions_allowed': 'disabled',
    });
  });

  it('block public snapshots and AMIs, switch the serial console off and require IMDSv2 by default', () => {
    expect(effectiveEc2Attributes([ec2Baseline()])).toMatchObject({
      'snapshot_block_public_access.state': 'block_all_sharing',
      'image_block_public_access.state': 'block_new_sharing',
      'serial_console_access.status': 'disabled',
      'instance_metadata_defaults.http_tokens': 'required',
    });
  });

  it('let a lower level override a higher one, as AWS inheritance does without child-operator limits', () => {
    const override = { ec2_attributes: { serial_console_access: { status: { '@@assign': 'enabled' } } } };
    expect(effectiveEc2Attributes([ec2Baseline(), override])['serial_console_access.status']).toBe('enabled');
  });
});
