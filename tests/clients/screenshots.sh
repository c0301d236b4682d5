#!/usr/bin/env bash
# screenshots.sh BUILD_DIR — remake docs/img/sign.png and
# docs/img/dashboard.png from the client tests (real broker, real
# payloads).  Needs what those tests need, plus Noto fonts for the scripts
# (fonts-noto-core fonts-noto-cjk) and pngquant; the PNGs are
# made small with pngquant (256 colours).
set -euo pipefail
build=$(cd "${1:?usage: screenshots.sh BUILD_DIR}" && pwd)
src=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
here=$src/tests/clients
img=$src/docs/img
mkdir -p "$img"
bash "$src/scripts/install-deps.sh" fonts-noto-core fonts-noto-cjk pngquant
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export BC_SOURCE_DIR=$src BC_BINARY_DIR=$build
export BC_BIN=${BC_BIN:-$build/bosaicast}
BC_SIGN_CAPTURE=$tmp/sign.txt python3 "$here/test_sign.py" \
	"$build/clients/bosaicast-sign"
python3 "$here/term2html.py" "$tmp/sign.txt" "$tmp/sign.html" 48
BC_DASH_SHOT=$img/dashboard.png python3 "$here/test_dashboard.py"
BC_NODE_MODULES=$build/clients-node/node_modules \
	node "$here/shoot.mjs" "$tmp/sign.html" "$img/sign.png"
pngquant --force --ext .png --quality 70-95 --strip "$img/sign.png" \
	"$img/dashboard.png"
ls -l "$img"
