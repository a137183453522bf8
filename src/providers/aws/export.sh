#!/usr/bin/env bash
# Exports what controlproof's AWS sources read, for one account and a list of regions.
#
#   src/providers/aws/export.sh --out DIR --regions eu-west-1,us-east-1 [--profile NAME] [--days N]
#
#   --out DIR        folder to write into; the export goes to DIR/<account-id>/
#   --regions LIST   comma-separated regions to export the regional services of
#   --profile NAME   AWS CLI profile to use (default: the CLI's own default credentials)
#   --days N         days of CloudTrail event history to export with lookup-events (default 7, at most 90)
#
# Needs the AWS CLI (v1 or v2) and read-only credentials, e.g. the AWS managed policy SecurityAudit.
# Every call asks for `--output json`; nothing is written to the account.
#
# Layout (one folder per account; point a catalog source of the named type at the files):
#
#   DIR/<account>/global/iam-credential-report.json      aws/iam-credential-report: get-credential-report output
#   DIR/<account>/global/iam-authorization-details.json  aws/iam-authorization-details
#   DIR/<account>/global/iam-password-policy.json        aws/iam-password-policy: get-account-password-policy output,
#                                                        or, when the account has none, the CLI's NoSuchEntity error text
#   DIR/<account>/global/s3-buckets.json                 aws/s3-buckets: {"AccountId", "AccountPublicAccessBlock",
#                                                        "BucketPublicAccessBlock": {"<bucket>": ...}}
#   DIR/<account>/<region>/cloudtrail-trails.json        aws/cloudtrail-trails: {"DescribeTrails", "GetTrailStatus":
#                                                        {"<TrailARN>": ...}, "GetEventSelectors": {"<TrailARN>": ...}}
#   DIR/<account>/<region>/cloudtrail-lookup-events.json aws/cloudtrail-logs: lookup-events for the last N days
#   DIR/<account>/<region>/cloudtrail-public-keys.json   aws/cloudtrail-public-keys: list-public-keys valid in the last N
#                                                        days (to verify digest signatures; the log and digest files
#                                                        themselves: aws s3 sync s3://<trail bucket>/AWSLogs/ DIR/AWSLogs/)
#   DIR/<account>/<region>/kms-keys.json                 aws/kms-keys: {"DescribeKey": {"<KeyId>": ...},
#                                                        "GetKeyRotationStatus": {"<KeyId>": ...}}
#   DIR/<account>/<region>/ec2-security-groups.json      aws/ec2-security-groups: describe-security-groups output
#   DIR/<account>/<region>/guardduty-detectors.json      aws/guardduty-detectors: {"GetDetector": {"<DetectorId>": ...}}
#   DIR/<account>/<region>/config-recorders.json         aws/config-recorders: {"DescribeConfigurationRecorders",
#                                                        "DescribeConfigurationRecorderStatus"}
#   DIR/<account>/<region>/backup-restore-jobs.json      aws/backup-restore-jobs: list-restore-jobs output
#
# Where a resource needs several calls, the file is one JSON object whose keys name the API operations and whose
# values are the CLI's output of each call, unchanged (maps keyed by resource id for per-resource calls). A call that
# answers "not configured" (no public access block; rotation not supported for the key type) is stored as null.
# Any other failed call (access denied, throttling) stops the export: a silently partial export would pass checks.
set -euo pipefail

usage() {
  sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//'
}

die() {
  printf 'export-aws: %s\n' "$1" >&2
  printf 'Run %s --help for usage.\n' "$0" >&2
  exit 2
}

out=''
regions=''
profile=''
days=7
while [ $# -gt 0 ]; do
  case $1 in
    --out) out=${2:-}; shift 2 || die '--out needs a folder' ;;
    --regions) regions=${2:-}; shift 2 || die '--regions needs a comma-separated list' ;;
    --profile) profile=${2:-}; shift 2 || die '--profile needs a name' ;;
    --days) days=${2:-}; shift 2 || die '--days needs a number' ;;
    -h | --help) usage; exit 0 ;;
    *) die "unknown argument \"$1\"" ;;
  esac
done

