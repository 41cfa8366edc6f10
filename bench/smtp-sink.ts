/**
 * The mail server `bench:escalations` sends its alerts to, in a process of its own (forked by the
 * bench): accepts every message and discards it. Kept out of the service's process so that
 * receiving a few hundred e-mails a second does not share the service's one JavaScript thread (a
 * council's mail relay is another machine). Sends back the port it listens on; runs until killed.
 */
import { SMTPServer } from 'smtp-server';

const smtp = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS'],
  logger: false,
  onData: (s, _session, cb) => s.on('data', () => undefined).on('end', () => cb()),
});
smtp.listen(0, '127.0.0.1', () => {
  process.send!({ port: (smtp.server.address() as { port: number }).port });
});
process.once('disconnect', () => process.exit(0));
