/** @module The methodology version every report carries. */
export const ENGINE_VERSION = '0.2.0'
