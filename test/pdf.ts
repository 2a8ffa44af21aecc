// Reading a PDF's bytes in tests, without a PDF library: the text its content streams draw (pdfkit writes hex
// strings in the WinAnsi encoding) and its objects (pdfkit writes no object streams, so every dictionary is
// plain text in the file).
import zlib from 'node:zlib';

// WinAnsi differs from Latin-1 in 0x80–0x9F: the typographic apostrophe, dashes, the euro sign.
const winAnsi: Record<number, string> = {
  0x80: '€',
  0x85: '…',
  0x91: '‘',
  0x92: '’',
  0x93: '“',
  0x94: '”',
  0x95: '•',
  0x96: '–',
  0x97: '—',
  0x8c: 'Œ',
  0x9c: 'œ',
};

/** The text drawn by a PDF's content streams (pdfkit writes hex strings with the WinAnsi encoding). */
export function pdfText(pdf: Buffer): string {
  const raw = pdf.toString('latin1');
  let text = '';
  const streams = /stream\r?\n([\s\S]*?)\r?\nendstream/g;
  for (let m = streams.exec(raw); m; m = streams.exec(raw)) {
    let content: string;
    try {
      content = zlib.inflateSync(Buffer.from(m[1]!, 'latin1')).toString('latin1');
    } catch {
      content = m[1]!;
    }
    for (const hex of content.matchAll(/<([0-9a-fA-F]+)>/g)) {
      for (const byte of Buffer.from(hex[1]!, 'hex')) text += winAnsi[byte] ?? String.fromCharCode(byte);
    }
    text += '\n';
  }
  return text;
}

/** The objects of a PDF by number, as written (stream data left out). */
export function pdfObjects(pdf: Buffer): Map<number, string> {
  const raw = pdf.toString('latin1');
  const objects = new Map<number, string>();
  for (const m of raw.matchAll(/(?:^|\n)(\d+) 0 obj\s*([\s\S]*?)endobj/g))
    objects.set(Number(m[1]), m[2]!.replace(/stream\r?\n[\s\S]*?\r?\nendstream/, 'stream…'));
  return objects;
}

/** The object a reference like "5 0 R" points to, or the value itself when it is not a reference. */
export function resolved(objects: Map<number, string>, value: string): string {
  const ref = /^(\d+) 0 R$/.exec(value.trim());
  return ref ? (objects.get(Number(ref[1])) ?? '') : value;
}

/** The value of a key in a dictionary's text (up to the next key or the end), e.g. "/Lang" → "(fr-FR)". */
export function entry(dictionary: string, key: string): string | undefined {
  const match = new RegExp(`${key.replace('/', '\\/')}\\s+([^\\n/]*(?:\\/[A-Za-z]+)?)`).exec(dictionary);
  return match?.[1]?.trim();
}
