/**
 * The rules between Recall's rooms (docs/architecture.md), checked by `npm run lint`.
 * Type-only imports are allowed where a rule says so: they carry no code at run time.
 */
const R = '^src/renderer/src/'
module.exports = {
  forbidden: [
    {
      name: 'no-cycles',
      comment: 'No import cycle carries code. Slices may share the RecallState type through store/index.ts.',
      severity: 'error',
      from: {},
      to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only'] } }
    },
    {
      name: 'no-type-cycles-outside-the-store',
      comment: 'Outside the store (whose slices share RecallState), not even types go round in a circle.',
      severity: 'error',
      from: { pathNot: `${R}store/` },
      to: { circular: true }
    },
    {
      name: 'core-is-pure',
      comment: 'core/ is the domain: it imports nothing above it, nor React, Dexie or Electron.',
      severity: 'error',
      from: { path: `${R}core/` },
      to: { path: [`${R}(db|store|screens|components|platform|workers)/`, '^node_modules/(react|react-dom|dexie|electron|zustand)/'] }
    },
    {
      name: 'shared-is-pure',
      comment: 'src/shared runs in main, renderer and scripts: no DOM frameworks, Node, Electron, or other rooms.',
      severity: 'error',
      from: { path: '^src/shared/' },
      to: {
        path: ['^src/(main|preload|renderer)/', '^node_modules/(react|react-dom|dexie|electron|zustand)/'],
        dependencyTypesNot: ['type-only']
      }
    },
    {
      name: 'db-below-store',
      severity: 'error',
      from: { path: `${R}db/` },
      to: { path: `${R}(store|screens|components|platform)/` }
    },
    {
      name: 'platform-below-store',
      comment: 'platform/ is how the renderer reaches the outside; the store calls it, never the other way.',
      severity: 'error',
      from: { path: `${R}platform/` },
      to: { path: `${R}(store|screens|components|db)/` }
    },
    {
      name: 'store-below-views',
      severity: 'error',
      from: { path: `${R}store/` },
      to: { path: `${R}(screens|components)/` }
    },
    {
      name: 'views-use-the-store',
      comment: 'Screens and components select from the store; they never talk to Dexie.',
      severity: 'error',
      from: { path: `${R}(screens|components)/` },
      to: { path: [`${R}db/`, '^node_modules/dexie/'] }
    },
    {
      name: 'slices-share-only-types',
      comment: "A slice may take another slice's types, never its code: shared helpers live in modules.",
      severity: 'error',
      from: { path: `${R}store/(.+)-slice\\.ts$` },
      to: { path: `${R}store/(.+)-slice\\.ts$`, dependencyTypesNot: ['type-only'] }
    },
    {
      name: 'screens-stay-in-their-folder',
      comment: "No screen imports from another screen's folder; what several use lives in components/.",
      severity: 'error',
      from: { path: `${R}screens/([^/]+)/` },
      to: { path: `${R}screens/`, pathNot: `${R}screens/$1/` }
    },
    {
      name: 'components-above-no-screen',
      severity: 'error',
      from: { path: `${R}components/` },
      to: { path: `${R}screens/` }
    },
    {
      name: 'electron-only-in-wiring',
      comment: 'Only the thin wiring files of src/main import electron; the rest runs under plain Node.',
      severity: 'error',
      from: {
        path: '^src/',
        pathNot:
          '^src/main/(index|window|menu|app-security|web-contents-hardening|trusted-sender|collection-services|ipc-handlers|reminder|save-file|permission-policy|app-response|sync/sync-wiring)\\.ts$|^src/preload/'
      },
      to: { path: '^node_modules/electron/', dependencyTypesNot: ['type-only'] }
    },
    {
      name: 'scripts-do-not-import-tests',
      severity: 'error',
      from: { path: '^scripts/' },
      to: { path: '^tests/' }
    },
    {
      name: 'src-does-not-import-tests-or-scripts',
      severity: 'error',
      from: { path: '^src/' },
      to: { path: '^(tests|scripts)/' }
    }
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.node.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'] }
  }
}
