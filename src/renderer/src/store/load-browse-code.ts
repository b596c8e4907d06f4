/** The browser's heavier code (search language, card authoring, its repository), fetched when first used; see browse-code.ts. */
export const loadBrowseCode = () => import('@store/browse-code')
