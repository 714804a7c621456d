/**
 * @module
 * Two small charts drawn as SVG by Lit (no chart library: the bundle has a size budget). Each is an image with a
 * spoken summary (`role="img"`, `aria-label`) followed by the same figures as a table in a disclosure. Series are
 * told apart by marker shape and dash pattern as well as colour, so print and colour-blind readers can follow.
 */
import { html, nothing, svg, type SVGTemplateResult, type TemplateResult } from 'lit';

const W = 640;
const H = 240;
const M = { left: 52, right: 30, top: 14, bottom: 34 };
const PW = W - M.left - M.right;
const PH = H - M.top - M.bottom;

/** Dark enough for 3:1 against white (WCAG non-text contrast); each series also has its own marker and dash. */
export const SERIES_COLOURS = ['#0b5cad', '#b42318', '#17612d', '#6b3fa0', '#8a4b00'];
const DASHES = ['', '7 4', '2 4', '10 4 2 4', '14 5'];

export interface LineSeries {
  name: string;
  /** 0..1 per month; null where there is nothing to measure. */
  values: (number | null)[];
}

/** A marker of series `i` at (x, y): circle, square, triangle, diamond, cross. */
export function marker(i: number, x: number, y: number): SVGTemplateResult {
  const c = SERIES_COLOURS[i % SERIES_COLOURS.length];
  const s = 4.5;
  switch (i % 5) {
    case 0:
      return svg`<circle cx=${x} cy=${y} r=${s} fill=${c} />`;
    case 1:
      return svg`<rect x=${x - s} y=${y - s} width=${2 * s} height=${2 * s} fill=${c} />`;
    case 2:
      return svg`<polygon points="${x},${y - s - 1} ${x + s + 1},${y + s} ${x - s - 1},${y + s}" fill=${c} />`;
    case 3:
      return svg`<polygon points="${x},${y - s - 1} ${x + s + 1},${y} ${x},${y + s + 1} ${x - s - 1},${y}" fill="#fff" stroke=${c} stroke-width="2" />`;
    default:
      return svg`<path d="M${x - s} ${y - s}L${x + s} ${y + s}M${x - s} ${y + s}L${x + s} ${y - s}" stroke=${c} stroke-width="2.5" />`;
  }
}

/** A legend swatch: a short line in the series' dash with its marker. */
export function swatch(i: number): TemplateResult {
  return html`<svg class="swatch" viewBox="0 0 36 12" width="36" height="12" aria-hidden="true">
    <line
      x1="0"
      y1="6"
      x2="36"
      y2="6"
      stroke=${SERIES_COLOURS[i % 5] ?? '#000'}
      stroke-width="2.5"
      stroke-dasharray=${DASHES[i % 5] || 'none'}
    />
    ${marker(i, 18, 6)}
  </svg>`;
}

/** Evenly spaced label positions: at most `max` labels over `n` points. */
const every = (n: number, max: number) => Math.max(1, Math.ceil(n / max));

/** On-time rate per month: one line per series, 0–100 % on the y axis. */
export function lineChart(
  labels: string[],
  series: LineSeries[],
  label: string,
  percent: (v: number) => string,
): TemplateResult {
  const n = labels.length;
  const x = (i: number) => M.left + (n > 1 ? (i * PW) / (n - 1) : PW / 2);
  const y = (v: number) => M.top + (1 - v) * PH;
  const step = every(n, 8);
  const path = (values: (number | null)[]) => {
    let d = '';
    let pen = 'M';
    values.forEach((v, i) => {
      if (v === null) {
        pen = 'M';
      } else {
        d += `${pen}${x(i).toFixed(1)} ${y(v).toFixed(1)}`;
        pen = 'L';
      }
    });
    return d;
  };
  return html`<svg
    class="chart"
    viewBox="0 0 ${W} ${H}"
    role="img"
    aria-label=${label}
    data-testid="trend-chart"
  >
    ${[0, 0.25, 0.5, 0.75, 1].map(
      (v) => svg`<line class="grid" x1=${M.left} x2=${W - M.right} y1=${y(v)} y2=${y(v)} />
        <text class="tick" x=${M.left - 6} y=${y(v) + 4} text-anchor="end">${percent(v)}</text>`,
    )}
    ${labels.map((l, i) =>
      i % step === 0
        ? svg`<text class="tick" x=${x(i)} y=${H - 12} text-anchor="middle">${l}</text>`
        : nothing,
    )}
    ${series.map(
      (s, i) => svg`<g>
        <path d=${path(s.values)} fill="none" stroke=${SERIES_COLOURS[i % 5] ?? '#000'} stroke-width="2.5"
          stroke-dasharray=${DASHES[i % 5] || 'none'} />
        ${s.values.map((v, j) => (v === null ? nothing : marker(i, x(j), y(v))))}
      </g>`,
    )}
  </svg>`;
}

/** How many contacts took each number of working days. */
export function barChart(buckets: { workingDays: number; count: number }[], label: string): TemplateResult {
  const n = Math.max(1, buckets.length);
  const max = Math.max(1, ...buckets.map((b) => b.count));
  const band = PW / n;
  const bw = Math.max(2, Math.min(48, band * 0.7));
  const y = (v: number) => M.top + (1 - v / max) * PH;
  const step = every(n, 16);
  const ticks = [...new Set([0, Math.round(max / 2), max])];
  return html`<svg
    class="chart"
    viewBox="0 0 ${W} ${H}"
    role="img"
    aria-label=${label}
    data-testid="distribution-chart"
  >
    ${ticks.map(
      (v) => svg`<line class="grid" x1=${M.left} x2=${W - M.right} y1=${y(v)} y2=${y(v)} />
        <text class="tick" x=${M.left - 6} y=${y(v) + 4} text-anchor="end">${v}</text>`,
    )}
    ${buckets.map((b, i) => {
      const cx = M.left + band * (i + 0.5);
      return svg`<rect class="bar" x=${cx - bw / 2} y=${y(b.count)} width=${bw} height=${Math.max(0, PH + M.top - y(b.count))} />
        ${i % step === 0 ? svg`<text class="tick" x=${cx} y=${H - 12} text-anchor="middle">${b.workingDays}</text>` : nothing}`;
    })}
  </svg>`;
}
