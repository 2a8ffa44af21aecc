// The CSV of an invitation import: separators, BOM, quotes, accents, case, headers, and per-line checks.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { CsvFileError, parseInvitationCsv, parseCsvRecords } from './csv.ts';
import { checkInvitation, roleFromLabel, type OrganisationRef } from './rules.ts';
import type { Actor } from '../../platform/auth/roles.ts';

const organisations: OrganisationRef[] = [
  { id: 'o-caf', slug: 'caf-lot', name: 'CAF du Lot' },
  { id: 'o-cpam', slug: 'cpam-lot', name: 'CPAM du Lot' },
  { id: 'o-mairie', slug: 'mairie-cahors', name: 'Mairie de Cahors' },
];
const admin: Actor = { id: 'a', role: 'admin', organisationId: null, territoryIds: [] };
const cafManager: Actor = {
  id: 'm',
  role: 'organisationManager',
  organisationId: 'o-caf',
  territoryIds: ['cahors'],
};

describe('parseInvitationCsv', () => {
  it('reads ";" with a BOM and a header, keeping accents and trimming spaces', () => {
    const rows = parseInvitationCsv(
      Buffer.from(
        '\uFEFFe-mail;nom;rôle;organisme\r\n  Léa.Dupré@CAF.fr ; Léa  Dupré ;Agent partenaire;caf-lot\r\n',
        'utf8',
      ),
    );
    expect(rows).toEqual([
      {
        line: 2,
        email: 'Léa.Dupré@CAF.fr',
        name: 'Léa Dupré',
        role: 'Agent partenaire',
        organisation: 'caf-lot',
      },
    ]);
  });

  it('reads "," without a header, with quoted fields holding separators and quotes', () => {
    const rows = parseInvitationCsv('a@b.fr,"Martin, ""Jo""",helper,"Mairie de Cahors"\nc@d.fr,Zoé,admin,\n');
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({
      line: 1,
      name: 'Martin, "Jo"',
      role: 'helper',
      organisation: 'Mairie de Cahors',
    });
    expect(rows[1]).toMatchObject({ line: 2, email: 'c@d.fr', name: 'Zoé', organisation: '' });
  });

  it('skips empty lines but keeps the real line numbers', () => {
    const rows = parseInvitationCsv(
      'email;nom;rôle;organisme\n\na@b.fr;A;aidant;caf-lot\n;;;\nc@d.fr;C;aidant;caf-lot',
    );
    expect(rows.map((r) => r.line)).toEqual([3, 5]);
  });

  it('refuses an empty file, a header alone, a non-UTF-8 file and an open quote', () => {
    expect(() => parseInvitationCsv('')).toThrow(CsvFileError);
    expect(() => parseInvitationCsv('e-mail;nom;rôle;organisme\n')).toThrow(/aucune ligne/);
    expect(() => parseInvitationCsv(Buffer.from([0x61, 0x3b, 0xe9, 0x3b, 0x62, 0x0a]))).toThrow(/UTF-8/);
    expect(() => parseInvitationCsv('a@b.fr;"Jo;aidant;caf')).toThrow(/Guillemet/);
  });

  it('counts lines inside quoted line breaks', () => {
    expect(parseCsvRecords('"a\nb";c\nd;e', ';').map((r) => r.line)).toEqual([1, 3]);
  });
});

describe('roleFromLabel', () => {
  it('accepts French labels in any case, with or without accents or apostrophe kind, and codes', () => {
    expect(roleFromLabel('Agent partenaire')).toBe('partnerAgent');
    expect(roleFromLabel('AGENT PARTENAIRE')).toBe('partnerAgent');
    expect(roleFromLabel('partnerAgent')).toBe('partnerAgent');
    expect(roleFromLabel('Responsable d’organisme')).toBe('organisationManager');
    expect(roleFromLabel("responsable d'organisme")).toBe('organisationManager');
    expect(roleFromLabel('Aidant')).toBe('helper');
    expect(roleFromLabel('administrateur')).toBe('admin');
    expect(roleFromLabel('Pilote du territoire')).toBe('territoryPilot');
    expect(roleFromLabel('chef')).toBeNull();
  });
});

