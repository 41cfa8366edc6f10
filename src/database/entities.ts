import { AuditEvent } from '../audit/audit-event.entity';
import { User } from '../auth/user.entity';
import { Bed, Provider, ServiceLevel } from '../inventory/inventory.entities';

/** Every entity the ORM knows. Each feature module adds its own here. */
export const ENTITIES = [User, AuditEvent, ServiceLevel, Provider, Bed];
