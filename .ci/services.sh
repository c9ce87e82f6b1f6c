#!/usr/bin/env bash
# Services the test suite needs (as root, Debian): PostgreSQL for the demo's pg scenario, Chromium for the browser
# tests. Idempotent and fast when everything is already there. Called by .ci/run before `npm test`.
#   PostgreSQL: a cluster listening on 127.0.0.1 only, role "unproxy" (password "unproxy"), database "unproxy_demo";
#               the demo and tests find it at postgres://unproxy:unproxy@127.0.0.1:<port>/unproxy_demo
#               (UNPROXY_DEMO_PG overrides; see examples/README.md).
#   Chromium:   /usr/bin/chromium (Debian's package), driven by playwright-core in test/browser.
set -euo pipefail

ROLE=unproxy
PASSWORD=unproxy
DATABASE=unproxy_demo

if [ "$(id -u)" != 0 ]; then
  echo "services: must run as root (apt-get, pg_ctlcluster)" >&2
  exit 1
fi

missing=()
command -v pg_ctlcluster >/dev/null 2>&1 || missing+=(postgresql)
[ -x /usr/bin/chromium ] || missing+=(chromium)
if [ ${#missing[@]} -gt 0 ]; then
  echo "services: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# The newest installed PostgreSQL major version; its "main" cluster (created if the package did not create one).
version=$(ls /usr/lib/postgresql | sort -n | tail -1)
if ! pg_lsclusters -h | awk -v v="$version" '$1 == v && $2 == "main"' | grep -q .; then
  pg_createcluster "$version" main >/dev/null
fi
conf=/etc/postgresql/$version/main/conf.d/unproxy.conf
if [ ! -f "$conf" ] || ! grep -qx "listen_addresses = '127.0.0.1'" "$conf"; then
  echo "listen_addresses = '127.0.0.1'" > "$conf"
  pg_ctlcluster "$version" main stop >/dev/null 2>&1 || true
fi
status=$(pg_lsclusters -h | awk -v v="$version" '$1 == v && $2 == "main" { print $4 }')
if [ "$status" != online ]; then
  pg_ctlcluster "$version" main start
fi
port=$(pg_lsclusters -h | awk -v v="$version" '$1 == v && $2 == "main" { print $3 }')
for _ in $(seq 1 50); do
  pg_isready -q -h 127.0.0.1 -p "$port" && break
  sleep 0.2
done
pg_isready -q -h 127.0.0.1 -p "$port" || { echo "services: PostgreSQL did not start on 127.0.0.1:$port" >&2; exit 1; }

psql_admin() { su postgres -c "psql -p $port -v ON_ERROR_STOP=1 -qtA $*"; }
if [ "$(psql_admin "-c \"SELECT 1 FROM pg_roles WHERE rolname = '$ROLE'\"")" != 1 ]; then
  psql_admin "-c \"CREATE ROLE $ROLE LOGIN PASSWORD '$PASSWORD'\""
fi
if [ "$(psql_admin "-c \"SELECT 1 FROM pg_database WHERE datname = '$DATABASE'\"")" != 1 ]; then
  psql_admin "-c \"CREATE DATABASE $DATABASE OWNER $ROLE\""
fi

if [ "$port" != 5432 ]; then
  echo "services: note: the cluster listens on port $port, not 5432; export" \
    "UNPROXY_DEMO_PG=postgres://$ROLE:$PASSWORD@127.0.0.1:$port/$DATABASE for the demo and tests"
fi
echo "services: PostgreSQL $version on 127.0.0.1:$port (postgres://$ROLE:$PASSWORD@127.0.0.1:$port/$DATABASE)," \
  "Chromium $(/usr/bin/chromium --version 2>/dev/null | awk '{ print $2 }')"