describe('checkInvitation', () => {
  const refs = { organisations, existing: new Set(['deja@caf.fr']) };

  it('normalises the e-mail and finds the organisation by name or slug', () => {
    const result = checkInvitation(
      admin,
      { email: '  Léa@CAF.fr ', name: 'Léa Dupré', role: 'agent partenaire', organisation: 'caf du lot' },
      refs,
    );
    expect(result).toEqual({
      ok: true,
      value: { email: 'léa@caf.fr', name: 'Léa Dupré', role: 'partnerAgent', organisation: organisations[0] },
    });
  });

  it('names each bad field in French', () => {
    const result = checkInvitation(
      admin,
      { email: 'pas-une-adresse', name: '', role: 'chef', organisation: 'Nulle part' },
      refs,
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((e) => e.field)).toEqual(['email', 'name', 'role', 'organisation']);
    expect(result.errors[0]!.message).toContain('Adresse électronique invalide');
    expect(result.errors[2]!.message).toContain('Rôle inconnu');
    expect(result.errors[3]!.message).toContain('Organisme inconnu');
  });

  it('refuses an address that already has an account, whatever its case', () => {
    const result = checkInvitation(
      admin,
      { email: 'DEJA@caf.fr', name: 'X', role: 'admin', organisation: '' },
      refs,
    );
    expect(result).toMatchObject({
      ok: false,
      errors: [{ field: 'email', message: 'Un compte existe déjà pour deja@caf.fr.' }],
    });
  });

  it('lets an organisation manager invite agents of their own organisation only', () => {
    expect(
      checkInvitation(cafManager, { email: 'a@caf.fr', name: 'A', role: 'aidant', organisation: '' }, refs),
    ).toMatchObject({
      ok: true,
      value: { organisation: { slug: 'caf-lot' } },
    });
    expect(
      checkInvitation(
        cafManager,
        { email: 'a@caf.fr', name: 'A', role: 'administrateur', organisation: '' },
        refs,
      ),
    ).toMatchObject({
      ok: false,
      errors: [{ field: 'role' }],
    });
    expect(
      checkInvitation(
        cafManager,
        { email: 'a@caf.fr', name: 'A', role: 'aidant', organisation: 'cpam-lot' },
        refs,
      ),
    ).toMatchObject({
      ok: false,
      errors: [
        { field: 'organisation', message: 'Votre rôle ne permet d’inviter que dans votre propre organisme.' },
      ],
    });
  });

  it('asks for an organisation for agents', () => {
    expect(
      checkInvitation(admin, { email: 'a@b.fr', name: 'A', role: 'partnerAgent', organisation: '' }, refs),
    ).toMatchObject({
      ok: false,
      errors: [{ field: 'organisation' }],
    });
  });
});

describe('parseInvitationCsv, property', () => {
  // Any cell text (accents, separators, quotes, line breaks) written the way a spreadsheet quotes it reads back
  // the same, with either separator and with or without a BOM.
  const cell = fc.string({
    unit: fc.constantFrom('a', 'é', 'Ç', ' ', ';', ',', '"', '\n', 'x', '’', '-', '@'),
  });
  it('reads back what a spreadsheet writes', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(cell, cell, cell, cell), { minLength: 1, maxLength: 8 }),
        fc.constantFrom(';', ','),
        fc.boolean(),
        (rows, separator, bom) => {
          const quote = (v: string) => `"${v.replace(/"/g, '""')}"`;
          const header = ['e-mail', 'nom', 'rôle', 'organisme'].join(separator);
          const text =
            (bom ? '\uFEFF' : '') +
            [header, ...rows.map((r) => ['x' + r[0], ...r.slice(1)].map(quote).join(separator))].join('\r\n');
          const parsed = parseInvitationCsv(text);
          // The e-mail cell starts with a letter, so no line is blank and every line is kept.
          const expected = rows;
          expect(parsed.map((p) => [p.email, p.role, p.organisation])).toEqual(
            expected.map((r) => [('x' + r[0]).trim(), r[2].trim(), r[3].trim()]),
          );
          expect(parsed.map((p) => p.name)).toEqual(expected.map((r) => r[1].trim().replace(/\s+/g, ' ')));
        },
      ),
      { numRuns: 300 },
    );
  });
});
