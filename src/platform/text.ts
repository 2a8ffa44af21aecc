// Text people type, made safe to show: the Unicode bidirectional formatting characters (U+202A–U+202E embeddings
// and overrides, U+2066–U+2069 isolates, the LRM, RLM and ALM marks) are removed. A name or a message carrying
// U+202E displays its end reversed ("fdp.exe" for "exe.pdf"): it can disguise a file name, a link or a name in
// the agents' pages. French text never needs them.
const bidiControls = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;

/** The text without bidirectional formatting characters. */
export function stripBidiControls(text: string): string {
  return text.replace(bidiControls, '');
}

/** Cleans every string of a parsed body (objects and arrays, in place), and returns it. */
export function cleanStrings<T>(value: T): T {
  if (typeof value === 'string') return stripBidiControls(value) as T;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) value[i] = cleanStrings(value[i]);
    return value;
  }
  if (value && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    for (const key of Object.keys(record)) record[key] = cleanStrings(record[key]);
  }
  return value;
}
