import '@remix-run/node'

// Single Fetch typing for loaders that return `data()` (Remix v2 future flag v3_singleFetch).
declare module '@remix-run/node' {
  interface Future {
    v3_singleFetch: true
  }
}
