/**
 * The program the boot check runs as init (init=/kiln-check) on the scratch disk only.
 * POSIX sh, so it runs on any image with /bin/sh; it uses the image's own mount, grep,
 * modinfo and modprobe, as the real boot would. Every finding is one console line:
 *
 *   KILN-CHECK-FAIL <what is wrong>
 *   KILN-BOOT-OK <kernel release> <token>      all checks passed
 *   KILN-BOOT-FAILED <token>                   at least one failed
 *
 * The token is random per run, so no line of the image or of a previous run can pass
 * for the marker. Then the machine powers itself off, so qemu exits without waiting.
 */

export const CHECK_PATH = '/kiln-check'

/** Modules tried in order: the first that the image's modules.dep lists as loadable is loaded. */
export const DEFAULT_CHECK_MODULES = ['loop', 'dummy', 'tun', 'bonding']

export interface CheckScriptOptions {
  token: string
  /** Device the initramfs should have mounted as / (e.g. /dev/vda). */
  rootDevice: string
  modules: string[]
}

const SAFE = /^[A-Za-z0-9_./-]+$/

export function checkScript(opts: CheckScriptOptions): string {
  for (const v of [opts.token, opts.rootDevice, ...opts.modules]) {
    // Values are written into the script as words: refuse anything that would need quoting.
    if (!SAFE.test(v)) throw new Error(`boot check: unsafe value for the check script: ${JSON.stringify(v)}`)
  }
  return `#!/bin/sh
# Written by Kiln's boot check on a scratch copy of the image; never published.
PATH=/usr/sbin:/usr/bin:/sbin:/bin
export PATH
token=${opts.token}
failed=0
fail() { echo "KILN-CHECK-FAIL $*"; failed=1; }
note() { echo "KILN-CHECK $*"; }

[ -r /proc/mounts ] || mount -t proc proc /proc || fail "cannot mount /proc"
[ -d /sys/kernel ] || mount -t sysfs sysfs /sys || fail "cannot mount /sys"
read kver < /proc/sys/kernel/osrelease

# The root filesystem is the disk, as the initramfs was told.
rootdev=
while read dev mnt rest; do
  [ "$mnt" = / ] && rootdev=$dev
done < /proc/mounts
if [ "$rootdev" = ${opts.rootDevice} ]; then
  note "root filesystem on $rootdev"
else
  fail "root filesystem is not on ${opts.rootDevice} (/proc/mounts has / on '$rootdev')"
fi

# A module of the running kernel loads from the image's /lib/modules.
moddir=/lib/modules/$kver
if [ ! -d "$moddir" ]; then
  fail "no $moddir for the running kernel $kver (modules archive: $(ls /lib/modules 2>/dev/null | tr '\\n' ' '))"
elif [ ! -s "$moddir/modules.dep" ]; then
  fail "no $moddir/modules.dep"
elif ! command -v modprobe >/dev/null 2>&1; then
  fail "no modprobe in the image"
else
  module=
  for m in ${opts.modules.join(' ')}; do
    if grep -q "/$m\\.ko[.a-z]*:" "$moddir/modules.dep"; then module=$m; break; fi
  done
  if [ -z "$module" ]; then
    fail "none of the modules ${opts.modules.join(', ')} is listed as loadable in $moddir/modules.dep"
  else
    file=$(modinfo -n "$module" 2>&1)
    if [ ! -f "$file" ]; then
      fail "module $module: its file is missing ($file)"
    elif ! out=$(modprobe "$module" 2>&1); then
      fail "module $module did not load: $(echo "$out" | tr '\\n' ' ')"
    elif [ ! -d "/sys/module/$module" ]; then
      fail "module $module: modprobe succeeded but /sys/module/$module is missing"
    else
      note "module $module loaded from $file"
    fi
  fi
fi

# The image's own init is there to take over on a real boot.
if [ -L /sbin/init ] && [ ! -e /sbin/init ]; then
  fail "/sbin/init is a dangling link to $(readlink /sbin/init)"
elif [ ! -e /sbin/init ]; then
  fail "/sbin/init is missing"
elif [ ! -x /sbin/init ]; then
  fail "/sbin/init is not executable"
else
  note "/sbin/init present"
fi

if [ $failed = 0 ]; then
  echo "KILN-BOOT-OK $kver $token"
else
  echo "KILN-BOOT-FAILED $token"
fi
# Let the serial line drain, then power off (qemu exits); poweroff -f if sysrq is off.
sleep 1
echo 1 > /proc/sys/kernel/sysrq 2>/dev/null
echo o > /proc/sysrq-trigger 2>/dev/null
sleep 5
poweroff -f
`
}
