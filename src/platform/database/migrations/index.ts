import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261123053056_Initial } from './Migration20261123053056_Initial';
import { Migration20261123053849_Placements } from './Migration20261123053849_Placements';
import { Migration20261123054700_Escalations } from './Migration20261123054700_Escalations';
import { Migration20261123070000_ReportIndexes } from './Migration20261123070000_ReportIndexes';
import { Migration20261129090000_AreasAndManagers } from './Migration20261129090000_AreasAndManagers';
import { Migration20261129110000_EscalationTruth } from './Migration20261129110000_EscalationTruth';
import { Migration20261129130000_DefaultPoliciesV2 } from './Migration20261129130000_DefaultPoliciesV2';
import { Migration20261129140000_TokenVersions } from './Migration20261129140000_TokenVersions';
import { Migration20261129150000_WebSessions } from './Migration20261129150000_WebSessions';
import { Migration20261129160000_RequestNotices } from './Migration20261129160000_RequestNotices';
import { Migration20261129161000_Holds } from './Migration20261129161000_Holds';
import { Migration20261129162000_Contacts } from './Migration20261129162000_Contacts';
import { Migration20261129163000_PeopleSearch } from './Migration20261129163000_PeopleSearch';
import { Migration20261129164000_VacancyBoard } from './Migration20261129164000_VacancyBoard';
import { Migration20261129900000_InventoryChanges } from './Migration20261129900000_InventoryChanges';
import { Migration20261129910000_OrgChartVersion } from './Migration20261129910000_OrgChartVersion';
import { Migration20261129169000_MoveInFailures } from './Migration20261129169000_MoveInFailures';

/** Every migration in order. Add new ones at the end; never edit one that has shipped. */
export const MIGRATIONS: MigrationObject[] = [
  { name: 'Migration20261123053056_Initial', class: Migration20261123053056_Initial },
  { name: 'Migration20261123053849_Placements', class: Migration20261123053849_Placements },
  { name: 'Migration20261123054700_Escalations', class: Migration20261123054700_Escalations },
  { name: 'Migration20261123070000_ReportIndexes', class: Migration20261123070000_ReportIndexes },
  { name: 'Migration20261129090000_AreasAndManagers', class: Migration20261129090000_AreasAndManagers },
  { name: 'Migration20261129110000_EscalationTruth', class: Migration20261129110000_EscalationTruth },
  { name: 'Migration20261129130000_DefaultPoliciesV2', class: Migration20261129130000_DefaultPoliciesV2 },
  { name: 'Migration20261129140000_TokenVersions', class: Migration20261129140000_TokenVersions },
  { name: 'Migration20261129150000_WebSessions', class: Migration20261129150000_WebSessions },
  { name: 'Migration20261129160000_RequestNotices', class: Migration20261129160000_RequestNotices },
  { name: 'Migration20261129161000_Holds', class: Migration20261129161000_Holds },
  { name: 'Migration20261129162000_Contacts', class: Migration20261129162000_Contacts },
  { name: 'Migration20261129163000_PeopleSearch', class: Migration20261129163000_PeopleSearch },
  { name: 'Migration20261129164000_VacancyBoard', class: Migration20261129164000_VacancyBoard },
  { name: 'Migration20261129169000_MoveInFailures', class: Migration20261129169000_MoveInFailures },
  { name: 'Migration20261129900000_InventoryChanges', class: Migration20261129900000_InventoryChanges },
  { name: 'Migration20261129910000_OrgChartVersion', class: Migration20261129910000_OrgChartVersion },
];
