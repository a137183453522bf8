/** Orders strings by UTF-16 code unit, the same everywhere: never by locale, which varies with LANG. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
