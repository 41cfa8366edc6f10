import { Body, Controller, Get, Patch, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
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
  VacancyConfirmationView,
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
  @ApiOkResponse({ type: ServiceLevelPage, description: 'Lowest rank (most support) first' })
  list(@Query() q: PageQuery) {
    return this.levels.list(q);
  }

  @Post()
  @Roles(...CAN.writeInventory)
  @ApiCreatedResponse({ type: ServiceLevelView })
  @ApiConflictResponse({ description: 'The code is taken' })
  create(@Body() dto: CreateServiceLevelDto, @CurrentUser() me: AuthUser) {
    return this.levels.create(dto, me.id);
  }

  @Get(':id')
  @Roles(...CAN.readInventory)
  @ApiOkResponse({ type: ServiceLevelView })
  @ApiNotFoundResponse()
  get(@UuidParam() id: string) {
    return this.levels.get(id);
  }

  @Patch(':id')
  @Roles(...CAN.writeInventory)
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
  @ApiOkResponse({ type: ProviderPage })
  list(@Query() q: ProviderQuery) {
    return this.providers.list(q);
  }

  @Post()
  @Roles(...CAN.writeInventory)
  @ApiCreatedResponse({ type: ProviderView })
  create(@Body() dto: CreateProviderDto, @CurrentUser() me: AuthUser) {
    return this.providers.create(dto, me.id);
  }

  @Get(':id')
  @Roles(...CAN.readInventory)
  @ApiOkResponse({ type: ProviderView })
  @ApiNotFoundResponse()
  get(@UuidParam() id: string) {
    return this.providers.get(id);
  }

  @Patch(':id')
  @Roles(...CAN.writeInventory)
  @ApiOkResponse({ type: ProviderView })
  update(@UuidParam() id: string, @Body() dto: UpdateProviderDto, @CurrentUser() me: AuthUser) {
    return this.providers.update(id, dto, me.id);
  }

  @Post(':id/vacancy-confirmations')
  @Roles(...CAN.writeInventory)
  @ApiCreatedResponse({ type: VacancyConfirmationView, description: 'Sets vacanciesConfirmedAt to now' })
  confirm(@UuidParam() id: string, @Body() dto: VacancyConfirmationDto, @CurrentUser() me: AuthUser) {
    return this.providers.confirmVacancies(id, dto, me.id);
  }
}

@ApiTags('inventory')
@ApiBearerAuth()
@Controller()
export class BedsController {
  constructor(private readonly beds: BedsService) {}

  @Get('beds')
  @Roles(...CAN.readInventory)
  @ApiOkResponse({ type: BedPage })
  list(@Query() q: BedQuery) {
    return this.beds.list(q);
  }

  @Post('beds')
  @Roles(...CAN.writeInventory)
  @ApiCreatedResponse({ type: BedView })
  create(@Body() dto: CreateBedDto, @CurrentUser() me: AuthUser) {
    return this.beds.create(dto, me.id);
  }

  @Get('beds/:id')
  @Roles(...CAN.readInventory)
  @ApiOkResponse({ type: BedView })
  @ApiNotFoundResponse()
  get(@UuidParam() id: string) {
    return this.beds.get(id);
  }

  @Patch('beds/:id')
  @Roles(...CAN.writeInventory)
  @ApiOkResponse({ type: BedView })
  @ApiConflictResponse({ description: 'Stale version, a concurrent change, or a status the lifecycle does not allow' })
  update(@UuidParam() id: string, @Body() dto: UpdateBedDto, @CurrentUser() me: AuthUser) {
    return this.beds.update(id, dto, me.id);
  }

  @Get('vacancies')
  @Roles(...CAN.readInventory)
  @ApiOkResponse({ type: VacanciesView })
  vacancies() {
    return this.beds.vacancies();
  }
}
