// Entry point of the `podpath` command.
import { runCli } from './main';

// A reader that stops early (`podpath cni … --steps | head`) closes the pipe. Like any Unix filter, stop
// quietly then, instead of dying on an unhandled EPIPE with a stack trace.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

process.exitCode = await runCli(process.argv.slice(2), {
  out: (t) => process.stdout.write(t),
  err: (t) => process.stderr.write(t),
});
