import { userDataFolder } from '@main/app-identity'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'

describe('where Recall keeps its collection', () => {
  const appData = join('/home', 'ana', '.config')

  it('an installed Recall keeps Electron’s own folder, whatever the environment says', () => {
    expect(userDataFolder({ isPackaged: true, appData, env: { RECALL_USER_DATA: '/tmp/x' } })).toBeUndefined()
  })

  it('a development build (npm start) uses a folder of its own beside it, never the installed app’s', () => {
    const folder = userDataFolder({ isPackaged: false, appData, env: {} })
    expect(folder).toBe(join(appData, 'Recall (development)'))
    expect(folder).not.toBe(join(appData, 'Recall'))
  })

  it('RECALL_USER_DATA picks another folder for a development build; a blank one is ignored', () => {
    expect(userDataFolder({ isPackaged: false, appData, env: { RECALL_USER_DATA: '/tmp/recall-a' } })).toBe('/tmp/recall-a')
    expect(userDataFolder({ isPackaged: false, appData, env: { RECALL_USER_DATA: '  ' } })).toBe(join(appData, 'Recall (development)'))
  })
})
