import { BedsService } from '../../../src/features/inventory/beds.service';
import { ProvidersService } from '../../../src/features/inventory/providers.service';
import { ServiceLevelsService } from '../../../src/features/inventory/service-levels.service';
import type { AuthUser } from '../../../src/kernel/roles';
import type { Integration } from '../../support/integration';

/** Builders over the inventory services for the integration tier (no HTTP). */
export async function makeBed(it_: Integration, officer: AuthUser, over: { area?: string } = {}) {
  const code = `L${Math.random().toString(36).slice(2, 8)}`;
  const level = await it_.get(ServiceLevelsService).create(
    {
      code,
      name: `Level ${code}`,
      rank: 4,
      minAge: 16,
      maxAge: 25,
      supportHoursMin: 7,
      supportHoursMax: 12,
      emergency: false,
      accommodationCode: 'D',
      suitable: true,
    },
    officer.id,
  );
  const provider = await it_
    .get(ProvidersService)
    .create(
      { name: `Provider ${code}`, area: over.area ?? 'Crewe', ofstedUrn: 'SC123456', ofstedCategory: 'shared_housing' },
      officer.id,
    );
  const bed = await it_
    .get(BedsService)
    .create(
      { providerId: provider.id, serviceLevelId: level.id, label: `Room ${code}`, minAge: 16, maxAge: 25 },
      officer.id,
    );
  return { level, provider, bed };
}

/** How many audit events name this entity (with this action, when given). */
export async function auditCount(it_: Integration, entityId: string, action?: string): Promise<number> {
  const rows = await it_.db.query(
    `select count(*)::int as n from audit_event where entity_id = $1 and ($2::text is null or action = $2)`,
    [entityId, action ?? null],
  );
  return rows.rows[0].n as number;
}
