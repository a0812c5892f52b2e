// A customer-managed KMS key that cannot be lost by accident: rotation on, the longest deletion
// window, prevent_destroy, and a key policy that starts from the owning account and adds only the
// service grants a caller passes in.
import { KmsAlias } from '@cdktf/provider-aws/lib/kms-alias';
import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import type { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { Construct } from 'constructs';
import type { PolicyStatement } from '../lib/iam-policy';

export interface ProtectedKmsKeyProps {
  readonly provider: AwsProvider;
  readonly description: string;
  /** Alias such as alias/exvalley-lz-logs; callers and backends refer to the key through it. */
  readonly aliasName: string;
  /** Account that owns the key; its administrators manage the key through IAM. */
  readonly accountId: string;
  /** Further key-policy statements, such as grants to AWS services. */
  readonly statements?: readonly PolicyStatement[];
}

export class ProtectedKmsKey extends Construct {
  readonly key: KmsKey;
  readonly alias: KmsAlias;

  constructor(scope: Construct, id: string, props: ProtectedKmsKeyProps) {
    super(scope, id);
    const policy = {
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'AccountAdministersKeyThroughIam',
          Effect: 'Allow',
          Principal: { AWS: `arn:aws:iam::${props.accountId}:root` },
          Action: 'kms:*',
          Resource: '*',
        },
        ...(props.statements ?? []),
      ],
    };
    this.key = new KmsKey(this, 'key', {
      provider: props.provider,
      description: props.description,
      enableKeyRotation: true,
      deletionWindowInDays: 30,
      policy: JSON.stringify(policy),
      lifecycle: { preventDestroy: true },
    });
    this.alias = new KmsAlias(this, 'alias', { provider: props.provider, name: props.aliasName, targetKeyId: this.key.keyId });
  }
}
