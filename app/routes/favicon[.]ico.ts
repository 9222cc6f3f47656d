/** GET /favicon.ico — a small SVG icon, so browsers do not log a 404 on every first visit. Public. */
const ICON = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="6" fill="#14365d"/><path d="M8 22V10h4l4 7 4-7h4v12h-3.5v-6.5L17 20h-2l-3.5-4.5V22z" fill="#ffd166"/></svg>`

export function loader() {
  return new Response(ICON, { headers: { 'Content-Type': 'image/svg+xml', 'Cache-Control': 'public, max-age=86400' } })
}
