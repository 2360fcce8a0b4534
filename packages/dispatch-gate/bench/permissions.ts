import { operationCatalog, operationIds } from "../src/contract";

export const allPermissionsForBench = [...new Set(operationIds.flatMap((id) => operationCatalog[id].requiredPermissions))];
