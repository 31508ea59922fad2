import schema from '../../schema/images-v1.schema.json' with { type: 'json' }
export const imagesV1Schema: object = schema
