#!/usr/bin/env bash
# Exports what controlproof's Entra sources read, from the Microsoft Entra ID tenant `az` is signed in to.
#
#   src/providers/entra/export.sh --out DIR [--days N]
#
#   --out DIR   folder to write into (created if absent)
#   --days N    days of sign-in logs to export, up to now (default 7; Entra keeps 30)
#
# Needs the Azure CLI, signed in (az login) as someone who may read users, directory roles and audit logs
# (User.Read.All, RoleManagement.Read.Directory, AuditLog.Read.All; a Global Reader or Reports Reader is enough).
# Only GET requests, through `az rest`: the CLI holds the token, it never appears on a command line.
#
# Layout (point an entra/users source at DIR/users/*.json, DIR/registration-details/*.json and
# DIR/directory-roles/*.json, an entra/sign-ins source at DIR/sign-ins/*.json):
#
#   DIR/users/page-NNNN.json                 GET /v1.0/users?$select=...,accountEnabled,signInActivity
#   DIR/registration-details/page-NNNN.json  GET /v1.0/reports/authenticationMethods/userRegistrationDetails
#   DIR/directory-roles/page-NNNN.json       GET /v1.0/directoryRoles?$expand=members
#   DIR/sign-ins/page-NNNN.json              GET /v1.0/auditLogs/signIns?$filter=createdDateTime ge ... and le ...
#
# Each page is saved as Graph answers it; the next page is its @odata.nextLink. A failed call stops the export with
# what az said: a silently partial export would pass checks.
set -euo pipefail

usage() {
  sed -n '2,8p' "$0" | sed 's/^# \{0,1\}//'
}

die() {
  printf 'export-entra: %s\n' "$1" >&2
  printf 'Run src/providers/entra/export.sh --help for usage.\n' >&2
  exit 2
}

out=''
days=7
while [ $# -gt 0 ]; do
  case $1 in
    --out) out=${2:-}; shift 2 || die '--out needs a folder' ;;
    --days) days=${2:-}; shift 2 || die '--days needs a number' ;;
    -h | --help) usage; exit 0 ;;
    *) die "unknown argument \"$1\"" ;;
  esac
done

[ -n "$out" ] || die '--out DIR is required'
case $days in '' | *[!0-9]*) die "--days must be a whole number of days, found \"$days\"" ;; esac
[ "$days" -ge 1 ] && [ "$days" -le 30 ] || die "--days must be between 1 and 30 (Entra keeps 30 days of sign-in logs), found $days"
command -v az > /dev/null || die 'the Azure CLI (az) is not installed'

graph=https://graph.microsoft.com/v1.0
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# next FILE: the page's @odata.nextLink (empty on the last page). Graph writes it as a plain JSON string; one with
# escapes is refused rather than followed wrongly.
next() {
  local link
  link=$(grep -oE '"@odata\.nextLink" *: *"[^"]*"' "$1" | head -n 1 | sed -E 's/^"@odata\.nextLink" *: *"(.*)"$/\1/') || true
  case $link in *'\'*) die "cannot follow the @odata.nextLink of $1: it holds escapes" ;; esac
  printf '%s' "$link"
}

# pages URL FOLDER: every page of a listing into FOLDER/page-NNNN.json.
pages() {
  local url=$1 page=1 file
  mkdir -p "$2"
  while [ -n "$url" ]; do
    file="$2/$(printf 'page-%04d.json' "$page")"
    az rest --method GET --url "$url" --output json > "$file" 2> "$work/stderr" ||
      die "GET $url failed: $(head -c 300 "$work/stderr")"
    [ -s "$file" ] || die "GET $url answered nothing"
    url=$(next "$file")
    page=$((page + 1))
  done
}

instant() { date -u -d "@$1" +%Y-%m-%dT%H:%M:%SZ 2>/dev/null || date -u -r "$1" +%Y-%m-%dT%H:%M:%SZ; }

mkdir -p "$out"
pages "$graph/users?\$select=id,userPrincipalName,displayName,mail,otherMails,accountEnabled,userType,createdDateTime,employeeId,signInActivity" "$out/users"
pages "$graph/reports/authenticationMethods/userRegistrationDetails" "$out/registration-details"
pages "$graph/directoryRoles?\$expand=members" "$out/directory-roles"
# A bounded window, so its pages end and a rerun exports the same events.
now=$(date -u +%s)
pages "$graph/auditLogs/signIns?\$filter=createdDateTime%20ge%20$(instant $((now - days * 86400)))%20and%20createdDateTime%20le%20$(instant "$now")" "$out/sign-ins"
printf 'export-entra: wrote %s user pages and %s sign-in pages into %s\n' "$(find "$out/users" -name 'page-*.json' | wc -l | tr -d ' ')" "$(find "$out/sign-ins" -name 'page-*.json' | wc -l | tr -d ' ')" "$out" >&2
