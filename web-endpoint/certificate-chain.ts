/**
 * Is this PEM chain a valid path from an Alexa signing certificate to a trusted root? RFC 5280 path
 * validation is PKIjs's (CertificateChainValidationEngine: every certificate's validity, basicConstraints cA,
 * keyUsage keyCertSign, name constraints, signatures); this module adds what it needs and what PKIjs
 * does not do:
 *
 *   1. the signing certificate (the first) names echo-api.amazon.com exactly in its subject alternative
 *      names (a path validator does not look at the leaf's name);
 *   2. the path stops at the first certificate that IS a trusted root or is ISSUED by one (its signature
 *      verified with the root's key), and PKIjs gets only that prefix and that root. Amazon's chain ends with
 *      Starfield Services Root CA G2 cross-signed by Starfield Class 2, which is not in Node's root store;
 *      given the whole chain PKIjs 4 answers "No valid certificate paths found", where `openssl verify`
 *      stops at the trusted root as we do;
 *   3. pathLenConstraint, which PKIjs 4 parses but never enforces;
 *   4. name constraints level by level: PKIjs 4 joins the permitted subtrees of all issuers (a name
 *      permitted by any of them passes) where RFC 5280 intersects them (it must be permitted by each).
 *
 * tests/web-endpoint/certificate-chain.test.ts proves each rule with the openssl-made PKI in tests/fixtures/test-pki.
 */
import { X509Certificate } from 'node:crypto';
import * as pkijs from 'pkijs';
import {
  CertificateChainError,
  CertificateKeyUsageError,
  CertificatePathError,
  CertificateValidityError,
  NameConstraintError,
  NotACertificateAuthorityError,
  PathLengthError,
  SigningCertificateNameError,
  UntrustedChainError,
} from './verification-errors';

/** The name Alexa's signing certificate must carry (Amazon's rule for web-service skills). */
export const SIGNING_DOMAIN = 'echo-api.amazon.com';
/** Alexa's chain has four certificates; anything much longer is not it. */
export const MAX_CHAIN_CERTIFICATES = 5;

const OID = {
  subjectAltName: '2.5.29.17',
  basicConstraints: '2.5.29.19',
  nameConstraints: '2.5.29.30',
  keyUsage: '2.5.29.15',
} as const;
/** GeneralName tags (RFC 5280 4.2.1.6). */
const DNS_NAME = 2;

export interface CertificateChainOptions {
  /** The verification time (tests pin it). */
  readonly at: Date;
  /** PEM roots a path may end at; the verifier passes Node's `tls.rootCertificates` by default. */
  readonly trustedRoots: readonly string[];
}

/** A chain that verified: its signing certificate, and until when the whole path stays valid. */
export interface VerifiedChain {
  readonly certificate: X509Certificate;
  /** The earliest notAfter on the path (signing certificate to root), epoch ms: the chain is good until then. */
  readonly validUntil: number;
}

/** One certificate, parsed by Node (link checks, keys) and by PKIjs (path validation, extensions). */
interface ParsedCertificate {
  readonly node: X509Certificate;
  readonly pkijs: pkijs.Certificate;
}

/**
 * The signing certificate of `chainPem` (signing certificate first, then its issuers) when the chain is a
 * valid path for Alexa at `options.at`; else a CertificateChainError subclass naming what is wrong.
 */
export async function verifyCertificateChain(chainPem: string, options: CertificateChainOptions): Promise<X509Certificate> {
  return (await checkCertificateChain(chainPem, options)).certificate;
}

/** verifyCertificateChain, and how long the result may be cached. */
export async function checkCertificateChain(chainPem: string, options: CertificateChainOptions): Promise<VerifiedChain> {
  const chain = parseChain(chainPem);
  const signing = chain[0]!;
  if (!namesSigningDomain(signing.pkijs)) throw new SigningCertificateNameError(SIGNING_DOMAIN);
  const { path, anchor } = pathToTrustedRoot(chain, trustedRootsOf(options.trustedRoots));
  const fullPath = [...path, anchor];
  await validateWithPkijs(path, anchor, options.at);
  checkPathLengths(fullPath);
  checkNameConstraintsPerIssuer(fullPath);
  return { certificate: signing.node, validUntil: Math.min(...fullPath.map((c) => c.pkijs.notAfter.value.getTime())) };
}

