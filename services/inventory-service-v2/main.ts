// inventory-service-v2: the canary build of inventory-service. The same code with
// SERVICE_VERSION v2 (its answers carry a new field, `restock_eta_days`), under its own
// service name so faults, metrics and logs can single it out. The task definition sets both;
// these defaults make the process say so when started by hand.
import { inventoryService } from "../inventory-service/service.ts";
import { main } from "../shared/http.ts";

process.env.SERVICE_NAME ||= "inventory-service-v2";
process.env.SERVICE_VERSION ||= "v2";
await main(inventoryService);
