import { IMPORT_COLUMNS } from './csv-import'

/** A driver as the export writes it: with its household's apartment, its tokens and its groups' names. */
export interface ExportedDriver {
  name: string
  email: string | null
  phone: string | null
  apartment: string | null
  parkingSpace: string | null
  tokens: readonly { uid: string; type: string }[]
  groups: readonly string[]
}

/**
 * The export's rows, header first, in the import's columns: one row per token or group of a driver
 * (the i-th token beside the i-th group), at least one per driver, so importing the export recreates
 * every driver, apartment, token and membership and changes nothing that is already so.
 */
export function exportRows(drivers: readonly ExportedDriver[]): string[][] {
  const rows: string[][] = [[...IMPORT_COLUMNS]]
  for (const d of drivers) {
    const n = Math.max(1, d.tokens.length, d.groups.length)
    for (let i = 0; i < n; i++) {
      const token = d.tokens[i]
      rows.push([
        d.apartment ?? '',
        d.parkingSpace ?? '',
        d.name,
        d.email ?? '',
        d.phone ?? '',
        token?.uid ?? '',
        token?.type ?? '',
        d.groups[i] ?? '',
      ])
    }
  }
  return rows
}
