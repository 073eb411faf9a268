import { afterAll, beforeAll } from 'bun:test'
import { NatsBus } from '@src/bus/nats'
import { NatsTestServer, requireNatsServer } from '@src/bus/nats-test-server'
import { systemClock } from '@src/lib/clock'
import { silentLogger } from '@src/lib/log'
import { ownedResourcesContract } from './owned-contract'

/** The owned-resources contract on NATS: the actors on one node, events and requests from another. */
let server: NatsTestServer | undefined
let buckets = 0

const connect = (name: string) =>
  NatsBus.connect({
    url: server!.url,
    name,
    clock: systemClock,
    log: silentLogger,
    kvBucket: `csms_owned_${process.pid}_${++buckets}`,
  })

if (requireNatsServer('the owned-resources actor contract tests on NATS')) {
  beforeAll(async () => {
    server = await NatsTestServer.start()
  })

  afterAll(() => server?.dispose())

  ownedResourcesContract('NatsBus', async () => {
    const [bus, peer] = [await connect('actors'), await connect('peer')]
    return {
      bus,
      peer,
      clock: systemClock,
      advance: (ms) => Bun.sleep(ms),
      settle: () => bus.flush(),
      close: async () => {
        await Promise.all([bus.close(), peer.close()])
      },
    }
  })
}
