import type {
  ChangeConfigurationResponse,
  ConfigurationKey,
  GetConfigurationResponse,
} from '@src/ocpp/v16/generated/messages'

/** How a configuration value is checked when the CSMS changes it. */
type Kind = 'int' | 'bool' | 'list' | 'text'

interface Entry {
  value: string
  readonly: boolean
  kind: Kind
}

/** Values the charger starts with. */
export interface ConfigDefaults {
  numberOfConnectors: number
  heartbeatIntervalS: number
  meterIntervalS: number
}

/** Core, smart-charging and trigger keys of OCPP 1.6 (section 9), as a typical AC wallbox reports them. */
function initialEntries(d: ConfigDefaults): Record<string, Entry> {
  const rw = (kind: Kind, value: string): Entry => ({ value, readonly: false, kind })
  const ro = (kind: Kind, value: string): Entry => ({ value, readonly: true, kind })
  const phaseRotation = Array.from({ length: d.numberOfConnectors + 1 }, (_, i) => `${i}.RST`).join(',')
  return {
    AllowOfflineTxForUnknownId: rw('bool', 'false'),
    AuthorizationCacheEnabled: rw('bool', 'true'),
    AuthorizeRemoteTxRequests: rw('bool', 'true'),
    ClockAlignedDataInterval: rw('int', '0'),
    ConnectionTimeOut: rw('int', '60'),
    ConnectorPhaseRotation: rw('list', phaseRotation),
    GetConfigurationMaxKeys: ro('int', '50'),
    HeartbeatInterval: rw('int', String(d.heartbeatIntervalS)),
    LocalAuthListEnabled: rw('bool', 'true'),
    LocalAuthListMaxLength: ro('int', '1000'),
    LocalAuthorizeOffline: rw('bool', 'true'),
    LocalPreAuthorize: rw('bool', 'false'),
    MeterValuesAlignedData: rw('list', 'Energy.Active.Import.Register'),
    MeterValuesSampledData: rw(
      'list',
      'Energy.Active.Import.Register,Power.Active.Import,Current.Import,Voltage,SoC',
    ),
    MeterValueSampleInterval: rw('int', String(d.meterIntervalS)),
    NumberOfConnectors: ro('int', String(d.numberOfConnectors)),
    ResetRetries: rw('int', '3'),
    SendLocalListMaxLength: ro('int', '100'),
    StopTransactionOnEVSideDisconnect: rw('bool', 'true'),
    StopTransactionOnInvalidId: rw('bool', 'true'),
    StopTxnAlignedData: rw('list', ''),
    StopTxnSampledData: rw('list', 'Energy.Active.Import.Register'),
    SupportedFeatureProfiles: ro('list', 'Core,SmartCharging,RemoteTrigger'),
    TransactionMessageAttempts: rw('int', '3'),
    TransactionMessageRetryInterval: rw('int', '60'),
    UnlockConnectorOnEVSideDisconnect: rw('bool', 'true'),
    WebSocketPingInterval: rw('int', '0'),
    ChargeProfileMaxStackLevel: ro('int', '10'),
    ChargingScheduleAllowedChargingRateUnit: ro('list', 'Current,Power'),
    ChargingScheduleMaxPeriods: ro('int', '24'),
    ConnectorSwitch3to1PhaseSupported: ro('bool', 'false'),
    MaxChargingProfilesInstalled: ro('int', '10'),
    // The OCA California Pricing whitepaper's keys: the display shows cost and price texts.
    CustomDisplayCostAndPrice: ro('bool', 'true'),
    NumberOfDecimalsForCostValues: ro('int', '2'),
    SupportedLanguages: ro('list', 'en,sv'),
    DefaultPrice: rw('text', JSON.stringify({ priceText: 'Price at the charger' })),
  }
}

/**
 * The charger's configuration keys: GetConfiguration and ChangeConfiguration as a real station
 * answers them (unknown keys NotSupported, read-only keys and malformed values Rejected).
 *
 * @example
 * const config = new SimConfiguration({ numberOfConnectors: 2, heartbeatIntervalS: 300, meterIntervalS: 60 })
 * config.change('MeterValueSampleInterval', '10') // { status: 'Accepted' }
 * config.int('MeterValueSampleInterval') // 10
 */
export class SimConfiguration {
  readonly #entries: Record<string, Entry>

  constructor(defaults: ConfigDefaults) {
    this.#entries = initialEntries(defaults)
  }

  /** GetConfiguration: every key, or the ones asked for (unknown ones listed as such). */
  get(keys?: readonly string[]): GetConfigurationResponse {
    const names = keys?.length ? keys : Object.keys(this.#entries)
    const configurationKey: ConfigurationKey[] = []
    const unknownKey: string[] = []
    for (const key of names) {
      const e = this.#entries[key]
      if (e) configurationKey.push({ key, readonly: e.readonly, value: e.value })
      else unknownKey.push(key)
    }
    return unknownKey.length ? { configurationKey, unknownKey } : { configurationKey }
  }

  /** ChangeConfiguration: Accepted and stored, Rejected (read-only or bad value) or NotSupported (unknown). */
  change(key: string, value: string): ChangeConfigurationResponse {
    const e = this.#entries[key]
    if (!e) return { status: 'NotSupported' }
    if (e.readonly || !valid(e.kind, value)) return { status: 'Rejected' }
    e.value = value
    return { status: 'Accepted' }
  }

  /** Sets a value from inside the charger (e.g. the heartbeat interval a boot answer gives). */
  set(key: string, value: string | number): void {
    const e = this.#entries[key]
    if (e) e.value = String(value)
  }

  /** An integer key's value. */
  int(key: string): number {
    return Number.parseInt(this.#entries[key]?.value ?? '0', 10)
  }

  /** A boolean key's value. */
  bool(key: string): boolean {
    return this.#entries[key]?.value === 'true'
  }
}

function valid(kind: Kind, value: string): boolean {
  switch (kind) {
    case 'int':
      return /^\d{1,9}$/.test(value)
    case 'bool':
      return value === 'true' || value === 'false'
    case 'list':
      return /^[\w.,-]*$/.test(value)
    case 'text':
      return true
  }
}
