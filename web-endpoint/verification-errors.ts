/**
 * Why `npm run serve` refuses a request. Every RequestVerificationError is answered with HTTP 400 and its
 * message, which names the check and never echoes anything from the request; the certificate errors below
 * are its subclasses, one per kind of bad chain, each with the validator's own finding as `cause` where
 * there is one. CertificateDownloadsBusyError is the one refusal that is not the request's fault (HTTP 503).
 */

/** The request is not provably from Alexa, or not for this skill (answered with HTTP 400). */
export class RequestVerificationError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'RequestVerificationError';
  }
}

/** The certificate chain cannot be read: not PEM, not X.509, empty, or longer than Alexa's ever is. */
export class CertificateChainError extends RequestVerificationError {
  constructor(message = 'certificate chain is not valid PEM', options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'CertificateChainError';
  }
}

/** The signing certificate (the first) does not name echo-api.amazon.com in its subject alternative names. */
export class SigningCertificateNameError extends CertificateChainError {
  constructor(domain: string) {
    super(`signing certificate is not for ${domain}`);
    this.name = 'SigningCertificateNameError';
  }
}

/** No certificate of the chain is a trusted root or issued by one (the look-alike root ends here). */
export class UntrustedChainError extends CertificateChainError {
  constructor(options?: { cause?: unknown }) {
    super('certificate chain does not end at a trusted root', options);
    this.name = 'UntrustedChainError';
  }
}

/** A certificate on the path is expired or not yet valid at the verification time. */
export class CertificateValidityError extends CertificateChainError {
  constructor(options?: { cause?: unknown }) {
    super('certificate expired or not yet valid', options);
    this.name = 'CertificateValidityError';
  }
}

/** An issuing certificate is not a CA: basicConstraints missing or CA:FALSE. */
export class NotACertificateAuthorityError extends CertificateChainError {
  constructor(options?: { cause?: unknown }) {
    super('an issuing certificate is not a certificate authority', options);
    this.name = 'NotACertificateAuthorityError';
  }
}

/** An issuing certificate's keyUsage does not allow signing certificates (no keyCertSign). */
export class CertificateKeyUsageError extends CertificateChainError {
  constructor(options?: { cause?: unknown }) {
    super('an issuing certificate may not sign certificates (keyUsage)', options);
    this.name = 'CertificateKeyUsageError';
  }
}

/** A name below an issuer is outside what its nameConstraints permit, or inside what they exclude. */
export class NameConstraintError extends CertificateChainError {
  constructor(options?: { cause?: unknown }) {
    super('a certificate name breaks an issuer name constraint', options);
    this.name = 'NameConstraintError';
  }
}

/** More CA certificates below an issuer than its basicConstraints pathLenConstraint allows. */
export class PathLengthError extends CertificateChainError {
  constructor() {
    super('certificate path is longer than an issuer allows (pathLenConstraint)');
    this.name = 'PathLengthError';
  }
}

/** The path validator refused the chain for a reason none of the classes above names (a bad signature, a policy). */
export class CertificatePathError extends CertificateChainError {
  constructor(options?: { cause?: unknown }) {
    super('certificate chain does not validate', options);
    this.name = 'CertificatePathError';
  }
}

/** Too many certificate downloads already running and waiting: answered with 503 and Retry-After. */
export class CertificateDownloadsBusyError extends Error {
  constructor(readonly retryAfterSeconds: number) {
    super('too many certificate downloads at once');
    this.name = 'CertificateDownloadsBusyError';
  }
}
