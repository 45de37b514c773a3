/// <reference types="google-apps-script" />
/** @module Developer metadata on sheets, and the finder that searches it. */
import { tracked } from './calls'
import { as, type Env } from './shared'
import type { FakeSheet } from './sheet'

export class FakeDeveloperMetadata
  implements
    Pick<
      GoogleAppsScript.Spreadsheet.DeveloperMetadata,
      'getKey' | 'getValue' | 'getLocation' | 'getVisibility'
    >
{
  constructor(
    readonly sheet: FakeSheet,
    readonly key: string,
    readonly value: string,
    readonly visibility: string,
  ) {}

  getKey() {
    return this.key
  }

  getValue() {
    return this.value
  }

  getVisibility() {
    return as<GoogleAppsScript.Spreadsheet.DeveloperMetadataVisibility>(this.visibility)
  }

  getLocation() {
    const location: Pick<
      GoogleAppsScript.Spreadsheet.DeveloperMetadataLocation,
      'getSheet' | 'getLocationType'
    > = {
      getSheet: () => as<GoogleAppsScript.Spreadsheet.Sheet>(this.sheet.fakeTracked()),
      getLocationType: () =>
        as<GoogleAppsScript.Spreadsheet.DeveloperMetadataLocationType>('SHEET'),
    }
    return as<GoogleAppsScript.Spreadsheet.DeveloperMetadataLocation>(
      tracked(location, 'DeveloperMetadataLocation', this.sheet.env.log),
    )
  }
}

export class FakeDeveloperMetadataFinder
  implements
    Pick<
      GoogleAppsScript.Spreadsheet.DeveloperMetadataFinder,
      'withKey' | 'withLocationType' | 'find'
    >
{
  constructor(
    private readonly env: Env,
    private readonly all: FakeDeveloperMetadata[],
    private readonly key?: string,
  ) {}

  withKey(key: string) {
    return as<GoogleAppsScript.Spreadsheet.DeveloperMetadataFinder>(
      tracked(
        new FakeDeveloperMetadataFinder(this.env, this.all, key),
        'DeveloperMetadataFinder',
        this.env.log,
      ),
    )
  }

  /** Only sheet-level metadata exists here, so the type filter keeps everything. */
  withLocationType(_locationType: GoogleAppsScript.Spreadsheet.DeveloperMetadataLocationType) {
    return as<GoogleAppsScript.Spreadsheet.DeveloperMetadataFinder>(this)
  }

  find() {
    return this.all
      .filter((m) => this.key === undefined || m.key === this.key)
      .map((m) =>
        as<GoogleAppsScript.Spreadsheet.DeveloperMetadata>(
          tracked(m, 'DeveloperMetadata', this.env.log),
        ),
      )
  }
}
