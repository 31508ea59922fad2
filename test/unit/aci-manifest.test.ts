import { describe, expect, test } from '@jest/globals'
import {
  acIdentifier,
  appcArch,
  checkManifest,
  mergeManifest,
  parseSteps,
  STEPS_KEY
} from '../../src/builders/aci/manifest.js'

describe('aci-packer manifests', () => {
  test('steps take the old "type" key and the newer "step" key', () => {
    const steps = parseSteps({
      [STEPS_KEY]: [
        { type: 'image', path: 'a.tar' },
        { step: 'extract', binaries: ['/bin/sh'] }
      ]
    })
    expect(steps.map((s) => s.step)).toEqual(['image', 'extract'])
  })

  test('an unknown step or a missing field names the step', () => {
    expect(() => parseSteps({ [STEPS_KEY]: [{ type: 'shell' }] })).toThrow(/\[0\]: unknown step "shell"/)
    expect(() => parseSteps({ [STEPS_KEY]: [{ step: 'cmd' }] })).toThrow(/\[0\] \(cmd\): "path" is required/)
  })

  test('the manifest is merged onto the defaults, labels by name with the user winning', () => {
    const m = mergeManifest(
      {
        name: 'example.com/x',
        labels: [
          { name: 'os', value: 'freebsd' },
          { name: 'version', value: '1' }
        ],
        [STEPS_KEY]: []
      },
      { name: 'x', arch: 'x86_64' }
    )
    expect(m).toEqual({
      acKind: 'ImageManifest',
      acVersion: '0.8.11',
      name: 'example.com/x',
      labels: [
        { name: 'os', value: 'freebsd' },
        { name: 'arch', value: 'amd64' },
        { name: 'version', value: '1' }
      ]
    })
    expect(checkManifest(m)).toEqual([])
    expect(appcArch('aarch64')).toBe('arm64')
  })

  test('the appc schema catches a bad name and an app without exec', () => {
    const problems = checkManifest({
      acKind: 'ImageManifest',
      acVersion: '0.8.11',
      name: 'Not Valid',
      app: { user: 'root', group: 'root' }
    })
    expect(problems).toEqual(
      expect.arrayContaining([
        '/name: must match pattern "^[a-z0-9]+([-._~/][a-z0-9]+)*$"',
        "/app: must have required property 'exec'"
      ])
    )
    expect(acIdentifier('Debian_12 Tools')).toBe('debian_12-tools')
  })
})
