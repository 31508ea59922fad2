/** The builder for each kind of catalog node. */
import type { BuilderKind } from '../model/types.js'
import { BuildError } from '../util/errors.js'
import type { Builder } from './types.js'
import { DockerfileBuilder, type EngineBuilderOptions } from './dockerfile.js'
import { ImportBuilder } from './import.js'
import { OverlayBuilder } from './overlay.js'
import { PackerBuilder } from './packer.js'

export type { Builder, BuildContext, BuildResult } from './types.js'
export { EngineSession, dockerBuildMode } from './engine-session.js'
export { dockerBuildArgs } from './docker-build-args.js'
export { packerBuildArgs, PackerOutput } from './packer-output.js'
export type { EngineBuilderOptions } from './dockerfile.js'

/** Builders kept outside this module (e.g. aci) register themselves here. */
const extra = new Map<BuilderKind, (opts: EngineBuilderOptions) => Builder>()

export function registerBuilder(kind: BuilderKind, make: (opts: EngineBuilderOptions) => Builder): void {
  extra.set(kind, make)
}

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
    default: {
      const make = extra.get(kind)
      if (!make)
        throw new BuildError(image, 'builder', `builder "${kind}" is not available in this version of kiln`)
      return make(opts)
    }
  }
}
