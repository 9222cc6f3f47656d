/**
 * What the rollups job reads to recompute only the (commune, day) cells a load changed (ADR 040): the cells
 * themselves (`changedCells`), and the SQL fragments the cell statements share — the cells as a grid, and the
 * dossier ids that can count in them (rollup_dossier_cells, migration 0400, by its sorting key).
 */
import { z } from 'zod'
import { communeCodes, defineQuery, num, sql, ymd, type Sql } from '../../../../db/clickhouse/query.ts'

/**
 * Cells {cellCommunes}[i] × {cellDays}[i] of communes {communes}, days {from} … {to}, where {communeFrom}[j] is the
 * earliest cell of {communes}[j] (the statements' parameters).
 */
export const CellParams = z.object({
  communes: communeCodes,
  communeFrom: z.array(ymd),
  from: ymd,
  to: ymd,
  cellCommunes: communeCodes,
  cellDays: z.array(ymd),
})

/** The earliest cell of the row's commune (`commune` names its column). */
export const communeFrom = (commune: Sql, from: Sql) =>
  sql`transform(toString(${commune}), {communes:Array(String)}, {communeFrom:Array(Date)}, ${from})`

/** The cells as rows (commune_code, day). */
export const CELL_GRID = sql`SELECT c.1 AS commune_code, c.2 AS day
    FROM (SELECT arrayJoin(arrayZip({cellCommunes:Array(String)}, {cellDays:Array(Date)})) AS c)`

/**
 * `dossier_id IN (…)`: every dossier that can count in a cell of communes {communes} between {from} and {to} —
 * received there on or before {to}, in a version not finished before its commune's earliest cell. Pruned by the
 * index's sorting key (commune_code, until_day), then `dossiers FINAL` is read by its own key (dossier_id).
 */
export const indexedIds = (from: Sql, to: Sql) => sql`dossier_id IN (SELECT dossier_id FROM rollup_dossier_cells
        WHERE commune_code IN {communes:Array(String)} AND until_day >= ${from} AND rday <= ${to}
          AND until_day >= ${communeFrom(sql`commune_code`, from)})`
export const INDEXED_IDS = indexedIds(sql`{from:Date}`, sql`{to:Date}`)

const since = sql`loaded_at > fromUnixTimestamp64Milli({since:Int64})`
/** Dossiers named by ratings or complaints loaded since: their dissatisfaction may change on every day they count. */
const NAMED_IDS = sql`(SELECT dossier_id FROM ratings WHERE ${since} AND dossier_id != ''
        UNION ALL SELECT assumeNotNull(dossier_id) FROM complaints WHERE ${since} AND dossier_id IS NOT NULL)`
/** Dossiers loaded since the mark, and those NAMED_IDS. */
const CHANGED_IDS = sql`(SELECT dossier_id FROM dossiers WHERE ${since} UNION ALL ${NAMED_IDS})`

/**
 * The versions of the changed dossiers (rollup_dossier_versions, by key), each with whether it is new (first
 * loaded after the mark); per dossier, how many versions a day must be counted in alike to be unchanged (one
 * more when it has no earlier version: "not counted" is then its previous state), and whether it is NAMED.
 */
const VERSIONS = sql`
    versions AS (
        SELECT dossier_id, commune_code, received, rday, until_day, stock_key, min(loaded_at) > fromUnixTimestamp64Milli({since:Int64}) AS is_new
        FROM rollup_dossier_versions WHERE dossier_id IN ${CHANGED_IDS}
        GROUP BY dossier_id, commune_code, received, rday, until_day, stock_key),
    per_dossier AS (
        SELECT dossier_id, count() + (countIf(NOT is_new) = 0) AS versions, dossier_id IN ${NAMED_IDS} AS named
        FROM versions GROUP BY dossier_id),
    stock AS (
        SELECT dossier_id, commune_code, stock_key,
               arrayJoin(arrayMap(i -> rday + i, range(toUInt32(greatest(0, dateDiff('day', rday, least(until_day - 1, {today:Date})) + 1))))) AS d
        FROM versions WHERE received AND rday <= {today:Date})`

/**
 * The cells a load changed, as rows (kind, commune, day), days up to {today}:
 *   'd' commune_day: the reception day and end day of every version of a changed dossier (in every commune it
 *       was ever in); each day on whose end some version is open and the versions do not all count alike there
 *       (not all open, or with different stock keys — or the dossier is named by a new rating or complaint); the
 *       rating days of the ratings loaded since and of the ratings of changed dossiers (the land split);
 *   'p' commune_day_procedure: the reception days of every version of a changed dossier (cohort rows);
 *   'q' commune_hour_queue: the ticket days of the tickets loaded since;
 * and one row 'm' with the newest loaded_at (epoch ms, as `day`) and the number of rows loaded since (`n`).
 * A dossier finished now thus changes its reception day, today (no longer open) and its end day; one received
 * now, today; one moved, every day it was open in the commune it left and in the new one.
 */
export const changedCells = defineQuery({
  name: 'rollup cells changed since',
  params: z.object({ since: z.number().int(), today: ymd }),
  row: z.object({ kind: z.enum(['d', 'p', 'q', 'm']), commune_code: z.string(), day: z.string(), n: num }),
  sql: sql`
    WITH ${VERSIONS}
    SELECT DISTINCT 'd' AS kind, toString(c) AS commune_code, toString(d) AS day, toUInt64(0) AS n FROM (
        SELECT commune_code AS c, rday AS d FROM versions WHERE received
        UNION ALL SELECT commune_code, until_day FROM versions WHERE received
        UNION ALL SELECT s.commune_code, s.d FROM (
                SELECT dossier_id, commune_code, d, count() AS k, uniqExact(stock_key) AS keys FROM stock GROUP BY dossier_id, commune_code, d) AS s
            INNER JOIN per_dossier AS p ON p.dossier_id = s.dossier_id
            WHERE p.named OR s.k < p.versions OR s.keys > 1
        UNION ALL SELECT commune_code, toDate(rated_at) FROM ratings WHERE ${since}
        UNION ALL SELECT commune_code, toDate(rated_at) FROM ratings
            WHERE dossier_id IN (SELECT dossier_id FROM dossiers WHERE ${since}))
    WHERE d <= {today:Date}
    UNION ALL SELECT DISTINCT 'p', toString(commune_code), toString(rday), toUInt64(0) FROM versions WHERE received AND rday <= {today:Date}
    UNION ALL SELECT DISTINCT 'q', toString(commune_code), toString(toDate(taken_at)), toUInt64(0) FROM queue_tickets
        WHERE ${since} AND toDate(taken_at) <= {today:Date}
    UNION ALL SELECT 'm', '', toString(toUnixTimestamp64Milli(max(l))), count() FROM (
        SELECT loaded_at AS l FROM dossiers WHERE ${since}
        UNION ALL SELECT loaded_at FROM ratings WHERE ${since}
        UNION ALL SELECT loaded_at FROM complaints WHERE ${since}
        UNION ALL SELECT loaded_at FROM queue_tickets WHERE ${since})`,
})
