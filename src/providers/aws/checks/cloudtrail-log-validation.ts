import { defineCheck } from '../../../kit/define-check.js';

export default defineCheck({
  id: 'aws/cloudtrail-log-validation',
  title: 'CloudTrail log file validation is enabled',
  description:
    'Every CloudTrail trail has log file validation enabled (`LogFileValidationEnabled`), so CloudTrail writes signed digest files and a changed or deleted log file can be detected. ' +
    'A multi-region trail listed by several regions counts once. Covers CIS AWS Foundations 3.0 recommendation 3.2.',
  inputs: { records: 'aws/cloudtrail-trails' },
  resourceExample: 'arn:aws:cloudtrail:eu-west-1:123456789012:trail/main-trail',
  remediation:
    'Run `aws cloudtrail update-trail --name TRAIL --enable-log-file-validation` in the trail\'s home region, then check the digests with `aws cloudtrail validate-logs` from time to time: validation that nobody runs proves nothing.',
  criteria: {
    'cis-aws-3': ['3.2'],
    soc2: ['CC7.2'],
    'pci-dss-4': ['10.3.2', '10.3.4'],
    'iso27001-2022': ['A.8.15'],
  },
  run({ inputs: { records } }) {
    return {
      examined: records.length,
      findings: records
        .filter((trail) => !trail.logFileValidation)
        .map((trail) => ({
          resource: trail.arn,
          message: `trail ${trail.name} (${trail.homeRegion}) has log file validation disabled: no digest files, so altered or deleted log files go unnoticed`,
        })),
    };
  },
});
