import {
  aciManifestRefs,
  packerDockerImages,
  packerDockerTags,
  packerRefs
} from '../../src/plan/packer-refs.js'

test('Packer JSON: provisioner files, with template_dir resolved and other interpolation skipped', () => {
  const text = JSON.stringify({
    builders: [{ type: 'docker', image: 'debian_12-base', commit: true }],
    provisioners: [
      { type: 'shell', scripts: ['scripts/a.sh', '{{template_dir}}/b.sh'] },
      { type: 'file', source: 'files/', destination: '/tmp' },
      { type: 'ansible-local', playbook_file: '{{user `pb`}}' },
      { type: 'shell', inline: ['echo hi'] }
    ],
    'post-processors': [[{ type: 'docker-tag', repository: 'corp/x', tags: ['1', 'latest'] }]]
  })
  expect(packerRefs('t.json', text)).toEqual([
    { path: 'scripts/a.sh', relativeTo: 'cwd' },
    { path: 'b.sh', relativeTo: 'template' },
    { path: 'files/', relativeTo: 'cwd' }
  ])
  expect(packerDockerImages('t.json', text)).toEqual(['debian_12-base'])
  expect(packerDockerTags('t.json', text)).toEqual(['corp/x:1', 'corp/x:latest'])
})

test('Packer HCL: string literals of the file attributes', () => {
  const hcl = `
source "docker" "d" {
  image  = "debian_12-base"
  commit = true
}
build {
  sources = ["source.docker.d"]
  provisioner "shell" {
    scripts = ["\${path.root}/setup.sh", "more.sh"]
  }
  provisioner "file" {
    source      = "files/motd"
    destination = "/etc/motd"
  }
  provisioner "shell" {
    script = "\${var.dynamic}"
  }
}
`
  expect(packerRefs('t.pkr.hcl', hcl).map((r) => `${r.relativeTo}:${r.path}`)).toEqual([
    'template:setup.sh',
    'cwd:more.sh',
    'cwd:files/motd'
  ])
  expect(packerDockerImages('t.pkr.hcl', hcl)).toEqual(['debian_12-base'])
})

test('ACI manifest: host files its steps read', () => {
  const manifest = {
    acKind: 'ImageManifest',
    '-aci-packer-build-steps-': [
      { type: 'image', path: 'rootfs.tar.gz' },
      { type: 'cmd', path: 'scripts/install.sh' },
      { type: 'ansible', playbook: 'site.yml' },
      { type: 'copy_host_files', files: [['conf/a', '/etc/a']] },
      { type: 'image', url: 'https://example.invalid/x.tar' }
    ]
  }
  expect(aciManifestRefs(JSON.stringify(manifest))).toEqual([
    'rootfs.tar.gz',
    'scripts/install.sh',
    'site.yml',
    'conf/a'
  ])
})