[ -n "$out" ] || die '--out DIR is required'
[ -n "$regions" ] || die '--regions is required, e.g. --regions eu-west-1,us-east-1'
case $days in '' | *[!0-9]*) die "--days must be a whole number of days, found \"$days\"" ;; esac
[ "$days" -ge 1 ] && [ "$days" -le 90 ] || die "--days must be between 1 and 90 (CloudTrail event history keeps 90 days), found $days"
IFS=',' read -r -a region_list <<< "$regions"
for region in "${region_list[@]}"; do
  [[ $region =~ ^[a-z]{2}(-[a-z]+)+-[0-9]+$ ]] || die "\"$region\" is not a region name like eu-west-1"
done

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

aws_json() {
  aws ${profile:+--profile "$profile"} --output json "$@"
}

aws_text() {
  aws ${profile:+--profile "$profile"} --output text "$@"
}

# Prints the call's JSON output, or null when it fails with one of the error codes (a `|`-separated list) that
# mean "not configured"; any other failure is passed on.
json_or_null() {
  local codes=$1 output
  shift
  if output=$(aws_json "$@" 2> "$work/stderr"); then
    printf '%s' "$output"
  elif grep -Eq "\\(($codes)\\)" "$work/stderr"; then
    printf 'null'
  else
    cat "$work/stderr" >&2
    return 1
  fi
}

# Writes stdin to FILE through a temporary file, so an interrupted export leaves no half-written file behind.
save() {
  cat > "$1.part"
  mv "$1.part" "$1"
}

# Runs an AWS CLI call into FILE; the file appears only when the call succeeded.
save_json() {
  local file=$1 status
  shift
  if aws_json "$@" > "$file.part"; then
    mv "$file.part" "$file"
  else
    status=$?
    rm -f "$file.part"
    return "$status"
  fi
}

log() {
  printf 'export-aws: %s\n' "$1" >&2
}

account=$(aws_text sts get-caller-identity --query Account)
[[ $account =~ ^[0-9]{12}$ ]] || die "expected a 12-digit account id from sts get-caller-identity, found \"$account\""
root="$out/$account"
mkdir -p "$root/global"
log "exporting account $account to $root"

export_credential_report() {
  local state='' attempt
  for attempt in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20; do
    state=$(aws_text iam generate-credential-report --query State)
    [ "$state" = COMPLETE ] && break
    sleep 3
  done
  [ "$state" = COMPLETE ] || { log "the credential report is still $state after $attempt tries"; return 1; }
  save_json "$root/global/iam-credential-report.json" iam get-credential-report
}

export_password_policy() {
  local policy
  if policy=$(aws_json iam get-account-password-policy 2> "$work/stderr"); then
    printf '%s\n' "$policy" | save "$root/global/iam-password-policy.json"
  elif grep -q '(NoSuchEntity)' "$work/stderr"; then
    # No policy is a state the check must see, so the error text itself is the export.
    save "$root/global/iam-password-policy.json" < "$work/stderr"
  else
    cat "$work/stderr" >&2
    return 1
  fi
}

export_s3() {
  local names account_block bucket block buckets='' sep=''
  names=$(aws_text s3api list-buckets --query 'Buckets[].Name')
  # S3 Control has no global endpoint: ask it in the first region given.
  account_block=$(json_or_null NoSuchPublicAccessBlockConfiguration s3control get-public-access-block --account-id "$account" --region "${region_list[0]}")
  for bucket in $names; do
    [ "$bucket" = None ] && continue
    block=$(json_or_null NoSuchPublicAccessBlockConfiguration s3api get-public-access-block --bucket "$bucket")
    buckets+="$sep"$'\n'"  \"$bucket\": $block"
    sep=','
  done
  printf '{"AccountId": "%s",\n"AccountPublicAccessBlock": %s,\n"BucketPublicAccessBlock": {%s\n}}\n' "$account" "$account_block" "$buckets" |
    save "$root/global/s3-buckets.json"
}

