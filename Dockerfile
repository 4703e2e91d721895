# EVG service image: Node 20, the compiled JavaScript of `npm run build`, production
# dependencies only (no TypeScript, no tsx at run time).

FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json .npmrc ./
COPY packages/effects/package.json packages/effects/
# Every workspace's manifest, or npm ci finds the lockfile out of step (the image does not run the client).
COPY packages/client/package.json packages/client/
COPY packages/service/package.json packages/service/
RUN npm ci --no-audit --no-fund
COPY tsconfig.json ./
COPY migrations migrations
COPY packages/effects/tsconfig.build.json packages/effects/
COPY packages/effects/src packages/effects/src
COPY packages/client/tsconfig.build.json packages/client/
COPY packages/client/src packages/client/src
COPY packages/service/tsconfig.build.json packages/service/
COPY packages/service/scripts packages/service/scripts
COPY packages/service/src packages/service/src
RUN npm run build

FROM node:20-bookworm-slim
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000 \
    EVG_DATA_DIR=/var/lib/evg
WORKDIR /app

# Dependencies first, so a source change does not reinstall them.
COPY package.json package-lock.json .npmrc ./
COPY packages/effects/package.json packages/effects/
# Every workspace's manifest, or npm ci finds the lockfile out of step (the image does not run the client).
COPY packages/client/package.json packages/client/
COPY packages/service/package.json packages/service/
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force

COPY --from=build /app/packages/effects/dist packages/effects/dist
COPY --from=build /app/dist dist
# Without its sources (and without tsx) bin/evg.js runs the compiled dist/.
COPY packages/service/bin packages/service/bin

RUN mkdir -p /var/lib/evg && chown node:node /var/lib/evg
USER node
VOLUME /var/lib/evg
EXPOSE 3000

# Ready = the database answers and is migrated (503 otherwise). The start period covers the
# first start on the embedded database, which loads the demo data before it listens.
HEALTHCHECK --interval=10s --timeout=5s --start-period=180s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/ready').then(r => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]

# `evg start` migrates the database before it listens.
ENTRYPOINT ["node", "packages/service/bin/evg.js"]
CMD ["start"]
