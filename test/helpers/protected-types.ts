/** Resource types whose loss is irreversible or destroys evidence: they must carry prevent_destroy. */
export const PROTECTED_TYPES = [
  'aws_organizations_organization',
  'aws_organizations_organizational_unit',
  'aws_organizations_account',
  'aws_s3_bucket',
  'aws_kms_key',
  'aws_cloudtrail',
  'aws_cloudwatch_log_group',
  'aws_dynamodb_table',
  // Deleting the StackSet or its instances would delete the execution role in every account.
  'aws_cloudformation_stack_set',
  'aws_cloudformation_stack_set_instance',
] as const;
