/**
 * The Action's post step (action.yml runs.post): removes the temporary work the main step
 * created under RUNNER_TEMP (temp-work.ts). It never fails the job: what it cannot remove, it
 * warns about.
 */
import * as core from '@actions/core'
import { join } from 'node:path'
import { errorMessage } from '../../util/errors.js'
import { TEMP_WORK_STATE, removeTempWork, tempWorkToRemove } from './temp-work.js'

export async function post(): Promise<void> {
  try {
    const dirs = tempWorkToRemove({
      state: core.getState(TEMP_WORK_STATE),
      // As main.ts chose it.
      tempRoot: process.env.RUNNER_TEMP || join(process.cwd(), '.kiln'),
      userDirs: [core.getInput('store-dir'), core.getInput('cache-dir')]
    })
    const failures = await removeTempWork(dirs)
    for (const f of failures) core.warning(`kiln post: could not remove ${f}`)
    const removed = dirs.length - failures.length
    if (removed)
      core.info(`kiln post: removed ${removed} temporary ${removed === 1 ? 'directory' : 'directories'}`)
  } catch (e) {
    core.warning(`kiln post: ${errorMessage(e)}`)
  }
}
