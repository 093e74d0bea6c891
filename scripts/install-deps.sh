#!/usr/bin/env bash
# Installs everything MASH needs to build, test and benchmark on Debian bookworm: the Debian
# packages (apt-get) and the npm packages pinned in package-lock.json (npm ci).
#
# Idempotent and quiet when everything is already there: it asks dpkg-query about each package,
# runs `apt-get update` and `apt-get install` only for what is missing, and runs `npm ci` only when
# node_modules is missing or package-lock.json has changed since the last install (its hash is kept
# in node_modules/.mash-lock.sha256). Runs as root directly, or through sudo otherwise.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

packages=(
  # build
  build-essential cmake ninja-build ccache pkg-config clang-format
  # libraries (DESIGN.md §3)
  libsoci-dev libcpp-httplib-dev nlohmann-json3-dev libsodium-dev libicu-dev libmstch-dev
  libspdlog-dev libfmt-dev libcli11-dev libxml2-dev libssl-dev libsqlite3-dev libpq-dev
  libtomlplusplus-dev
  # tests and benchmarks
  libgtest-dev libgmock-dev libbenchmark-dev
  # real components used by the tests: sqlite3 and psql CLIs, a PostgreSQL 15 server, a browser
  sqlite3 postgresql postgresql-contrib chromium curl
)
# Node 20 and npm may already be installed from elsewhere (e.g. NodeSource); only fall back to
# Debian's packages when the commands are missing.
command -v node >/dev/null 2>&1 || packages+=(nodejs)
command -v npm >/dev/null 2>&1 || packages+=(npm)

if [[ $(id -u) -eq 0 ]]; then
  as_root=()
else
  as_root=(sudo)
fi

missing=()
for p in "${packages[@]}"; do
  status=$(dpkg-query -W -f='${db:Status-Abbrev}' "$p" 2>/dev/null || true)
  [[ $status == ii* ]] || missing+=("$p")
done

if ((${#missing[@]})); then
  echo "install-deps: installing Debian packages: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive \
    apt-get install -y -qq "${missing[@]}" >/dev/null
  echo "install-deps: Debian packages installed"
fi

# npm packages, exactly as locked.
lock_hash=$(sha256sum package-lock.json | cut -d' ' -f1)
stamp=node_modules/.mash-lock.sha256
if [[ ! -d node_modules ]] || [[ ! -f $stamp ]] || [[ $(cat "$stamp") != "$lock_hash" ]]; then
  echo "install-deps: installing npm packages from package-lock.json (npm ci)"
  npm ci --no-audit --no-fund --loglevel=error
  echo "$lock_hash" >"$stamp"
  echo "install-deps: npm packages installed"
fi
