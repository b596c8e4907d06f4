/**
 * The domain model: the records that every layer speaks (the study screens, the store, the
 * database and the scheduling code). Types and constants only; nothing here reads or writes.
 */
export * from './cards'
export * from './decks'
export * from './exam-plans'
export * from './mock-exams'
export * from './notes'
export * from './reviews'
export * from './scheduling'
export * from './settings'
export * from './study-options'
export * from './media'
