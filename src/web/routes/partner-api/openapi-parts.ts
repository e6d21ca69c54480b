/** An error answer of the partner API: `{error: {code, message, fields}}`. */
export const errorResponse = (description: string) => ({
  description,
  content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
});