function parseChain(chainPem: string): ParsedCertificate[] {
  const blocks = chainPem.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
  if (blocks.length === 0 || blocks.length > MAX_CHAIN_CERTIFICATES) throw new CertificateChainError('certificate chain is empty or too long');
  try {
    return blocks.map(parseCertificate);
  } catch (cause) {
    throw new CertificateChainError('certificate chain is not valid PEM', { cause });
  }
}

function parseCertificate(pem: string): ParsedCertificate {
  const node = new X509Certificate(pem);
  return { node, pkijs: pkijs.Certificate.fromBER(node.raw) };
}

/** Exactly echo-api.amazon.com (DNS names compare without regard to case), as a dNSName: no wildcard, no CN. */
function namesSigningDomain(certificate: pkijs.Certificate): boolean {
  return dnsNames(certificate).some((name) => name.toLowerCase() === SIGNING_DOMAIN);
}

function dnsNames(certificate: pkijs.Certificate): string[] {
  const altNames = extension<pkijs.AltName>(certificate, OID.subjectAltName)?.altNames ?? [];
  return altNames.filter((name) => name.type === DNS_NAME && typeof name.value === 'string').map((name) => name.value as string);
}

function extension<T>(certificate: pkijs.Certificate, oid: string): T | undefined {
  return certificate.extensions?.find((e) => e.extnID === oid)?.parsedValue as T | undefined;
}

/** Parsed trusted roots, once per root list (Node's list is one frozen array). */
const parsedRoots = new WeakMap<readonly string[], readonly X509Certificate[]>();

function trustedRootsOf(pems: readonly string[]): readonly X509Certificate[] {
  let roots = parsedRoots.get(pems);
  if (!roots) {
    roots = pems.flatMap((pem) => {
      try {
        return [new X509Certificate(pem)];
      } catch {
        return []; // a root Node cannot read can anchor nothing
      }
    });
    parsedRoots.set(pems, roots);
  }
  return roots;
}

/**
 * The chain up to the first certificate that is a trusted root (left out: the root itself is the anchor) or
 * is issued by one (kept, with that root as the anchor). Nothing after it is looked at, so a cross-signed
 * copy of a trusted root, and the untrusted root that signed it, never reach the validator.
 */
function pathToTrustedRoot(chain: readonly ParsedCertificate[], roots: readonly X509Certificate[]): { path: ParsedCertificate[]; anchor: ParsedCertificate } {
  for (let i = 0; i < chain.length; i++) {
    const certificate = chain[i]!.node;
    const same = i > 0 ? roots.find((root) => root.raw.equals(certificate.raw)) : undefined;
    if (same) return { path: chain.slice(0, i), anchor: parseCertificate(same.toString()) };
    const issuer = roots.find((root) => issuedBy(certificate, root));
    if (issuer) return { path: chain.slice(0, i + 1), anchor: parseCertificate(issuer.toString()) };
  }
  throw new UntrustedChainError();
}

function issuedBy(certificate: X509Certificate, root: X509Certificate): boolean {
  try {
    return certificate.checkIssued(root) && certificate.verify(root.publicKey);
  } catch {
    return false; // a signature algorithm Node cannot check proves nothing
  }
}

/** PKIjs's RFC 5280 validation of `path` (signing certificate first) ending at `anchor`, at `at`. */
async function validateWithPkijs(path: readonly ParsedCertificate[], anchor: ParsedCertificate, at: Date): Promise<void> {
  const engine = new pkijs.CertificateChainValidationEngine({
    trustedCerts: [anchor.pkijs],
    // PKIjs takes the last certificate it is given as the one to validate.
    certs: path.map((c) => c.pkijs).reverse(),
    checkDate: at,
  });
  let result: pkijs.CertificateChainValidationEngineVerifyResult;
  try {
    result = await engine.verify();
  } catch (cause) {
    throw new CertificatePathError({ cause });
  }
  if (!result.result) throw pathError(result, [...path, anchor]);
}

