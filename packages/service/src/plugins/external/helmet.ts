import helmet from '@fastify/helmet';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

/**
 * Security headers. The content security policy allows only this origin's own scripts, so the
 * web client at `/` and the docs at `/docs` (which @fastify/swagger-ui serves as files) work;
 * inline styles and data: images are needed by Swagger UI.
 */
async function helmetPlugin(app: FastifyInstance): Promise<void> {
  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        frameAncestors: ["'none'"],
        objectSrc: ["'none'"],
        // The service is often reached over plain http on a LAN or loopback; upgrading would break it.
        upgradeInsecureRequests: null,
      },
    },
  });
}

export default fp(helmetPlugin, { name: 'helmet' });
