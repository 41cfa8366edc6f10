import { Body, Controller, Get, Patch, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { CurrentUser, Roles } from './auth/current-user';
import { CAN, type AuthUser } from '../kernel/roles';
import { PageQuery } from '../platform/pagination';
import { UuidParam } from '../platform/http/params';
import {
  BedPage,
  BedQuery,
  BedView,
  CreateBedDto,
  CreateProviderDto,
  CreateServiceLevelDto,
  ProviderPage,
  ProviderQuery,
  ProviderView,
  ServiceLevelPage,
  ServiceLevelView,
  UpdateBedDto,
  UpdateProviderDto,
  UpdateServiceLevelDto,
  VacanciesView,
  VacancyConfirmationDto,
  VacancyConfirmationPage,
  VacancyConfirmationView,
  VacancyQuery,
} from '../features/inventory/inventory.dto';
import { BedsService } from '../features/inventory/beds.service';
import { ProvidersService } from '../features/inventory/providers.service';
import { ServiceLevelsService } from '../features/inventory/service-levels.service';

@ApiTags('inventory')
@ApiBearerAuth()
@Controller('service-levels')
export class ServiceLevelsController {
  constructor(private readonly levels: ServiceLevelsService) {}

  @Get()
  @Roles(...CAN.readInventory)
  @ApiOperation({ summary: 'List the service levels, most support first' })
  @ApiOkResponse({ type: ServiceLevelPage, description: 'Lowest rank (most support) first' })
  list(@Query() q: PageQuery) {
    return this.levels.list(q);
  }

  @Post()
  @Roles(...CAN.writeInventory)
  @ApiOperation({
    summary: 'Define a service level on the accommodation pathway',
    description:
      'Its SSDA903 code and default suitability decide how a stay in one of its beds is recorded and whether it escalates.',
  })
  @ApiCreatedResponse({ type: ServiceLevelView })
  @ApiConflictResponse({ description: 'The code is taken' })
  create(@Body() dto: CreateServiceLevelDto, @CurrentUser() me: AuthUser) {
    return this.levels.create(dto, me.id);
  }

  @Get(':id')
  @Roles(...CAN.readInventory)
  @ApiOperation({ summary: 'Read one service level' })
  @ApiOkResponse({ type: ServiceLevelView })
  @ApiNotFoundResponse()
  get(@UuidParam() id: string) {
    return this.levels.get(id);
  }

  @Patch(':id')
  @Roles(...CAN.writeInventory)
  @ApiOperation({
    summary: 'Change a service level',
    description: 'Send the version you read: a stale one is refused with 409 and nothing changes.',
  })
  @ApiOkResponse({ type: ServiceLevelView })
  @ApiConflictResponse({ description: 'Stale version, or the code is taken' })
  update(@UuidParam() id: string, @Body() dto: UpdateServiceLevelDto, @CurrentUser() me: AuthUser) {
    return this.levels.update(id, dto, me.id);
  }
}

@ApiTags('inventory')
@ApiBearerAuth()
@Controller('providers')
export class ProvidersController {
  constructor(private readonly providers: ProvidersService) {}

  @Get()
  @Roles(...CAN.readInventory)
  @ApiOperation({
    summary: 'List providers by name',
    description:
      'Filter by area (case-insensitive) and by whether their vacancy data is stale (not confirmed within VACANCY_STALE_AFTER).',
  })
  @ApiOkResponse({ type: ProviderPage })
  list(@Query() q: ProviderQuery) {
    return this.providers.list(q);
  }

  @Post()
  @Roles(...CAN.writeInventory)
  @ApiOperation({
    summary: 'Add a provider',
    description:
      'An Ofsted registration needs both a URN and a category; under-18s are only matched to registered providers.',
  })
  @ApiCreatedResponse({ type: ProviderView })
  create(@Body() dto: CreateProviderDto, @CurrentUser() me: AuthUser) {
    return this.providers.create(dto, me.id);
  }

  @Get(':id')
  @Roles(...CAN.readInventory)
  @ApiOperation({ summary: 'Read one provider' })
  @ApiOkResponse({ type: ProviderView })
  @ApiNotFoundResponse()
  get(@UuidParam() id: string) {
    return this.providers.get(id);
  }

  @Patch(':id')
  @Roles(...CAN.writeInventory)
  @ApiOperation({
    summary: 'Change a provider',
    description: 'Send the version you read: a stale one is refused with 409 and nothing changes.',
  })
  @ApiOkResponse({ type: ProviderView })
  update(@UuidParam() id: string, @Body() dto: UpdateProviderDto, @CurrentUser() me: AuthUser) {
    return this.providers.update(id, dto, me.id);
  }

  @Post(':id/vacancy-confirmations')
  @Roles(...CAN.writeInventory)
  @ApiOperation({ summary: 'Record that a provider has confirmed its vacancies are current' })
  @ApiCreatedResponse({ type: VacancyConfirmationView, description: 'Sets vacanciesConfirmedAt to now' })
  confirm(@UuidParam() id: string, @Body() dto: VacancyConfirmationDto, @CurrentUser() me: AuthUser) {
    return this.providers.confirmVacancies(id, dto, me.id);
  }

  @Get(':id/vacancy-confirmations')
  @Roles(...CAN.readInventory)
  @ApiOperation({
    summary: "A provider's vacancy confirmations, newest first",
    description: 'What the provider said (the note), who recorded it (with their name) and when.',
  })
  @ApiOkResponse({ type: VacancyConfirmationPage })
  @ApiNotFoundResponse()
  confirmations(@UuidParam() id: string, @Query() q: PageQuery) {
    return this.providers.confirmations(id, q);
  }
}

@ApiTags('inventory')
@ApiBearerAuth()
@Controller()
export class BedsController {
  constructor(private readonly beds: BedsService) {}

  @Get('beds')
  @Roles(...CAN.readInventory)
  @ApiOperation({
    summary: 'List beds by label',
    description: 'Filter by status, provider, service level and provider area.',
  })
  @ApiOkResponse({ type: BedPage })
  async list(@Query() q: BedQuery, @CurrentUser() me: AuthUser) {
    const page = await this.beds.list(q);
    return { ...page, items: await this.beds.withActions(me, page.items) };
  }

  @Post('beds')
  @Roles(...CAN.writeInventory)
  @ApiOperation({ summary: 'Add a bed with its restrictions' })
  @ApiCreatedResponse({ type: BedView })
  async create(@Body() dto: CreateBedDto, @CurrentUser() me: AuthUser) {
    return (await this.beds.withActions(me, [await this.beds.create(dto, me.id)]))[0];
  }

  @Get('beds/:id')
  @Roles(...CAN.readInventory)
  @ApiOperation({ summary: 'Read one bed' })
  @ApiOkResponse({ type: BedView })
  @ApiNotFoundResponse()
  async get(@UuidParam() id: string, @CurrentUser() me: AuthUser) {
    return (await this.beds.withActions(me, [await this.beds.get(id)]))[0];
  }

  @Patch('beds/:id')
  @Roles(...CAN.writeInventory)
  @ApiOperation({
    summary: 'Change a bed, or take it out of or back into service',
    description:
      'Only available <-> out of service here: a held or occupied bed follows its hold or stay. ' +
      'Send the version you read: a stale one, or a change racing another, is refused with 409.',
  })
  @ApiOkResponse({ type: BedView })
  @ApiConflictResponse({ description: 'Stale version, a concurrent change, or a status the lifecycle does not allow' })
  async update(@UuidParam() id: string, @Body() dto: UpdateBedDto, @CurrentUser() me: AuthUser) {
    return (await this.beds.withActions(me, [await this.beds.update(id, dto, me.id)]))[0];
  }

  @Get('vacancies')
  @Roles(...CAN.readInventory)
  @ApiOperation({
    summary: 'The vacancy board: beds by service level and area, free on a day by age band, and stale providers',
    description:
      'Rows name the level, the area and the providers (stale ones marked: vacancies not confirmed within ' +
      'VACANCY_STALE_AFTER). Pathway placements, hotel / B&B rooms and emergency beds are counted apart. ' +
      '`freeOn` (default today) counts beds free that day: holds still live then, planned move-ins and ' +
      'out-of-service beds not back by then are not free. Filters: area, serviceLevelId, providerId, ageBand, uasc, group.',
  })
  @ApiOkResponse({ type: VacanciesView })
  vacancies(@Query() q: VacancyQuery) {
    return this.beds.vacancies(q);
  }
}
