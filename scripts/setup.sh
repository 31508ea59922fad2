#!/usr/bin/env bash
# Makes a fresh Debian machine ready for Kiln: the tools it drives, a running Docker
# engine, and node_modules. Idempotent: each step runs only when something is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

# Debian packages Kiln drives (builders, store checks, boot gate; runc and the seccomp
# profile of golang-github-containers-common run overlay and ACI steps; gnupg signs SHA256SUMS).
pkgs=(docker.io packer umoci skopeo mmdebstrap qemu-system-x86 qemu-utils squashfs-tools squashfs-tools-ng pigz zstd xz-utils
  e2fsprogs ansible cpio time libcap2-bin attr bzip2 runc golang-github-containers-common gnupg
  qemu-system-arm qemu-efi-aarch64 ovmf ipxe-qemu qemu-user-static binfmt-support arch-test
  gdisk dosfstools)
missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}" >&2
  sudo_() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
  sudo_ apt-get update -q >/dev/null
  DEBIAN_FRONTEND=noninteractive sudo_ apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null
fi

# arm64 images build on x86_64 through qemu-user: binfmt_misc must be mounted and the
# qemu-aarch64 handler enabled (containers have no init system to do it).
if [ "$(uname -m)" = x86_64 ] && [ "$(id -u)" = 0 ]; then
  [ -e /proc/sys/fs/binfmt_misc/status ] || mount -t binfmt_misc binfmt_misc /proc/sys/fs/binfmt_misc
  [ -e /proc/sys/fs/binfmt_misc/qemu-aarch64 ] || update-binfmts --enable qemu-aarch64 >/dev/null
fi

# A running Docker engine (no init system on CI machines: start dockerd ourselves).
if ! docker info >/dev/null 2>&1; then
  echo "setup: starting dockerd" >&2
  (setsid dockerd >/var/log/kiln-dockerd.log 2>&1 &)
  for _ in $(seq 1 60); do docker info >/dev/null 2>&1 && break; sleep 0.5; done
  docker info >/dev/null 2>&1 || { echo "setup: dockerd did not start; see /var/log/kiln-dockerd.log" >&2; exit 1; }
fi

# Node dependencies (dist/ runs without them; building and testing needs them).
if [ ! -d node_modules ]; then
  echo "setup: npm ci" >&2
  # npm 11 may refuse a lock file that lacks entries for the native bindings of other
  # platforms (optional dependencies it never writes itself); `npm install` then installs
  # the same locked versions.
  npm ci --no-audit --no-fund >/dev/null 2>&1 || npm install --no-audit --no-fund >/dev/null
fi
