import { afterAll, beforeAll, describe, expect, test } from 'bun:test'
import { openTestDatabase } from '@src/db/testing'
import type { SiteSettings } from '@src/domain/site/site-config'
import { sql } from 'drizzle-orm'
import { SitesRepo } from './sites'

let database: Awaited<ReturnType<typeof openTestDatabase>>
let sites: SitesRepo
const settings: SiteSettings = {
  name: 'Co-op',
  voltageV: 230,
  phases: 1,
  mainFuseA: 63,
  safetyMarginA: 2,
  buildingMaxA: null,
  buildingMeter: 'http',
  buildingMeterChargerId: null,
  peakTargetKw: null,
  loopIntervalMs: 500,
  failSafeA: null,
  objective: 'vehicles',
  timeZone: 'Europe/Stockholm',
}

beforeAll(async () => {
  database = await openTestDatabase()
  sites = new SitesRepo(database.db)
})
afterAll(() => database.remove())

describe('the sites repository maps rows to the domain’s site', () => {
  test('a stored site reads back as the settings it was given', async () => {
    await sites.upsert('ok', settings, 1000)
    expect(await sites.find('ok')).toEqual({
      id: 'ok',
      ...settings,
      accessDefault: 'allowAccepted',
      holidays: [],
      createdAt: 1000,
      updatedAt: 1000,
    })
    expect((await sites.config('ok'))?.site.phases).toBe(1)
  })

  test('a site keeps the objective it was given, and a row from before objectives reads as vehicles', async () => {
    await sites.upsert('fair', { ...settings, objective: 'fair' }, 1000)
    expect((await sites.find('fair'))?.objective).toBe('fair')
    await database.db.run(
      sql`insert into sites (id, name, main_fuse_a, created_at, updated_at) values ('old', 'Old', 35, 1, 1)`,
    )
    expect((await sites.find('old'))?.objective).toBe('vehicles')
  })

  test('a corrupted row (2 phases, an unknown meter) is refused with the site named, never guessed', async () => {
    await sites.upsert('bad-phases', settings, 1000)
    await database.db.run(sql`update sites set phases = 2 where id = 'bad-phases'`)
    await sites.upsert('bad-meter', settings, 1000)
    await database.db.run(sql`update sites set building_meter = 'modbus' where id = 'bad-meter'`)
    await expect(sites.find('bad-phases')).rejects.toThrow('site bad-phases has 2 phases in the database')
    await expect(sites.find('bad-meter')).rejects.toThrow(
      'site bad-meter has unknown building meter "modbus"',
    )
    await sites.upsert('bad-objective', settings, 1000)
    await database.db.run(sql`update sites set objective = 'luck' where id = 'bad-objective'`)
    await expect(sites.find('bad-objective')).rejects.toThrow(
      'site bad-objective has unknown objective "luck"',
    )
  })

  test('the building meter per minute is kept with the load, and read back per hour for a restart', async () => {
    await sites.upsert('metered', settings, 1000)
    const minute = 29_000_040
    const load = { siteId: 'metered', l1A: 20, l2A: 20, l3A: 20, evKw: 5, siteKw: 9 }
    const steps = (stepL1A: number, stepL2A: number, meterGapS: number) => ({
      stepL1A,
      stepL2A,
      stepL3A: 0,
      meterGapS,
    })
    await database.db.batch([
      sites.recordLoad({ ...load, minute, ...steps(4, 1, 5) }),
      sites.recordLoad({ ...load, minute, ...steps(12, 0, 5.04) }),
      sites.recordLoad({ ...load, minute: minute + 1, ...steps(2, 7, 5) }),
      sites.recordLoad({ ...load, minute: minute + 2, ...steps(0, 0, 30) }),
      sites.recordLoad({ ...load, minute: minute + 61 }),
      sites.recordLoad({ ...load, minute: minute - 60, ...steps(40, 40, 5) }),
    ])
    const hours = await sites.meterHours('metered', minute)
    expect(hours.map((h) => ({ ...h, gaps: Object.fromEntries(h.gaps) }))).toEqual([
      { hour: minute / 60, stepA: [12, 7, 0], gaps: { 5: 2, 30: 1 } },
      { hour: minute / 60 + 1, stepA: [0, 0, 0], gaps: {} },
    ])
  })
})
