// Shorthands the case files share: placeholders for the attacked and the outside account, and the
// constructor of an attack row that names its promise, issue path and deciding statement.
import type { AttackCase, AttackRequest, IsolationPromise, IssuePath } from './types';

export const OUT = '{outside}';
export const ACC = '{account}';
export const deny =
  (promise: IsolationPromise, path: IssuePath, policy: string, statement: string) =>
  (attempt: string, request: AttackRequest): AttackCase => ({
    promise,
    path,
    attempt,
    request,
    deniedBy: [policy, statement],
  });
export const subnet = (account: string) => `arn:aws:ec2:eu-west-2:${account}:subnet/subnet-0abc1234def567890`;
export const vpcEndpoint = `arn:aws:ec2:eu-west-2:${ACC}:vpc-endpoint/*`;
export const outsideResource = { 'aws:ResourceOrgID': 'o-attacker0001', 'aws:ResourceAccount': OUT };
export const noOrgResource = { 'aws:ResourceOrgID': '', 'aws:ResourceAccount': OUT };
