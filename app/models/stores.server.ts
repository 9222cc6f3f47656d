/** Loaders reach the process's stores through here (opened by server.ts at start). */
export { getStores } from '../../db/stores.ts'
