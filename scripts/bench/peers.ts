// The tools a user would pick instead of controlproof for the log audit, on the same files with the same predicates as
// the CloudTrail checks (as far as SQL and jq say them): DuckDB's read_json on 2 threads, and `zcat | jq` as one
// program. Each returns the counts the bench cross-checks against controlproof's. Run in a child process of their own.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { AS_OF, DAY_START, type Manifest } from './set.js';

/** What every peer counts: the findings of five checks, the console sign-ins examined, coverage gaps, distinct events. */
export interface PeerCounts {
  console: number;
  root: number;
  tampering: number;
  admin: number;
  kms: number;
  consoleLogins: number;
  coverageGaps: number;
  records: number;
}

/** The bench's ct-coverage window (1d ending at as-of) and its max_gap (6h). */
const WINDOW_START_S = DAY_START / 1000;
const AS_OF_S = Date.parse(AS_OF) / 1000;
const MAX_GAP_S = 6 * 3600;

export function logFiles(dataDir: string, manifest: Manifest): string[] {
  return manifest.cloudtrail.files.map((file) => path.join(dataDir, 'cloudtrail', file));
}

const ATTACH = "('AttachUserPolicy', 'AttachGroupPolicy', 'AttachRolePolicy')";
const PUT = "('PutUserPolicy', 'PutGroupPolicy', 'PutRolePolicy')";

/** The events of every file, one row each, with only the fields the predicates read. */
function eventsQuery(files: readonly string[]): string {
  const list = `[${files.map((file) => `'${file.replaceAll("'", "''")}'`).join(', ')}]`;
  const record =
    'STRUCT(eventTime VARCHAR, eventSource VARCHAR, eventName VARCHAR, awsRegion VARCHAR, eventID VARCHAR, eventType VARCHAR, errorCode VARCHAR, recipientAccountId VARCHAR, ' +
    'userIdentity STRUCT(type VARCHAR, accountId VARCHAR, invokedBy VARCHAR), additionalEventData STRUCT(MFAUsed VARCHAR), responseElements STRUCT(ConsoleLogin VARCHAR), requestParameters JSON)';
  return `SELECT unnest(Records, recursive := true) FROM read_json(${list}, columns = {Records: '${record}[]'}, format = 'unstructured', maximum_object_size = 1073741824)`;
}

/** The predicates of the checks, over the events table `e`, as one row of counts (each event once, by eventID). */
const COUNTS_SQL = `
WITH points AS (
  SELECT coalesce(recipientAccountId, accountId, 'unknown') AS account, awsRegion, epoch(CAST(eventTime AS TIMESTAMPTZ)) AS t FROM e
), silences AS (
  SELECT t - coalesce(lag(t) OVER (PARTITION BY account, awsRegion ORDER BY t), ${WINDOW_START_S}) AS silence,
         row_number() OVER (PARTITION BY account, awsRegion ORDER BY t DESC) AS from_end, ${AS_OF_S} - t AS to_end
  FROM points WHERE t >= ${WINDOW_START_S} AND t <= ${AS_OF_S}
), gaps AS (
  SELECT count(*) FILTER (WHERE silence > ${MAX_GAP_S}) + count(*) FILTER (WHERE from_end = 1 AND to_end > ${MAX_GAP_S}) AS gaps FROM silences
)
SELECT
  count(DISTINCT eventID) FILTER (WHERE eventName = 'ConsoleLogin' AND eventSource = 'signin.amazonaws.com' AND type = 'IAMUser' AND ConsoleLogin = 'Success' AND MFAUsed = 'No') AS console,
  count(DISTINCT eventID) FILTER (WHERE type = 'Root' AND invokedBy IS NULL AND coalesce(eventType, '') <> 'AwsServiceEvent') AS root,
  count(DISTINCT eventID) FILTER (WHERE errorCode IS NULL AND (
    (eventSource = 'cloudtrail.amazonaws.com' AND eventName IN ('StopLogging', 'DeleteTrail'))
    OR (eventSource = 'ec2.amazonaws.com' AND eventName = 'DeleteFlowLogs')
    OR (eventSource = 'guardduty.amazonaws.com' AND eventName = 'DeleteDetector')
    OR (eventSource = 'config.amazonaws.com' AND eventName IN ('StopConfigurationRecorder', 'DeleteConfigurationRecorder', 'DeleteDeliveryChannel'))
    OR (eventSource = 'cloudtrail.amazonaws.com' AND eventName = 'UpdateTrail' AND 'false' IN (json_extract_string(requestParameters, '$.isMultiRegionTrail'), json_extract_string(requestParameters, '$.includeGlobalServiceEvents'), json_extract_string(requestParameters, '$.enableLogFileValidation'), json_extract_string(requestParameters, '$.isOrganizationTrail')))
    OR (eventSource = 'cloudtrail.amazonaws.com' AND eventName = 'PutEventSelectors' AND regexp_matches(CAST(requestParameters AS VARCHAR), '"readWriteType":"(ReadOnly|WriteOnly)"|"includeManagementEvents":false'))
  )) AS tampering,
  count(DISTINCT eventID) FILTER (WHERE eventSource = 'iam.amazonaws.com' AND errorCode IS NULL AND (
    (eventName IN ${ATTACH} AND json_extract_string(requestParameters, '$.policyArn') LIKE 'arn:%:iam::aws:policy/AdministratorAccess')
    OR (eventName IN ${PUT} AND regexp_matches(json_extract_string(requestParameters, '$.policyDocument'), '"Action":(\\["\\*"\\]|"\\*")') AND regexp_matches(json_extract_string(requestParameters, '$.policyDocument'), '"Resource":(\\["\\*"\\]|"\\*")'))
    OR (eventName = 'CreateAccessKey' AND type = 'Root' AND json_extract_string(requestParameters, '$.userName') IS NULL)
  )) AS admin,
  count(DISTINCT eventID) FILTER (WHERE eventSource = 'kms.amazonaws.com' AND eventName IN ('ScheduleKeyDeletion', 'DisableKey') AND errorCode IS NULL) AS kms,
  count(DISTINCT eventID) FILTER (WHERE eventName = 'ConsoleLogin' AND eventSource = 'signin.amazonaws.com' AND type = 'IAMUser' AND ConsoleLogin = 'Success') AS consoleLogins,
  (SELECT gaps FROM gaps) AS coverageGaps,
  count(DISTINCT eventID) AS records
FROM e`;

