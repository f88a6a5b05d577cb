/** Version of the article record's shape (schema/article.schema.json); bumped on incompatible changes. */
export const SCHEMA_VERSION = '1.1';
