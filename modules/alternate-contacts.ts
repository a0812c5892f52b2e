// The account's alternate contacts (security, and operations and billing where configured), so AWS
// reaches a monitored team mailbox about security issues in the account (Security Hub Account.1).
// Set from inside the account: the resource without account_id applies to the caller's account.
import { AccountAlternateContact } from '@cdktf/provider-aws/lib/account-alternate-contact';
import type { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { Construct } from 'constructs';

export interface AlternateContact {
  readonly name: string;
  readonly title: string;
  readonly email: string;
  readonly phone: string;
}

export interface AlternateContactsProps {
  /** Alternate contacts are account-wide: the home Region's provider. */
  readonly provider: AwsProvider;
  /** The security contact (required by Account.1). */
  readonly security: AlternateContact;
  /**
   * The operations contact.
   * @default none set
   */
  readonly operations?: AlternateContact;
  /**
   * The billing contact.
   * @default none set
   */
  readonly billing?: AlternateContact;
}

export class AlternateContacts extends Construct {
  constructor(scope: Construct, id: string, props: AlternateContactsProps) {
    super(scope, id);
    const contacts = [
      ['SECURITY', props.security],
      ['OPERATIONS', props.operations],
      ['BILLING', props.billing],
    ] as const;
    for (const [type, contact] of contacts) {
      if (!contact) continue;
      new AccountAlternateContact(this, type.toLowerCase(), {
        provider: props.provider,
        alternateContactType: type,
        name: contact.name,
        title: contact.title,
        emailAddress: contact.email,
        phoneNumber: contact.phone,
      });
    }
  }
}
