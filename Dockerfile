# EVG service image: Node 20, production dependencies only, TypeScript run through tsx (no build).
FROM node:20-bookworm-slim

ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000 \
    EVG_DATA_DIR=/var/lib/evg

WORKDIR /app

# Dependencies first, so a source change does not reinstall them.
COPY package.json package-lock.json .npmrc ./
COPY packages/effects/package.json packages/effects/
COPY packages/service/package.json packages/service/
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force

COPY migrations migrations
COPY packages/effects/src packages/effects/src
COPY packages/service/bin packages/service/bin
COPY packages/service/src packages/service/src
COPY openapi openapi

RUN mkdir -p /var/lib/evg && chown node:node /var/lib/evg
USER node
VOLUME /var/lib/evg
EXPOSE 3000

HEALTHCHECK --interval=10s --timeout=3s --start-period=60s \
  CMD node -e "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/health').then(r => process.exit(r.ok ? 0 : 1), () => process.exit(1))"

# `evg start` migrates the database before it listens.
ENTRYPOINT ["node", "packages/service/bin/evg.js"]
CMD ["start"]
