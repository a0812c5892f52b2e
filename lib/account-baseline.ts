// Account-baseline settings that the baseline construct deploys and the conformance rules check, so
// the two can never disagree.

/** NCSC password guidance: long passwords, no forced expiry, no reuse. */
export const PASSWORD_POLICY = {
  minimumPasswordLength: 14,
  passwordReusePrevention: 24,
  requireLowercaseCharacters: true,
  requireUppercaseCharacters: true,
  requireNumbers: true,
  requireSymbols: true,
  allowUsersToChangePassword: true,
  // No maxPasswordAge: forced expiry makes people choose weaker passwords, so NCSC advises
  // against it, and leaving it unset means passwords never expire.
} as const;
