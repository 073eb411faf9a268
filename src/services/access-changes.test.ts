import { expect, test } from 'bun:test'
import { LocalBus } from '@src/bus/local'
import { subjects } from '@src/bus/subjects'
import { FakeClock } from '@src/lib/fake-clock'
import { silentLogger } from '@src/lib/log'
import { AccessChanges } from './access-changes'

test('a change announced on the bus reaches every listener with its organization; malformed news is ignored', async () => {
  const bus = new LocalBus({ clock: new FakeClock(), log: silentLogger })
  const changes = new AccessChanges(bus)
  const heard: string[] = []
  const stop = changes.listen((org) => heard.push(org))
  changes.changed('brf-eken')
  bus.publish(subjects.accessChanged, { organizationId: 42 })
  await Bun.sleep(0)
  stop()
  changes.changed('after-stop')
  await Bun.sleep(0)
  expect(heard).toEqual(['brf-eken'])
})
