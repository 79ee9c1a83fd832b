// Prints this checkout's steady-view figures as one JSON line (the scale bench runs it inside a
// clone with generated APIs). Usage: tsx src/sessions-scale/measure-here.ts [views]
import { loadToolEnv } from '@repo/auth-config';
import { measureSteadyViews } from './steady-views';

const views = Number(process.argv[2] ?? 10);
const result = await measureSteadyViews({ chromiumPath: loadToolEnv().chromiumPath, views });
process.stdout.write(`${JSON.stringify(result)}\n`);
