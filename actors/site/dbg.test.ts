import { test } from 'bun:test'
import { siteFixture } from '@actors/site/fixture'

test('dbg', async () => {
  const f = await siteFixture({ mainFuseA: 25, safetyMarginA: 1 })
  await f.connector('A', 1, 'L1,L2,L3', 16)
  await f.connector('B', 1, 'L1,L2,L3', 16)
  await f.connector('C', 1, 'L1', 32)
  f.start()
  await f.run(100)
  const a = await f.startTx('A', 1)
  const c = await f.startTx('C', 1)
  await f.run(200)
  const b = await f.startTx('B', 1)
  await f.run(200)
  for (const s of f.sent)
    if (s.command.type === 'setChargingProfile')
      console.log(
        s.at,
        s.chargerId,
        s.command.profile.purpose,
        s.command.profile.transactionId,
        s.command.profile.schedule.periods[0]!.limit,
      )
  console.log({ a, b, c })
  await f.dispose()
})
