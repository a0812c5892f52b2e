// The log-retention evidence names where each bucket replicates, including a bucket of another
// account's stack (the backup reports' copy in the log archive), which the rule names by literal ARN.
import { backupReportsBucketName, backupReportsCopyBucketName } from '../../../lib/backup';
import { loadConfig } from '../../../lib/config/load';
import { logRetentionFiles } from '../../../tools/evidence/estate-files';
import { readable } from '../../../tools/evidence/render';
import { EXAMPLE_CONFIG_DIR, EXAMPLE_LOG_ARCHIVE_ACCOUNT_ID, synthConfig } from '../../helpers/synth';

const BACKUP_ACCOUNT_REF =
  '${data.terraform_remote_state.cross-stack-reference-input-organization.outputs.cross-stack-output-aws_organizations_accountaccount-backupid}';

describe('log-retention evidence', () => {
  it('shows the backup reports bucket replicating to its copy in the log archive', () => {
    const config = loadConfig(EXAMPLE_CONFIG_DIR).landingZone;
    const files = new Map(logRetentionFiles(synthConfig().stacks));
    const rows = files
      .get('log-retention.md')!
      .split('\n')
      .map((line) => line.split('|').map((cell) => cell.trim()));
    const source = readable(backupReportsBucketName(config, config.homeRegion, BACKUP_ACCOUNT_REF));
    const copy = readable(backupReportsCopyBucketName(config, config.homeRegion, EXAMPLE_LOG_ARCHIVE_ACCOUNT_ID));
    const sourceRow = rows.find((cells) => cells[2] === source);
    expect(sourceRow).toBeDefined();
    expect(sourceRow).toContain(copy);
    expect(rows.find((cells) => cells[2] === copy)).toBeDefined();
  });
});
