// What counts as an e-mail address in a form: one @, a dot in the domain, no spaces nor the characters that
// would let a header be forged (quotes, angle brackets, commas, semicolons), 200 characters at most.
const pattern = /^[^\s@"<>(),;:]+@[^\s@"<>(),;:]+\.[^\s@"<>(),;:]{2,}$/;

/** Whether a typed value (already trimmed) looks like a deliverable e-mail address. */
export function isEmailAddress(value: string): boolean {
  return value.length <= 200 && pattern.test(value);
}
