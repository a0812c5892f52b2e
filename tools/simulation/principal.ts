// Who is asking: a principal ARN or service principal parsed into the kind of caller AWS sees, which
// decides whether SCPs and RCPs apply to the request at all.
import { SimulationInputError } from './guardrail-model';

export type PrincipalKind = 'role' | 'service-linked-role' | 'user' | 'root' | 'service' | 'saml-federated' | 'web-identity-federated';

export interface ParsedPrincipal {
  readonly kind: PrincipalKind;
  /** The string given to the simulator as the caller. */
  readonly caller: string;
  /** Value of aws:PrincipalArn (the role for an assumed-role session). */
  readonly principalArn?: string;
  readonly accountId?: string;
}

export function parsePrincipal(principal: string): ParsedPrincipal {
  if (/^[a-z0-9.-]+\.amazonaws\.com$/.test(principal)) return { kind: 'service', caller: principal };
  const match = /^arn:aws:(iam|sts)::(\d{12}):(.+)$/.exec(principal);
  if (!match) {
    throw new SimulationInputError(
      `principal ${principal} is not understood; give a role, assumed-role, user, root, SAML or OIDC provider ARN (arn:aws:iam::<account>:role/<name>...) or a service principal such as cloudtrail.amazonaws.com`,
    );
  }
  const [, service, accountId, rest] = match;
  if (service === 'sts') {
    const session = /^assumed-role\/([^/]+)\/.+$/.exec(rest);
    if (!session)
      throw new SimulationInputError(
        `principal ${principal} is not an assumed-role session ARN (arn:aws:sts::<account>:assumed-role/<role>/<session>)`,
      );
    return { kind: 'role', caller: principal, principalArn: `arn:aws:iam::${accountId}:role/${session[1]}`, accountId };
  }
  if (rest === 'root') return { kind: 'root', caller: principal, principalArn: principal, accountId };
  if (rest.startsWith('role/aws-service-role/'))
    return { kind: 'service-linked-role', caller: principal, principalArn: principal, accountId };
  if (rest.startsWith('role/')) return { kind: 'role', caller: principal, principalArn: principal, accountId };
  if (rest.startsWith('user/')) return { kind: 'user', caller: principal, principalArn: principal, accountId };
  if (rest.startsWith('saml-provider/')) return { kind: 'saml-federated', caller: principal, accountId };
  if (rest.startsWith('oidc-provider/')) return { kind: 'web-identity-federated', caller: principal, accountId };
  throw new SimulationInputError(`principal ${principal} is not a role, user, root, SAML provider or OIDC provider ARN`);
}
