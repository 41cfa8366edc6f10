import { Injectable } from '@nestjs/common';
import { OrgChart, routeStep, type OrgPerson, type Recipient, type Route } from '../../kernel/routing';
import type { Role } from '../../kernel/roles';
import { UnitOfWork } from '../../platform/database/unit-of-work';

/** Someone a fired step is sent to, and how they were found. */
export interface StepRecipient extends Recipient {
  email: string;
}

/** What routing needs of a step: the role it is addressed to, and the young person it is about. */
export interface StepToRoute {
  role: string;
  homeArea: string | null;
  paUserId: string;
}

export interface StepRoute extends Route {
  recipients: StepRecipient[];
}

interface UserRow {
  id: string;
  email: string;
  name: string;
  role: Role;
  area: string | null;
  manager_id: string | null;
  active: boolean;
}

/** The org chart as routing needs it, and the `org_chart_version` it was read at. */
interface VersionedChart {
  version: string;
  chart: OrgChart;
  emails: Map<string, string>;
}

/**
 * Who receives a fired step: the kernel's routing rule (`kernel/routing.ts`: line-management
 * chain, home area, council-wide, the next senior role; the allocated PA told as the PA) over the
 * org chart as it is in this transaction. The chart last read is kept with its version
 * (`org_chart_version`, bumped by a trigger in the transaction of any change to who is who): a
 * firing that read the same version with its facts routes over the kept chart instead of reading
 * every user again; any other version reads the chart afresh.
 */
@Injectable()
export class StepRouting {
  private kept: VersionedChart | null = null;

  constructor(private readonly uow: UnitOfWork) {}

  /** The org chart: every user (inactive ones too: a chain passes through them). */
  async orgChart(): Promise<{ chart: OrgChart; emails: Map<string, string> }> {
    const { chart, rows } = await this.load();
    return { chart, emails: new Map(rows.map((r) => [r.id, r.email])) };
  }

  /** The org chart with people's names (the coverage view shows them). */
  async orgChartWithNames(): Promise<{ chart: OrgChart; names: Map<string, string> }> {
    const { chart, rows } = await this.load();
    return { chart, names: new Map(rows.map((r) => [r.id, r.name])) };
  }

  /** The chart and its version, read in one statement (one snapshot), kept for the next firing. */
  private async readVersioned(): Promise<VersionedChart> {
    // No FROM: one row whatever is there, so a missing version row still gives every user.
    const [row] = await this.uow.em.execute<{ version: string | null; users: UserRow[] | null }[]>(
      `select (select version::text from org_chart_version) as version,
              (select json_agg(json_build_object('id', u.id, 'email', u.email, 'name', u.name, 'role', u.role, 'area', u.area,
                                                 'manager_id', u.manager_id, 'active', u.active)) from app_user u) as users`,
    );
    const rows = row?.users ?? [];
    const kept = {
      version: row?.version ?? '',
      chart: chartOf(rows),
      emails: new Map(rows.map((r) => [r.id, r.email])),
    };
    this.kept = kept;
    return kept;
  }

  private async load(): Promise<{ chart: OrgChart; rows: UserRow[] }> {
    const rows = await this.uow.em.execute<UserRow[]>(
      `select id, email, name, role, area, manager_id, active from app_user`,
    );
    return { chart: chartOf(rows), rows };
  }

  /**
   * Routes a step over the org chart at `orgVersion` (read in this transaction, with the step's
   * facts): the kept chart when it is that version, else the chart read now.
   */
  async route(step: StepToRoute, orgVersion: string): Promise<StepRoute> {
    // No version (its row missing) never matches: the chart is read afresh every time.
    const kept = orgVersion !== '' && this.kept?.version === orgVersion ? this.kept : null;
    const { chart, emails } = kept ?? (await this.readVersioned());
    const route = routeStep(chart, { role: step.role as Role, paUserId: step.paUserId, homeArea: step.homeArea });
    return {
      unrouted: route.unrouted,
      recipients: route.recipients.map((r) => ({ ...r, email: emails.get(r.userId) ?? '' })),
    };
  }

  /** Active administrators: told at once of a step that reached nobody responsible. */
  async activeAdmins(): Promise<{ userId: string; email: string }[]> {
    const rows = await this.uow.em.execute<{ id: string; email: string }[]>(
      `select id, email from app_user where role = 'admin' and active order by email`,
    );
    return rows.map((r) => ({ userId: r.id, email: r.email }));
  }
}

function chartOf(rows: UserRow[]): OrgChart {
  const people: OrgPerson[] = rows.map((r) => ({
    id: r.id,
    role: r.role,
    area: r.area,
    managerId: r.manager_id,
    active: r.active,
  }));
  return new OrgChart(people);
}
