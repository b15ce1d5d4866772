#!/usr/bin/env bash
# Install the package on a *bare* Debian 12 (debootstrap --variant=minbase into a folder, then
# chroot): apt pulls exactly the dependencies the control file declares, the binary runs, exports
# a slide headless, `man scaleview` shows the page, and removal leaves no binary. As root; about
# a minute for debootstrap and 20 s for the checks on this project's build machine.
# Usage: sudo bash packaging/check-deb-bare.sh [target/debian/scaleview_*.deb]
set -euo pipefail
cd "$(dirname "$0")/.."
deb=${1:-$(ls -t target/debian/scaleview_*.deb 2>/dev/null | head -1)}
test -f "$deb" || { echo "build it first: bash packaging/build-deb.sh" >&2; exit 2; }
command -v debootstrap >/dev/null || apt-get install -y -q debootstrap >/dev/null
root=$(mktemp -d /tmp/scaleview-bare.XXXXXX)
chmod 755 "$root" # apt and man-db drop to unprivileged users inside
trap 'umount "$root/proc" 2>/dev/null || true; rm -rf "$root"' EXIT
debootstrap --variant=minbase bookworm "$root" http://deb.debian.org/debian >/dev/null
cp "$deb" "$root/tmp/scaleview.deb"
cp /etc/resolv.conf "$root/etc/resolv.conf"
mount --bind /proc "$root/proc"
chroot "$root" bash -euo pipefail -c '
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -q >/dev/null
    before=$(dpkg -l | grep -c "^ii")
    apt-get install -y -q --no-install-recommends /tmp/scaleview.deb >/dev/null
    echo "bare Debian: $before packages, $(dpkg -l | grep -c "^ii") after installing scaleview"
    scaleview --version
    scaleview export --stage 10m --out /tmp/slide.png
    apt-get install -y -q --no-install-recommends man-db >/dev/null
    man -P cat scaleview | grep -q "SYNOPSIS" && echo "man scaleview: ok"
    apt-get remove --purge -y -q scaleview >/dev/null
    test ! -e /usr/bin/scaleview && echo "removed cleanly"
'
