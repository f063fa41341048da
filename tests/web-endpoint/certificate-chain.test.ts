/**
 * verifyCertificateChain: Amazon's published chain under Node's root store, and a test PKI made with openssl
 * (tests/fixtures/test-pki/generate.sh) with one chain per way a chain can be wrong. Verification times are
 * pinned: nothing here depends on the clock or the network.
 */
import { X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { rootCertificates } from 'node:tls';
import * as pkijs from 'pkijs';
import { checkCertificateChain, dnsNameWithin, verifyCertificateChain } from '../../web-endpoint/certificate-chain';
import {
  CertificateChainError,
  CertificateKeyUsageError,
  CertificateValidityError,
  NameConstraintError,
  NotACertificateAuthorityError,
  PathLengthError,
  RequestVerificationError,
  SigningCertificateNameError,
  UntrustedChainError,
} from '../../web-endpoint/alexa-request-verifier';

const FIXTURES = path.join(__dirname, '..', 'fixtures');
const AMAZON_CHAIN = readFileSync(path.join(FIXTURES, 'amazon-echo-api', 'echo-api-chain-2023.pem'), 'utf8');
const pki = (name: string) => readFileSync(path.join(FIXTURES, 'test-pki', name), 'utf8');
const TEST_ROOT = pki('root.pem');

/** Inside every test-PKI certificate's validity except the expired ones (generate.sh's fixed dates). */
const PKI_AT = new Date('2030-01-01T00:00:00Z');
/** Inside the Amazon signing certificate's validity (2023-03-16 .. 2023-12-23). */
const AMAZON_AT = new Date('2023-06-01T12:00:00Z');

const blocks = (pem: string) => pem.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
const subjectCN = (certificate: X509Certificate) => /CN=([^\n]+)/.exec(certificate.subject)?.[1];

/** PKIjs alone, given the whole chain (signing certificate last) and the roots: what it decides without our help. */
async function pkijsAlone(chainPem: string, roots: readonly string[], at: Date): Promise<pkijs.CertificateChainValidationEngineVerifyResult> {
  const parse = (pem: string) => pkijs.Certificate.fromBER(new X509Certificate(pem).raw);
  const engine = new pkijs.CertificateChainValidationEngine({
    trustedCerts: roots.map(parse),
    certs: blocks(chainPem).map(parse).reverse(),
    checkDate: at,
  });
  return engine.verify();
}

async function refusal(chainPem: string, at = PKI_AT, trustedRoots: readonly string[] = [TEST_ROOT]): Promise<Error> {
  const error = await verifyCertificateChain(chainPem, { at, trustedRoots }).then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof Error)) throw new Error('the chain was accepted');
  return error;
}

describe("Amazon's published 2023 echo-api chain, under Node's root store", () => {
  it('verifies at a time inside its validity, to the signing certificate, until its earliest notAfter', async () => {
    const verified = await checkCertificateChain(AMAZON_CHAIN, { at: AMAZON_AT, trustedRoots: rootCertificates });
    expect(subjectCN(verified.certificate)).toBe('echo-api.amazon.com');
    expect(verified.certificate.subjectAltName).toBe('DNS:echo-api.amazon.com');
    expect(new Date(verified.validUntil).toISOString()).toBe('2023-12-23T23:59:59.000Z');
  });

  it.each([
    ['before its signing certificate was valid', '2023-03-15T23:59:00Z'],
    ['after its signing certificate expired', '2023-12-24T00:00:00Z'],
    ['years later', '2026-01-01T00:00:00Z'],
  ])('is refused %s', async (_when, at) => {
    expect(await refusal(AMAZON_CHAIN, new Date(at), rootCertificates)).toBeInstanceOf(CertificateValidityError);
  });

  it('is a chain PKIjs alone cannot place: its last certificate is cross-signed by a root Node does not have', async () => {
    const alone = await pkijsAlone(AMAZON_CHAIN, rootCertificates, AMAZON_AT);
    expect(alone).toMatchObject({ result: false, resultMessage: 'No valid certificate paths found' });
  });

  it('also verifies when only Starfield Services Root G2 is trusted (the path then ends at its cross-signature)', async () => {
    const starfield = rootCertificates.filter((pem) => /Starfield Services Root Certificate Authority - G2/.test(new X509Certificate(pem).subject));
    expect(starfield).toHaveLength(1);
    const certificate = await verifyCertificateChain(AMAZON_CHAIN, { at: AMAZON_AT, trustedRoots: starfield });
    expect(subjectCN(certificate)).toBe('echo-api.amazon.com');
  });

  it('is refused when none of its roots is trusted', async () => {
    expect(await refusal(AMAZON_CHAIN, AMAZON_AT, [TEST_ROOT])).toBeInstanceOf(UntrustedChainError);
  });
});

