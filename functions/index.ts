/** @module The Cloudflare Worker entry (wrangler.toml `main`): the Sapa API. */
import { app } from './worker/app'

export default app
