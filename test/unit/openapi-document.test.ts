import { describe, expect, it } from 'vitest';
import { OpenApiDocument } from '../../src/demo/adobe/platform/openapi-document.js';

const swagger2 = {
  swagger: '2.0',
  parameters: { limit: { name: 'limit', in: 'query', type: 'number' } },
  definitions: {
    item: { type: 'object', properties: { name: { type: 'string' }, $id: { type: 'string' } }, required: ['name'], example: { $id: 'x' } },
    wrapper: {
      type: 'object',
      properties: { item: { $ref: '#/definitions/item' } },
      $id: 'https://ns.adobe.com/xdm/context/profile__union',
    },
  },
  paths: {
    '/items': {
      get: {
        operationId: 'listItems',
        parameters: [{ $ref: '#/parameters/limit' }, { name: 'start', in: 'query', type: 'string', required: true }],
      },
    },
  },
};
const openApi3 = {
  openapi: '3.0.1',
  components: { schemas: { item: { type: 'object', properties: { count: { type: 'integer' } } } } },
  paths: { '/items': { get: { operationId: 'listItems', parameters: [{ name: 'flag', in: 'query', schema: { type: 'boolean' } }] } } },
};

describe('OpenApiDocument', () => {
  it('When a Swagger 2.0 document is loaded, Then its definitions validate bodies through their $refs, and stray $id strings are ignored', () => {
    const document = new OpenApiDocument('s2.yaml', swagger2);
    const validate = document.validator('wrapper');
    expect(validate({ item: { name: 'a', $id: 'https://x' } })).toBeUndefined();
    expect(validate({ item: {} })).toContain("must have required property 'name'");
  });

  it('When an OpenAPI 3 document is loaded, Then components.schemas validate', () => {
    expect(new OpenApiDocument('o3.yaml', openApi3).validator('item')({ count: 'two' })).toContain('must be integer');
  });

  it('When adapt edits the schemas, Then the validator follows the edit', () => {
    const document = new OpenApiDocument('s2b.yaml', swagger2, (schemas) => {
      schemas['item']!['required'] = [];
    });
    expect(document.validator('item')({})).toBeUndefined();
  });

  it.each([
    ['', 'query parameter start is required'],
    ['start=0&limit=ten', 'query parameter limit=ten must be a number'],
    ['start=0&limit=5', undefined],
  ])('When the Swagger 2.0 query is "%s", Then %s', (query, expected) => {
    expect(new OpenApiDocument('s2c.yaml', swagger2).queryValidator('listItems')(new URLSearchParams(query))).toBe(expected);
  });

  it('When an OpenAPI 3 boolean query parameter is not true or false, Then it is refused', () => {
    const check = new OpenApiDocument('o3b.yaml', openApi3).queryValidator('listItems');
    expect(check(new URLSearchParams('flag=yes'))).toContain('must be true or false');
    expect(check(new URLSearchParams('flag=true'))).toBeUndefined();
  });
});
