# Production image: install, `next build`, then `npm start` (server/cli.ts migrates the database
# named by DATABASE_URL before starting Next.js); the same image runs the worker (`npm run worker`).
# Node 22: pg-boss 12 asks for it. See docker-compose.yml.
FROM node:22-bookworm-slim

ENV NEXT_TELEMETRY_DISABLED=1
WORKDIR /app
RUN chown node:node /app
USER node

COPY --chown=node:node package.json package-lock.json ./
RUN npm ci --no-audit --no-fund

COPY --chown=node:node . .
RUN npm run build

ENV NODE_ENV=production PORT=3000
EXPOSE 3000
CMD ["npm", "start"]
