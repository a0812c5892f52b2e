// Account IDs for the verifier: configuration knows the management account and adopted accounts;
// the IDs of accounts the organization stack created are looked up in AWS Organizations by email.
import { ListAccountsCommand, type Account } from '@aws-sdk/client-organizations';
import type { ClientFactory } from './clients';
import type { EstateTargets } from './estate';

export function errorText(error: unknown): string {
  const { name, message } = error as Error;
  return `${name}: ${message}`;
}

/**
 * The account IDs of the estate: from configuration where known, else from AWS Organizations by
 * email. A failed look-up is returned, not thrown: it becomes the detail of every check it blocks.
 */
export async function resolveAccountIds(
  estate: EstateTargets,
  clients: ClientFactory,
): Promise<{ ids: Map<string, string>; lookupError?: string }> {
  const ids = new Map<string, string>();
  const management = estate.accounts.find((account) => account.isManagement)!;
  const missing = estate.accounts.filter((account) => !account.accountId);
  for (const account of estate.accounts) if (account.accountId) ids.set(account.name, account.accountId);
  if (!missing.length) return { ids };
  const organizations = clients.forAccount(management.accountId!, estate.homeRegion).organizations();
  const all: Account[] = [];
  try {
    let token: string | undefined;
    do {
      const page = await organizations.send(new ListAccountsCommand({ NextToken: token }));
      all.push(...(page.Accounts ?? []));
      token = page.NextToken;
    } while (token);
  } catch (error) {
    return { ids, lookupError: `AWS Organizations ListAccounts failed (${errorText(error)})` };
  }
  for (const account of missing) {
    const found = all.find((candidate) => candidate.Email?.toLowerCase() === account.email.toLowerCase());
    if (found?.Id) ids.set(account.name, found.Id);
  }
  return { ids };
}
