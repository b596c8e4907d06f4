/** The letters options carry, as on the exam: A, B, C… */
export const LETTERS = 'ABCDEFGH'
