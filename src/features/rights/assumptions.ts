// Answers assumed rather than blocking an estimate (the registry's `assumption`): a rare fact left out of a request
// (a pregnancy, studies) is taken with its common answer, and a fact the person said they do not know is taken
// with a stated default where the rules allow one (no housing aid, no ACRE). The request is never changed in
// place: the parts on the way to an assumed value are copied.
import type { EstimationRequest } from './contract.ts';
import {
  fieldPath,
  inputDefinitions,
  valueOf,
  type InputDefinition,
  type RequestLike,
} from './household-inputs.ts';

/** One assumption made for a request. */
export interface AppliedAssumption {
  input: InputDefinition;
  /** The request field assumed, e.g. household.members[0].pregnant. */
  field: string;
  value: boolean | number;
  statement: string;
}

const assumable = inputDefinitions.filter((i) => i.assumption !== undefined);
const none: AppliedAssumption[] = [];

/**
 * The request with its assumed answers filled in, and the assumptions made. `unknown` lists the request fields the
 * person said they do not know (the navigator's « je ne sais pas »); the API gives none.
 */
export function withAssumptions(
  request: EstimationRequest,
  unknown?: ReadonlySet<string>,
): { request: EstimationRequest; applied: AppliedAssumption[] } {
  let filled = request;
  let applied = none;
  const couple = request.household.couple ?? request.household.members.some((m) => m.role === 'partner');
  for (let i = 0; i < assumable.length; i++) {
    const input = assumable[i] as InputDefinition;
    const assumption = input.assumption!;
    const slot = input.slot;
    if ('member' in slot && slot.member === 'partner' && !couple) continue;
    if ('path' in slot && slot.path.startsWith('business.') && request.business === undefined) continue;
    if (valueOf(input, request as RequestLike) !== undefined) continue;
    const field = fieldPath(input, request as RequestLike);
    if (field === undefined) continue; // the member is not listed: the engine asks for them
    if (assumption.when === 'unknown' && !unknown?.has(field)) continue;
    if (filled === request) filled = copyPath(request);
    set(filled, input, assumption.value);
    if (applied === none) applied = [];
    applied.push({ input, field, value: assumption.value, statement: assumption.statement });
  }
  return { request: filled, applied };
}

/** A copy of the request deep enough to set any input: the household, its members, the housing, the business. */
function copyPath(request: EstimationRequest): EstimationRequest {
  const household = request.household;
  return {
    ...request,
    household: {
      ...household,
      members: household.members.map((m) => ({ ...m })),
      ...(household.housing ? { housing: { ...household.housing } } : {}),
    },
    ...(request.business ? { business: { ...request.business } } : {}),
  };
}

function set(request: EstimationRequest, input: InputDefinition, value: boolean | number): void {
  const slot = input.slot;
  if ('member' in slot) {
    const member = request.household.members.find((m) => m.role === slot.member);
    if (member) (member as Record<string, unknown>)[slot.field] = value;
    return;
  }
  // No child's input is assumed (none declares an assumption).
  if ('child' in slot) return;
  const parts = slot.path.split('.');
  let at = request as unknown as Record<string, unknown>;
  for (const part of parts.slice(0, -1)) {
    at[part] ??= {};
    at = at[part] as Record<string, unknown>;
  }
  at[parts[parts.length - 1]!] = value;
}
