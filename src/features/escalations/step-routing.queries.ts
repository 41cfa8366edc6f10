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

/**
 * Who receives a fired step: the kernel's routing rule (`kernel/routing.ts`: line-management
 * chain, home area, council-wide, the next senior role; the allocated PA told as the PA) over the
 * org chart as it is in this transaction.
 */
@Injectable()
export class StepRouting {
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

  private async load(): Promise<{ chart: OrgChart; rows: UserRow[] }> {
    const rows = await this.uow.em.execute<UserRow[]>(
      `select id, email, name, role, area, manager_id, active from app_user`,
    );
    const people: OrgPerson[] = rows.map((r) => ({
      id: r.id,
      role: r.role,
      area: r.area,
      managerId: r.manager_id,
      active: r.active,
    }));
    return { chart: new OrgChart(people), rows };
  }

  async route(step: StepToRoute): Promise<StepRoute> {
    const { chart, emails } = await this.orgChart();
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
