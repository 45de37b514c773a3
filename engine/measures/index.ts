/** @module The measures of DESIGN §4. */
export * from './concern'
export * from './correlation'
export * from './distribution'
export * from './interval'
