/** Form parsing shared by the practice slices. */

/** A whole number in [min, max], or an error naming the field. */
export function wholeNumber(text: string, label: string, min: number, max: number): number | string {
  const n = Number(text.trim())
  if (text.trim() === '' || !Number.isInteger(n)) return `${label} must be a whole number`
  if (n < min || n > max) return `${label} must be from ${min} to ${max}`
  return n
}
