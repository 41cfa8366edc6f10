import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsEmail, IsIn, IsOptional, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import { PageQuery } from '../../platform/pagination';
import { Trim } from '../../platform/http/transforms';
import { NotBlank, Nullable, Present } from '../../platform/http/validation';
import { ROLES, type Role } from '../../kernel/roles';

export class LoginDto {
  @ApiProperty({ example: 'admin@demo.invalid' })
  @Trim()
  @IsString()
  @NotBlank()
  @MaxLength(254)
  email: string;

  /** Never trimmed: a password may begin or end with a space. */
  @ApiProperty({ example: 'correct horse battery staple' })
  @IsString()
  @NotBlank()
  @MaxLength(200)
  password: string;
}

export class UserView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() email: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: ROLES }) role: Role;
  @ApiPropertyOptional({
    type: String,
    nullable: true,
    description: 'Area the user works in (from GET /areas); null: the whole council',
  })
  area?: string | null;
  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'Who this user reports to (a PA: their team manager); escalations follow it upwards',
  })
  managerId: string | null;
  @ApiProperty() active: boolean;
}

export class LoginResponse {
  @ApiProperty() accessToken: string;
  @ApiProperty({ description: 'Seconds until the token expires' }) expiresIn: number;
  @ApiProperty({ type: UserView }) user: UserView;
}

export class CreateUserDto {
  @ApiProperty({ example: 'pa.jones@council.example' })
  @IsEmail()
  @MaxLength(254)
  email: string;

  @ApiProperty({ example: 'Sam Jones' })
  @Trim()
  @IsString()
  @NotBlank()
  @MaxLength(200)
  name: string;

  @ApiProperty({ enum: ROLES })
  @IsIn(ROLES)
  role: Role;

  @ApiPropertyOptional({ type: String, nullable: true, example: 'Crewe' })
  @Nullable()
  @Trim()
  @IsString()
  @NotBlank()
  @MaxLength(100)
  area?: string | null;

  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true, description: 'Who this user reports to' })
  @Nullable()
  @IsUUID()
  managerId?: string | null;

  @ApiPropertyOptional({ default: true })
  @Present()
  @IsBoolean()
  active?: boolean;

  @ApiProperty({ minLength: 12, maxLength: 200 })
  @IsString()
  @MinLength(12)
  @MaxLength(200)
  @NotBlank()
  password: string;
}

export class UpdateUserDto {
  @ApiPropertyOptional() @Present() @IsEmail() @MaxLength(254) email?: string;
  @ApiPropertyOptional() @Present() @Trim() @IsString() @NotBlank() @MaxLength(200) name?: string;
  @ApiPropertyOptional({ enum: ROLES }) @Present() @IsIn(ROLES) role?: Role;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'null: the whole council' })
  @Nullable()
  @Trim()
  @IsString()
  @NotBlank()
  @MaxLength(100)
  area?: string | null;
  @ApiPropertyOptional({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'Who this user reports to; null: nobody',
  })
  @Nullable()
  @IsUUID()
  managerId?: string | null;
  @ApiPropertyOptional({ description: 'false deactivates the user: they cannot sign in and their tokens stop working' })
  @Present()
  @IsBoolean()
  active?: boolean;
  @ApiPropertyOptional({ minLength: 12, maxLength: 200 })
  @Present()
  @IsString()
  @MinLength(12)
  @MaxLength(200)
  @NotBlank()
  password?: string;
}

export class UserQuery extends PageQuery {
  @ApiPropertyOptional({ enum: ROLES }) @IsOptional() @IsIn(ROLES) role?: Role;
}

export class UserPage {
  @ApiProperty({ type: [UserView] }) items: UserView[];
  @ApiProperty() total: number;
}
