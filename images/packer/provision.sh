#!/bin/sh
# Run by Packer's shell provisioner inside the debian_12-base container.
set -eu
printf '%s\n' "$MOTD" > /etc/motd
mkdir -p /etc/kiln
date -u +%Y-%m-%dT%H:%M:%SZ > /etc/kiln/packer-provisioned