/** DuckDB over the same files on 2 threads: read_json into a table, then every predicate in one query. */
export async function duckdbCounts(files: readonly string[]): Promise<PeerCounts> {
  const { DuckDBInstance } = await import('@duckdb/node-api');
  const instance = await DuckDBInstance.create(':memory:', { threads: '2' });
  const connection = await instance.connect();
  try {
    await connection.run(`CREATE TEMP TABLE e AS ${eventsQuery(files)}`);
    const [row] = (await connection.runAndReadAll(COUNTS_SQL)).getRowObjectsJson();
    return countsOf(row ?? {});
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

/**
 * The same predicates as one jq program over `zcat` of every file (one process each, as a shell pipeline runs them);
 * coverage as the pass keeps it: per account and region, the earliest and latest event of each bucket as wide as the
 * gap, so every longer silence lies between two occupied buckets.
 */
const JQ_PROGRAM = `
# What each record is, worked out apart from the state: jq 1.6 copies the state on every update while an alternative (//) is pending.
def facts:
  . as $r | ($r.userIdentity.type) as $type | ($r.requestParameters // {}) as $p | ($r.errorCode == null) as $ok | ($r.eventTime | fromdateiso8601) as $t
  | {id: $r.eventID,
     login: ($r.eventName == "ConsoleLogin" and $r.eventSource == "signin.amazonaws.com" and $type == "IAMUser" and $r.responseElements.ConsoleLogin == "Success"),
     noMfa: ($r.additionalEventData.MFAUsed == "No"),
     root: ($type == "Root" and $r.userIdentity.invokedBy == null and $r.eventType != "AwsServiceEvent"),
     tampering: ($ok and ((($r.eventSource == "cloudtrail.amazonaws.com") and ($r.eventName == "StopLogging" or $r.eventName == "DeleteTrail"))
       or ($r.eventSource == "ec2.amazonaws.com" and $r.eventName == "DeleteFlowLogs")
       or ($r.eventSource == "guardduty.amazonaws.com" and $r.eventName == "DeleteDetector")
       or ($r.eventSource == "config.amazonaws.com" and ($r.eventName | IN("StopConfigurationRecorder", "DeleteConfigurationRecorder", "DeleteDeliveryChannel")))
       or ($r.eventSource == "cloudtrail.amazonaws.com" and $r.eventName == "UpdateTrail" and ([$p.isMultiRegionTrail, $p.includeGlobalServiceEvents, $p.enableLogFileValidation, $p.isOrganizationTrail] | index(false) != null))
       or ($r.eventSource == "cloudtrail.amazonaws.com" and $r.eventName == "PutEventSelectors" and ([$p.eventSelectors[]? | (.readWriteType // "All") != "All" or .includeManagementEvents == false] | any)))),
     admin: ($ok and $r.eventSource == "iam.amazonaws.com" and (
       (($r.eventName | IN("AttachUserPolicy", "AttachGroupPolicy", "AttachRolePolicy")) and (($p.policyArn // "") | test("^arn:[^:]+:iam::aws:policy/AdministratorAccess$")))
       or (($r.eventName | IN("PutUserPolicy", "PutGroupPolicy", "PutRolePolicy")) and (($p.policyDocument // "") | test("\\"Action\\":(\\\\[\\"\\\\*\\"\\\\]|\\"\\\\*\\")") and test("\\"Resource\\":(\\\\[\\"\\\\*\\"\\\\]|\\"\\\\*\\")")))
       or ($r.eventName == "CreateAccessKey" and $type == "Root" and $p.userName == null))),
     kms: ($ok and $r.eventSource == "kms.amazonaws.com" and ($r.eventName == "ScheduleKeyDeletion" or $r.eventName == "DisableKey")),
     t: $t,
     bucket: (if $t >= $from and $t <= $to then "v" + ($r.recipientAccountId // $r.userIdentity.accountId // "unknown") + "/" + $r.awsRegion + " " + (($t / $gap) | floor | tostring) else null end)};
reduce (inputs | .Records[] | facts) as $f ({};
  .["i" + $f.id] = true
  | if $f.login then .["l" + $f.id] = true else . end
  | if $f.login and $f.noMfa then .["c" + $f.id] = true else . end
  | if $f.root then .["r" + $f.id] = true else . end
  | if $f.tampering then .["t" + $f.id] = true else . end
  | if $f.admin then .["a" + $f.id] = true else . end
  | if $f.kms then .["k" + $f.id] = true else . end
  | if $f.bucket == null then . else .[$f.bucket] as $span | .[$f.bucket] = (if $span == null then [$f.t, $f.t] else [([$span[0], $f.t] | min), ([$span[1], $f.t] | max)] end) end
)
| to_entries as $all
| def count(prefix): [$all[] | select(.key | startswith(prefix))] | length;
  {console: count("c"), root: count("r"), tampering: count("t"), admin: count("a"), kms: count("k"), consoleLogins: count("l"), records: count("i"),
   coverageGaps: ([[$all[] | select(.key | startswith("v")) | (.key[1:] | split(" ")) as [$scope, $bucket] | {scope: $scope, bucket: ($bucket | tonumber), span: .value}]
     | group_by(.scope)[] | [[$from, $from]] + (sort_by(.bucket) | map(.span)) + [[$to, $to]]
     | [range(1; length) as $i | .[$i][0] - .[$i - 1][1] | select(. > $gap)] | length] | add // 0)}`;

/** Whether `jq` is on the PATH: its peer runs only where it is. */
export function hasJq(): boolean {
  return (process.env.PATH ?? '').split(path.delimiter).some((dir) => {
    try {
      return readdirSync(dir).includes('jq');
    } catch {
      return false;
    }
  });
}

export function jqCounts(files: readonly string[]): PeerCounts {
  const script = `zcat -- "$@" | jq -n -c --argjson from ${WINDOW_START_S} --argjson to ${AS_OF_S} --argjson gap ${MAX_GAP_S} "$JQ_PROGRAM"`;
  const child = spawnSync('sh', ['-c', script, 'sh', ...files], { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024, env: { ...process.env, JQ_PROGRAM } });
  if (child.status !== 0) throw new Error(`zcat | jq failed (exit ${String(child.status)}): ${child.stderr.slice(0, 500)}`);
  return countsOf(JSON.parse(child.stdout));
}

function countsOf(row: Record<string, unknown>): PeerCounts {
  const count = (name: keyof PeerCounts): number => Number(row[name]);
  return {
    console: count('console'),
    root: count('root'),
    tampering: count('tampering'),
    admin: count('admin'),
    kms: count('kms'),
    consoleLogins: count('consoleLogins'),
    coverageGaps: count('coverageGaps'),
    records: count('records'),
  };
}
