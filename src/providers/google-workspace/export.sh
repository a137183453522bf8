#!/usr/bin/env bash
# Exports what controlproof's google-workspace/users source reads, from one Google Workspace customer.
#
#   GOOGLE_ACCESS_TOKEN=... src/providers/google-workspace/export.sh --out DIR [--customer ID]
#
#   --out DIR       folder to write into (created if absent)
#   --customer ID   the customer whose users to list (default my_customer: the token's own)
#
# Needs curl and an OAuth access token in GOOGLE_ACCESS_TOKEN (sent as "Authorization: Bearer <token>" from a header
# file, never on the command line) with the scope https://www.googleapis.com/auth/admin.directory.user.readonly, of
# an administrator who may read users (e.g. gcloud auth print-access-token for such an admin). Only GET requests.
# With GAM instead: gam print users allfields > users.csv (read by google-workspace/gam-users).
#
# Layout (point a google-workspace/users source at DIR/users/*.json and DIR/deleted/*.json):
#
#   DIR/users/page-NNNN.json    GET admin/directory/v1/users?customer=...&maxResults=500, one page per file, unchanged
#   DIR/deleted/page-NNNN.json  the same with showDeleted=true: users deleted in the last 20 days, with deletionTime
#
# Pages follow each answer's nextPageToken. Any answer but 200 (a bad token, a missing scope, a rate limit) stops
# the export with the status: a silently partial export would pass checks.
set -euo pipefail

usage() {
  sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//'
}

die() {
  printf 'export-google-workspace: %s\n' "$1" >&2
  printf 'Run src/providers/google-workspace/export.sh --help for usage.\n' >&2
  exit 2
}

out=''
customer=my_customer
while [ $# -gt 0 ]; do
  case $1 in
    --out) out=${2:-}; shift 2 || die '--out needs a folder' ;;
    --customer) customer=${2:-}; shift 2 || die '--customer needs an id' ;;
    -h | --help) usage; exit 0 ;;
    *) die "unknown argument \"$1\"" ;;
  esac
done

[ -n "$out" ] || die '--out DIR is required'
[[ $customer =~ ^[A-Za-z0-9_]+$ ]] || die "--customer must be a customer id like C01x2y3z4 or my_customer, found \"$customer\""
[ -n "${GOOGLE_ACCESS_TOKEN:-}" ] || die 'GOOGLE_ACCESS_TOKEN is not set: get one for an administrator with the admin.directory.user.readonly scope'

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
umask 077
printf 'Authorization: Bearer %s\n' "$GOOGLE_ACCESS_TOKEN" > "$work/auth"

# encode TEXT: TEXT percent-encoded for a query string.
encode() {
  local text=$1 index char encoded=''
  for ((index = 0; index < ${#text}; index++)); do
    char=${text:index:1}
    case $char in
      [A-Za-z0-9._~-]) encoded+=$char ;;
      *) encoded+=$(printf '%%%02X' "'$char") ;;
    esac
  done
  printf '%s' "$encoded"
}

# get URL FILE: the body of a 200 answer into FILE; prints the page's nextPageToken (empty on the last page).
get() {
  local status
  status=$(curl --silent --show-error --globoff -H @"$work/auth" -H 'Accept: application/json' -o "$2" -w '%{http_code}' "$1") ||
    die "curl failed for $1"
  [ "$status" = 200 ] || die "GET $1 answered HTTP $status: $(head -c 300 "$2" 2>/dev/null)"
  tr -d '\n' < "$2" | grep -oE '"nextPageToken" *: *"[^"]*"' | sed -E 's/.*"([^"]*)"$/\1/' | head -n 1 || true
}

# pages URL FOLDER: every page of a listing into FOLDER/page-NNNN.json; sets pages_written. (Not run in $(...):
# there bash drops set -e, and a failed page would pass as the last one.)
pages_written=0
pages() {
  local base=$1 token='' url
  pages_written=0
  mkdir -p "$2"
  while :; do
    pages_written=$((pages_written + 1))
    url=$base
    [ -z "$token" ] || url="$base&pageToken=$(encode "$token")"
    token=$(get "$url" "$2/$(printf 'page-%04d.json' "$pages_written")")
    [ -n "$token" ] || break
  done
}

api="https://admin.googleapis.com/admin/directory/v1/users?customer=$customer&maxResults=500&projection=basic"
mkdir -p "$out"
pages "$api" "$out/users"
present=$pages_written
pages "$api&showDeleted=true" "$out/deleted"
deleted=$pages_written
printf 'export-google-workspace: wrote %s page(s) of users and %s of deleted users into %s\n' "$present" "$deleted" "$out" >&2
