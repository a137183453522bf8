#!/usr/bin/env bash
# Exports what controlproof's GitHub sources read, from one organisation.
#
#   src/providers/github/export.sh --org ORG --out DIR [--skip-credentials] [--skip-audit-log] [--audit-log-since DATE]
#
#   --org ORG                the organisation's login (default: $GITHUB_ORG)
#   --out DIR                folder to write into (created if absent)
#   --skip-credentials       leave out the SAML SSO credential authorizations (organisations without Enterprise Cloud SSO)
#   --skip-audit-log         leave out the audit log (organisations without GitHub Enterprise Cloud)
#   --audit-log-since DATE   audit log events from DATE (YYYY-MM-DD) on; default the API's last three months
#
# Needs gh 2.48 or later (for --slurp), signed in (gh auth login, or GH_TOKEN) as an owner of the organisation: the
# 2fa_disabled filters, the credential authorizations and the audit log are for owners only. Only GET requests.
#
# Layout (point a github/members source at DIR/members*/*.json, a
# github/outside-collaborators source at DIR/outside-collaborators*/*.json, a github/credential-authorizations source
# at DIR/credential-authorizations/*.json, a github/audit-log source at DIR/audit-log/*.json); each file holds every page of its listing, as `gh api --paginate --slurp`
# writes them (an array of pages):
#
#   DIR/members/members.json                                        GET /orgs/ORG/members
#   DIR/members-2fa-disabled/members.json                           GET /orgs/ORG/members?filter=2fa_disabled
#   DIR/members-role-admin/members.json                             GET /orgs/ORG/members?role=admin (the owners)
#   DIR/outside-collaborators/outside-collaborators.json            GET /orgs/ORG/outside_collaborators
#   DIR/outside-collaborators-2fa-disabled/outside-collaborators.json  the same with filter=2fa_disabled
#   DIR/credential-authorizations/credential-authorizations.json    GET /orgs/ORG/credential-authorizations
#   DIR/audit-log/audit-log.json                                    GET /orgs/ORG/audit-log?include=all (web and git events)
#
# Any failed call (no rights, no SSO, a rate limit) stops the export with gh's message: a silently partial export
# would pass checks. Each file is written whole or not at all.
set -euo pipefail

usage() {
  sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//'
}

die() {
  printf 'export-github: %s\n' "$1" >&2
  printf 'Run src/providers/github/export.sh --help for usage.\n' >&2
  exit 2
}

org=${GITHUB_ORG:-}
out=''
credentials=yes
audit_log=yes
audit_log_since=''
while [ $# -gt 0 ]; do
  case $1 in
    --org) org=${2:-}; shift 2 || die '--org needs an organisation login' ;;
    --out) out=${2:-}; shift 2 || die '--out needs a folder' ;;
    --skip-credentials) credentials=no; shift ;;
    --skip-audit-log) audit_log=no; shift ;;
    --audit-log-since) audit_log_since=${2:-}; shift 2 || die '--audit-log-since needs a date (YYYY-MM-DD)' ;;
    -h | --help) usage; exit 0 ;;
    *) die "unknown argument \"$1\"" ;;
  esac
done

[ -n "$out" ] || die '--out DIR is required'
[ -n "$org" ] || die '--org ORG (or GITHUB_ORG) is required, e.g. --org example-org'
[[ $org =~ ^[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?$ ]] || die "--org must be an organisation login (letters, digits and inner hyphens), found \"$org\""
[ -z "$audit_log_since" ] || [[ $audit_log_since =~ ^[0-9]{4}-[0-9]{2}-[0-9]{2}$ ]] || die "--audit-log-since must be a date like 2026-05-01, found \"$audit_log_since\""
command -v gh > /dev/null || die 'gh is not installed: see https://cli.github.com'

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# listing ENDPOINT FILE [GH-ARGS...]: every page of a REST listing into FILE, whole or not at all.
listing() {
  local endpoint=$1 file=$2
  shift 2
  mkdir -p "$(dirname "$file")"
  if ! gh api --method GET --paginate --slurp -H 'Accept: application/vnd.github+json' -H 'X-GitHub-Api-Version: 2022-11-28' "$@" "$endpoint" > "$work/body" 2> "$work/error"; then
    die "gh api $endpoint failed: $(head -c 300 "$work/error") (needs gh 2.48 or later, signed in as an owner of $org)"
  fi
  mv "$work/body" "$file"
}

mkdir -p "$out"
listing "/orgs/$org/members?per_page=100" "$out/members/members.json"
listing "/orgs/$org/members?filter=2fa_disabled&per_page=100" "$out/members-2fa-disabled/members.json"
listing "/orgs/$org/members?role=admin&per_page=100" "$out/members-role-admin/members.json"
listing "/orgs/$org/outside_collaborators?per_page=100" "$out/outside-collaborators/outside-collaborators.json"
listing "/orgs/$org/outside_collaborators?filter=2fa_disabled&per_page=100" "$out/outside-collaborators-2fa-disabled/outside-collaborators.json"
if [ "$credentials" = yes ]; then
  listing "/orgs/$org/credential-authorizations?per_page=100" "$out/credential-authorizations/credential-authorizations.json"
fi
if [ "$audit_log" = yes ]; then
  # Without a created: qualifier the API returns the last three months only; the UI keeps 180 days.
  since=()
  [ -z "$audit_log_since" ] || since=(-f "phrase=created:>=$audit_log_since")
  listing "/orgs/$org/audit-log?include=all&per_page=100" "$out/audit-log/audit-log.json" ${since[@]+"${since[@]}"}
fi
printf 'export-github: wrote the listings of %s into %s\n' "$org" "$out" >&2
