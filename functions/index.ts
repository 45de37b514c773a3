/** @module The Cloudflare Worker entry (wrangler.toml `main`): the Sapa API. */
import { app } from './app'

export default app
