import { Body, Controller, Get, HttpCode, Ip, Patch, Post, Query } from '@nestjs/common';
import { UuidParam } from '../platform/http/params';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { CurrentUser, Public, Roles } from './auth/current-user';
import { SignInService } from '../features/users/sign-in.service';
import { CAN, type AuthUser } from '../kernel/roles';
import {
  CreateUserDto,
  LoginDto,
  LoginResponse,
  UpdateUserDto,
  UserPage,
  UserQuery,
  UserView,
} from '../features/users/users.dto';
import { UsersService } from '../features/users/users.service';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly signIn: SignInService,
    private readonly users: UsersService,
  ) {}

  @Post('login')
  @Public()
  @HttpCode(200)
  @ApiOperation({
    summary: 'Sign in with email and password',
    description:
      'Answers an access token (a bearer token for every other call, expiring after JWT_EXPIRES_IN). An unknown email, a wrong ' +
      'password and a deactivated account get the same 401. Failed attempts are limited per account (after five, each waits a ' +
      'doubling delay) and per address (an address past LOGIN_RATE_LIMIT failures may still sign in accounts it has not been ' +
      'failing at): 429 with Retry-After. Every attempt is audited.',
  })
  @ApiOkResponse({ type: LoginResponse })
  @ApiUnauthorizedResponse({ description: 'Unknown email, wrong password or deactivated user' })
  @ApiTooManyRequestsResponse({ description: 'Too many failed sign-ins for this account or from this address' })
  login(@Body() dto: LoginDto, @Ip() ip: string): Promise<LoginResponse> {
    return this.signIn.signIn(dto.email, dto.password, ip ?? 'unknown');
  }

  @Post('logout')
  @HttpCode(204)
  @ApiBearerAuth()
  @ApiOperation({
    summary: 'Sign out everywhere',
    description: 'Ends every access token and web session of the signed-in user (their token version moves on).',
  })
  @ApiNoContentResponse({ description: 'Signed out' })
  async logout(@CurrentUser() me: AuthUser): Promise<void> {
    await this.signIn.signOut(me);
  }

  @Get('me')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'The signed-in user' })
  @ApiOkResponse({ type: UserView })
  me(@CurrentUser() me: AuthUser): Promise<UserView> {
    return this.users.me(me.id);
  }
}

@ApiTags('users')
@ApiBearerAuth()
@Controller('users')
@Roles(...CAN.manageUsers)
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get()
  @ApiOperation({ summary: 'List staff accounts, by email', description: 'Filter: role.' })
  @ApiOkResponse({ type: UserPage })
  list(@Query() q: UserQuery) {
    return this.users.list(q);
  }

  @Post()
  @ApiOperation({
    summary: 'Create a staff account',
    description: 'Emails are unique (case-insensitive): a taken one is a 409.',
  })
  @ApiCreatedResponse({ type: UserView })
  create(@Body() dto: CreateUserDto, @CurrentUser() me: AuthUser) {
    return this.users.create(dto, me.id);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One staff account' })
  @ApiOkResponse({ type: UserView })
  get(@UuidParam() id: string) {
    return this.users.get(id);
  }

  @Patch(':id')
  @ApiOperation({
    summary: 'Change a staff account',
    description:
      'Absent fields are left alone. active: false deactivates the account: its tokens stop working at the next request. A role change applies from the next request too.',
  })
  @ApiOkResponse({ type: UserView })
  update(@UuidParam() id: string, @Body() dto: UpdateUserDto, @CurrentUser() me: AuthUser) {
    return this.users.update(id, dto, me.id);
  }
}
