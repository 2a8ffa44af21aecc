// Attachments: type checked by content (magic bytes, never the name or the browser's word), names made safe,
// encrypted at rest with AES-256-GCM (a fresh IV per file, the file id bound as additional data so a
// ciphertext cannot be moved to another row), stored in the database so every app instance serves them.
import { createCipheriv, createDecipheriv, randomBytes, randomUUID } from 'node:crypto';
import type { Executor } from '../db/database.ts';
import type { FileScanStatus } from './tables.ts';
import { ScannerUnavailableError, type VirusScanner } from './antivirus.ts';
import './tables.ts';

export const maxFileBytes = 10 * 1024 * 1024;

export type AllowedMediaType = 'application/pdf' | 'image/png' | 'image/jpeg' | 'image/webp';

const extensions: Record<AllowedMediaType, string> = {
  'application/pdf': 'pdf',
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'image/webp': 'webp',
};

/** The media type of a file from its first bytes, or null when it is not an accepted type. */
export function detectMediaType(content: Buffer): AllowedMediaType | null {
  if (content.length >= 5 && content.subarray(0, 5).toString('latin1') === '%PDF-') return 'application/pdf';
  if (
    content.length >= 8 &&
    content.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))
  )
    return 'image/png';
  if (content.length >= 3 && content[0] === 0xff && content[1] === 0xd8 && content[2] === 0xff)
    return 'image/jpeg';
  if (
    content.length >= 12 &&
    content.subarray(0, 4).toString('latin1') === 'RIFF' &&
    content.subarray(8, 12).toString('latin1') === 'WEBP'
  ) {
    return 'image/webp';
  }
  return null;
}

/**
 * A name safe to show and to send in Content-Disposition: no path, no control or shell characters, at most
 * 100 characters, and the extension of the detected type (a "photo.pdf.exe" that is a PDF becomes ".pdf").
 */
