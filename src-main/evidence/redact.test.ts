// Redaction of the printable report: e-mail addresses, phone numbers in international and national forms,
// and given names — while hashes, versions, dates and process ids stay readable.
import { describe, expect, it } from 'vitest';
import { REDACTED, redactor } from './redact.js';

describe('the report redactor', () => {
  const redact = redactor(['Maya’s iPhone', 'Maya', 'ab']);

  it('removes e-mail addresses, phone numbers and the names given', () => {
    expect(redact('Contact maya.b+spy@example.co.uk or marc@gmail.com')).toBe(`Contact ${REDACTED} or ${REDACTED}`);
    expect(redact('SMS from +33 6 12 34 56 78, 06.12.34.56.78, 0612345678 and +1 (555) 010-9999')).toBe(`SMS from ${REDACTED}, ${REDACTED}, ${REDACTED} and ${REDACTED}`);
    expect(redact('Maya’s iPhone belongs to Maya')).toBe(`${REDACTED} belongs to ${REDACTED}`);
  });

  it('leaves hashes, versions, dates, ids and short names alone', () => {
    const technical = 'sha256 4add4bb89d8ca0e3b1bd861130ddd7ae0fd9617a8055de0a38c8d2ca1ac95723, version 17.5.1, 2026-11-23T06:25:15Z, pid 23950, uid 10234, abc';
    expect(redact(technical)).toBe(technical);
  });
});
