/**
 * The dependency rule of ADR 012, checked by `npm run lint:deps` (part of `npm test`).
 * Data flows source → etl → stores → kpi → routes → components; imports point the other way only as far as
 * the base layer `db/` (stores, configuration, pure helpers, reference data, the job-control port), which
 * every side may import and which imports none of them. The composition roots (server.ts and its
 * server.*.ts files, and the ETL CLI, which does the server's work when no server runs) may import anything.
 */
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'db-is-the-base',
      comment: 'db/ is the base layer: it imports neither the ETL, nor the dashboard, nor the composition roots.',
      severity: 'error',
      from: { path: '^db/' },
      to: { path: '^(app|etl)/|^server[.a-z]*\\.ts$' },
    },
    {
      name: 'etl-does-not-import-the-dashboard',
      comment: 'The ETL feeds the stores; what it needs of the KPI engine is registered by the composition root (server.wiring.ts).',
      severity: 'error',
      from: { path: '^etl/' },
      to: { path: '^app/' },
    },
    {
      name: 'dashboard-does-not-import-the-etl',
      comment: 'app/ asks the ETL for work through the job-control port on the stores (db/job-control.ts).',
      severity: 'error',
      from: { path: '^app/' },
      to: { path: '^etl/' },
    },
    {
      name: 'only-entry-points-wire',
      comment: 'Only the composition roots import server*.ts (the ETL CLI is one: it runs jobs when no server does).',
      severity: 'error',
      from: { path: '^(app|db|etl)/', pathNot: '^etl/cli\\.ts$' },
      to: { path: '^server[.a-z]*\\.ts$' },
    },
    {
      name: 'no-simulator-in-production',
      comment: 'Production code never imports the simulator; only the demo wiring (server.extensions.ts, the ETL CLI) and tests do.',
      severity: 'error',
      from: { pathNot: '^(etl/sim/|etl/cli\\.ts$|server\\.extensions\\.ts$|tests/)' },
      to: { path: '^etl/sim/' },
    },
    {
      name: 'components-are-views',
      comment:
        'Components get their data from loaders: no KPI engine, store or server module (type-only imports of the shapes a loader hands down are allowed; the pure metric catalogue is allowed).',
      severity: 'error',
      from: { path: '^app/components/' },
      to: {
        path: '^app/(kpi|routes|dashboard|planning)/|^db/|^etl/|\\.server\\.tsx?$',
        // The metric catalogue is pure (labels, definitions, formats): views read it (ADR 032).
        pathNot: '^app/kpi/catalogue\\.ts$',
        dependencyTypesNot: ['type-only'],
      },
    },
    {
      name: 'kpi-below-the-views',
      comment: 'The KPI engine computes figures; it does not know the routes, the components or the page loaders.',
      severity: 'error',
      from: { path: '^app/kpi/' },
      to: { path: '^app/(routes|components|dashboard|planning)/' },
    },
    {
      name: 'no-circular',
      comment: 'No import cycles (type-only cycles vanish at build and are allowed).',
      severity: 'error',
      from: {},
      to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only'] } },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(node_modules|build|data|tmp)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.tsx', '.js'] },
  },
}
