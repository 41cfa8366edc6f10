import { Injectable } from '@nestjs/common';

/** Who holds a held bed, and until when (a confirmed move-in holds it until the move). */
export interface BedHolder {
  holdId: string;
  userId: string;
  name: string;
  until: Date;
}

export type BedHolderLookup = (bedIds: readonly string[]) => Promise<Map<string, BedHolder>>;

/**
 * Holds belong to placements, which uses inventory; so inventory asks through this port, which
 * placements fills at start-up, who holds its held beds (for a bed's `allowedActions`).
 */
@Injectable()
export class BedHolders {
  private lookup: BedHolderLookup | null = null;

  provide(lookup: BedHolderLookup): void {
    this.lookup = lookup;
  }

  async of(bedIds: readonly string[]): Promise<Map<string, BedHolder>> {
    return this.lookup && bedIds.length ? this.lookup(bedIds) : new Map();
  }
}
