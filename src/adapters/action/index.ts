import { run } from './main.js'

// Exit once done, with the status run() set: keep-alive agents of the toolkit's HTTP clients would otherwise hold the step open.
void run().then(() => process.exit())
