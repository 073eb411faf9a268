import type { PanelKit } from './commands'

/*
 * The groups of the commands panel. Each renders its command forms with the panel's kit: the form
 * maker, the EVSE options, and what the charger has (protocol, running transactions, reservations).
 */

/** Remote start/stop, unlock, reservations. */
export function ChargingGroup({ form, evseOptions, active, reservations }: PanelKit) {
  const openReservations = reservations.filter((r) => r.status === 'Accepted' || r.status === 'Requested')
  return (
    <details open>
      <summary>Charging</summary>
      {form(
        'remoteStart',
        'Remote start',
        <>
          <input name="idTag" placeholder="Token id" required maxlength="36" />
          <select name="evseId">{evseOptions}</select>
        </>,
      )}
      {active.length
        ? form(
            'remoteStop',
            'Remote stop',
            <select name="transactionId">
              {active.map((t) => (
                <option value={String(t.id)} safe>{`Transaction ${t.id} (EVSE ${t.evseId})`}</option>
              ))}
            </select>,
          )
        : ''}
      {form('unlock', 'Unlock', <select name="evseId">{evseOptions}</select>)}
      {form(
        'reserveNow',
        'Reserve',
        <>
          <input name="idTag" placeholder="Token id" required maxlength="36" />
          <select name="evseId">{evseOptions}</select>
          <input name="expiresInMinutes" type="number" min="1" max="1440" value="30" aria-label="Minutes" />
        </>,
      )}
      {openReservations.length
        ? form(
            'cancelReservation',
            'Cancel reservation',
            <select name="reservationId">
              {openReservations.map((r) => (
                <option value={String(r.id)} safe>{`#${r.id} ${r.idTag}`}</option>
              ))}
            </select>,
          )
        : ''}
    </details>
  )
}

/** Reset, availability, trigger, cache, data transfer. */
export function StationGroup({ form, evseOptions, options, v201 }: PanelKit) {
  return (
    <details>
      <summary>Station</summary>
      {form('reset', 'Reset', <select name="kind">{options(['Soft', 'Hard'])}</select>)}
      {form(
        'changeAvailability',
        'Set availability',
        <>
          <select name="evseId">
            <option value="0">Whole station</option>
            {evseOptions}
          </select>
          <select name="operative">
            <option value="true">Operative</option>
            <option value="false">Inoperative</option>
          </select>
        </>,
      )}
      {form(
        'triggerMessage',
        'Trigger',
        <select name="message">
          {options(
            v201
              ? [
                  'StatusNotification',
                  'Heartbeat',
                  'MeterValues',
                  'TransactionEvent',
                  'BootNotification',
                  'FirmwareStatusNotification',
                  'LogStatusNotification',
                  'SignChargingStationCertificate',
                ]
              : [
                  'StatusNotification',
                  'Heartbeat',
                  'MeterValues',
                  'BootNotification',
                  'FirmwareStatusNotification',
                  'DiagnosticsStatusNotification',
                  'LogStatusNotification',
                  'SignChargingStationCertificate',
                ],
          )}
        </select>,
      )}
      {form('clearCache', 'Clear authorisation cache')}
      {form(
        'dataTransfer',
        'Data transfer',
        <>
          <input name="vendorId" placeholder="Vendor id" required maxlength="255" />
          <input name="messageId" placeholder="Message id" maxlength="50" />
          <input name="data" placeholder="Data" />
        </>,
      )}
    </details>
  )
}

/** Read and change configuration (1.6 keys, 2.0.1 variables). */
export function ConfigurationGroup({ form, options, v201 }: PanelKit) {
  return (
    <details>
      <summary>Configuration</summary>
      {form(
        'getVariables',
        'Read',
        <>
          {v201 ? <input name="component" placeholder="Component" maxlength="50" /> : ''}
          <input
            name="variable"
            placeholder={v201 ? 'Variable (empty: all)' : 'Key (empty: all)'}
            maxlength="50"
          />
        </>,
      )}
      {form(
        'setVariables',
        'Change',
        <>
          {v201 ? <input name="component" placeholder="Component" required maxlength="50" /> : ''}
          <input name="variable" placeholder={v201 ? 'Variable' : 'Key'} required maxlength="50" />
          <input name="value" placeholder="Value" maxlength="1000" />
        </>,
      )}
      {v201
        ? form(
            'getBaseReport',
            'Device report',
            <select name="reportBase">
              {options(['ConfigurationInventory', 'FullInventory', 'SummaryInventory'])}
            </select>,
          )
        : ''}
    </details>
  )
}

