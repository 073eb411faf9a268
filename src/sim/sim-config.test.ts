import { describe, expect, test } from 'bun:test'
import { loadOfficialSchemas } from '@src/ocpp/official-schemas'
import { SimConfiguration } from './sim-config'

const config = () =>
  new SimConfiguration({ numberOfConnectors: 2, heartbeatIntervalS: 300, meterIntervalS: 60 })

describe('GetConfiguration / ChangeConfiguration', () => {
  test('lists every key, and answers unknown keys as such', () => {
    const all = config().get()
    expect(all.configurationKey?.map((k) => k.key)).toContain('MeterValueSampleInterval')
    expect(config().get(['HeartbeatInterval', 'Nope'])).toEqual({
      configurationKey: [{ key: 'HeartbeatInterval', readonly: false, value: '300' }],
      unknownKey: ['Nope'],
    })
    const official = loadOfficialSchemas()
    if (official) expect(official.validate('1.6', 'GetConfiguration', 'response', all)).toEqual({ ok: true })
  })

  test.each([
    ['MeterValueSampleInterval', '10', 'Accepted'],
    ['MeterValueSampleInterval', '-1', 'Rejected'],
    ['MeterValueSampleInterval', 'ten', 'Rejected'],
    ['AuthorizeRemoteTxRequests', 'false', 'Accepted'],
    ['AuthorizeRemoteTxRequests', 'yes', 'Rejected'],
    ['NumberOfConnectors', '3', 'Rejected'],
    ['NoSuchKey', '1', 'NotSupported'],
  ])('%s = %p → %s', (key, value, status) => {
    expect(config().change(key, value)).toEqual({ status: status as 'Accepted' })
  })

  test('an accepted change is what is read back', () => {
    const c = config()
    c.change('HeartbeatInterval', '42')
    expect(c.int('HeartbeatInterval')).toBe(42)
    expect(c.int('NumberOfConnectors')).toBe(2)
  })
})