export_trails() {
  local region=$1 trails list arn home status selectors statuses='' selected='' sep=''
  trails=$(aws_json cloudtrail describe-trails --region "$region")
  list=$(aws_text cloudtrail describe-trails --region "$region" --query 'trailList[].[TrailARN,HomeRegion]')
  # describe-trails lists multi-region trails in every region; their status and selectors live in their home region.
  while read -r arn home; do
    [ -n "$arn" ] && [ "$arn" != None ] || continue
    status=$(aws_json cloudtrail get-trail-status --region "$home" --name "$arn")
    selectors=$(aws_json cloudtrail get-event-selectors --region "$home" --trail-name "$arn")
    statuses+="$sep"$'\n'"  \"$arn\": $status"
    selected+="$sep"$'\n'"  \"$arn\": $selectors"
    sep=','
  done <<< "$list"
  printf '{"DescribeTrails": %s,\n"GetTrailStatus": {%s\n},\n"GetEventSelectors": {%s\n}}\n' "$trails" "$statuses" "$selected" |
    save "$root/$region/cloudtrail-trails.json"
}

export_lookup_events() {
  local region=$1 end start
  end=$(date -u +%s)
  start=$((end - days * 86400))
  save_json "$root/$region/cloudtrail-lookup-events.json" \
    cloudtrail lookup-events --region "$region" --start-time "$start" --end-time "$end"
}

export_public_keys() {
  local region=$1 end start
  end=$(date -u +%s)
  start=$((end - days * 86400))
  save_json "$root/$region/cloudtrail-public-keys.json" \
    cloudtrail list-public-keys --region "$region" --start-time "$start" --end-time "$end"
}

export_kms() {
  local region=$1 ids id key rotation keys='' rotations='' sep=''
  ids=$(aws_text kms list-keys --region "$region" --query 'Keys[].KeyId')
  for id in $ids; do
    [ "$id" = None ] && continue
    key=$(aws_json kms describe-key --region "$region" --key-id "$id")
    # Asymmetric, HMAC, imported and custom-key-store keys cannot rotate; disabled keys cannot answer.
    rotation=$(json_or_null 'UnsupportedOperationException|KMSInvalidStateException' kms get-key-rotation-status --region "$region" --key-id "$id")
    keys+="$sep"$'\n'"  \"$id\": $key"
    rotations+="$sep"$'\n'"  \"$id\": $rotation"
    sep=','
  done
  printf '{"DescribeKey": {%s\n},\n"GetKeyRotationStatus": {%s\n}}\n' "$keys" "$rotations" | save "$root/$region/kms-keys.json"
}

export_guardduty() {
  local region=$1 ids id detector detectors='' sep=''
  ids=$(aws_text guardduty list-detectors --region "$region" --query 'DetectorIds')
  for id in $ids; do
    [ "$id" = None ] && continue
    detector=$(aws_json guardduty get-detector --region "$region" --detector-id "$id")
    detectors+="$sep"$'\n'"  \"$id\": $detector"
    sep=','
  done
  printf '{"GetDetector": {%s\n}}\n' "$detectors" | save "$root/$region/guardduty-detectors.json"
}

export_config() {
  local region=$1 recorders statuses
  recorders=$(aws_json configservice describe-configuration-recorders --region "$region")
  statuses=$(aws_json configservice describe-configuration-recorder-status --region "$region")
  printf '{"DescribeConfigurationRecorders": %s,\n"DescribeConfigurationRecorderStatus": %s}\n' "$recorders" "$statuses" |
    save "$root/$region/config-recorders.json"
}

log 'IAM credential report'
export_credential_report
log 'IAM authorization details'
save_json "$root/global/iam-authorization-details.json" iam get-account-authorization-details
log 'IAM password policy'
export_password_policy
log 'S3 public access blocks'
export_s3

for region in "${region_list[@]}"; do
  mkdir -p "$root/$region"
  log "$region: CloudTrail trails"
  export_trails "$region"
  log "$region: CloudTrail event history, last $days days"
  export_lookup_events "$region"
  log "$region: CloudTrail public keys (digest signatures)"
  export_public_keys "$region"
  log "$region: KMS keys"
  export_kms "$region"
  log "$region: EC2 security groups"
  save_json "$root/$region/ec2-security-groups.json" ec2 describe-security-groups --region "$region"
  log "$region: GuardDuty detectors"
  export_guardduty "$region"
  log "$region: Config recorders"
  export_config "$region"
  log "$region: Backup restore jobs"
  save_json "$root/$region/backup-restore-jobs.json" backup list-restore-jobs --region "$region"
done

log "done: $root"
