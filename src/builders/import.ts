/** import builder: the image is its base source as it came in (e.g. a bootstrap), with no build step. */
import { BuildError } from '../util/errors.js'
import type { BuildContext, BuildResult, Builder } from './types.js'

export class ImportBuilder implements Builder {
  async build(ctx: BuildContext): Promise<BuildResult> {
    if (!ctx.base)
      throw new BuildError(ctx.image.spec.name, 'import', 'builder "import" needs a base source, not scratch')
    const { rootfs: _rootfs, ...config } = ctx.base.config
    return { layers: ctx.base.layers, config }
  }
}
