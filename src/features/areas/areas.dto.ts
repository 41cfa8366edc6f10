import { ApiProperty } from '@nestjs/swagger';
import { IsString, Matches, MaxLength } from 'class-validator';
import { Trim } from '../../platform/http/transforms';
import { NotBlank } from '../../platform/http/validation';

export class CreateAreaDto {
  @ApiProperty({ example: 'Crewe', maxLength: 100 })
  @Trim()
  @IsString()
  @NotBlank()
  @MaxLength(100)
  @Matches(/^[\p{L}\p{N}][\p{L}\p{N} '’&.-]*$/u, { message: "name must be letters, digits, spaces and - . ' & only" })
  name: string;
}

export class AreaView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'Crewe' }) name: string;
}

export class AreaList {
  @ApiProperty({ type: [AreaView] }) items: AreaView[];
  @ApiProperty() total: number;
}
