/** `part` of `whole` in percent, rounded to one decimal: how every coverage and rate metric is given. */
export function percentage(part: number, whole: number): number {
  return Math.round((part / whole) * 1000) / 10;
}
