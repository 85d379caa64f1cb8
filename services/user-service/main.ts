// The user-service process: `node services/user-service/main.ts` (PORT, HOST and the rest from the environment).
import { main } from "../shared/http.ts";
import { userService } from "./service.ts";

await main(userService);
