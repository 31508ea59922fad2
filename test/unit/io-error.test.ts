// File-system failures read as one line naming the file the user knows and the cause.
import { join } from 'node:path'
import { IoError, ioErrorMessage, isStorageFull } from '../../src/util/io-error.js'

const enospc = (path: string): NodeJS.ErrnoException =>
  Object.assign(new Error(`ENOSPC: no space left on device, write`), { code: 'ENOSPC', path })

test('names the given path (not the temporary one) and the cause, through wrapping', () => {
  const tmp = join(process.cwd(), 'out/x/image.tar.gz.tmp-1-a-b-c')
  const wrapped = new Error('store: write blob', { cause: new Error('pipeline', { cause: enospc(tmp) }) })
  expect(ioErrorMessage(wrapped, join(process.cwd(), 'out/x/image.tar.gz'))).toBe(
    'out/x/image.tar.gz: no space left on device'
  )
  expect(new IoError(enospc('/abs/file')).message).toBe('/abs/file: no space left on device')
  expect(isStorageFull(wrapped)).toBe(true)
  expect(ioErrorMessage(new Error('connection reset by peer'))).toBeNull()
})
