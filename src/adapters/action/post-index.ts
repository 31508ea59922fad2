import { post } from './post.js'

// The post step's bundle entry (dist/post/index.js): exit once done, as the main step does.
void post().then(() => process.exit())
