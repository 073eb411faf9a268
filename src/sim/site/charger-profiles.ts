/**
 * A charger's two smart-charging profiles as the site loop uses them: the TxProfile (the setpoint of
 * the running transaction, which runs out unless renewed) and the TxDefault (the fail-safe). A profile
 * takes effect `applyLatencyS` after it is received; the pilot is the charger's maximum capped by the
 * TxProfile while it is valid, else by the TxDefault, else the maximum alone (OCPP 1.6 §3.13).
 */

interface Installed {
  readonly limitA: number
  /** The second it stops being valid (TxProfile only). */
  readonly untilS: number
}

interface Pending {
  readonly atS: number
  readonly purpose: 'tx' | 'default'
  readonly profile: Installed
}

/** The profiles of one single-EVSE charger, with what is received but not yet in force. */
export class ChargerProfiles {
  readonly #maxA: number
  readonly #latencyS: number
  readonly #pending: Pending[] = []
  #tx: Installed | undefined
  #default: Installed | undefined

  constructor(maxA: number, applyLatencyS: number) {
    this.#maxA = maxA
    this.#latencyS = Math.ceil(applyLatencyS)
  }

  /** A TxProfile limit received at second `s`, valid for `validForS` from then. */
  receiveTx(limitA: number, validForS: number, s: number): void {
    this.#pending.push({ atS: s + this.#latencyS, purpose: 'tx', profile: { limitA, untilS: s + validForS } })
  }

  /** A TxDefault limit received at second `s`; it never runs out. */
  receiveDefault(limitA: number, s: number): void {
    this.#pending.push({ atS: s + this.#latencyS, purpose: 'default', profile: { limitA, untilS: Infinity } })
  }

  /** The transaction ended: its TxProfile goes with it, also one still on its way in. */
  dropTx(): void {
    this.#tx = undefined
    for (let i = this.#pending.length - 1; i >= 0; i--)
      if (this.#pending[i]!.purpose === 'tx') this.#pending.splice(i, 1)
  }

  /**
   * True when something may change the limit by second `s`: a profile on its way in, or a TxProfile
   * that runs out. An idle charger with neither needs no work.
   */
  changesBy(s: number): boolean {
    return (
      (this.#pending.length > 0 && this.#pending[0]!.atS <= s) ||
      (this.#tx !== undefined && s >= this.#tx.untilS)
    )
  }

  /** The pilot current the charger offers at second `s` (A), before the 6 A floor is applied. */
  limitAt(s: number): number {
    while (this.#pending.length > 0 && this.#pending[0]!.atS <= s) {
      const p = this.#pending.shift()!
      if (p.purpose === 'tx') this.#tx = p.profile
      else this.#default = p.profile
    }
    if (this.#tx !== undefined && s >= this.#tx.untilS) this.#tx = undefined
    const active = this.#tx ?? this.#default
    return active === undefined ? this.#maxA : Math.min(this.#maxA, active.limitA)
  }

  /** True when a TxProfile is in force at the last {@link limitAt}. */
  get txInForce(): boolean {
    return this.#tx !== undefined
  }
}
