// What an attack case and a must-allow case are (the suite's data model).

/** The promises the landing zone makes about isolation (docs/threat-model.md). */
export type IsolationPromise =
  | 'hscn-entitlement'
  | 'internet-only-via-gateway'
  | 'data-residency'
  | 'inside-organization'
  | 'logging-cannot-be-disabled'
  | 'detection-cannot-be-suppressed'
  | 'encrypted-at-rest';

/** The path of issue 12 the attempt belongs to. */
export type IssuePath = '1' | '2' | '3' | '4' | '5' | '6' | '7' | '8' | '9' | '10' | '11' | 'medium';

export interface AttackRequest {
  readonly action: string;
  /** Default eu-west-2 (an allowed Region: the attack must be stopped by isolation, not by Region). */
  readonly region?: string;
  readonly resource?: string;
  readonly context?: Readonly<Record<string, string | readonly string[]>>;
}

export interface AttackCase {
  readonly promise: IsolationPromise;
  readonly path: IssuePath;
  /** What the attacker is trying to achieve, in a few words. */
  readonly attempt: string;
  readonly request: AttackRequest;
  /** The catalogue policy and statement Sid that must deny it. */
  readonly deniedBy: readonly [policy: string, statement: string];
  /** Where the attacker sits: a workload account (default) or a Sandbox account (attacks on workloads from outside their OU). */
  readonly from?: 'workload' | 'sandbox';
}

/** An attempt an EC2 declarative policy stops: the account attribute is fixed, so the call fails. */
export interface DeclarativeAttackCase {
  readonly promise: IsolationPromise;
  readonly path: IssuePath;
  readonly attempt: string;
  /** The API call that fails. */
  readonly action: string;
  /** Declarative policy key and the effective attribute (dotted path under ec2_attributes) and value that stop it. */
  readonly enforcedBy: readonly [policy: string, attribute: string, value: string];
}

export type Actor = 'workload-admin' | 'security-admin' | 'aws-service' | 'network-execution-role';

export interface MustAllowCase {
  readonly work: string;
  /** Who does it: the workload administrator (default), the security account's administrator, an AWS service principal, or the execution role in the network account. */
  readonly actor?: Actor;
  /** For aws-service: the service principal. */
  readonly servicePrincipal?: string;
  /** Principal ARN for a federated caller (SAML or OIDC provider), overriding the actor. */
  readonly principal?: string;
  /** The account whose resource is acted on: the workload (default) or the security account. */
  readonly resourceAccount?: 'workload' | 'security';
  readonly request: AttackRequest;
}
