#!/usr/bin/env bash
# Refresh the vendored front-end files from the npm registry (pinned versions).
# The app never loads anything from a CDN: these built files are served as static files.
set -euo pipefail
DKFDS_VERSION=11.2.0
HTMX_VERSION=2.0.11
AXE_VERSION=4.11.0
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
npm pack --silent "dkfds@${DKFDS_VERSION}" "htmx.org@${HTMX_VERSION}" "axe-core@${AXE_VERSION}" >/dev/null
for t in *.tgz; do mkdir -p "${t%.tgz}" && tar -xzf "$t" -C "${t%.tgz}"; done

dk="$root/src/sporskifte/web/static/vendor/dkfds"
rm -rf "$dk" && mkdir -p "$dk/css" "$dk/js"
src="dkfds-${DKFDS_VERSION}/package"
cp "$src/dist/css/dkfds.min.css" "$dk/css/dkfds.min.css"
cp "$src/dist/js/dkfds.min.js" "$dk/js/dkfds.min.js"
cp -r "$src/dist/fonts" "$dk/fonts"
# Browsers pick woff2 (or woff): drop the legacy eot/ttf copies and the split subsets.
rm -rf "$dk/fonts/IBMPlexSans/split" "$dk/fonts/IBMPlexSans/complete/eot" "$dk/fonts/IBMPlexSans/complete/ttf"
[ -d "$src/dist/img" ] && cp -r "$src/dist/img" "$dk/img"
cp "$src/LICENSE"* "$dk/" 2>/dev/null || true
echo "$DKFDS_VERSION" > "$dk/VERSION"

hx="$root/src/sporskifte/web/static/vendor/htmx"
rm -rf "$hx" && mkdir -p "$hx"
cp "htmx.org-${HTMX_VERSION}/package/dist/htmx.min.js" "$hx/"
cp "htmx.org-${HTMX_VERSION}/package/LICENSE" "$hx/"
echo "$HTMX_VERSION" > "$hx/VERSION"

axe="$root/tests/browser/vendor"
mkdir -p "$axe"
cp "axe-core-${AXE_VERSION}/package/axe.min.js" "$axe/"
cp "axe-core-${AXE_VERSION}/package/LICENSE" "$axe/LICENSE-axe-core"
echo "$AXE_VERSION" > "$axe/AXE_VERSION"
echo "vendored dkfds ${DKFDS_VERSION}, htmx ${HTMX_VERSION}, axe-core ${AXE_VERSION}"
