import { Migration } from '@mikro-orm/migrations';

/**
 * Indexes for finding a young person (issue 13, GET /young-people?q=): name words anywhere in the
 * first or last name (a trigram index, so `like '%word%'` need not read every row), and a reference
 * by case-insensitive prefix. The date of birth already has `young_person_date_of_birth_index`.
 * `pg_trgm` ships with PostgreSQL and is a trusted extension, so the database owner may create it.
 */
export class Migration20261129163000_PeopleSearch extends Migration {
  override name = 'Migration20261129163000_PeopleSearch';

  override up(): void | Promise<void> {
    this.addSql(`create extension if not exists pg_trgm;`);
    this.addSql(
      `create index "young_person_name_search_index" on "young_person" using gin ((lower("first_name" || ' ' || "last_name")) gin_trgm_ops);`,
    );
    this.addSql(
      `create index "young_person_reference_lower_index" on "young_person" (lower("reference") text_pattern_ops);`,
    );
  }

  override down(): void | Promise<void> {
    this.addSql(`drop index if exists "young_person_reference_lower_index";`);
    this.addSql(`drop index if exists "young_person_name_search_index";`);
  }
}
