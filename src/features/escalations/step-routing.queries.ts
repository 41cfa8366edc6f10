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

  /** The org chart with people's names (the coverage view shows them). */
  async orgChartWithNames(): Promise<{ chart: OrgChart; names: Map<string, string> }> {
    const { chart, rows } = await this.load();
    return { chart, names: new Map(rows.map((r) => [r.id, r.name])) };
  }

  /** The chart and its version, kept for the next firing. */
  private async readVersioned(): Promise<VersionedChart> {
    const { chart, rows, version } = await this.load();
    const kept = { version, chart, emails: new Map(rows.map((r) => [r.id, r.email])) };
    this.kept = kept;
    return kept;
  }

  /**
   * Every user (inactive ones too: a chain passes through them) and the chart's version, in one
   * statement (one snapshot); '' when the version row is missing.
   */
  private async load(): Promise<{ chart: OrgChart; rows: UserRow[]; version: string }> {
    const rows = await this.uow.em.execute<(UserRow & { version: string | null })[]>(
      `select id, email, name, role, area, manager_id, active, (select version::text from org_chart_version) as version
         from app_user`,
    );
    return { chart: chartOf(rows), rows, version: rows[0]?.version ?? '' };
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