describe('a test PKI (openssl) at a pinned time', () => {
  it('verifies the valid chain, cached until its earliest notAfter (here the signing certificate, 2035)', async () => {
    const verified = await checkCertificateChain(pki('valid.pem'), { at: PKI_AT, trustedRoots: [TEST_ROOT] });
    expect(subjectCN(verified.certificate)).toBe('echo-api.amazon.com');
    expect(new Date(verified.validUntil).toISOString()).toBe('2035-01-01T00:00:00.000Z');
  });

  it('takes the earliest notAfter on the path, not the signing certificate’s: an intermediate ending 2030-02-01', async () => {
    const verified = await checkCertificateChain(pki('short-intermediate.pem'), { at: PKI_AT, trustedRoots: [TEST_ROOT] });
    expect(new Date(verified.validUntil).toISOString()).toBe('2030-02-01T00:00:00.000Z');
  });

  it('stops at the trusted root when the chain carries the root itself', async () => {
    await expect(verifyCertificateChain(pki('valid-with-root.pem'), { at: PKI_AT, trustedRoots: [TEST_ROOT] })).resolves.toBeInstanceOf(X509Certificate);
  });

  it('stops at the first certificate a trusted root issued: a cross-signed root and its untrusted signer are never looked at', async () => {
    await expect(verifyCertificateChain(pki('cross-signed.pem'), { at: PKI_AT, trustedRoots: [TEST_ROOT] })).resolves.toBeInstanceOf(X509Certificate);
    expect(await pkijsAlone(pki('cross-signed.pem'), [TEST_ROOT], PKI_AT)).toMatchObject({ result: false, resultMessage: 'No valid certificate paths found' });
  });

  // PKIjs enforces these itself: the error's cause is its own finding ("PKIjs <code>: ...").
  it.each([
    ['an expired signing certificate', 'expired-leaf.pem', CertificateValidityError],
    ['an expired intermediate', 'expired-intermediate.pem', CertificateValidityError],
    ['an intermediate with CA:FALSE', 'intermediate-ca-false.pem', NotACertificateAuthorityError],
    ['an intermediate with no basicConstraints', 'intermediate-no-basic-constraints.pem', NotACertificateAuthorityError],
    ['an intermediate whose keyUsage lacks keyCertSign', 'intermediate-no-key-cert-sign.pem', CertificateKeyUsageError],
    ['a name outside the only permitted subtree (example.com)', 'name-constraints-permitted.pem', NameConstraintError],
    ['a name inside an excluded subtree (amazon.com)', 'name-constraints-excluded.pem', NameConstraintError],
  ])('refuses %s (PKIjs finds it)', async (_name, file, errorClass) => {
    const error = await refusal(pki(file));
    expect(error).toBeInstanceOf(errorClass);
    expect(error).toBeInstanceOf(RequestVerificationError);
    expect((error as Error & { cause?: Error }).cause?.message).toMatch(/^PKIjs \d+: /);
    expect((await pkijsAlone(pki(file), [TEST_ROOT], PKI_AT)).result).toBe(false);
  });

  it('accepts the expired intermediate’s chain before it expired (the refusal is about time)', async () => {
    await expect(verifyCertificateChain(pki('expired-intermediate.pem'), { at: new Date('2028-06-01T00:00:00Z'), trustedRoots: [TEST_ROOT] })).resolves.toBeInstanceOf(X509Certificate);
  });

  // PKIjs 4 accepts these (checked here), so the verifier checks them itself.
  it.each([
    ['a CA below an intermediate with pathlen:0', 'path-length-exceeded.pem', PathLengthError],
    ['a name permitted by one issuer (amazon.com) but not by the one below it (example.com)', 'name-constraints-narrowed.pem', NameConstraintError],
  ])('refuses %s (an explicit check: PKIjs alone accepts it)', async (_name, file, errorClass) => {
    expect((await pkijsAlone(pki(file), [TEST_ROOT], PKI_AT)).result).toBe(true);
    expect(await refusal(pki(file))).toBeInstanceOf(errorClass);
  });

  it('refuses a chain under a look-alike root (the trusted root’s name, another key), even with that root in the chain', async () => {
    expect(await refusal(pki('look-alike-root.pem'))).toBeInstanceOf(UntrustedChainError);
    // Trusting the look-alike instead shows the chain itself is well formed: only the key differs.
    const lookAlike = blocks(pki('look-alike-root.pem')).at(-1)!;
    expect(new X509Certificate(lookAlike).subject).toBe(new X509Certificate(TEST_ROOT).subject);
    await expect(verifyCertificateChain(pki('look-alike-root.pem'), { at: PKI_AT, trustedRoots: [lookAlike] })).resolves.toBeInstanceOf(X509Certificate);
  });

  it.each([
    ['echo-api.amazon.com.evil.com', 'san-suffix-domain.pem'],
    ['xecho-api.amazon.com', 'san-prefixed.pem'],
    ['*.amazon.com', 'san-wildcard.pem'],
    ['amazon.com', 'san-parent-domain.pem'],
    ['echo-api-amazon.com', 'san-hyphenated.pem'],
    ['echo-api.amazon.co', 'san-other-tld.pem'],
    ['echo-api.amazon.com. (a trailing dot)', 'san-trailing-dot.pem'],
    ['the URI https://echo-api.amazon.com/', 'san-uri.pem'],
    ['the email echo-api@amazon.com', 'san-email.pem'],
    ['echo-api.amazon.com only as its CN', 'san-common-name-only.pem'],
  ])('refuses a signing certificate for %s', async (_name, file) => {
    expect(await refusal(pki(file))).toBeInstanceOf(SigningCertificateNameError);
    // The path itself is fine: only the name is wrong.
    expect((await pkijsAlone(pki(file), [TEST_ROOT], PKI_AT)).result).toBe(true);
  });

  it.each([
    ['no certificate at all', 'not a certificate'],
    ['a PEM block that is not X.509', '-----BEGIN CERTIFICATE-----\nbm90IGEgY2VydGlmaWNhdGU=\n-----END CERTIFICATE-----\n'],
    ['six certificates', pki('valid.pem').repeat(3)],
  ])('refuses %s as unreadable', async (_name, pem) => {
    const error = await refusal(pem);
    expect(error.constructor).toBe(CertificateChainError);
  });
});

describe('dnsNameWithin (RFC 5280 name constraints for DNS names)', () => {
  it.each([
    ['echo-api.amazon.com', 'amazon.com', true],
    ['amazon.com', 'amazon.com', true],
    ['ECHO-API.Amazon.COM', 'amazon.com', true],
    ['echo-api.amazon.com', '.amazon.com', true],
    ['amazon.com', '.amazon.com', false],
    ['echo-api.amazon.com', 'example.com', false],
    ['evilamazon.com', 'amazon.com', false],
    ['anything.example', '', true],
  ])('%s within %s: %s', (name, base, within) => {
    expect(dnsNameWithin(name, base)).toBe(within);
  });
});
