#!/usr/bin/env bash
# Builds the local images kubelite's Docker tests and examples run, without any registry:
#   kubelite/busybox:1.36  a busybox-static rootfs (sh, httpd, wget, nc, …), CMD ["sh"]
#   kubelite/pause:3.10    the same rootfs whose PID 1 exits at once on SIGTERM/SIGINT, so a
#                          sandbox stop takes milliseconds instead of the whole grace period
# Idempotent: an image that already exists is left alone. Tags are never `latest`, because a
# `latest` image gets imagePullPolicy Always and would fail to "pull" here.
set -euo pipefail

BUSYBOX_IMAGE="${KUBELITE_BUSYBOX_IMAGE:-kubelite/busybox:1.36}"
PAUSE_IMAGE="${KUBELITE_PAUSE_IMAGE:-kubelite/pause:3.10}"
BUSYBOX_BIN="${BUSYBOX_BIN:-/usr/bin/busybox}"
DEFAULT_PATH='/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'

fail() { echo "build-test-images: $*" >&2; exit 1; }

command -v docker >/dev/null 2>&1 || fail "docker CLI not found in PATH"
docker info >/dev/null 2>&1 || fail "cannot reach the Docker daemon (is dockerd running?)"
[[ -x "$BUSYBOX_BIN" ]] || fail "$BUSYBOX_BIN not found: install Debian's busybox-static"
# A dynamically linked busybox would not run in a rootfs without libc.
if command -v file >/dev/null 2>&1 && ! file -L "$BUSYBOX_BIN" | grep -q 'statically linked'; then
  fail "$BUSYBOX_BIN is not statically linked: install busybox-static"
fi

image_exists() { docker image inspect "$1" >/dev/null 2>&1; }

if image_exists "$BUSYBOX_IMAGE" && image_exists "$PAUSE_IMAGE"; then
  echo "build-test-images: $BUSYBOX_IMAGE and $PAUSE_IMAGE already exist"
  exit 0
fi

work="$(mktemp -d -t kubelite-images.XXXXXX)"
trap 'rm -rf "$work"' EXIT
root="$work/rootfs"

mkdir -p "$root"/{bin,sbin,usr/bin,usr/sbin,etc,root,tmp,var/www,proc,sys,dev,home}
chmod 1777 "$root/tmp"
cp "$BUSYBOX_BIN" "$root/bin/busybox"
# One relative symlink per applet in /bin (on the PATH), like `busybox --install -s /bin` inside
# the image would make; relative so they resolve in the image, not on the build host.
for applet in $("$BUSYBOX_BIN" --list); do
  [[ "$applet" == busybox ]] && continue
  ln -sf busybox "$root/bin/$applet"
done
cat >"$root/etc/passwd" <<'EOF'
root:x:0:0:root:/root:/bin/sh
daemon:x:1:1:daemon:/usr/sbin:/bin/false
www-data:x:33:33:www-data:/var/www:/bin/false
nobody:x:65534:65534:nobody:/nonexistent:/bin/false
EOF
cat >"$root/etc/group" <<'EOF'
root:x:0:
daemon:x:1:
www-data:x:33:
nogroup:x:65534:
EOF
echo '<html><body>kubelite busybox httpd</body></html>' >"$root/var/www/index.html"

tar -C "$root" --numeric-owner --owner=0 --group=0 -cf "$work/rootfs.tar" .

if image_exists "$BUSYBOX_IMAGE"; then
  echo "build-test-images: $BUSYBOX_IMAGE already exists"
else
  docker import \
    --change "ENV PATH=$DEFAULT_PATH" \
    --change 'CMD ["sh"]' \
    "$work/rootfs.tar" "$BUSYBOX_IMAGE" >/dev/null
  echo "build-test-images: built $BUSYBOX_IMAGE"
fi

if image_exists "$PAUSE_IMAGE"; then
  echo "build-test-images: $PAUSE_IMAGE already exists"
else
  # The shell is PID 1: the kernel delivers only signals it handles, so trap TERM and INT and
  # exit 0 at once; `wait` returns as soon as a trapped signal arrives.
  docker import \
    --change "ENV PATH=$DEFAULT_PATH" \
    --change 'CMD ["/bin/sh","-c","trap \"exit 0\" TERM INT; sleep 2147483647 & wait"]' \
    "$work/rootfs.tar" "$PAUSE_IMAGE" >/dev/null
  echo "build-test-images: built $PAUSE_IMAGE"
fi
