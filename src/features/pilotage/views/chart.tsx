// An accessible bar chart and its data table: an SVG image with a title and a description that sends to the table
// right after it, which holds every value (WCAG 1.1.1: the chart is not the only way to the figures). No script,
// no inline style (the CSP forbids them): colours come from classes of /assets/pilotage.css.
import type { ComponentChildren } from 'preact';
import type { DataTable } from '../indicator-tables.ts';

// The chart is drawn in a fixed frame and scaled to the page width: text keeps a readable size relative to the bars.
const width = 720;
const height = 240;
const top = 16;
const bottom = 40;
const left = 56;
const right = 8;

/** A round number at or above the maximum, for the axis. */
function niceMax(max: number): number {
  if (max <= 0) return 1;
  const power = 10 ** Math.floor(Math.log10(max));
  for (const step of [1, 2, 2.5, 5, 10]) if (step * power >= max) return step * power;
  return 10 * power;
}

const numberFormat = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 1 });
/** A figure in French ("1 234,5"); an empty cell as a dash. */
export function formatCell(value: string | number | null): string {
  if (value === null) return '—';
  return typeof value === 'number' ? numberFormat.format(value) : value;
}

/** Bars of the table's numeric columns, one group per row. */
export function BarChart({ table }: { table: DataTable }) {
  const series = table.columns.filter((c) => c.numeric);
  const categoryKey = table.columns[0]!.key;
  const rows = table.rows;
  const max = niceMax(Math.max(0, ...rows.flatMap((r) => series.map((s) => Number(r[s.key] ?? 0)))));
  const groupWidth = (width - left - right) / Math.max(1, rows.length);
  const plot = height - top - bottom;
  const gap = Math.min(10, groupWidth * 0.25);
  const barWidth = (groupWidth - gap) / series.length;
  // An axis label is about 56 units wide: label every row when they fit, every other one (or fewer) when not.
  const labelEvery = Math.ceil(56 / groupWidth);
  const id = `graphique-${table.id}`;
  return (
    <figure class="sc-chart fr-mb-2w">
      <svg
        role="img"
        aria-labelledby={`${id}-titre ${id}-desc`}
        viewBox={`0 0 ${width} ${height}`}
        preserveAspectRatio="xMinYMin meet"
        class="sc-chart__svg"
        focusable="false"
      >
        <title id={`${id}-titre`}>Graphique : {table.caption}</title>
        <desc id={`${id}-desc`}>
          Barres de {series.map((s) => s.label.toLowerCase()).join(', ')} ; maximum de l’axe :{' '}
          {numberFormat.format(max)}. Toutes les valeurs sont dans le tableau qui suit.
        </desc>
        <line x1={left} y1={top + plot} x2={width} y2={top + plot} class="sc-chart__axis" />
        <line x1={left} y1={top} x2={left} y2={top + plot} class="sc-chart__axis" />
        <text x={left - 6} y={top + 4} text-anchor="end" class="sc-chart__label">
          {numberFormat.format(max)}
        </text>
        <text x={left - 6} y={top + plot} text-anchor="end" class="sc-chart__label">
          0
        </text>
        {rows.map((row, i) => (
          <g>
            {series.map((s, j) => {
              const value = Number(row[s.key] ?? 0);
              const h = (value / max) * plot;
              return (
                <rect
                  x={left + i * groupWidth + gap / 2 + j * barWidth}
                  y={top + plot - h}
                  width={Math.max(1, barWidth - (series.length > 1 ? 1 : 0))}
                  height={h}
                  class={`sc-series-${j % 6}`}
                />
              );
            })}
            {i % labelEvery === 0 && (
              <text
                x={left + i * groupWidth + groupWidth / 2}
                y={top + plot + 16}
                text-anchor="middle"
                class="sc-chart__label"
              >
                {shortCategory(String(row[categoryKey] ?? ''))}
              </text>
            )}
          </g>
        ))}
      </svg>
      {series.length > 1 && (
        <figcaption>
          <ul class="sc-chart__legend" aria-label="Légende">
            {series.map((s, j) => (
              <li>
                <svg viewBox="0 0 10 10" class="sc-chart__swatch" aria-hidden="true" focusable="false">
                  <rect width="10" height="10" class={`sc-series-${j % 6}`} />
                </svg>{' '}
                {s.label}
              </li>
            ))}
          </ul>
        </figcaption>
      )}
    </figure>
  );
}

/** "novembre 2026" → "nov. 26"; other labels cut to 10 characters. */
function shortCategory(label: string): string {
  const match = /^(\p{L}+) (\d{4})$/u.exec(label);
  if (match) return `${match[1]!.slice(0, 3)}. ${match[2]!.slice(2)}`;
  return label.length > 10 ? label.slice(0, 9) + '…' : label;
}

/**
 * A DSFR table that scrolls sideways inside its own box on a narrow screen (even without JavaScript), the page never
 * wider than the screen; the box takes the focus so that the keyboard can scroll it.
 */
export function ScrollTable({
  id,
  label,
  children,
  after,
}: {
  id?: string;
  label: string;
  children: ComponentChildren;
  after?: ComponentChildren;
}) {
  return (
    <div class="fr-table fr-mb-1w sc-scroll-table" id={id}>
      <div class="fr-table__wrapper">
        <div class="fr-table__container">
          <div class="fr-table__content" tabIndex={0} role="region" aria-label={label}>
            {children}
          </div>
        </div>
      </div>
      {after}
    </div>
  );
}

/** A DSFR table with its caption and the CSV link of the same table. */
export function DataTableView({ table, csvHref }: { table: DataTable; csvHref: string }) {
  return (
    <ScrollTable
      id={`tableau-${table.id}`}
      label={table.caption}
      after={
        <p class="fr-mt-1w">
          <a class="fr-link fr-icon-download-line fr-link--icon-left" href={csvHref} download>
            Télécharger ce tableau (CSV)<span class="fr-sr-only"> : {table.caption}</span>
          </a>
        </p>
      }
    >
      <table>
        <caption>{table.caption}</caption>
        <thead>
          <tr>
            {table.columns.map((c) => (
              <th scope="col" class={c.numeric ? 'sc-numeric' : undefined}>
                {c.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {table.rows.length === 0 && (
            <tr>
              <td colSpan={table.columns.length}>Aucune donnée sur la période.</td>
            </tr>
          )}
          {table.rows.map((row) => (
            <tr>
              {table.columns.map((c, i) =>
                i === 0 ? (
                  <th scope="row">{formatCell(row[c.key] ?? null)}</th>
                ) : (
                  <td class={c.numeric ? 'sc-numeric' : undefined}>{formatCell(row[c.key] ?? null)}</td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollTable>
  );
}
