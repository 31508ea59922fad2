import type { CacheBackend } from './types.js'

/** No cache: every lookup misses, every save is dropped. */
export class NoCache implements CacheBackend {
  readonly name = 'none'
  async getBlob(): Promise<boolean> {
    return false
  }
  async putBlob(): Promise<boolean> {
    return false
  }
  async getRecord(): Promise<unknown> {
    return null
  }
  async putRecord(): Promise<void> {}
  async getPointer(): Promise<unknown> {
    return null
  }
  async putPointer(): Promise<void> {}
}
