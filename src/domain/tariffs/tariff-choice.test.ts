import { describe, expect, test } from 'bun:test'
import { chooseTariff, type PriceGroupFact } from './tariff-choice'

const groups: PriceGroupFact[] = [
  { organizationId: 'platform', name: 'default', tariffId: 'platform-default' },
  { organizationId: 'platform', name: 'visitors', tariffId: 'platform-visitors' },
  { organizationId: 'brf', name: 'visitors', tariffId: 'brf-spot' },
  { organizationId: 'brf', name: 'default', tariffId: 'brf-residents' },
  { organizationId: 'kontor', name: 'employees', tariffId: 'kontor-flat' },
]

describe('chooseTariff', () => {
  test.each([
    [
      'the nearest organization defining the price group decides',
      ['brf', 'platform'],
      'visitors',
      'brf-spot',
    ],
    [
      'a parent defines it when the site’s organization does not',
      ['kontor', 'platform'],
      'visitors',
      'platform-visitors',
    ],
    ['no policy price group: the nearest default', ['brf', 'platform'], null, 'brf-residents'],
    ['an unknown price group: the nearest default', ['kontor', 'platform'], 'guests', 'platform-default'],
    ['the organization’s own group', ['kontor', 'platform'], 'employees', 'kontor-flat'],
  ] as const)('%s', (_, chain, group, tariff) => {
    expect(chooseTariff(chain, group, groups)?.tariffId).toBe(tariff)
  })

  test('nothing defined anywhere: no tariff', () => {
    expect(chooseTariff(['x'], 'visitors', [])).toBeNull()
  })

  test('another organization’s groups never apply', () => {
    expect(chooseTariff(['brf'], 'employees', groups)).toEqual({
      tariffId: 'brf-residents',
      priceGroup: 'default',
      organizationId: 'brf',
    })
  })
})
