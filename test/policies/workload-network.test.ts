import { loadConfig } from '../../lib/config/load';
import { workloadNetwork } from '../../policies/workload-network';
import { EXAMPLE_CONFIG_DIR } from '../helpers/synth';

const config = loadConfig(EXAMPLE_CONFIG_DIR).landingZone;

describe('workload network', () => {
  const [statement] = workloadNetwork(config).Statement;

  it('denies every path out of a workload account that bypasses the hub', () => {
    expect(statement.Action).toEqual(
      expect.arrayContaining([
        'ec2:CreateInternetGateway',
        'ec2:CreateEgressOnlyInternetGateway',
        'ec2:CreateVpcPeeringConnection',
        'ec2:CreateVpnConnection',
        'ec2:CreateCustomerGateway',
        'directconnect:Create*',
        'ec2:CreateTransitGateway*',
        'ec2:AssociateTransitGateway*',
        'ec2:ReplaceTransitGateway*',
      ]),
    );
    // Reads stay open: nothing here matches Describe*/Get*.
    expect((statement.Action as string[]).filter((action) => /:(Describe|Get|List)/.test(action))).toEqual([]);
  });

  it('exempts only the execution role (not break-glass): it alone attaches a spoke', () => {
    expect(statement.Condition).toEqual({ ArnNotLike: { 'aws:PrincipalArn': ['arn:aws:iam::*:role/lz-execution'] } });
  });
});