export function sanitiseFileName(original: string, mediaType: AllowedMediaType): string {
  const base = (original.split(/[\\/]/).pop() ?? '').normalize('NFC');
  const stem = base
    .replace(/\.[^.]*$/, '')
    .replace(/[\p{Cc}\p{Cf}<>:"|?*;`$'{}[\]]/gu, '')
    .replace(/\s+/g, ' ')
    .replace(/^[.\s-]+/, '')
    .trim()
    .slice(0, 90);
  return `${stem || 'piece-jointe'}.${extensions[mediaType]}`;
}

/** Encrypts a buffer with AES-256-GCM; `aad` binds the ciphertext to its row. */
export function encrypt(
  key: Buffer,
  plain: Buffer,
  aad: string,
): { iv: Buffer; tag: Buffer; content: Buffer } {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(aad));
  const content = Buffer.concat([cipher.update(plain), cipher.final()]);
  return { iv, tag: cipher.getAuthTag(), content };
}

/** Decrypts what `encrypt` produced; throws when the data or the key do not match. */
export function decrypt(
  key: Buffer,
  sealed: { iv: Buffer; tag: Buffer; content: Buffer },
  aad: string,
): Buffer {
  const decipher = createDecipheriv('aes-256-gcm', key, sealed.iv);
  decipher.setAAD(Buffer.from(aad));
  decipher.setAuthTag(sealed.tag);
  return Buffer.concat([decipher.update(sealed.content), decipher.final()]);
}

/** An upload that passed the checks, ready to store. */
export interface CheckedFile {
  name: string;
  mediaType: AllowedMediaType;
  content: Buffer;
  /** What the antivirus said (screenFile); a file stored without it is 'skipped'. */
  scanStatus?: FileScanStatus;
}

export type FileProblem = 'empty' | 'too-large' | 'forbidden-type' | 'infected' | 'no-scanner';

/** Checks an upload; returns the safe file or the problem. */
export function checkUpload(
  originalName: string,
  content: Buffer,
  truncated = false,
): CheckedFile | FileProblem {
  if (truncated || content.length > maxFileBytes) return 'too-large';
  if (content.length === 0) return 'empty';
  const mediaType = detectMediaType(content);
  if (!mediaType) return 'forbidden-type';
  return { name: sanitiseFileName(originalName, mediaType), mediaType, content };
}

/** French message of an upload problem, shown next to the field. */
export function fileProblemMessage(problem: FileProblem, name: string): string {
  switch (problem) {
    case 'empty':
      return `Le fichier « ${name} » est vide.`;
    case 'too-large':
      return `Le fichier « ${name} » dépasse 10 Mo : réduisez-le ou scannez-le en qualité moindre.`;
    case 'forbidden-type':
      return `Le fichier « ${name} » n’est ni un PDF ni une image PNG, JPEG ou WebP.`;
    case 'infected':
      return `L’antivirus a trouvé un virus dans le fichier « ${name} » : il n’a pas été enregistré. Demandez un autre fichier à l’usager.`;
    case 'no-scanner':
      return `Le fichier « ${name} » ne peut pas être reçu : aucun antivirus n’est en service sur la plateforme. Prévenez l’administrateur.`;
  }
}

/** Where uploads are screened: the scanner, if any, and whether this is production (no scanner: refused). */
export interface Screening {
  scanner: VirusScanner | null;
  production: boolean;
}

/**
 * Screens a checked upload with the antivirus before it is stored: clean, or refused when infected. When the
 * scanner does not answer the file is kept in quarantine ('pending': never served, scanned again by the
 * `files.scan` job). Without a scanner, production refuses the file; development and tests store it 'skipped'.
 */
export async function screenFile(
  screening: Screening,
  file: CheckedFile,
): Promise<CheckedFile | FileProblem> {
  if (!screening.scanner) return screening.production ? 'no-scanner' : { ...file, scanStatus: 'skipped' };
  try {
    const result = await screening.scanner.scan(file.content);
    if (result.verdict === 'infected') return 'infected';
    return { ...file, scanStatus: 'clean' };
  } catch (error) {
    if (error instanceof ScannerUnavailableError) return { ...file, scanStatus: 'pending' };
    throw error;
  }
}

/** Whether a stored file may be served: clean, or stored without a scanner outside production. */
export function isServable(status: FileScanStatus, production: boolean): boolean {
  return status === 'clean' || (status === 'skipped' && !production);
}

/** Encrypts and stores a checked file; returns its id. */
export async function saveFile(
  db: Executor,
  key: Buffer,
  file: CheckedFile,
  owner: { type: string; id: string; createdBy: string | null },
  id: string = randomUUID(),
): Promise<string> {
  const sealed = encrypt(key, file.content, id);
  await db
    .insertInto('stored_files')
    .values({
      id,
      owner_type: owner.type,
      owner_id: owner.id,
      name: file.name,
      media_type: file.mediaType,
      size: file.content.length,
      iv: sealed.iv,
      auth_tag: sealed.tag,
      content: sealed.content,
      created_by: owner.createdBy,
      scan_status: file.scanStatus ?? 'skipped',
      scanned_at: file.scanStatus === 'clean' ? new Date() : null,
    })
    .execute();
  return id;
}

/** Reads and decrypts one file of an owner; undefined when it does not exist there. */
export async function readFile(
  db: Executor,
  key: Buffer,
  owner: { type: string; id: string },
  fileId: string,
): Promise<{ name: string; mediaType: string; content: Buffer; scanStatus: FileScanStatus } | undefined> {
  const row = await db
    .selectFrom('stored_files')
    .select(['id', 'name', 'media_type', 'iv', 'auth_tag', 'content', 'scan_status'])
    .where('id', '=', fileId)
    .where('owner_type', '=', owner.type)
    .where('owner_id', '=', owner.id)
    .executeTakeFirst();
  if (!row) return undefined;
  // A quarantined or infected file is never decrypted for serving.
  if (row.scan_status === 'pending' || row.scan_status === 'infected')
    return {
      name: row.name,
      mediaType: row.media_type,
      content: Buffer.alloc(0),
      scanStatus: row.scan_status,
    };
  return {
    name: row.name,
    mediaType: row.media_type,
    content: decrypt(key, { iv: row.iv, tag: row.auth_tag, content: row.content }, row.id),
    scanStatus: row.scan_status,
  };
}

/**
 * Scans the files in quarantine ('pending') and those stored without a scanner ('skipped'), oldest first: a
 * clean file is released, an infected one loses its content for good. Returns how many were scanned; stops at
 * the first scanner failure (the job comes back later).
 */
export async function scanQuarantine(
  db: Executor,
  key: Buffer,
  scanner: VirusScanner,
  limit = 100,
): Promise<{ scanned: number; infected: number }> {
  const rows = await db
    .selectFrom('stored_files')
    .select(['id', 'iv', 'auth_tag', 'content'])
    .where('scan_status', 'in', ['pending', 'skipped'])
    .orderBy('created_at')
    .limit(limit)
    .execute();
  let scanned = 0;
  let infected = 0;
  for (const row of rows) {
    const plain = decrypt(key, { iv: row.iv, tag: row.auth_tag, content: row.content }, row.id);
    const result = await scanner.scan(plain);
    if (result.verdict === 'infected') {
      infected++;
      await db
        .updateTable('stored_files')
        .set({ scan_status: 'infected', scanned_at: new Date(), content: Buffer.alloc(0) })
        .where('id', '=', row.id)
        .execute();
    } else {
      await db
        .updateTable('stored_files')
        .set({ scan_status: 'clean', scanned_at: new Date() })
        .where('id', '=', row.id)
        .execute();
    }
    scanned++;
  }
  return { scanned, infected };
}

/** Deletes every file of an owner; returns how many were deleted. */
export async function deleteFilesOf(db: Executor, owner: { type: string; id: string }): Promise<number> {
  const result = await db
    .deleteFrom('stored_files')
    .where('owner_type', '=', owner.type)
    .where('owner_id', '=', owner.id)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
