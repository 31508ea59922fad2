// Integration tests: a real Docker engine, packer, mmdebstrap, umoci, skopeo, qemu.
// Shared fixtures (one mmdebstrap base) are built once per run by globalSetup.
export default {
  preset: 'ts-jest/presets/default-esm',
  resolver: 'ts-jest-resolver',
  testEnvironment: 'node',
  roots: ['<rootDir>/test/itg'],
  testMatch: ['**/*.itg.test.ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { useESM: true }] },
  globalSetup: '<rootDir>/test/fixtures/global-setup.mjs',
  testSequencer: '<rootDir>/test/itg-sequencer.mjs',
  maxWorkers: 2,
  testTimeout: 600000
}
