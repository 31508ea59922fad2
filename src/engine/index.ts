export {
  dockerServerVersion,
  imageExists,
  loadIntoDocker,
  pullImage,
  removeDockerImage,
  saveFromDocker,
  importDockerArchive
} from './docker.js'
export type { SavedImage } from './docker.js'
