/**
 * Express-level accounts pieces, mounted from server.extensions.ts as its LAST line (just before Remix):
 * the users control endpoint for the CLI, the demo accounts, then the access gate.
 */
import type { Express } from 'express'
import type { Config } from '../../db/config.ts'
import type { Stores } from '../../db/stores.ts'
import { usersControlRouter } from './control.server.ts'
import { ensureDemoAccounts } from './demo.server.ts'
import { accessGate } from './gate.server.ts'
import { listUsers } from './users.server.ts'

export async function mountAuth(app: Express, ctx: { config: Config; stores: Stores }): Promise<void> {
  if (ctx.stores.lock) app.use('/internal/users', usersControlRouter(ctx.stores, ctx.stores.lock.info.token))
  await ensureDemoAccounts(ctx.stores, ctx.config)
  if ((await listUsers(ctx.stores)).length === 0)
    console.log(
      'Chưa có tài khoản nào: tạo quản trị viên bằng / no accounts yet: create an admin with\n' +
        '  npm run users -- add <email> --role admin     (mật khẩu từ đầu vào chuẩn / password on standard input)',
    )
  app.use(accessGate(ctx.stores))
}
