import type { Deps } from '@src/deps'
import type { Language } from '@src/domain/driver-pages/language'
import { tariffWords } from '@src/domain/driver-pages/tariff-words'
import type { PriceView } from '@views/driver/price'

/**
 * The price before charging at a connector, in words: for a signed-in driver (their session
 * `secret`), the tariff their first working card would start under there; for anyone else, the
 * place's default tariff.
 */
export async function priceView(
  deps: Deps,
  chargerId: string,
  evseId: number,
  secret: string | undefined,
  lang: Language,
): Promise<PriceView> {
  const email = await deps.services.driverSignIn.emailOf(secret)
  const me = email ? await deps.services.driverAccounts.identity(email) : undefined
  const card = me
    ? (await deps.services.driverAccounts.tokens(me)).find((t) => t.status === 'Accepted')
    : undefined
  return priceIn(await deps.services.driverPrices.at(chargerId, evseId, card?.uid), lang)
}

/** A price before charging as the view shows it. */
export function priceIn(
  p: Awaited<ReturnType<Deps['services']['driverPrices']['at']>>,
  lang: Language,
): PriceView {
  return p.kind === 'tariff' ? { kind: 'tariff', ...tariffWords(p.tariff, lang) } : p
}
