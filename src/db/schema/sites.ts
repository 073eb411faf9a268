import { index, integer, primaryKey, real, sqliteTable, text } from 'drizzle-orm/sqlite-core'

/**
 * A site: one grid connection (main fuse per phase) that chargers share. The power loop keeps every
 * fuse below its rating; see `src/domain/power` for how it decides.
 */
export const sites = sqliteTable(
  'sites',
  {
    id: text('id').primaryKey(),
    name: text('name').notNull(),
    organizationId: text('organization_id').notNull().default('platform'),
    /** IANA time zone (e.g. `Europe/Stockholm`): access windows, departures, peaks and tariffs are in it. */
    timeZone: text('time_zone').notNull().default('Europe/Stockholm'),
    /** When no access policy matches a token here: `allowAccepted` (any accepted token) or `deny`. */
    accessDefault: text('access_default').notNull().default('allowAccepted'),
    /** JSON array of the site's holidays as local dates `YYYY-MM-DD` (access policies may exclude them). */
    holidays: text('holidays', { mode: 'json' }).$type<string[]>().notNull().default([]),
    /** Phase-to-neutral voltage (V). */
    voltageV: real('voltage_v').notNull().default(230),
    phases: integer('phases').notNull().default(3),
    mainFuseA: real('main_fuse_a').notNull(),
    /** Subtracted from every fuse (A) to stay clear of the rating. */
    safetyMarginA: real('safety_margin_a').notNull().default(0),
    /** The most the building itself can draw per phase (A), assumed when its meter is stale; null: the whole fuse. */
    buildingMaxA: real('building_max_a'),
    /** `none`, `http` (an energy system posts readings) or `ocpp` (a meter device connected as a charger). */
    buildingMeter: text('building_meter').notNull().default('none'),
    /** For `ocpp`: the id of the metering device, whose EVSE 0 current readings are the building load. */
    buildingMeterChargerId: text('building_meter_charger_id'),
    /** Monthly peak to stay under (kW, building + EVs) when departures allow; null: no peak control. */
    peakTargetKw: real('peak_target_kw'),
    /** Loop interval (ms). */
    loopIntervalMs: integer('loop_interval_ms').notNull().default(500),
    /** Current per connector a charger falls back to without the CSMS (A); null: computed to be safe. */
    failSafeA: real('fail_safe_a'),
    /** `vehicles`, `fair` or `energy`: how the loop shares a shortfall (see `src/domain/power/objective.ts`). */
    objective: text('objective').notNull().default('vehicles'),
    createdAt: integer('created_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [index('sites_by_org').on(t.organizationId)],
)

/** A sub-circuit fuse under the main fuse or under another circuit. */
export const siteCircuits = sqliteTable(
  'site_circuits',
  {
    siteId: text('site_id')
      .notNull()
      .references(() => sites.id, { onDelete: 'cascade' }),
    id: text('id').notNull(),
    name: text('name').notNull(),
    /** Null: directly under the main fuse. */
    parentId: text('parent_id'),
    limitA: real('limit_a').notNull(),
  },
  (t) => [primaryKey({ columns: [t.siteId, t.id] })],
)

/**
 * An EVSE of a charger on a site: which circuit feeds it, its rating, and its phase wiring (the grid
 * phase of each of its phases, e.g. `L2,L3,L1` for a rotated three-phase charger, `L3` for a
 * single-phase one). An EVSE belongs to at most one site.
 */
export const siteConnectors = sqliteTable(
  'site_connectors',
  {
    chargerId: text('charger_id').notNull(),
    evseId: integer('evse_id').notNull(),
    siteId: text('site_id')
      .notNull()
      .references(() => sites.id, { onDelete: 'cascade' }),
    circuitId: text('circuit_id'),
    maxA: real('max_a').notNull(),
    wiring: text('wiring').notNull(),
  },
  (t) => [primaryKey({ columns: [t.chargerId, t.evseId] }), index('site_connectors_by_site').on(t.siteId)],
)

/**
 * The site's load, one row per site per minute (the minute's highest): charts, monthly peaks; and what
 * the building meter showed that minute, from which a restarted loop knows the week's worst step.
 */
export const siteLoad = sqliteTable(
  'site_load',
  {
    siteId: text('site_id').notNull(),
    minute: integer('minute').notNull(),
    l1A: real('l1_a').notNull(),
    l2A: real('l2_a').notNull(),
    l3A: real('l3_a').notNull(),
    evKw: real('ev_kw').notNull(),
    siteKw: real('site_kw').notNull(),
    /** The building meter that minute: longest gap between two readings (s), 0 when none. */
    meterGapS: real('meter_gap_s').notNull().default(0),
    /** Largest rise of the building between two readings that minute, per phase (A). */
    stepL1A: real('step_l1_a').notNull().default(0),
    stepL2A: real('step_l2_a').notNull().default(0),
    stepL3A: real('step_l3_a').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.siteId, t.minute] })],
)
