// The order-service process: `node services/order-service/main.ts` (PORT, HOST and the rest from the environment).
import { main } from "../shared/http.ts";
import { orderService } from "./service.ts";

await main(orderService);
