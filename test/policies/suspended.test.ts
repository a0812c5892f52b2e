import { loadConfig } from '../../lib/config/load';
import { suspended } from '../../policies/suspended';
import { EXAMPLE_CONFIG_DIR } from '../helpers/synth';

const config = loadConfig(EXAMPLE_CONFIG_DIR).landingZone;

describe('suspended', () => {
  it('denies everything except the execution, break-glass, StackSets execution (its stack only) and read-only plan roles', () => {
    expect(suspended({ ...config, roles: { ...config.roles, execution: 'Deployer', breakGlass: 'Emergency' } })).toEqual({
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'DenyAllWhileSuspended',
          Effect: 'Deny',
          Action: '*',
          Resource: '*',
          Condition: {
            ArnNotLike: {
              'aws:PrincipalArn': [
                'arn:aws:iam::*:role/Deployer',
                'arn:aws:iam::*:role/Emergency',
                'arn:aws:iam::*:role/stacksets-exec-*',
                'arn:aws:iam::*:role/lz-plan-readonly',
              ],
            },
          },
        },
        {
          Sid: 'StackSetsOnlyTheirStackWhileSuspended',
          Effect: 'Deny',
          NotAction: ['cloudformation:*', 'iam:*'],
          Resource: '*',
          Condition: { ArnLike: { 'aws:PrincipalArn': ['arn:aws:iam::*:role/stacksets-exec-*'] } },
        },
      ],
    });
  });
});
