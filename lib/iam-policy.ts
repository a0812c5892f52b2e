// Minimal IAM policy document types shared by bucket, key and guardrail policies.

export type PolicyValue = string | readonly string[];

export interface PolicyStatement {
  readonly Sid?: string;
  readonly Effect: 'Allow' | 'Deny';
  readonly Principal?: '*' | Readonly<Record<string, PolicyValue>>;
  readonly NotPrincipal?: Readonly<Record<string, PolicyValue>>;
  readonly Action?: PolicyValue;
  readonly NotAction?: PolicyValue;
  readonly Resource?: PolicyValue;
  readonly NotResource?: PolicyValue;
  readonly Condition?: Readonly<Record<string, Readonly<Record<string, PolicyValue | boolean>>>>;
}

export interface PolicyDocument {
  readonly Version: '2012-10-17';
  readonly Statement: readonly PolicyStatement[];
}

/** Deny any request to the given resources that does not use TLS. */
export function denyInsecureTransport(resources: readonly string[], sid = 'DenyInsecureTransport'): PolicyStatement {
  return {
    Sid: sid,
    Effect: 'Deny',
    Principal: '*',
    Action: 's3:*',
    Resource: resources,
    Condition: { Bool: { 'aws:SecureTransport': 'false' } },
  };
}
