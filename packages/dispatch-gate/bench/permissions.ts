import { allNeededPermissions } from "../src/contract";

export const allPermissionsForBench = [...allNeededPermissions];
