#!/usr/bin/env bash
# Check the Debian package end to end, as root on a Debian machine: the desktop entry
# validates, the package builds and installs with apt, the binary runs and exports, the man
# page and MIME type are installed, the app starts under Xvfb with its window icon, and the
# package removes cleanly. Installs what it needs (desktop-file-utils, xvfb, x11-utils,
# xdotool, man-db). Not part of .ci/run: with a cold release build it takes about 12 minutes;
# with the release build done, under a minute.
set -euo pipefail
cd "$(dirname "$0")/.."
export DEBIAN_FRONTEND=noninteractive
step() { echo "== $*"; }

step "tools"
need=()
for p in desktop-file-utils xvfb x11-utils xdotool man-db; do
    dpkg -s "$p" >/dev/null 2>&1 || need+=("$p")
done
if ((${#need[@]})); then apt-get install -y -q "${need[@]}" >/dev/null; fi

step "desktop-file-validate"
desktop-file-validate packaging/scaleview.desktop

step "build"
deb=$(bash packaging/build-deb.sh | tail -1)
echo "$deb ($(du -h "$deb" | cut -f1))"
dpkg-deb --contents "$deb" | awk '{print $6}' | grep -E 'bin/scaleview$|applications/scaleview.desktop$|hicolor/256x256/apps/scaleview.png$|man1/scaleview.1.gz$|completions/scaleview$|_scaleview$|scaleview.fish$|NanumSquare-OFL.txt$|mime/packages/scaleview.xml$' | sort

step "install"
apt-get install -y -q "./$deb" >/dev/null
scaleview --version
out=$(mktemp -d)
scaleview export --stage 1k --out "$out/slide.png" >/dev/null
test -s "$out/slide.png"
man -P cat scaleview 2>/dev/null | grep -q "export" && echo "man scaleview: ok"
test -f /usr/share/mime/application/x-scaleview-diagram.xml && echo "MIME type registered"
test -f /usr/share/icons/hicolor/48x48/apps/scaleview.png && echo "icon installed"

step "window under Xvfb"
Xvfb :77 -screen 0 1280x800x24 >/dev/null 2>&1 &
xvfb=$!
trap 'kill $xvfb 2>/dev/null || true' EXIT
sleep 1
DISPLAY=:77 HOME="$out" scaleview >/dev/null 2>&1 &
app=$!
wid=""
for _ in $(seq 1 60); do
    wid=$(DISPLAY=:77 xdotool search --name 'scaleview' 2>/dev/null | head -1 || true)
    [ -n "$wid" ] && break
    sleep 0.5
done
test -n "$wid" || { echo "no window appeared" >&2; exit 1; }
DISPLAY=:77 xprop -id "$wid" _NET_WM_ICON | head -c 60 | grep -q "Icon (" && echo "window icon: ok"
DISPLAY=:77 xprop -id "$wid" WM_CLASS
kill "$app"; wait "$app" 2>/dev/null || true

step "remove"
apt-get remove --purge -y -q scaleview >/dev/null
for f in /usr/bin/scaleview /usr/share/applications/scaleview.desktop \
    /usr/share/man/man1/scaleview.1.gz /usr/share/mime/packages/scaleview.xml; do
    if [ -e "$f" ]; then echo "left behind: $f" >&2; exit 1; fi
done
test ! -e /usr/share/mime/application/x-scaleview-diagram.xml
echo "removed cleanly"
rm -rf "$out"
