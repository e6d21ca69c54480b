# syntax=docker/dockerfile:1
# Multi-stage build: compile with dev dependencies, ship only production dependencies and the compiled output
# (the service in dist/, the browser SDK in packages/embed/dist/, served as /embed.js).

FROM node:20.20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY scripts/build-embed.mjs ./scripts/
COPY packages/embed/package.json packages/embed/tsconfig.json ./packages/embed/
COPY packages/embed/src ./packages/embed/src
COPY src ./src
RUN npm run build && npm prune --omit=dev

FROM node:20.20-bookworm-slim AS runtime
ENV NODE_ENV=production
WORKDIR /app
COPY --from=build --chown=node:node /app/package.json ./
COPY --from=build --chown=node:node /app/node_modules ./node_modules
COPY --from=build --chown=node:node /app/dist ./dist
COPY --from=build --chown=node:node /app/packages/embed/package.json ./packages/embed/
COPY --from=build --chown=node:node /app/packages/embed/dist ./packages/embed/dist
COPY --chown=node:node views ./views
COPY --chown=node:node public ./public
# The registry's SQL migrations, applied at start from the project root.
COPY --chown=node:node src/registry/migrations ./src/registry/migrations
# Adobe's OpenAPI documents, read at run time by the Platform simulators (demo mode) from the project root.
COPY --chown=node:node src/demo/adobe/flow-service/flow-service.openapi.yaml ./src/demo/adobe/flow-service/
COPY --chown=node:node src/demo/adobe/schema-registry/schema-registry.openapi.yaml ./src/demo/adobe/schema-registry/
COPY --chown=node:node src/demo/adobe/catalog/catalog.openapi.yaml ./src/demo/adobe/catalog/
COPY --chown=node:node src/demo/adobe/data-prep/data-prep.openapi.yaml ./src/demo/adobe/data-prep/
# The official image's unprivileged user (uid 1000).
USER node
EXPOSE 3000 9464
HEALTHCHECK --interval=10s --timeout=3s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# node itself, not `npm start`: npm would not pass SIGTERM on to node.
CMD ["node", "dist/src/index.js"]
