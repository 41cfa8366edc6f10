import { Injectable } from '@nestjs/common';
import { coverage } from '../../kernel/routing';
import { MANAGER_LADDER } from '../../kernel/roles';
import { AreasService } from '../areas/areas.service';
import type { CoverageView } from './coverage.dto';
import { StepRouting } from './step-routing.queries';

/**
 * Where escalations would go, before anything fires: for every area on the list (and young people
 * with no home area) and every rung of the ladder, who a step would reach when the PA's own chain
 * has nobody in that role; and every active PA whose chain is missing a rung. A gap is a cell
 * that would fall back to a more senior role or reach nobody.
 */
@Injectable()
export class CoverageService {
  constructor(
    private readonly routing: StepRouting,
    private readonly areas: AreasService,
  ) {}

  async coverage(): Promise<CoverageView> {
    const [{ chart, names }, list] = await Promise.all([this.routing.orgChartWithNames(), this.areas.list()]);
    const cells = coverage(
      chart,
      list.items.map((a) => a.name),
    );
    const pas = chart
      .activeHolders('pa', () => true)
      .map((pa) => {
        const chain = chart.chainAbove(pa.id);
        const missing = MANAGER_LADDER.filter((role) => !chain.some((p) => p.role === role && p.active));
        return { paUserId: pa.id, name: names.get(pa.id) ?? '', managerId: pa.managerId, missingInChain: missing };
      })
      .filter((p) => p.missingInChain.length);
    return {
      areas: cells.map((c) => ({
        area: c.area,
        role: c.role,
        recipients: c.recipients,
        gap: c.gap,
        unrouted: c.unrouted,
      })),
      gaps: cells.filter((c) => c.gap).map((c) => ({ area: c.area, role: c.role })),
      pasWithIncompleteChains: pas,
    };
  }
}
