import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { type Tariff, tariffSchema } from './tariff'

/** An OCPI 2.2.1 example tariff from the specification (`ocpi-examples/<name>.json`), validated. */
export function ocpiExample(name: string): Tariff {
  return tariffSchema.parse(
    JSON.parse(readFileSync(join(import.meta.dir, 'ocpi-examples', `${name}.json`), 'utf8')),
  )
}
