import { AuditEvent } from '../audit/audit-event.entity';
import { User } from '../auth/user.entity';
import { Bed, Provider, ServiceLevel } from '../inventory/inventory.entities';
import { Hold, PlacementRequest } from '../placements/placement.entities';
import { ClosureDay, Escalation, EscalationPolicy, EscalationPolicyVersion } from '../escalations/escalation.entities';
import { Notification, RoleWebhook } from '../notifications/notification.entities';
import { Stay } from '../stays/stay.entity';
import { YoungPerson } from '../young-people/young-person.entity';

/** Every entity the ORM knows. Each feature module adds its own here. */
export const ENTITIES = [
  User,
  AuditEvent,
  ServiceLevel,
  Provider,
  Bed,
  YoungPerson,
  PlacementRequest,
  Hold,
  Stay,
  EscalationPolicy,
  EscalationPolicyVersion,
  Escalation,
  ClosureDay,
  Notification,
  RoleWebhook,
];
