import { z } from 'zod';

/** A record of a per-region source: one exported region of one account. */
export interface RegionalRecord {
  accountId: string | null;
  region: string;
}

/** One account and region a regional check decides on, with the records exported for it (none when it was not exported). */
export interface RegionScope<R> {
  account: string;
  region: string;
  /** `<account>/<region>`, the finding's resource. */
  resource: string;
  records: R[];
}

/** The `regions` param of regional checks. */
export const regionsParam = z
  .array(z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d+$/, 'expected a region name like eu-west-1'))
  .min(1)
  .optional()
  .describe('Regions that must be covered, for every account in the export; default: every region the export holds.');

/** Per account, the regions to decide on: `required` when given (exported or not), else every exported region, in order. */
export function regionScopes<R extends RegionalRecord>(records: readonly R[], required: readonly string[] | undefined): RegionScope<R>[] {
  const accountOf = (record: RegionalRecord): string => record.accountId ?? 'unknown-account';
  const accounts = [...new Set(records.map(accountOf))];
  return accounts.flatMap((account) => {
    const own = records.filter((record) => accountOf(record) === account);
    const regions = required ?? [...new Set(own.map((record) => record.region))];
    return regions.map((region) => ({ account, region, resource: `${account}/${region}`, records: own.filter((record) => record.region === region) }));
  });
}
