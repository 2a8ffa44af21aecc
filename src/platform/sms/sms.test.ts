// The SMS platform without network: French mobile numbers as people type them, and the development outbox that
// keeps messages and refuses the numbers the ARCEP reserves for fiction.
import { describe, expect, it } from 'vitest';
import { DevSmsOutbox, frenchMobileNumber, SmsRefusedError } from './sms.ts';

describe('frenchMobileNumber', () => {
  it('reads a mobile number however it is written, in E.164 form', () => {
    for (const typed of [
      '0612345678',
      '06 12 34 56 78',
      '06.12.34.56.78',
      '06-12-34-56-78',
      '+33 6 12 34 56 78',
      '0033612345678',
    ])
      expect(frenchMobileNumber(typed)).toBe('+33612345678');
    expect(frenchMobileNumber('07 00 00 00 01')).toBe('+33700000001');
  });

  it('refuses what is not a French mobile number', () => {
    for (const typed of [
      '',
      '05 65 20 87 87',
      '06 12 34 56',
      '06 12 34 56 789',
      '+44 7700 900123',
      'six',
      '08 00 00 00 00',
    ])
      expect(frenchMobileNumber(typed)).toBeNull();
  });
});

describe('DevSmsOutbox', () => {
  it('keeps what it sends, per number, and refuses the fiction range 06 39 98', async () => {
    const outbox = new DevSmsOutbox();
    await outbox.send({ to: '+33612345678', text: 'Bonjour', reference: 'a' });
    await expect(outbox.send({ to: '+33639980012', text: 'x', reference: 'b' })).rejects.toBeInstanceOf(
      SmsRefusedError,
    );
    expect(outbox.for('+33612345678').map((m) => m.text)).toEqual(['Bonjour']);
    expect(outbox.list()).toHaveLength(1);
  });
});
