// Checks a store with the standard OCI tools, as a user would: umoci and skopeo must read every ref.
import { run } from '../../src/util/exec.js'

export interface ToolView {
  umociRefs: string[]
  skopeo: { Digest: string; Layers: string[]; Architecture: string; Os: string }
}

/** Runs `umoci ls`, `umoci stat` and `skopeo inspect` on `ref` of the layout at `dir`; any complaint fails. */
export async function inspectWithTools(dir: string, ref: string): Promise<ToolView> {
  const ls = await run('umoci', ['ls', '--layout', dir])
  await run('umoci', ['stat', '--image', `${dir}:${ref}`])
  const sk = await run('skopeo', ['inspect', `oci:${dir}:${ref}`])
  return {
    umociRefs: ls.stdout.split('\n').filter(Boolean).sort(),
    skopeo: JSON.parse(sk.stdout) as ToolView['skopeo']
  }
}
