// What the file's routes share: the connected user as the use-cases see them, the schemas of ids and forms, and
// the reading of a multipart form with one file.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from '@sinclair/typebox';
import type { Actor } from '../../platform/auth/roles.ts';
import { assertCsrf } from '../../platform/auth/session.ts';
import { AppError } from '../../platform/errors.ts';
import { checkUpload, fileProblemMessage, type CheckedFile } from '../../platform/files/files.ts';

/** A UUID in a path. */
export const uuid = Type.String({
  pattern: '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$',
});
export const IdParams = Type.Object({ id: uuid }, { additionalProperties: false });
export const FileParams = Type.Object({ fileId: uuid }, { additionalProperties: false });
export const IdFileParams = Type.Object({ id: uuid, fileId: uuid }, { additionalProperties: false });
export const EventParams = Type.Object(
  { event: Type.String({ maxLength: 40 }) },
  { additionalProperties: false },
);
export const CsrfOnly = Type.Object(
  { _csrf: Type.String({ maxLength: 200 }) },
  { additionalProperties: false },
);
export const DoneQuery = Type.Object(
  { fait: Type.Optional(Type.String({ maxLength: 20 })) },
  { additionalProperties: false },
);
/** A form of many fields (the situation): every value a string or a list; names are checked by the readers. */
export const FormBody = Type.Record(
  Type.String({ maxLength: 40 }),
  Type.Union([
    Type.String({ maxLength: 2000 }),
    Type.Array(Type.String({ maxLength: 200 }), { maxItems: 20 }),
  ]),
);

/** A list field of a form (checkboxes) as an array. */
export const listField = (maxItems = 20) =>
  Type.Optional(Type.Array(Type.String({ maxLength: 100 }), { maxItems }));

/** The connected agent as the use-cases see them. */
export function agentOf(request: FastifyRequest): Actor {
  const u = request.user!;
  return { id: u.id, role: u.role, organisationId: u.organisationId, territoryIds: u.territoryIds };
}

/** The connected resident as the use-cases see them. */
export function residentOf(request: FastifyRequest): { id: string; role: 'resident' } {
  return { id: request.user!.id, role: 'resident' };
}

/** Sends a decrypted document as a download (never shown inline: it comes from a person, not from us). */
export function sendDocument(
  reply: FastifyReply,
  file: { name: string; mediaType: string; content: Buffer },
): FastifyReply {
  return reply
    .type(file.mediaType)
    .header('content-disposition', `attachment; filename="${file.name.replace(/["\\]/g, '')}"`)
    .header('cache-control', 'private, no-store')
    .header('x-content-type-options', 'nosniff')
    .send(file.content);
}

/** A multipart form read: its text fields (first value) and its one file, checked by content. */
export interface OneFileForm {
  fields: Record<string, string>;
  file: CheckedFile | null;
  /** The French message of a file refused (empty, too large, not a PDF or an image), or of no file at all. */
  problem: string | null;
}

/** Reads a multipart form with one file field; checks the CSRF token once the stream is read. */
export async function readOneFileForm(request: FastifyRequest, fileField: string): Promise<OneFileForm> {
  if (!request.isMultipart())
    throw new AppError('unsupported-media-type', 'Ce formulaire s’envoie en multipart/form-data.');
  const fields: Record<string, string> = {};
  let upload: { filename: string; content: Buffer; truncated: boolean } | null = null;
  for await (const part of request.parts()) {
    if (part.type === 'file') {
      const content = await part.toBuffer();
      if (part.fieldname === fileField && !(part.filename === '' && content.length === 0))
        upload = { filename: part.filename, content, truncated: part.file.truncated };
    } else if (!(part.fieldname in fields)) fields[part.fieldname] = String(part.value);
  }
  assertCsrf(request, fields._csrf);
  if (!upload) return { fields, file: null, problem: 'Choisissez un fichier à envoyer.' };
  const checked = checkUpload(upload.filename, upload.content, upload.truncated);
  if (typeof checked === 'string')
    return { fields, file: null, problem: fileProblemMessage(checked, upload.filename.slice(0, 80)) };
  return { fields, file: checked, problem: null };
}
