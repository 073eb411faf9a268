import { describe, expect, test } from 'bun:test'
import { compilePolicies } from './evaluate'
import { listLimits, offlineSettings, rulesNeedList, settingsToChange } from './offline-settings'
import { policyOf } from './test-fixtures'

const site = { timeZone: 'Europe/Stockholm', holidays: [], accessDefault: 'allowAccepted' as const }
const evenings = [{ days: [1, 2, 3, 4, 5, 6, 7], from: '18:00', to: '08:00' }]

describe('offline settings', () => {
  test('plain allow rules with an allowing default can keep the authorization cache', () => {
    expect(rulesNeedList(compilePolicies([policyOf({})]), site)).toBe(false)
  })

  test('a window, validity, holiday rule, budget, deny policy or deny default needs the cache off', () => {
    const cases = [
      policyOf({ windows: evenings }),
      policyOf({ validUntil: 1 }),
      policyOf({ holidays: 'exclude' }),
      policyOf({ monthlyKwhBudget: '100' }),
      policyOf({ effect: 'deny' }),
    ]
    for (const p of cases) expect(rulesNeedList(compilePolicies([p]), site)).toBe(true)
    expect(rulesNeedList(compilePolicies([]), { ...site, accessDefault: 'deny' })).toBe(true)
  })

  test('1.6: list on and used offline, unknown ids refused offline, cache off only when the rules need it', () => {
    expect(offlineSettings('ocpp1.6', true)).toEqual([
      { variable: 'LocalAuthListEnabled', value: 'true' },
      { variable: 'LocalAuthorizeOffline', value: 'true' },
      { variable: 'AllowOfflineTxForUnknownId', value: 'false' },
      { variable: 'AuthorizationCacheEnabled', value: 'false' },
    ])
    expect(offlineSettings('ocpp1.6', false).map((s) => s.variable)).not.toContain(
      'AuthorizationCacheEnabled',
    )
  })

  test('2.0.1: the controller variables, with LocalPreAuthorize off so the CSMS decides online', () => {
    expect(offlineSettings('ocpp2.0.1', true).map((s) => `${s.component}.${s.variable}=${s.value}`)).toEqual([
      'LocalAuthListCtrlr.Enabled=true',
      'AuthCtrlr.LocalAuthorizeOffline=true',
      'AuthCtrlr.OfflineTxForUnknownIdEnabled=false',
      'AuthCtrlr.LocalPreAuthorize=false',
      'AuthCacheCtrlr.Enabled=false',
    ])
  })

  test('only settings that differ from what the charger reports are changed (booleans without case)', () => {
    const reported = new Map<string, string | null>([
      ['LocalAuthListEnabled', 'TRUE'],
      ['LocalAuthorizeOffline', 'false'],
      ['AuthorizationCacheEnabled', 'false'],
    ])
    expect(settingsToChange(offlineSettings('ocpp1.6', true), reported).map((s) => s.variable)).toEqual([
      'LocalAuthorizeOffline',
      'AllowOfflineTxForUnknownId',
    ])
  })

  test('list limits come from each version’s keys; nonsense values are no limit', () => {
    const r16 = new Map([
      ['LocalAuthListMaxLength', '500'],
      ['SendLocalListMaxLength', '50'],
    ])
    expect(listLimits('ocpp1.6', r16)).toEqual({ maxEntries: 500, items: 50, bytes: null })
    const r201 = new Map([
      ['LocalAuthListCtrlr/ItemsPerMessage', '20'],
      ['LocalAuthListCtrlr/BytesPerMessage', 'lots'],
    ])
    expect(listLimits('ocpp2.0.1', r201, 1000)).toEqual({ maxEntries: 1000, items: 20, bytes: null })
  })
})
