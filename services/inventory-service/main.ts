// The inventory-service process: `node services/inventory-service/main.ts` (PORT, HOST and the rest from the environment).
import { main } from "../shared/http.ts";
import { inventoryService } from "./service.ts";

await main(inventoryService);