/** Charging profiles and composite schedules. */
export function SmartChargingGroup({ form, evseOptions, options, v201 }: PanelKit) {
  return (
    <details>
      <summary>Smart charging</summary>
      {form(
        'setChargingProfile',
        'Set limit',
        <>
          <select name="evseId">
            <option value="0">Whole station</option>
            {evseOptions}
          </select>
          <select name="purpose">{options(['ChargingStationMaxProfile', 'TxDefaultProfile'])}</select>
          <input name="limit" type="number" min="0" step="0.1" required placeholder="Limit" />
          <select name="rateUnit">{options(['A', 'W'])}</select>
          <input name="stackLevel" type="number" min="0" max="100" value="1" aria-label="Stack level" />
          <input name="durationMinutes" type="number" min="1" placeholder="Minutes (empty: no end)" />
        </>,
      )}
      {form(
        'clearChargingProfile',
        'Clear profiles',
        <>
          <select name="purpose">
            <option value="">Any purpose</option>
            {options(['ChargingStationMaxProfile', 'TxDefaultProfile', 'TxProfile'])}
          </select>
          <input name="profileId" type="number" min="0" placeholder="Profile id" />
        </>,
      )}
      {form(
        'getCompositeSchedule',
        'Composite schedule',
        <>
          <select name="evseId">
            <option value="0">Whole station</option>
            {evseOptions}
          </select>
          <input name="durationMinutes" type="number" min="1" value="60" aria-label="Minutes" />
          <select name="rateUnit">{options(['A', 'W'])}</select>
        </>,
      )}
      {v201
        ? form(
            'getChargingProfiles',
            'Read profiles',
            <select name="evseId">
              <option value="0">Whole station</option>
              {evseOptions}
            </select>,
          )
        : ''}
    </details>
  )
}

/** Logs, firmware, local authorisation list. */
export function MaintenanceGroup({ form, options }: PanelKit) {
  return (
    <details>
      <summary>Maintenance</summary>
      {form(
        'getLog',
        'Upload log',
        <>
          <select name="logType">{options(['DiagnosticsLog', 'SecurityLog'])}</select>
          <input name="location" type="url" required placeholder="Upload URL" />
        </>,
      )}
      {form(
        'updateFirmware',
        'Update firmware',
        <>
          <input name="location" type="url" required placeholder="Firmware URL" />
          <input name="retrieveInMinutes" type="number" min="0" value="0" aria-label="Retrieve in minutes" />
        </>,
      )}
      {form(
        'sendLocalList',
        'Send the local list compiled from the access policies (full)',
        <input type="hidden" name="updateType" value="Full" />,
      )}
      {form('getLocalListVersion', 'Local list version')}
    </details>
  )
}

/** Security extension: certificates. */
export function CertificatesGroup({ form, options }: PanelKit) {
  return (
    <details>
      <summary>Certificates</summary>
      {form(
        'certificateSigned',
        'Send signed certificate',
        <textarea name="certificateChain" required rows="3" placeholder="PEM certificate chain" />,
      )}
      {form(
        'installCertificate',
        'Install',
        <>
          <select name="certificateType">
            {options([
              'CentralSystemRootCertificate',
              'ManufacturerRootCertificate',
              'V2GRootCertificate',
              'MORootCertificate',
            ])}
          </select>
          <textarea name="certificate" required rows="3" placeholder="PEM certificate" />
        </>,
      )}
      {form(
        'getInstalledCertificateIds',
        'List installed',
        <select name="certificateType">
          <option value="">All kinds</option>
          {options([
            'CentralSystemRootCertificate',
            'ManufacturerRootCertificate',
            'V2GRootCertificate',
            'MORootCertificate',
          ])}
        </select>,
      )}
      {form(
        'deleteCertificate',
        'Delete',
        <>
          <select name="hashAlgorithm">{options(['SHA256', 'SHA384', 'SHA512'])}</select>
          <input name="issuerNameHash" required placeholder="Issuer name hash" />
          <input name="issuerKeyHash" required placeholder="Issuer key hash" />
          <input name="serialNumber" required placeholder="Serial" />
        </>,
      )}
    </details>
  )
}
