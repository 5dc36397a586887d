#!/usr/bin/env bash
# Make dist/jovianview-VERSION.dmg from dist/jovianview.app (made by PyInstaller's BUNDLE step
# in packaging/jovianview.spec). Run by packaging/build.py on macOS; by hand:
#   bash packaging/macos/make_dmg.sh 0.1.0
# The image holds the app and a link to /Applications to drag it onto. The app is ad-hoc
# signed only: without a Developer ID signature and notarisation, Gatekeeper asks users to
# open it with right-click > Open the first time. Not run on the project's Linux machines.
set -euo pipefail
cd "$(dirname "$0")/../.."
version="${1:?usage: make_dmg.sh VERSION}"
app="dist/jovianview.app"
[ -d "$app" ] || { echo "make_dmg.sh: $app is missing; run packaging/build.py" >&2; exit 1; }

codesign --force --deep --sign - "$app"   # ad-hoc: required on Apple silicon to run at all
stage="build/dmg-stage"
rm -rf "$stage"
mkdir -p "$stage"
cp -R "$app" "$stage/"
ln -s /Applications "$stage/Applications"
out="dist/jovianview-${version}.dmg"
rm -f "$out"
hdiutil create -volname "jovianview ${version}" -srcfolder "$stage" -fs HFS+ \
    -format UDZO -imagekey zlib-level=9 "$out"
echo "wrote $out"
