// Reading who signed an APK: from the APK Signing Block (v2, as the demo phones' APKs carry it) and from a
// v1 JAR signature (META-INF/CERT.RSA, a PKCS#7 SignedData built here around the same demo certificate);
// damaged or hostile APKs give no certificate rather than an error. The certificate is
// resources/demo/certificates/demo-monitoring.der (generated for the demo; see its README).
import { createHash, X509Certificate } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { AsnConvert } from '@peculiar/asn1-schema';
import { CertificateChoices, CertificateSet, ContentInfo, EncapsulatedContentInfo, id_data, id_signedData, SignedData } from '@peculiar/asn1-cms';
import { Certificate } from '@peculiar/asn1-x509';
import { describe, expect, it } from 'vitest';
import { zipOf } from '../../../tests/helpers/zip.js';
import { demoApk } from '../../demo/demo-apk.js';
import { builtinResourcesDir } from '../../package-info.js';
import { apkCertificates } from './apk-certificates.js';

const certificate = fs.readFileSync(path.join(builtinResourcesDir, 'demo', 'certificates', 'demo-monitoring.der'));
// Fingerprints are upper-case hex, as signature files and Android tools write them.
const fingerprint = (algorithm: 'sha1' | 'sha256') => createHash(algorithm).update(certificate).digest('hex').toUpperCase();

/** A PKCS#7 SignedData carrying the certificate, as jarsigner writes into META-INF/CERT.RSA. */
function pkcs7(der: Buffer): Buffer {
  const signed = new SignedData({
    version: 1,
    encapContentInfo: new EncapsulatedContentInfo({ eContentType: id_data }),
    certificates: new CertificateSet([new CertificateChoices({ certificate: AsnConvert.parse(der, Certificate) })]),
  });
  return Buffer.from(AsnConvert.serialize(new ContentInfo({ contentType: id_signedData, content: AsnConvert.serialize(signed) })));
}

describe('APK signing certificates', () => {
  it('reads the certificate of an APK signed with scheme v2', async () => {
    const certificates = await apkCertificates(await demoApk('com.example.monitor', certificate));
    expect(certificates).toEqual([{ scheme: 'v2', sha1: fingerprint('sha1'), sha256: fingerprint('sha256'), subject: new X509Certificate(certificate).subject.replace(/\n/g, ', ') }]);
  });

  it('reads the certificate of an APK signed with v1 only (META-INF/*.RSA)', async () => {
    const apk = await zipOf({ 'AndroidManifest.xml': Buffer.from('<manifest/>'), 'META-INF/MANIFEST.MF': Buffer.from('Manifest-Version: 1.0\n'), 'META-INF/CERT.RSA': pkcs7(certificate) });
    const certificates = await apkCertificates(apk);
    expect(certificates.map(({ scheme, sha1, sha256 }) => ({ scheme, sha1, sha256 }))).toEqual([{ scheme: 'v1', sha1: fingerprint('sha1'), sha256: fingerprint('sha256') }]);
  });

  it('gives no certificate, without failing, for damaged or hostile files', async () => {
    const signed = await demoApk('com.example.monitor', certificate);
    const magic = signed.indexOf('APK Sig Block 42');
    const lying = Buffer.from(signed);
    lying.writeBigUInt64LE(BigInt(2 ** 40), magic - 8); // a signing block that claims to be 1 TiB
    expect(await apkCertificates(lying)).toEqual([]);
    expect(await apkCertificates(Buffer.from('not an apk at all'))).toEqual([]);
    expect(await apkCertificates(signed.subarray(0, Math.floor(signed.length / 2)))).toEqual([]);
    const badPkcs7 = await zipOf({ 'META-INF/CERT.RSA': Buffer.from([0x30, 0x82, 0xff, 0xff, 0x06]) });
    expect(await apkCertificates(badPkcs7)).toEqual([]);
  });
});
