/** One chart config: series keys, labels and colours (Okabe–Ito, safe for colour-vision deficiencies). */
export const SERIES_COLOURS = ['#0072B2', '#E69F00', '#009E73', '#D55E00', '#CC79A7', '#56B4E9', '#F0E442', '#000000'] as const

export interface SeriesConfig {
  key: string
  label: string
  colour?: string
  /** Drawn as a dashed line (e.g. a target or forecast). */
  dashed?: boolean
  stack?: string
}

export function colourFor(i: number, s: SeriesConfig): string {
  return s.colour ?? SERIES_COLOURS[i % SERIES_COLOURS.length]!
}
