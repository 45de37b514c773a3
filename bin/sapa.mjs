#!/usr/bin/env node
// Runs the TypeScript command line through tsx in this process, so a fresh clone needs
// `npm ci` and no build step, and signals reach the command line itself.
import { register } from 'tsx/esm/api'

register()
const { cli } = await import('../cli/index.ts')
await cli()
