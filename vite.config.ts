import { vitePlugin as remix } from '@remix-run/dev'
import { defineConfig } from 'vite'
import { fileURLToPath } from 'node:url'

const serverOnly = ['chdb', '@clickhouse/client', '@electric-sql/pglite', 'postgres', 'drizzle-orm', 'exceljs']

export default defineConfig({
  resolve: { alias: { '~': fileURLToPath(new URL('./app', import.meta.url)) } },
  plugins: [
    remix({
      future: {
        v3_fetcherPersist: true,
        v3_relativeSplatPath: true,
        v3_throwAbortReason: true,
        v3_singleFetch: true,
        v3_lazyRouteDiscovery: true,
      },
    }),
  ],
  // recharts must be pre-bundled or a cold dev start ends with two Reacts (STACK-NOTES).
  optimizeDeps: { include: ['recharts'], exclude: serverOnly },
  ssr: { external: serverOnly },
  build: { target: 'es2022' },
  server: { hmr: { port: 24678 } },
})
