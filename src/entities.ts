import { Area } from './features/areas/area.entity';
import { AuditEvent } from './features/audit/audit-event.entity';
import { User } from './features/users/user.entity';
import { Bed, Provider, ServiceLevel } from './features/inventory/inventory.entities';
import { Hold, PlacementRequest } from './features/placements/placement.entities';
import {
  ClosureDay,
  Escalation,
  EscalationPolicy,
  EscalationPolicyVersion,
} from './features/escalations/escalation.entities';
import { Notification, RoleWebhook } from './features/notifications/notification.entities';
import { Stay } from './features/stays/stay.entity';
import { Contact } from './features/contacts/contact.entity';
import { YoungPerson } from './features/young-people/young-person.entity';

/** Every entity the ORM knows. Each feature module adds its own here. */
export const ENTITIES = [
  Area,
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
  Contact,
];
