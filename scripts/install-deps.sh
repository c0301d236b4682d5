#!/usr/bin/env bash
# Install what bosaicast needs to build, run and test, from Debian 12's
# packages.  Idempotent: does nothing when everything is already there.
set -euo pipefail

PACKAGES=(
  build-essential cmake pkg-config
  libxml2-dev libcurl4-openssl-dev libicu-dev libmosquitto-dev libsqlite3-dev
  libzip-dev
  libcmocka-dev
  mosquitto mosquitto-clients sqlite3 python3 python3-jsonschema
  clang libclang-rt-14-dev valgrind iproute2 procps openssl ca-certificates
)
# Extra packages some suites need (subscriber UIs, browser tests) are added
# by those suites' own scripts.
PACKAGES+=("$@")

missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#PACKAGES[@]} packages present"
  exit 0
fi
SUDO=
[ "$(id -u)" -eq 0 ] || SUDO=sudo
echo "install-deps: installing ${missing[*]}"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
echo "install-deps: done"
