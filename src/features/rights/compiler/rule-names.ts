// Names Publicodes gives to the rules it writes for itself.

const SITUATION_SUFFIX = ' . $SITUATION';

/** The rule whose situation value `name` holds (`x . $SITUATION` → `x`), or undefined for any other rule. */
export function situationRuleOf(name: string): string | undefined {
  return name.endsWith(SITUATION_SUFFIX) ? name.slice(0, -SITUATION_SUFFIX.length) : undefined;
}
