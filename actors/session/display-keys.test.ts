import { describe, expect, test } from 'bun:test'
import { LocalBus } from '@src/bus/local'
import { subjects } from '@src/bus/subjects'
import type { DeviceVariableRow } from '@src/db/repos/device'
import type { ChargerCommand } from '@src/domain/charger/commands'
import { FakeClock, flushMicrotasks } from '@src/lib/fake-clock'
import { silentLogger } from '@src/lib/log'
import { CONNECT_SETTLE_MS, DISPLAY_KEYS_16, DISPLAY_KEYS_201, readDisplayKeys } from './display-keys'

function setup(known: Partial<DeviceVariableRow>[] = []) {
  const clock = new FakeClock()
  const bus = new LocalBus({ clock, log: silentLogger })
  const sent: [string, ChargerCommand][] = []
  const protocols: Record<string, string> = {
    'CP-16': 'ocpp1.6',
    'CP-201': 'ocpp2.0.1',
    ELSEWHERE: 'ocpp1.6',
  }
  const registration: Record<string, string> = { 'CP-PENDING': 'Pending' }
  protocols['CP-PENDING'] = 'ocpp1.6'
  const stop = readDisplayKeys({
    bus,
    clock,
    log: silentLogger,
    nodeId: 'node-1',
    chargers: {
      find: async (id) =>
        ({ protocol: protocols[id] ?? null, registration: registration[id] ?? 'Accepted' }) as never,
    },
    device: {
      variables: async (_, search = '') =>
        known.filter(
          (v) => v.component?.includes(search) || v.variable?.includes(search),
        ) as DeviceVariableRow[],
    },
    holds: (id) => id !== 'ELSEWHERE',
    send: async (id, command) => {
      sent.push([id, command])
      return { status: 'Accepted' }
    },
  })
  const boot = async (chargerId: string, registration = 'Accepted') => {
    bus.publish(subjects.chargerEvent(chargerId, 'booted'), { chargerId, registration })
    await flushMicrotasks()
  }
  const connect = async (chargerId: string, nodeId = 'node-1') => {
    bus.publish(subjects.chargerEvent(chargerId, 'connected'), { chargerId, nodeId })
    await flushMicrotasks()
  }
  const disconnect = async (chargerId: string) => {
    bus.publish(subjects.chargerEvent(chargerId, 'disconnected'), { chargerId })
    await flushMicrotasks()
  }
  const wait = async (ms: number) => {
    await clock.advance(ms)
    await flushMicrotasks()
  }
  return { sent, boot, connect, disconnect, wait, stop }
}

describe('the display keys read after a boot', () => {
  test('1.6: one GetConfiguration of the California Pricing keys; 2.0.1: one GetVariables of TariffCostCtrlr', async () => {
    const s = setup()
    await s.boot('CP-16')
    await s.boot('CP-201')
    expect(s.sent).toEqual([
      ['CP-16', { type: 'getVariables', variables: DISPLAY_KEYS_16 }],
      ['CP-201', { type: 'getVariables', variables: DISPLAY_KEYS_201 }],
    ])
    expect(DISPLAY_KEYS_16.map((k) => k.variable)).toEqual([
      'CustomDisplayCostAndPrice',
      'NumberOfDecimalsForCostValues',
      'SupportedLanguages',
      'DefaultPrice',
    ])
    s.stop()
  })

  test('keys already stored are not read again (a false one counts as known)', async () => {
    const s = setup([
      {
        component: 'Configuration',
        variable: 'CustomDisplayCostAndPrice',
        variableInstance: '',
        value: 'false',
      },
      { component: 'TariffCostCtrlr', variable: 'Available', variableInstance: 'Cost', value: 'true' },
    ])
    await s.boot('CP-16')
    await s.boot('CP-201')
    expect(s.sent).toEqual([])
  })

  test('a 1.6 charger that reported only other keys is still asked', async () => {
    const s = setup([
      { component: 'Configuration', variable: 'SupportedLanguages', variableInstance: '', value: 'en' },
    ])
    await s.boot('CP-16')
    expect(s.sent.map(([id]) => id)).toEqual(['CP-16'])
  })

  test('a connection here without a boot is read after the settle time; a boot within it reads at once, once', async () => {
    const s = setup()
    await s.connect('CP-16')
    await s.wait(CONNECT_SETTLE_MS - 1)
    expect(s.sent).toEqual([])
    await s.wait(1)
    expect(s.sent.map(([id]) => id)).toEqual(['CP-16'])
    await s.connect('CP-201')
    await s.boot('CP-201')
    await s.wait(CONNECT_SETTLE_MS)
    expect(s.sent.map(([id]) => id)).toEqual(['CP-16', 'CP-201'])
  })

  test('no read after a connection elsewhere, one that closed within the settle time, or a charger not accepted', async () => {
    const s = setup()
    await s.connect('CP-16', 'node-2')
    await s.connect('CP-201')
    await s.disconnect('CP-201')
    await s.connect('CP-PENDING')
    await s.wait(CONNECT_SETTLE_MS)
    expect(s.sent).toEqual([])
    s.stop()
  })

  test('nothing is sent for a boot not accepted, nor for a charger another node holds', async () => {
    const s = setup()
    await s.boot('CP-16', 'Pending')
    await s.boot('CP-201', 'Rejected')
    await s.boot('ELSEWHERE')
    expect(s.sent).toEqual([])
  })
})
