/** The KPI engine's arithmetic on figures: one ratio, one rounding. */

/** a / b, or null when either is null or b is 0. */
export function ratio(a: number | null, b: number | null): number | null {
  return a === null || b === null || b === 0 ? null : a / b
}

/** Half-up rounding (away from zero) to `digits` decimals, robust to binary noise (1.005 → 1.01, 2.9449999 → 2.94). */
export function round(x: number, digits = 2): number {
  const f = 10 ** digits
  return (Math.sign(x) * Math.round(Math.abs(x) * f + 1e-9)) / f
}

/** `round` that lets null through. */
export function roundOrNull(x: number | null, digits = 2): number | null {
  return x === null ? null : round(x, digits)
}
