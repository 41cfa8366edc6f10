import { Body, Controller, Get, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AreaList, AreaView, CreateAreaDto } from '../features/areas/areas.dto';
import { AreasService } from '../features/areas/areas.service';
import { CAN, type AuthUser } from '../kernel/roles';
import { CurrentUser, Roles } from './auth/current-user';

@ApiTags('areas')
@ApiBearerAuth()
@Controller('areas')
export class AreasController {
  constructor(private readonly areas: AreasService) {}

  @Get()
  @Roles(...CAN.readAreas)
  @ApiOperation({
    summary: 'The managed list of areas',
    description: 'Every area a user, provider or young person may name, alphabetically (forms offer these).',
  })
  @ApiOkResponse({ type: AreaList })
  list(): Promise<AreaList> {
    return this.areas.list();
  }

  @Post()
  @Roles(...CAN.manageAreas)
  @ApiOperation({
    summary: 'Add an area to the list',
    description: 'Names are unique ignoring case and surrounding spaces ("crewe " is Crewe): a second one is 409.',
  })
  @ApiCreatedResponse({ type: AreaView })
  create(@Body() dto: CreateAreaDto, @CurrentUser() me: AuthUser): Promise<AreaView> {
    return this.areas.create(dto, me.id);
  }
}