/** PKIjs's result codes (CertificateChainValidationEngine) as our named errors; its finding is the cause. */
function pathError(result: pkijs.CertificateChainValidationEngineVerifyResult, path: readonly ParsedCertificate[]): CertificateChainError {
  const cause = new Error(`PKIjs ${result.resultCode}: ${result.resultMessage}`);
  switch (result.resultCode) {
    case 8:
      return new CertificateValidityError({ cause });
    case 14: // "One of intermediate certificates is not a CA certificate": basicConstraints or keyUsage, say which
      return path.slice(1).some((c) => !isCertificateAuthority(c.pkijs)) ? new NotACertificateAuthorityError({ cause }) : keyUsageOrPathError(path, cause);
    case 41:
    case 42:
      return new NameConstraintError({ cause });
    case 60:
    case 97:
      return new UntrustedChainError({ cause });
    default:
      return new CertificatePathError({ cause });
  }
}

function keyUsageOrPathError(path: readonly ParsedCertificate[], cause: Error): CertificateChainError {
  return path.slice(1).some((c) => !mayIssueCertificates(c.pkijs)) ? new CertificateKeyUsageError({ cause }) : new CertificatePathError({ cause });
}

function isCertificateAuthority(certificate: pkijs.Certificate): boolean {
  return extension<pkijs.BasicConstraints>(certificate, OID.basicConstraints)?.cA === true;
}

/** keyUsage, when present, must include keyCertSign (bit 5: 0x04 in the first byte). */
function mayIssueCertificates(certificate: pkijs.Certificate): boolean {
  const keyUsage = extension<{ valueBlock: { valueHex: ArrayBuffer } }>(certificate, OID.keyUsage);
  return !keyUsage || ((new Uint8Array(keyUsage.valueBlock.valueHex)[0] ?? 0) & 0x04) !== 0;
}

/**
 * RFC 5280 6.1.4 (l)/(m): a CA certificate with pathLenConstraint n may have at most n non-self-issued CA
 * certificates below it on the path (the signing certificate not counted). PKIjs 4 does not check it.
 */
function checkPathLengths(path: readonly ParsedCertificate[]): void {
  for (let i = 1; i < path.length; i++) {
    const limit = pathLenConstraint(path[i]!.pkijs);
    if (limit === undefined) continue;
    const casBelow = path.slice(1, i).filter((c) => !c.pkijs.subject.isEqual(c.pkijs.issuer)).length;
    if (casBelow > limit) throw new PathLengthError();
  }
}

function pathLenConstraint(certificate: pkijs.Certificate): number | undefined {
  const constraints = extension<pkijs.BasicConstraints>(certificate, OID.basicConstraints);
  const value = constraints?.pathLenConstraint;
  if (value === undefined) return undefined;
  return typeof value === 'number' ? value : value.valueBlock.valueDec;
}

/**
 * RFC 5280 6.1.4 (g): each issuer's nameConstraints apply to every name below it, so a name must be permitted
 * by every issuer that permits names of its kind (the intersection) and excluded by none. Checked here for
 * DNS names, the kind Alexa's chain carries; PKIjs 4 checks a union instead. The anchor's own constraints
 * are not applied (RFC 5280 6.1.1: a trust anchor is trusted as it is).
 */
function checkNameConstraintsPerIssuer(path: readonly ParsedCertificate[]): void {
  for (let i = 1; i < path.length - 1; i++) {
    const constraints = extension<pkijs.NameConstraints>(path[i]!.pkijs, OID.nameConstraints);
    if (!constraints) continue;
    const permitted = dnsBases(constraints.permittedSubtrees);
    const excluded = dnsBases(constraints.excludedSubtrees);
    for (const name of path.slice(0, i).flatMap((c) => dnsNames(c.pkijs))) {
      if (permitted.length > 0 && !permitted.some((base) => dnsNameWithin(name, base))) throw new NameConstraintError();
      if (excluded.some((base) => dnsNameWithin(name, base))) throw new NameConstraintError();
    }
  }
}

function dnsBases(subtrees: readonly pkijs.GeneralSubtree[] | undefined): string[] {
  return (subtrees ?? []).filter((s) => s.base.type === DNS_NAME && typeof s.base.value === 'string').map((s) => s.base.value as string);
}

/** RFC 5280 4.2.1.10: "example.com" covers itself and every name below it; ".example.com" only names below it. */
export function dnsNameWithin(name: string, base: string): boolean {
  const n = name.toLowerCase();
  const b = base.toLowerCase();
  if (b === '') return true;
  if (b.startsWith('.')) return n.endsWith(b);
  return n === b || n.endsWith(`.${b}`);
}
