// Attachments: type by content, safe names, encryption bound to the row.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { checkUpload, decrypt, detectMediaType, encrypt, maxFileBytes, sanitiseFileName } from './files.ts';

const key = Buffer.alloc(32, 3);

describe('files', () => {
  it('detects PDF, PNG, JPEG and WebP by their first bytes, and nothing else', () => {
    expect(detectMediaType(Buffer.from('%PDF-1.7 …'))).toBe('application/pdf');
    expect(detectMediaType(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]))).toBe(
      'image/png',
    );
    expect(detectMediaType(Buffer.from([0xff, 0xd8, 0xff, 0xe0]))).toBe('image/jpeg');
    expect(detectMediaType(Buffer.from('RIFF\x00\x00\x00\x00WEBPVP8 ', 'latin1'))).toBe('image/webp');
    expect(detectMediaType(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'))).toBeNull();
    expect(detectMediaType(Buffer.from('MZ\x90\x00', 'latin1'))).toBeNull();
    expect(detectMediaType(Buffer.from('GIF89a'))).toBeNull();
  });
  it('judges the content, not the name: an executable called .pdf is refused, a PDF called .exe gets .pdf', () => {
    expect(checkUpload('facture.pdf', Buffer.from('MZ\x90\x00', 'latin1'))).toBe('forbidden-type');
    const ok = checkUpload('facture.exe', Buffer.from('%PDF-1.4'));
    expect(typeof ok === 'object' && ok.name).toBe('facture.pdf');
    expect(checkUpload('vide.pdf', Buffer.alloc(0))).toBe('empty');
    expect(checkUpload('gros.pdf', Buffer.alloc(maxFileBytes + 1))).toBe('too-large');
    expect(checkUpload('coupé.pdf', Buffer.from('%PDF-'), true)).toBe('too-large');
  });
  it('sanitises names: no path, no control or shell characters, bounded length', () => {
    expect(sanitiseFileName('../../etc/passwd', 'application/pdf')).toBe('passwd.pdf');
    expect(sanitiseFileName('C:\\Users\\x\\Relevé CAF.PNG', 'image/png')).toBe('Relevé CAF.png');
    expect(sanitiseFileName('a\u0000b\u202Ecod.pdf', 'application/pdf')).toBe('abcod.pdf');
    expect(sanitiseFileName('"; rm -rf $HOME `x`.pdf', 'application/pdf')).toBe('rm -rf HOME x.pdf');
    expect(sanitiseFileName('...', 'image/jpeg')).toBe('piece-jointe.jpg');
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (name) => {
        const safe = sanitiseFileName(name, 'application/pdf');
        expect(safe.length).toBeLessThanOrEqual(94);
        expect(safe).not.toMatch(/[\\/<>:"|?*\p{Cc}]/u);
        expect(safe.endsWith('.pdf')).toBe(true);
      }),
    );
  });
  it('encrypts with AES-256-GCM and refuses tampering, another key or another row', () => {
    const plain = Buffer.from('%PDF-1.4 secret');
    const sealed = encrypt(key, plain, 'file-1');
    expect(sealed.content.equals(plain)).toBe(false);
    expect(decrypt(key, sealed, 'file-1').equals(plain)).toBe(true);
    expect(() => decrypt(key, sealed, 'file-2')).toThrow();
    expect(() => decrypt(Buffer.alloc(32, 4), sealed, 'file-1')).toThrow();
    const tampered = { ...sealed, content: Buffer.from(sealed.content) };
    tampered.content[0] = tampered.content[0]! ^ 1;
    expect(() => decrypt(key, tampered, 'file-1')).toThrow();
  });
});
