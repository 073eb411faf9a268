import type { DataEnumType, MutabilityEnumType } from '@src/ocpp/v201/generated/messages'

/** One variable of the device model, with its single (Actual) attribute. */
export interface VariableSpec {
  component: string
  /** Component instance. */
  instance?: string
  evseId?: number
  connectorId?: number
  variable: string
  variableInstance?: string
  dataType: DataEnumType
  mutability: MutabilityEnumType
  value: string
  unit?: string
  valuesList?: string
  minLimit?: number
  maxLimit?: number
}

/** What the initial device model is built from. */
export interface DeviceDefaults {
  evses: number
  heartbeatIntervalS: number
  txUpdatedIntervalS: number
  maxCurrentA: number
  phases: number
  voltage: number
}

type Extra = Partial<Omit<VariableSpec, 'component' | 'variable' | 'dataType' | 'mutability' | 'value'>>

const spec =
  (mutability: MutabilityEnumType) =>
  (
    component: string,
    variable: string,
    dataType: DataEnumType,
    value: string,
    extra: Extra = {},
  ): VariableSpec => ({
    component,
    variable,
    dataType,
    mutability,
    value,
    ...extra,
  })
const rw = spec('ReadWrite')
const ro = spec('ReadOnly')
const wo = spec('WriteOnly')

const MEASURANDS = 'Energy.Active.Import.Register,Power.Active.Import,Current.Import,Voltage,SoC'
const AVAILABILITY = 'Available,Occupied,Reserved,Unavailable,Faulted'
const TX_POINTS = 'ParkingBayOccupancy,EVConnected,Authorized,DataSigned,PowerPathClosed,EnergyTransfer'

/** The station and its link to the CSMS (OCPP 2.0.1 part 2, appendix 3). */
function communication(d: DeviceDefaults): VariableSpec[] {
  return [
    ro('ChargingStation', 'AvailabilityState', 'OptionList', 'Available', { valuesList: AVAILABILITY }),
    ro('ChargingStation', 'Available', 'boolean', 'true'),
    ro('ChargingStation', 'SupplyPhases', 'integer', String(d.phases)),
    rw('OCPPCommCtrlr', 'HeartbeatInterval', 'integer', String(d.heartbeatIntervalS), {
      unit: 's',
      minLimit: 0,
    }),
    rw('OCPPCommCtrlr', 'MessageTimeout', 'integer', '30', {
      variableInstance: 'Default',
      unit: 's',
      minLimit: 1,
    }),
    rw('OCPPCommCtrlr', 'MessageAttempts', 'integer', '3', {
      variableInstance: 'TransactionEvent',
      minLimit: 1,
    }),
    rw('OCPPCommCtrlr', 'MessageAttemptInterval', 'integer', '60', {
      variableInstance: 'TransactionEvent',
      unit: 's',
      minLimit: 0,
    }),
    rw('OCPPCommCtrlr', 'OfflineThreshold', 'integer', '60', { unit: 's', minLimit: 0 }),
    rw('OCPPCommCtrlr', 'ResetRetries', 'integer', '2', { minLimit: 0 }),
    rw('OCPPCommCtrlr', 'UnlockOnEVSideDisconnect', 'boolean', 'true'),
    rw('OCPPCommCtrlr', 'WebSocketPingInterval', 'integer', '0', { unit: 's', minLimit: 0 }),
    ro('OCPPCommCtrlr', 'FileTransferProtocols', 'MemberList', 'HTTPS', {
      valuesList: 'FTP,FTPS,HTTP,HTTPS',
    }),
  ]
}

/** What is metered and how often. */
function sampling(d: DeviceDefaults): VariableSpec[] {
  return [
    rw('SampledDataCtrlr', 'Enabled', 'boolean', 'true'),
    rw('SampledDataCtrlr', 'TxUpdatedInterval', 'integer', String(d.txUpdatedIntervalS), {
      unit: 's',
      minLimit: 0,
    }),
    rw('SampledDataCtrlr', 'TxUpdatedMeasurands', 'MemberList', MEASURANDS, { valuesList: MEASURANDS }),
    rw('SampledDataCtrlr', 'TxStartedMeasurands', 'MemberList', 'Energy.Active.Import.Register', {
      valuesList: MEASURANDS,
    }),
    rw('SampledDataCtrlr', 'TxEndedMeasurands', 'MemberList', 'Energy.Active.Import.Register', {
      valuesList: MEASURANDS,
    }),
    rw('SampledDataCtrlr', 'TxEndedInterval', 'integer', '0', { unit: 's', minLimit: 0 }),
    rw('AlignedDataCtrlr', 'Interval', 'integer', '0', { unit: 's', minLimit: 0 }),
    rw('AlignedDataCtrlr', 'Measurands', 'MemberList', 'Energy.Active.Import.Register', {
      valuesList: MEASURANDS,
    }),
  ]
}

