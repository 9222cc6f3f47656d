import { ping } from '../../db/clickhouse/ping.ts'
import { getStores, migrationVersions } from '../../db/stores.ts'

/** GET /healthz — which stores are in use and the migrations applied. 503 when a store does not answer. */
export async function loader() {
  try {
    const stores = await getStores()
    const versions = await migrationVersions(stores)
    await ping(stores.ch, {}, 'route:healthz')
    return Response.json({
      status: 'ok',
      postgres: stores.pg.kind,
      clickhouse: stores.ch.kind === 'chdb' ? 'chdb' : 'server',
      migrations: versions,
      province: stores.config.PROVINCE_CODE,
      source: stores.config.simulator
        ? 'simulator'
        : stores.config.TTHC_SOURCE_KIND === 'contract'
          ? 'http'
          : stores.config.TTHC_SOURCE_KIND,
    })
  } catch (e) {
    return Response.json({ status: 'error', error: (e as Error).message }, { status: 503 })
  }
}
