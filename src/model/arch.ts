/**
 * Architecture names. The catalog writes uname's (x86_64, aarch64); Debian (amd64, arm64) and
 * OCI/GOARCH (amd64, arm64) spellings are accepted for the same machines, so comparisons go
 * through one canonical form. The spec keeps what the user wrote (it is part of the key).
 */

const CANONICAL: Record<string, string> = {
  x86_64: 'x86_64',
  amd64: 'x86_64',
  x64: 'x86_64',
  aarch64: 'aarch64',
  arm64: 'aarch64',
  armv7l: 'armv7l',
  armhf: 'armv7l',
  arm: 'armv7l',
  i686: 'i686',
  i386: 'i686',
  '386': 'i686',
  ppc64le: 'ppc64le',
  ppc64el: 'ppc64le',
  riscv64: 'riscv64',
  s390x: 's390x'
}

/** The uname-style name of an architecture in any of its usual spellings (unknown names as given). */
export function canonicalArch(arch: string): string {
  return CANONICAL[arch] ?? arch
}

/** The machine Kiln runs on, uname-style. */
export function hostArch(): string {
  return canonicalArch(process.arch)
}

/**
 * Whether the host runs `arch`'s programs without emulation: its own architecture, and 32-bit
 * x86 on x86_64 (the kernel runs i386 binaries itself).
 */
export function runsNatively(arch: string, host = hostArch()): boolean {
  const a = canonicalArch(arch)
  return a === host || (host === 'x86_64' && a === 'i686')
}
