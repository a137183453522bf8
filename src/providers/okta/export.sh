#!/usr/bin/env bash
# Exports what controlproof's Okta sources read, from one Okta org.
#
#   OKTA_API_TOKEN=... src/providers/okta/export.sh --org https://example.okta.com --out DIR [--days N] [--skip-roles] [--skip-api-tokens]
#
#   --org URL           the org's base URL (default: $OKTA_ORG_URL)
#   --out DIR           folder to write into (created if absent)
#   --days N            days of System Log to export, up to now (default 7; Okta keeps 90)
#   --skip-roles        leave out every user's admin roles (one call per user)
#   --skip-api-tokens   leave out the API token metadata (for a token whose administrator may not list tokens)
#
# Needs curl and an API token in OKTA_API_TOKEN (sent as "Authorization: SSWS <token>", never on the command line),
# of an administrator that may read users, factors, roles, API tokens and the System Log. Only GET requests.
#
# Layout (point an okta/users source at DIR/users/*.json, DIR/deprovisioned/*.json, DIR/factors/*.json and
# DIR/roles/*.json, an okta/factors source at DIR/factors/*.json, an okta/admin-roles source at DIR/roles/*.json, an
# okta/api-tokens source at DIR/api-tokens/*.json, an okta/system-log source at DIR/system-log/*.json):
#
#   DIR/users/page-NNNN.json          GET /api/v1/users?limit=200, one page per file, as Okta returns it
#   DIR/deprovisioned/page-NNNN.json  GET /api/v1/users?filter=status eq "DEPROVISIONED": the default listing omits them
#   DIR/factors/<userId>.json         GET /api/v1/users/<userId>/factors, for every user of both listings
#   DIR/roles/<userId>.json           GET /api/v1/users/<userId>/roles, for every user of both listings ([]: no admin role)
#   DIR/api-tokens/page-NNNN.json     GET /api/v1/api-tokens: the active tokens' metadata, never their secrets
#   DIR/system-log/page-NNNN.json     GET /api/v1/logs?since=...&until=... (bounded, so its pages end)
#
# Pages follow the Link header's rel="next" URL. Any answer but 200 (a bad token, a rate limit) stops the export with
# the status: a silently partial export would pass checks.
set -euo pipefail

usage() {
  sed -n '2,14p' "$0" | sed 's/^# \{0,1\}//'
}

die() {
  printf 'export-okta: %s\n' "$1" >&2
  printf 'Run src/providers/okta/export.sh --help for usage.\n' >&2
  exit 2
}

org=${OKTA_ORG_URL:-}
out=''
days=7
roles=yes
api_tokens=yes
while [ $# -gt 0 ]; do
  case $1 in
    --org) org=${2:-}; shift 2 || die '--org needs a URL' ;;
    --out) out=${2:-}; shift 2 || die '--out needs a folder' ;;
    --days) days=${2:-}; shift 2 || die '--days needs a number' ;;
    --skip-roles) roles=no; shift ;;
    --skip-api-tokens) api_tokens=no; shift ;;
    -h | --help) usage; exit 0 ;;
    *) die "unknown argument \"$1\"" ;;
  esac
done

[ -n "$out" ] || die '--out DIR is required'
[ -n "$org" ] || die '--org URL (or OKTA_ORG_URL) is required, e.g. --org https://example.okta.com'
[[ $org =~ ^https://[A-Za-z0-9.-]+(:[0-9]+)?$ ]] || die "--org must be an https URL without a path, like https://example.okta.com, found \"$org\""
case $days in '' | *[!0-9]*) die "--days must be a whole number of days, found \"$days\"" ;; esac
[ "$days" -ge 1 ] && [ "$days" -le 90 ] || die "--days must be between 1 and 90 (Okta keeps 90 days of System Log), found $days"
[ -n "${OKTA_API_TOKEN:-}" ] || die 'OKTA_API_TOKEN is not set: create an API token in the Okta admin console (Security > API > Tokens)'

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
umask 077
printf 'Authorization: SSWS %s\n' "$OKTA_API_TOKEN" > "$work/auth"

# get URL FILE: the body of a 200 answer into FILE; prints the next page's URL (empty on the last page).
get() {
  local status
  status=$(curl --silent --show-error --globoff -H @"$work/auth" -H 'Accept: application/json' -D "$work/headers" -o "$2" -w '%{http_code}' "$1") ||
    die "curl failed for $1"
  [ "$status" = 200 ] || die "GET $1 answered HTTP $status: $(head -c 300 "$2" 2>/dev/null)"
  tr -d '\r' < "$work/headers" | grep -i '^link:' | grep 'rel="next"' | sed -E 's/^[^<]*<([^>]*)>.*$/\1/' | head -n 1 || true
}

# pages URL FOLDER: every page of a listing into FOLDER/page-NNNN.json.
pages() {
  local url=$1 page=1
  mkdir -p "$2"
  while [ -n "$url" ]; do
    url=$(get "$url" "$2/$(printf 'page-%04d.json' "$page")")
    page=$((page + 1))
  done
}

mkdir -p "$out"
pages "$org/api/v1/users?limit=200" "$out/users"
pages "$org/api/v1/users?limit=200&filter=status%20eq%20%22DEPROVISIONED%22" "$out/deprovisioned"
mkdir -p "$out/factors"
cat "$out"/users/page-*.json "$out"/deprovisioned/page-*.json | grep -oE '"id" *: *"00u[0-9A-Za-z]+"' | sed -E 's/.*"(00u[0-9A-Za-z]+)"$/\1/' | sort -u > "$work/user-ids" || true
while read -r user; do
  [ -n "$user" ] && get "$org/api/v1/users/$user/factors" "$out/factors/$user.json" > /dev/null
done < "$work/user-ids"
if [ "$roles" = yes ]; then
  mkdir -p "$out/roles"
  while read -r user; do
    [ -n "$user" ] && get "$org/api/v1/users/$user/roles" "$out/roles/$user.json" > /dev/null
  done < "$work/user-ids"
fi
[ "$api_tokens" = no ] || pages "$org/api/v1/api-tokens" "$out/api-tokens"
# A bounded query (until set): Okta ends its pages; without until it would poll forever.
now=$(date -u +%s)
instant() { date -u -d "@$1" +%Y-%m-%dT%H:%M:%SZ 2>/dev/null || date -u -r "$1" +%Y-%m-%dT%H:%M:%SZ; }
pages "$org/api/v1/logs?since=$(instant $((now - days * 86400)))&until=$(instant "$now")&limit=1000" "$out/system-log"
printf 'export-okta: wrote %s users and their factors into %s\n' "$(wc -l < "$work/user-ids" | tr -d ' ')" "$out" >&2
