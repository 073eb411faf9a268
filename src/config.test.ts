import { describe, expect, test } from 'bun:test'
import { loadConfig } from './config'
import { ConfigError } from './lib/errors'

describe('configuration', () => {
  test('defaults give an embedded node: file database, in-process bus, unknown chargers rejected', () => {
    const c = loadConfig({})
    expect(c.port).toBe(8080)
    expect(c.databaseUrl).toBe('file:./data/csms.db')
    expect(c.natsUrl).toBeUndefined()
    expect(c.unknownChargers).toBe('reject')
    expect(c.apiKey).toBeUndefined()
  })

  test('values are read and converted', () => {
    const c = loadConfig({ PORT: '9000', CSMS_UNKNOWN_CHARGERS: 'accept', CSMS_API_KEY: 'k'.repeat(20) })
    expect(c.port).toBe(9000)
    expect(c.unknownChargers).toBe('accept')
    expect(c.apiKey).toBe('k'.repeat(20))
  })

  test('every bad value is named in one clear error, secrets masked', () => {
    let err: unknown
    try {
      loadConfig({ PORT: 'eighty', CSMS_UNKNOWN_CHARGERS: 'maybe', CSMS_API_KEY: 'short' })
    } catch (e) {
      err = e
    }
    expect(err).toBeInstanceOf(ConfigError)
    const msg = (err as Error).message
    expect(msg).toContain('PORT="eighty"')
    expect(msg).toContain('CSMS_UNKNOWN_CHARGERS="maybe"')
    expect(msg).toContain('CSMS_API_KEY="***": must be at least 16 characters')
    expect(msg).not.toContain('short')
  })

  test('proxy trust, the metrics options and the boot timeout are read and checked', () => {
    const d = loadConfig({})
    expect([d.trustProxyHops, d.metricsKey, d.metricsListen, d.ocppBootTimeoutS]).toEqual([
      0,
      undefined,
      undefined,
      60,
    ])
    const c = loadConfig({
      CSMS_TRUST_PROXY: 'true',
      CSMS_METRICS_LISTEN: '[::1]:9464',
      CSMS_METRICS_KEY: 'm'.repeat(16),
      CSMS_OCPP_BOOT_TIMEOUT_S: '0.5',
    })
    expect([c.trustProxyHops, c.metricsListen, c.ocppBootTimeoutS]).toEqual([
      1,
      { host: '::1', port: 9464 },
      0.5,
    ])
    expect(loadConfig({ CSMS_TRUST_PROXY: '2' }).trustProxyHops).toBe(2)
    expect(() =>
      loadConfig({ CSMS_TRUST_PROXY: 'yes', CSMS_METRICS_LISTEN: '9464', CSMS_METRICS_KEY: 'short' }),
    ).toThrow(
      /CSMS_TRUST_PROXY="yes".*\n.*CSMS_METRICS_KEY="\*\*\*".*\n.*CSMS_METRICS_LISTEN="9464": must be host:port/,
    )
  })

  test('an empty variable counts as unset', () => {
    expect(loadConfig({ PORT: '' }).port).toBe(8080)
  })

  // driver pages: the mail that carries sign-in links
  test('SMTP: unset by default (links go to the log), a URL when set, its password never shown', () => {
    expect(loadConfig({}).mail).toEqual({ smtpUrl: undefined, from: 'CSMS <noreply@localhost.localdomain>' })
    const c = loadConfig({
      CSMS_SMTP_URL: 'smtps://u:p@mail.example.com:465',
      CSMS_PUBLIC_URL: 'https://csms.example.com',
      CSMS_MAIL_FROM: 'Co-op <ev@coop.se>',
    })
    expect(c.mail).toEqual({ smtpUrl: 'smtps://u:p@mail.example.com:465', from: 'Co-op <ev@coop.se>' })
    expect(() => loadConfig({ CSMS_SMTP_URL: 'http://u:secret@mail.example.com' })).toThrow(
      'CSMS_SMTP_URL="***": must be an SMTP URL',
    )
    expect(() => loadConfig({ CSMS_SMTP_URL: 'smtps://u:p@mail.example.com:465' })).toThrow(
      'CSMS_PUBLIC_URL is unset: mailed sign-in links need it',
    )
  })
})
