// Renders a TSX page to an HTML string. preact-render-to-string escapes every text and attribute value.
import type { JSX } from 'preact';
import { render as renderToString } from 'preact-render-to-string';

/** The full document, with its doctype. */
export function renderPage(node: JSX.Element): string {
  return '<!doctype html>' + renderToString(node);
}
