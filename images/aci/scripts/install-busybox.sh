#!/bin/sh
# Runs inside the chroot of debian_12-base: a static busybox, so `extract` keeps one file.
set -eu
apt-get update
apt-get install -y --no-install-recommends busybox-static
rm -rf /var/lib/apt/lists/*
