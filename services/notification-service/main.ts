// The notification-service process: `node services/notification-service/main.ts` (PORT, HOST and the rest from the environment).
import { main } from "../shared/http.ts";
import { notificationService } from "./service.ts";

await main(notificationService);
