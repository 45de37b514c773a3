/** @module Developer metadata marking a sheet as Sapa's, so the add-on can find and replace it. */
import type { sheets_v4 } from 'googleapis'
import type { TableId } from '../../engine/index'

export const METADATA_KEY = 'sapa.generated'

export interface GeneratedMark {
  engine: string
  generatedAt: string
  table: TableId
}

export function metadataRequest(sheetId: number, mark: GeneratedMark): sheets_v4.Schema$Request {
  return {
    createDeveloperMetadata: {
      developerMetadata: {
        metadataKey: METADATA_KEY,
        metadataValue: JSON.stringify(mark),
        location: { sheetId },
        visibility: 'DOCUMENT',
      },
    },
  }
}
