#!/usr/bin/env bash
# Builds the base image the kubelite Dockerfile starts FROM, without any registry:
#   kubelite/node-base:20   the host's Node.js (>= 20) and the shared libraries it and the
#                           workspace's native addons load (found with ldd), busybox-static as
#                           /bin/sh and the usual applets, /etc/passwd and friends.
# When an official Node image (node:20-bookworm-slim) is already present locally it is tagged
# instead; this script never pulls (no registry is reachable where kubelite's CI runs).
# Idempotent: an existing image is left alone (KUBELITE_BASE_REBUILD=1 rebuilds it).
set -euo pipefail

BASE_IMAGE="${KUBELITE_BASE_IMAGE:-kubelite/node-base:20}"
OFFICIAL_IMAGE="${KUBELITE_OFFICIAL_NODE_IMAGE:-node:20-bookworm-slim}"
NODE_BIN="${NODE_BIN:-$(command -v node || true)}"
BUSYBOX_BIN="${BUSYBOX_BIN:-/usr/bin/busybox}"
MIN_NODE_MAJOR=20
DEFAULT_PATH='/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

fail() { echo "build-base-image: $*" >&2; exit 1; }
image_exists() { docker image inspect "$1" >/dev/null 2>&1; }

command -v docker >/dev/null 2>&1 || fail "docker CLI not found in PATH"
docker info >/dev/null 2>&1 || fail "cannot reach the Docker daemon (is dockerd running?)"

if [[ "${KUBELITE_BASE_REBUILD:-0}" != 1 ]] && image_exists "$BASE_IMAGE"; then
  echo "build-base-image: $BASE_IMAGE already exists"
  exit 0
fi
if [[ "${KUBELITE_BASE_REBUILD:-0}" != 1 ]] && image_exists "$OFFICIAL_IMAGE"; then
  docker tag "$OFFICIAL_IMAGE" "$BASE_IMAGE"
  echo "build-base-image: tagged the local $OFFICIAL_IMAGE as $BASE_IMAGE"
  exit 0
fi

[[ -n "$NODE_BIN" && -x "$NODE_BIN" ]] || fail "no node binary on PATH (set NODE_BIN)"
[[ -x "$BUSYBOX_BIN" ]] || fail "$BUSYBOX_BIN not found: install Debian's busybox-static"
command -v ldd >/dev/null 2>&1 || fail "ldd not found (Debian package libc-bin)"
if command -v file >/dev/null 2>&1 && ! file -L "$BUSYBOX_BIN" | grep -q 'statically linked'; then
  fail "$BUSYBOX_BIN is not statically linked: install busybox-static"
fi
node_version="$("$NODE_BIN" --version)"
node_major="${node_version#v}"
node_major="${node_major%%.*}"
(( node_major >= MIN_NODE_MAJOR )) || fail "$NODE_BIN is $node_version; kubelite needs Node.js >= $MIN_NODE_MAJOR"

work="$(mktemp -d -t kubelite-base.XXXXXX)"
trap 'rm -rf "$work"' EXIT
root="$work/rootfs"
mkdir -p "$root"/{bin,sbin,usr/bin,usr/sbin,usr/local/bin,etc,root,tmp,var/tmp,proc,sys,dev,home}
chmod 1777 "$root/tmp" "$root/var/tmp"

# Node resolves its own path through /proc/self/exe, so one real file is enough.
cp -L "$NODE_BIN" "$root/usr/local/bin/node"

# Every library path ldd prints (the "=> /path" ones and the loader's absolute path), copied as
# a regular file to the same path in the image: the dynamic loader looks exactly there.
copy_libs() {
  local lib
  for lib in $(ldd "$1" 2>/dev/null | grep -oE '/[^ )]+' || true); do
    [[ -e "$root$lib" ]] && continue
    mkdir -p "$root$(dirname "$lib")"
    cp -L "$lib" "$root$lib"
  done
}
copy_libs "$NODE_BIN"
# The workspace's glibc native addons (e.g. classic-level's LevelDB) may need more than node does.
if [[ -d "$repo/node_modules/.pnpm" ]]; then
  while IFS= read -r addon; do copy_libs "$addon"; done < <(
    find "$repo/node_modules/.pnpm" -name '*.node' -path '*linux-x64*' ! -name '*musl*' 2>/dev/null
  )
fi
# Name lookups (getaddrinfo) load these at run time, so ldd never lists them.
for lib in /lib/x86_64-linux-gnu/libnss_files.so.2 /lib/x86_64-linux-gnu/libnss_dns.so.2 /lib/x86_64-linux-gnu/libresolv.so.2; do
  [[ -e "$lib" && ! -e "$root$lib" ]] && { mkdir -p "$root$(dirname "$lib")"; cp -L "$lib" "$root$lib"; }
done

cp "$BUSYBOX_BIN" "$root/bin/busybox"
for applet in $("$BUSYBOX_BIN" --list); do
  [[ "$applet" == busybox ]] && continue
  ln -sf busybox "$root/bin/$applet"
done
# `#!/usr/bin/env node` shebangs (the packages' bin shims) look for env here.
ln -sf ../../bin/busybox "$root/usr/bin/env"

cat >"$root/etc/passwd" <<'EOF'
root:x:0:0:root:/root:/bin/sh
daemon:x:1:1:daemon:/usr/sbin:/bin/false
nobody:x:65534:65534:nobody:/nonexistent:/bin/false
EOF
cat >"$root/etc/group" <<'EOF'
root:x:0:
daemon:x:1:
nogroup:x:65534:
EOF
echo 'hosts: files dns' >"$root/etc/nsswitch.conf"
if [[ -f /etc/ssl/certs/ca-certificates.crt ]]; then
  mkdir -p "$root/etc/ssl/certs"
  cp -L /etc/ssl/certs/ca-certificates.crt "$root/etc/ssl/certs/ca-certificates.crt"
fi

tar -C "$root" --numeric-owner --owner=0 --group=0 -cf "$work/rootfs.tar" .
docker import \
  --change "ENV PATH=$DEFAULT_PATH" \
  --change "ENV NODE_VERSION=${node_version#v}" \
  --change "LABEL io.kubelite.base.node=${node_version}" \
  --change 'CMD ["node"]' \
  "$work/rootfs.tar" "$BASE_IMAGE" >/dev/null

# A base image whose node cannot start is worse than none: check before anyone builds on it.
if ! docker run --rm --network none "$BASE_IMAGE" node -e 'process.exit(0)' >/dev/null 2>&1; then
  docker rmi "$BASE_IMAGE" >/dev/null 2>&1 || true
  fail "the imported image cannot run node (missing shared library?); removed $BASE_IMAGE"
fi
echo "build-base-image: built $BASE_IMAGE (node $node_version from $NODE_BIN)"
