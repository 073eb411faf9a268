import { FakeClock } from '@src/lib/fake-clock'
import { silentLogger } from '@src/lib/log'
import { busContract } from './contract'
import { LocalBus } from './local'

busContract('LocalBus', async () => {
  const clock = new FakeClock()
  const bus = new LocalBus({ clock, log: silentLogger })
  return { bus, advance: (ms) => clock.advance(ms), close: () => bus.close() }
})
