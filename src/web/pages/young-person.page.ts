import { Get, Injectable, Query, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import { ContactsService } from '../../features/contacts/contacts.service';
import { EscalationsService } from '../../features/escalations/escalations.service';
import { BedsService } from '../../features/inventory/beds.service';
import { ProvidersService } from '../../features/inventory/providers.service';
import { ServiceLevelsService } from '../../features/inventory/service-levels.service';
import { MatchesService } from '../../features/placements/matches.service';
import { PlacementsService } from '../../features/placements/placements.service';
import { Ssda903Service } from '../../features/reports/ssda903.service';
import { TimelineService } from '../../features/reports/timeline.service';
import { YoungPeopleService } from '../../features/young-people/young-people.service';
import { CAN, type AuthUser } from '../../kernel/roles';
import { UuidParam } from '../../platform/http/params';
import { PageRoles, Pages, type PageRequest } from '../page.guard';
import {
  presentYoungPerson,
  readRecorded,
  type ShortMatch,
  type YoungPersonPageInput,
} from '../presenters/young-person.presenter';

/** How many matches the page shows under an open request. */
export const MATCHES_SHOWN = 5;

/**
 * Everything the young person's page reads, through the same services as the API and with the
 * same scoping (a PA: their own caseload; anyone else's is not found, the 404 page).
 */
@Injectable()
export class YoungPersonReader {
  constructor(
    private readonly people: YoungPeopleService,
    private readonly timelines: TimelineService,
    private readonly contacts: ContactsService,
    private readonly placements: PlacementsService,
    private readonly matching: MatchesService,
    private readonly escalations: EscalationsService,
    private readonly ssda903: Ssda903Service,
    private readonly beds: BedsService,
    private readonly providers: ProvidersService,
    private readonly levels: ServiceLevelsService,
  ) {}

  async read(user: AuthUser, id: string): Promise<Omit<YoungPersonPageInput, 'recorded'>> {
    const person = await this.people.get(user, id);
    const timeline = await this.timelines.view(user, id, { limit: 1, offset: 0 });
    const current = timeline.youngPerson.current;
    const contacts = await this.contacts.list(user, id, { limit: 1 });
    const requests = (await this.placements.list(user, { youngPersonId: id, limit: 100 })).items.filter(
      (r) => r.status === 'open' || r.status === 'held',
    );
    const matches: Record<string, ShortMatch[] | null> = {};
    if (CAN.readMatches.includes(user.role))
      for (const r of requests) if (r.status === 'open') matches[r.id] = await this.shortlist(user, r.id);
    return {
      person,
      paName: timeline.youngPerson.paName,
      current,
      ladder: current ? await this.ladder(user, current.stayId) : [],
      requests,
      matches,
      lastContact: contacts.items[0] ?? null,
      contactsTotal: contacts.total,
      nextReturn: await this.ssda903.nextReturnFor(user, id),
      canRecord: {
        contact: CAN.recordContacts.includes(user.role),
        stay: CAN.recordStays.includes(user.role),
        request: CAN.raiseRequests.includes(user.role),
        details: CAN.writeYoungPeople.includes(user.role),
      },
    };
  }

  /** What the next SSDA903 return will say about them, as its values (to tell whether a form changed it). */
  async returnValues(user: AuthUser, id: string): Promise<string> {
    const r = await this.ssda903.nextReturnFor(user, id);
    if (!r.inScope) return `out:${r.why}`;
    return r.row ? `${r.row.IN_TOUCH},${r.row.ACTIV},${r.row.ACCOM}` : `exception:${r.exception.reason}`;
  }

  /** The open stay's escalation ladder (each step with who it reached), or none when no clock runs. */
  private async ladder(user: AuthUser, stayId: string) {
    const steps = await this.escalations.list(user, { stayId, limit: 1 });
    if (!steps.items.length) return [];
    return (await this.escalations.alertPage(user, steps.items[0].id)).ladder;
  }

  /** The best few beds for an open request: where, not who lives there. */
  private async shortlist(user: AuthUser, requestId: string): Promise<ShortMatch[]> {
    const page = await this.matching.matches(user, requestId, { limit: MATCHES_SHOWN, excludedLimit: 0 });
    const out: ShortMatch[] = [];
    for (const c of page.candidates) {
      const bed = await this.beds.get(c.bedId);
      const [provider, level] = [await this.providers.get(bed.providerId), await this.levels.get(bed.serviceLevelId)];
      out.push({
        bedLabel: bed.label,
        providerName: provider.name,
        area: provider.area,
        level: level.name,
        score: c.score,
      });
    }
    return out;
  }
}

/**
 * A young person's page (`/young-people/:id`): who they are, where they are now and who was told,
 * their open placement requests with the best matches (read-only), the last contact and what the
 * next SSDA903 return will say; links to record a contact, a stay or a request, and the timeline.
 */
@Pages('young-people')
@PageRoles(...CAN.readYoungPeople)
export class YoungPersonPage {
  constructor(private readonly reader: YoungPersonReader) {}

  @Get(':id')
  async show(
    @Req() req: PageRequest,
    @Res() res: Response,
    @UuidParam() id: string,
    @Query() query: Record<string, unknown>,
  ): Promise<void> {
    const input = await this.reader.read(req.user!, id);
    res.render('young-people/young-person', presentYoungPerson({ ...input, recorded: readRecorded(query) }));
  }
}
