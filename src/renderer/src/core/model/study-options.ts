import type { Steps } from 'ts-fsrs'

export type NewCardOrder = 'deck' | 'random'
export type StudyOrder = 'reviews-first' | 'new-first'

/** How a deck is studied: a preset that decks share. FSRS names stay as ts-fsrs spells them. */
export interface StudyOptions {
  request_retention: number
  maximum_interval: number
  learning_steps: Steps
  relearning_steps: Steps
  enable_fuzz: boolean
  /** FSRS weights; undefined means ts-fsrs's FSRS-6 defaults. */
  w?: readonly number[]
  newCardsPerDay: number
  reviewsPerDay: number
  newCardOrder: NewCardOrder
  studyOrder: StudyOrder
  /** Anki's load balancer: a review's day is drawn from its fuzz range towards lighter days. Needs fuzz. */
  loadBalancing: boolean
  /** Anki's easy days: each weekday's share of reviews, Sunday first (1 normal, 0.5 reduced, 0 minimum). */
  easyDays: readonly number[]
  /**
   * Anki's sibling burying: when a card is answered, the other cards of its note (its siblings)
   * waiting today as new cards, reviews or interday learning cards are buried until the next study
   * day, and today's queue never gathers two of them (core/scheduling/siblings.ts).
   */
  buryNewSiblings: boolean
  buryReviewSiblings: boolean
  buryInterdayLearningSiblings: boolean
}

/** Anki's defaults with FSRS on. */
export const DEFAULT_STUDY_OPTIONS: StudyOptions = {
  request_retention: 0.9,
  maximum_interval: 36500,
  learning_steps: ['1m', '10m'],
  relearning_steps: ['10m'],
  enable_fuzz: true,
  newCardsPerDay: 20,
  reviewsPerDay: 200,
  newCardOrder: 'deck',
  studyOrder: 'reviews-first',
  loadBalancing: true,
  easyDays: [1, 1, 1, 1, 1, 1, 1],
  buryNewSiblings: true,
  buryReviewSiblings: true,
  buryInterdayLearningSiblings: true
}

export interface Preset {
  id: string
  name: string
  options: StudyOptions
}

export const DEFAULT_PRESET_ID = 'default'
