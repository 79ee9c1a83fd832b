import { join } from 'node:path';
import { findWorkspaceRoot } from '@repo/auth-config';

export const workspaceRoot = findWorkspaceRoot(import.meta.dirname);
export const ordersApiDir = join(workspaceRoot, 'apps', 'orders-api');
