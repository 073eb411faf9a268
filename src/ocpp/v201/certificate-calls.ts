import type { CallBuilders } from '../call-builders'
import { type Call, certificateUse } from './calls'

/**
 * Certificates: functional block A, Security (CertificateSigned, A02/A03, answering a station's
 * SignCertificate) and block M, ISO 15118 CertificateManagement (InstallCertificate M05,
 * GetInstalledCertificateIds M03, DeleteCertificate M04).
 */
export const certificateCalls = {
  certificateSigned: (c) => ({
    action: 'CertificateSigned',
    payload: {
      certificateChain: c.certificateChain,
      ...(c.certificateType ? { certificateType: c.certificateType } : {}),
    },
  }),
  installCertificate: (c) => ({
    action: 'InstallCertificate',
    payload: { certificate: c.certificate, certificateType: certificateUse(c.certificateType) },
  }),
  getInstalledCertificateIds: (c) => ({
    action: 'GetInstalledCertificateIds',
    payload: c.certificateTypes ? { certificateType: c.certificateTypes.map(certificateUse) } : {},
    read: (r) => ({ data: { ...r } }),
  }),
  deleteCertificate: (c) => ({ action: 'DeleteCertificate', payload: { certificateHashData: c.hash } }),
} satisfies CallBuilders<Call>
