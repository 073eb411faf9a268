import { afterEach, beforeEach, expect, test } from 'bun:test'
import { statSync } from 'node:fs'
import { systemClock } from '@src/lib/clock'
import { silentLogger } from '@src/lib/log'
import { Checkpointer } from './checkpointer'
import { tokens } from './schema'
import { openTestDatabase } from './testing'
import { WorkerChannel } from './write-channel'
import { DbWriter } from './writer'

let database: Awaited<ReturnType<typeof openTestDatabase>>
beforeEach(async () => {
  database = await openTestDatabase()
})
afterEach(() => database.remove())

const fileSize = () => statSync(database.path).size

test('committed pages reach the database file from the checkpointer, not from the commits', async () => {
  const writer = new DbWriter({
    db: database.db,
    channel: new WorkerChannel(database.path),
    clock: systemClock,
    log: silentLogger,
    flushMs: 0,
  })
  const label = 'x'.repeat(500)
  for (let batch = 0; batch < 10; batch++) {
    const rows = Array.from({ length: 200 }, (_, i) => ({
      uid: `T${batch}-${i}`,
      type: 'RFID',
      status: 'Accepted',
      label,
      createdAt: 1,
      updatedAt: 1,
    }))
    await writer.write([database.db.insert(tokens).values(rows)])
  }
  const before = fileSize()
  await Bun.sleep(100)
  expect(fileSize()).toBe(before)

  const checkpointer = new Checkpointer(database.path, silentLogger, 20)
  checkpointer.start()
  const deadline = Date.now() + 3000
  while (fileSize() <= before + 500_000 && Date.now() < deadline) await Bun.sleep(20)
  await checkpointer.close()
  await writer.close()
  expect(fileSize()).toBeGreaterThan(before + 500_000)
})
