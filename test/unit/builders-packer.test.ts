import {
  PackerOutput,
  declaredVariables,
  packerBuildArgs,
  parsePackerLine,
  unescapePacker
} from '../../src/builders/packer-output.js'

describe('packer machine-readable output', () => {
  it('splits timestamp, target, type and data, unescaping commas and newlines', () => {
    expect(parsePackerLine('1795432422,docker,artifact,0,string,a%!(PACKER_COMMA) b')).toEqual({
      timestamp: 1795432422,
      target: 'docker',
      type: 'artifact',
      data: ['0', 'string', 'a, b']
    })
    expect(parsePackerLine('not a record')).toBeNull()
    expect(unescapePacker('one\\ntwo')).toBe('one\ntwo')
  })

  it('finds the committed image id and keeps ui lines for progress and errors', () => {
    const out = new PackerOutput()
    const lines = [
      '1795432422,,ui,say,==> docker: Starting docker container...',
      '1795432423,,ui,message,    docker: Run command: docker run -v /x:/packer-files -d -i -t --entrypoint=/bin/sh -- kiln-base/y:1',
      '1795432424,docker,artifact-count,1',
      '1795432424,docker,artifact,0,builder-id,packer.docker',
      '1795432424,docker,artifact,0,id,sha256:' + 'a'.repeat(64),
      '1795432424,docker,artifact,0,string,Imported Docker image: sha256:' + 'a'.repeat(64),
      '1795432424,docker,artifact,0,files-count,0',
      '1795432424,docker,artifact,0,end'
    ]
    const ui = lines.map((l) => out.push(l)).filter(Boolean)
    expect(ui[0]).toEqual({ kind: 'say', lines: ['==> docker: Starting docker container...'] })
    expect(out.dockerImage()).toBe('sha256:' + 'a'.repeat(64))
  })

  it('takes the docker-tag post-processor reference and collects errors line by line', () => {
    const out = new PackerOutput()
    out.push('1,docker,artifact,0,builder-id,packer.docker')
    out.push('1,docker,artifact,0,id,sha256:' + 'b'.repeat(64))
    out.push('1,docker,artifact,1,builder-id,packer.post-processor.docker-tag')
    out.push('1,docker,artifact,1,id,example/app:1')
    out.push("2,,ui,error,Build 'docker' errored: Script exited with non-zero exit status: 3\\nmore")
    expect(out.dockerImage()).toBe('example/app:1')
    expect(out.errors).toEqual(["Build 'docker' errored: Script exited with non-zero exit status: 3", 'more'])
  })

  it("leads a failure with Packer's own error and the tool's stderr, not docker's usage hint", () => {
    const out = new PackerOutput()
    const stderr =
      'Stderr: docker: Error response from daemon: failed to create shim task: exec: "/bin/sh": stat /bin/sh: no such file or directory: unknown'
    for (const l of [
      `1,,ui,error,==> docker: Error running container: Docker exited with a non-zero exit status.\\n==> docker: ${stderr}\\n==> docker: \\n==> docker: Run 'docker run --help' for more information\\n==> docker:`,
      `1,,ui,error,Build 'docker' errored after 1 second: Error running container: Docker exited with a non-zero exit status.\\n${stderr}\\n\\nRun 'docker run --help' for more information\\n`,
      '1,,error-count,1',
      `1,docker,error,Error running container: Docker exited with a non-zero exit status.\\n${stderr}\\n\\nRun 'docker run --help' for more information\\n`
    ])
      out.push(l)
    expect(out.errors.at(-1)).toBe("Run 'docker run --help' for more information")
    expect(out.failure()).toBe(
      `Error running container: Docker exited with a non-zero exit status. ${stderr}`
    )
  })

  it('without a builder error record, takes the first ui error less its "Build errored" prefix', () => {
    const out = new PackerOutput()
    out.push(
      "1,,ui,error,Build 'docker' errored after 2 seconds: Script exited with non-zero exit status: 7\\nmore"
    )
    expect(out.failure()).toBe('Script exited with non-zero exit status: 7')
    expect(new PackerOutput().failure()).toBeUndefined()
  })

  it('has no image for an export_path build', () => {
    const out = new PackerOutput()
    out.push('1,docker,artifact,0,builder-id,packer.docker')
    out.push('1,docker,artifact,0,id,/tmp/out.tar')
    expect(out.dockerImage()).toBeUndefined()
  })
})

describe('packer templates', () => {
  it('reads declared variables from JSON and HCL2', () => {
    expect([...declaredVariables('{"variables": {"base_image": "", "motd": "hi"}}', true)]).toEqual([
      'base_image',
      'motd'
    ])
    expect([...declaredVariables('{"builders": []}', true)]).toEqual([])
    const hcl =
      'variable "base_image" {\n  type = string\n}\n  variable "output_tag" {}\nlocals { x = "variable \\"no\\"" }\n'
    expect([...declaredVariables(hcl, false)]).toEqual(['base_image', 'output_tag'])
  })

  it('builds the command line: vars sorted, extra args, template last', () => {
    expect(packerBuildArgs('/p/t.json', { motd: '-hello world', base_image: 'b:1' }, ['-var=x=1'])).toEqual([
      'build',
      '-machine-readable',
      '-color=false',
      // One word per variable: a value starting with "-" stays a value.
      '-var=base_image=b:1',
      '-var=motd=-hello world',
      '-var=x=1',
      '/p/t.json'
    ])
  })
})
