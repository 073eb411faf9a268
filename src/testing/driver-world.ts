import type { TokenRow } from '@src/db/repos/tokens'
import { apiClient } from './api'
import type { TestNode } from './node'

/** The people of the driver-page tests: two drivers with emails, one household, their cards. */
export interface DriverWorld {
  anna: { id: string; email: string; card: string; spare: string }
  bo: { id: string; email: string; card: string }
  /** Anna's household member without an email, and her card. */
  cecilia: { id: string; card: string }
  household: string
}

/**
 * Seeds, through the REST API: a tariff (2.40 SEK/kWh + 25 % VAT, with Swedish and English text) as
 * the platform's default price group; a household with Anna and Cecilia; Bo on his own; a card each
 * (Anna two), all Accepted.
 */
export async function seedDriverWorld(node: TestNode): Promise<DriverWorld> {
  const api = apiClient(node)
  const ok = async (method: string, path: string, body: unknown) => {
    const res = await api(method, path, body)
    if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(res.body)}`)
    return res.body as { id: string }
  }
  const tariff = {
    currency: 'SEK',
    tariff_alt_text: [
      { language: 'en', text: 'Home charging at cost' },
      { language: 'sv', text: 'Hemmaladdning till självkostnad' },
    ],
    elements: [{ price_components: [{ type: 'ENERGY', price: '2.40', vat: 25, step_size: 1 }] }],
  }
  await ok('POST', '/tariffs', { id: 'home', name: 'Home', tariff })
  await ok('PUT', '/price-groups/default', { tariffId: 'home' })
  const household = (await ok('POST', '/households', { apartment: '1101', parkingSpace: 'P7' })).id
  const driver = async (name: string, email: string | undefined, householdId?: string) =>
    (
      await ok('POST', '/drivers', {
        name,
        ...(email ? { email } : {}),
        ...(householdId ? { householdId } : {}),
      })
    ).id
  const anna = await driver('Anna Andersson', 'anna@example.com', household)
  const cecilia = await driver('Cecilia Andersson', undefined, household)
  const bo = await driver('Bo Berg', 'bo@example.com')
  const card = (uid: string, driverId: string, label: string) =>
    ok('PUT', `/tokens/${uid}`, {
      type: 'ISO14443',
      status: 'Accepted',
      driverId,
      label,
    } satisfies Partial<TokenRow>)
  await card('ANNA-CARD', anna, 'Key fob')
  await card('ANNA-SPARE', anna, 'Spare card')
  await card('CECI-CARD', cecilia, 'Cecilia card')
  await card('BO-CARD', bo, 'Bo card')
  return {
    anna: { id: anna, email: 'anna@example.com', card: 'ANNA-CARD', spare: 'ANNA-SPARE' },
    bo: { id: bo, email: 'bo@example.com', card: 'BO-CARD' },
    cecilia: { id: cecilia, card: 'CECI-CARD' },
    household,
  }
}
