#!/usr/bin/env bash
# update.sh VERSION — replace vendor/mqtt.min.js by MQTT.js VERSION's
# browser bundle from the npm registry (through npm, nothing else).
set -euo pipefail
ver=${1:?usage: update.sh VERSION}
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
(cd "$tmp" && npm pack --silent "mqtt@$ver" >/dev/null && tar xzf mqtt-*.tgz)
cp "$tmp/package/dist/mqtt.min.js" "$here/mqtt.min.js"
cp "$tmp/package/LICENSE.md" "$here/LICENSE-mqtt.md"
sha256sum "$here/mqtt.min.js"
echo "update.sh: now MQTT.js $ver; update README.md (version, checksum)"
