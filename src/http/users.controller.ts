import { Body, Controller, Get, HttpCode, Inject, Patch, Post, Query, UseGuards } from '@nestjs/common';
import { UuidParam } from '../platform/http/params';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { JwtService } from '@nestjs/jwt';
import { EntityManager } from '@mikro-orm/postgresql';
import { APP_CONFIG, type AppConfig } from '../platform/config/config';
import { unauthenticated } from '../kernel/errors';
import { AuditService } from '../features/audit/audit.service';
import { CurrentUser, Public, Roles, type AuthUser } from './auth/current-user';
import { LoginThrottleGuard } from '../features/users/login-throttle';
import { dummyHash, verifyPassword } from '../features/users/password';
import { CAN } from '../kernel/roles';
import { User } from '../features/users/user.entity';
import {
  CreateUserDto,
  LoginDto,
  LoginResponse,
  UpdateUserDto,
  UserPage,
  UserQuery,
  UserView,
} from '../features/users/users.dto';
import { toUserView, UsersService } from '../features/users/users.service';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly em: EntityManager,
    private readonly jwt: JwtService,
    private readonly audit: AuditService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Post('login')
  @Public()
  @HttpCode(200)
  @UseGuards(LoginThrottleGuard)
  @ApiOkResponse({ type: LoginResponse })
  @ApiUnauthorizedResponse({ description: 'Unknown email, wrong password or deactivated user' })
  @ApiTooManyRequestsResponse({ description: 'Too many sign-in attempts from this address' })
  async login(@Body() dto: LoginDto): Promise<LoginResponse> {
    const email = dto.email.trim().toLowerCase();
    const user = await this.em.findOne(User, { email }, { populate: ['passwordHash'] });
    const ok = await verifyPassword(user?.passwordHash ?? (await dummyHash()), dto.password);
    if (!user || !ok || !user.active) {
      throw unauthenticated('The email or password is wrong, or the account is deactivated');
    }
    const accessToken = await this.jwt.signAsync({ sub: user.id, role: user.role });
    await this.em.transactional((em) => {
      this.audit.record(em, {
        actorUserId: user.id,
        action: 'user.signed_in',
        entity: 'User',
        entityId: user.id,
        changes: {},
      });
    });
    return { accessToken, expiresIn: this.config.jwtExpiresInSeconds, user: toUserView(user) };
  }

  @Get('me')
  @ApiBearerAuth()
  @ApiOkResponse({ type: UserView })
  async me(@CurrentUser() me: AuthUser): Promise<UserView> {
    const user = await this.em.findOneOrFail(User, { id: me.id });
    return toUserView(user);
  }
}

@ApiTags('users')
@ApiBearerAuth()
@Controller('users')
@Roles(...CAN.manageUsers)
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get()
  @ApiOkResponse({ type: UserPage })
  list(@Query() q: UserQuery) {
    return this.users.list(q);
  }

  @Post()
  @ApiCreatedResponse({ type: UserView })
  create(@Body() dto: CreateUserDto, @CurrentUser() me: AuthUser) {
    return this.users.create(dto, me.id);
  }

  @Get(':id')
  @ApiOkResponse({ type: UserView })
  get(@UuidParam() id: string) {
    return this.users.get(id);
  }

  @Patch(':id')
  @ApiOkResponse({ type: UserView })
  update(@UuidParam() id: string, @Body() dto: UpdateUserDto, @CurrentUser() me: AuthUser) {
    return this.users.update(id, dto, me.id);
  }
}