/** Who may charge, and when a transaction starts and stops. */
function authorization(): VariableSpec[] {
  return [
    rw('AuthCtrlr', 'Enabled', 'boolean', 'true'),
    rw('AuthCtrlr', 'AuthorizeRemoteStart', 'boolean', 'false'),
    rw('AuthCtrlr', 'LocalAuthorizeOffline', 'boolean', 'true'),
    rw('AuthCtrlr', 'LocalPreAuthorize', 'boolean', 'false'),
    rw('AuthCtrlr', 'OfflineTxForUnknownIdEnabled', 'boolean', 'false'),
    rw('AuthCacheCtrlr', 'Enabled', 'boolean', 'true'),
    rw('LocalAuthListCtrlr', 'Enabled', 'boolean', 'true'),
    ro('LocalAuthListCtrlr', 'Entries', 'integer', '0', { maxLimit: 1000 }),
    ro('LocalAuthListCtrlr', 'ItemsPerMessage', 'integer', '50'),
    ro('LocalAuthListCtrlr', 'BytesPerMessage', 'integer', '65536'),
    rw('TxCtrlr', 'EVConnectionTimeOut', 'integer', '60', { unit: 's', minLimit: 0 }),
    rw('TxCtrlr', 'StopTxOnEVSideDisconnect', 'boolean', 'true'),
    rw('TxCtrlr', 'StopTxOnInvalidId', 'boolean', 'true'),
    rw('TxCtrlr', 'TxStartPoint', 'MemberList', 'PowerPathClosed', { valuesList: TX_POINTS }),
    rw('TxCtrlr', 'TxStopPoint', 'MemberList', 'EVConnected,Authorized', { valuesList: TX_POINTS }),
  ]
}

/** Smart charging, reservations, reporting, clock and security. */
function smartCharging(): VariableSpec[] {
  return [
    rw('SmartChargingCtrlr', 'Enabled', 'boolean', 'true'),
    ro('SmartChargingCtrlr', 'Entries', 'integer', '0', {
      variableInstance: 'ChargingProfiles',
      maxLimit: 10,
    }),
    ro('SmartChargingCtrlr', 'ProfileStackLevel', 'integer', '10'),
    ro('SmartChargingCtrlr', 'PeriodsPerSchedule', 'integer', '24'),
    ro('SmartChargingCtrlr', 'RateUnit', 'MemberList', 'A,W', { valuesList: 'A,W' }),
    rw('SmartChargingCtrlr', 'LimitChangeSignificance', 'decimal', '1.0', { unit: 'Percent', minLimit: 0 }),
    rw('ReservationCtrlr', 'Enabled', 'boolean', 'true'),
    ro('ReservationCtrlr', 'NonEvseSpecific', 'boolean', 'true'),
    ro('DeviceDataCtrlr', 'ItemsPerMessage', 'integer', '20', { variableInstance: 'GetReport' }),
    ro('DeviceDataCtrlr', 'ItemsPerMessage', 'integer', '50', { variableInstance: 'GetVariables' }),
    ro('DeviceDataCtrlr', 'ItemsPerMessage', 'integer', '50', { variableInstance: 'SetVariables' }),
    rw('ClockCtrlr', 'TimeSource', 'SequenceList', 'Heartbeat', {
      valuesList: 'Heartbeat,NTP,GPS,RealTimeClock',
    }),
    ro('SecurityCtrlr', 'SecurityProfile', 'integer', '1'),
    rw('SecurityCtrlr', 'OrganizationName', 'string', 'OpenCSMS'),
    wo('SecurityCtrlr', 'BasicAuthPassword', 'string', ''),
  ]
}

/** Tariff and cost (block I): the display shows tariff texts and the running cost. */
function tariffCost(): VariableSpec[] {
  return [
    rw('TariffCostCtrlr', 'Enabled', 'boolean', 'true', { variableInstance: 'Tariff' }),
    rw('TariffCostCtrlr', 'Enabled', 'boolean', 'true', { variableInstance: 'Cost' }),
    ro('TariffCostCtrlr', 'Available', 'boolean', 'true', { variableInstance: 'Tariff' }),
    ro('TariffCostCtrlr', 'Available', 'boolean', 'true', { variableInstance: 'Cost' }),
    rw('TariffCostCtrlr', 'Currency', 'string', 'SEK'),
  ]
}

/** The controllers a typical AC wallbox reports, station-wide. */
function controllers(d: DeviceDefaults): VariableSpec[] {
  return [...communication(d), ...sampling(d), ...authorization(), ...smartCharging(), ...tariffCost()]
}

/** Per EVSE: its availability and rating, and its one Type 2 socket. */
function evse(d: DeviceDefaults, evseId: number): VariableSpec[] {
  const at = { evseId }
  const maxW = String(d.maxCurrentA * d.voltage * d.phases)
  return [
    ro('EVSE', 'AvailabilityState', 'OptionList', 'Available', { ...at, valuesList: AVAILABILITY }),
    ro('EVSE', 'Available', 'boolean', 'true', at),
    ro('EVSE', 'Power', 'decimal', '0', { ...at, unit: 'W', maxLimit: Number(maxW) }),
    ro('EVSE', 'SupplyPhases', 'integer', String(d.phases), at),
    ro('Connector', 'ConnectorType', 'string', 'cType2', { ...at, connectorId: 1 }),
    ro('Connector', 'AvailabilityState', 'OptionList', 'Available', {
      ...at,
      connectorId: 1,
      valuesList: AVAILABILITY,
    }),
  ]
}

/** The whole initial device model. */
export function initialVariables(d: DeviceDefaults): VariableSpec[] {
  const evses = Array.from({ length: d.evses }, (_, i) => evse(d, i + 1))
  return [...controllers(d), ...evses.flat()]
}
