/** Discord ids (snowflakes) as every boundary checks them: 17 to 20 decimal digits. */
export const SNOWFLAKE_DIGITS = String.raw`\d{17,20}`;
export const SNOWFLAKE_PATTERN = new RegExp(`^${SNOWFLAKE_DIGITS}$`);

export const isSnowflake = (value: unknown): value is string =>
  typeof value === 'string' && SNOWFLAKE_PATTERN.test(value);
