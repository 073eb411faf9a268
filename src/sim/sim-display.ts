/** What a connector's display shows: the last cost and price text the CSMS told it. */
export interface DisplayShown {
  /** The cost as the CSMS sent it (a JSON number, in the station's currency). */
  cost?: number
  /** The price or personal message text. */
  text?: string
  /** The cost is the session's final one (2.0.1 Ended answer, 1.6 FinalCost). */
  final: boolean
  /** Which message told it: `TransactionEvent`, `CostUpdated`, `SetUserPrice`, `RunningCost`, `FinalCost`. */
  source: string
  at: number
}

/**
 * The connectors' displays of a simulated station: each keeps the last cost and text it was told
 * (a new message replaces what it says and keeps the rest), for tests to read and the demo to log.
 */
export class SimDisplay {
  readonly #shown = new Map<number, DisplayShown>()

  /** Shows what a message told connector `connectorId`; returns what the display says now. */
  show(connectorId: number, told: Omit<DisplayShown, 'final'> & { final?: boolean }): DisplayShown {
    const before = this.#shown.get(connectorId)
    const now: DisplayShown = {
      ...(before?.cost === undefined ? {} : { cost: before.cost }),
      ...(before?.text === undefined ? {} : { text: before.text }),
      ...told,
      final: told.final ?? false,
    }
    this.#shown.set(connectorId, now)
    return now
  }

  /** What connector `connectorId` shows, if it was told anything. */
  of(connectorId: number): DisplayShown | undefined {
    return this.#shown.get(connectorId)
  }
}
