/** The builder for each kind of catalog node. */
import type { BuilderKind } from '../model/types.js'
import { BuildError } from '../util/errors.js'
import type { Builder } from './types.js'
import { AciBuilder } from './aci/index.js'
import { DockerfileBuilder, type EngineBuilderOptions } from './dockerfile.js'
import { ImportBuilder } from './import.js'
import { OverlayBuilder } from './overlay.js'
import { PackerBuilder } from './packer.js'

export type { Builder, BuildContext, BuildResult } from './types.js'
export { EngineSession, dockerBuildMode } from './engine-session.js'
export { dockerBuildArgs } from './docker-build-args.js'
export { packerBuildArgs, PackerOutput } from './packer-output.js'
export type { EngineBuilderOptions } from './dockerfile.js'

/**
 * Engine builders (dockerfile, packer) share the run's engine session; sandbox builders
 * (overlay, aci) need nothing from it.
 */
export function builderFor(kind: BuilderKind, opts: EngineBuilderOptions, image = '?'): Builder {
  switch (kind) {
    case 'dockerfile':
      return new DockerfileBuilder(opts)
    case 'packer':
      return new PackerBuilder(opts)
    case 'import':
      return new ImportBuilder()
    case 'overlay':
      return new OverlayBuilder()
    case 'aci':
      return new AciBuilder()
    default:
      throw new BuildError(image, 'builder', `unknown builder "${String(kind)}"`)
  }
}
