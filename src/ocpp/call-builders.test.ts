import { describe, expect, test } from 'bun:test'
import type { ChargerCommand, CommandOutcome, WireCommand } from '@src/domain/charger/commands'
import { allCommandSamples, commandSamples } from '@src/testing/commands'
import { composeCalls } from './call-builders'
import { coreCalls } from './v16/core-calls'
import { requestSchemas as requests16 } from './v16/generated/messages'
import { calls16, toCall16 } from './v16/outbound'
import { requestSchemas as requests201 } from './v201/generated/messages'
import { calls201, toCall201 } from './v201/outbound'

/** Every command type, from the samples whose mapped type lists each `ChargerCommand['type']` once. */
const commandTypes = Object.keys(commandSamples).sort()

/** A sample as the actor hands it on: references resolved to wire ids. */
const wire = (c: ChargerCommand): WireCommand => {
  if (c.type === 'remoteStop' || c.type === 'costUpdated') return { ...c, wireTxId: '5' }
  if (c.type === 'reserveNow') return { ...c, reservationId: 9 }
  return c
}

type Built = { action: string; payload: unknown } | CommandOutcome

const versions = [
  { version: '1.6', table: calls16, toCall: toCall16 as (c: WireCommand) => Built, requests: requests16 },
  {
    version: '2.0.1',
    table: calls201,
    toCall: toCall201 as (c: WireCommand) => Built,
    requests: requests201,
  },
]

for (const v of versions) {
  describe(`OCPP ${v.version} command table`, () => {
    test('every command type has a builder, which sends a CALL or states NotSupported', () => {
      expect(Object.keys(v.table).sort()).toEqual(commandTypes)
    })

    test('each sample becomes a CALL valid by the schema, or an outcome that says why not', () => {
      for (const sample of allCommandSamples()) {
        const built = v.toCall(wire(sample))
        if ('status' in built) {
          expect({ type: sample.type, status: built.status }).toEqual({
            type: sample.type,
            status: 'NotSupported',
          })
          expect(built.detail).toBeTruthy()
          continue
        }
        const schema = (v.requests as Record<string, { safeParse(x: unknown): { success: boolean } }>)[
          built.action
        ]
        expect({ type: sample.type, valid: schema?.safeParse(built.payload).success }).toEqual({
          type: sample.type,
          valid: true,
        })
      }
    })

    test('a payload whose type no command has answers NotSupported, naming the version', () => {
      const bogus = { type: 'selfDestruct' } as unknown as WireCommand
      expect(v.toCall(bogus)).toEqual({
        status: 'NotSupported',
        detail: `selfDestruct is not available in OCPP ${v.version}`,
      })
    })
  })
}

const cert = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----'

describe('what a version cannot do is answered NotSupported, in words a person can act on', () => {
  const cases: [string, (c: WireCommand) => Built, WireCommand, string][] = [
    [
      '1.6',
      toCall16,
      { type: 'setVariables', variables: [{ variable: 'HeartbeatInterval', value: '60' }] },
      'setVariables is sent one key at a time to 1.6',
    ],
    [
      '1.6',
      toCall16,
      { type: 'getChargingProfiles' },
      'OCPP 1.6 has no GetChargingProfiles; use getCompositeSchedule',
    ],
    [
      '1.6',
      toCall16,
      { type: 'triggerMessage', message: 'TransactionEvent' },
      'OCPP 1.6 cannot trigger TransactionEvent',
    ],
    [
      '1.6',
      toCall16,
      { type: 'installCertificate', certificate: cert, certificateType: 'V2GRootCertificate' },
      'OCPP 1.6 cannot install a V2GRootCertificate',
    ],
    [
      '1.6',
      toCall16,
      { type: 'getInstalledCertificateIds', certificateTypes: ['MORootCertificate'] },
      'OCPP 1.6 has no MORootCertificate',
    ],
    [
      '2.0.1',
      toCall201,
      { type: 'triggerMessage', message: 'DiagnosticsStatusNotification' },
      'OCPP 2.0.1 has no DiagnosticsStatusNotification; trigger LogStatusNotification',
    ],
  ]
  for (const [version, toCall, command, detail] of cases) {
    test(`${version} ${command.type}: ${detail}`, () => {
      expect(toCall(command)).toEqual({ status: 'NotSupported', detail })
    })
  }
})

describe('composeCalls', () => {
  test('a command type that two spec blocks both build is refused when the table is made', () => {
    const again = { reset: () => ({ status: 'Accepted' }) }
    expect(() => composeCalls(coreCalls, again)).toThrow('two spec blocks build the reset command')
  })
})
