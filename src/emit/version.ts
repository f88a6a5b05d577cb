/** Version of the article record's shape (schema/article.schema.json); bumped on every change (1.2: publication; a minor bump only adds fields). */
export const SCHEMA_VERSION = '1.2';
